"""Training and health side by side: a card on the customer page and a compact table in the summary.

Its own thin state, loaded when the card mounts, so the customer page and the summary each place
it with one line and know nothing of it. Both pages have the customer's id as the path's second
segment (routes.BENCHMARK, routes.BENCHMARK_PRINT).
"""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError
from app.services.benchmarks import training_health as training_health_views
from app.ui import routes
from app.ui.layout import error_callout, loading
from app.ui.pages.csm import training_health_words as words
from app.ui.pages.csm.benchmark_panel import chart
from app.ui.state import SessionState


class TrainingHealthState(SessionState):
    # Released band medians, peer counts as bands, the customer's own values: see training_health_words.
    as_of: str = ""
    customer: str = ""
    metrics: list[dict] = []
    withheld: list[str] = []
    empty: str = ""
    summary_line: str = ""
    summary_header: list[str] = []
    summary: list[dict] = []
    error: str = ""
    loading: bool = True

    @rx.event
    def load(self):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        self.loading, self.error = True, ""
        organization_id = routes.path_id(self.router.url, 1)
        try:
            with session_scope() as session:
                view = training_health_views.training_health(session=session, viewer=user,
                                                             organization_id=organization_id)
        except DomainError as err:
            self.error, self.metrics, self.summary, self.loading = str(err), [], [], False
            return None
        card = words.card(view)
        self.as_of, self.customer, self.metrics = card["as_of"], card["customer"], card["metrics"]
        self.withheld, self.empty = card["withheld"], card["empty"]
        table = words.summary_table(view)
        self.summary_header, self.summary = table["header"], table["rows"]
        self.summary_line = words.summary_sentence(view)
        self.loading = False
        return None

    @rx.event
    def leave(self):
        # Checked like every handler; leaving clears the card either way, so the next customer
        # opened never shows this one's numbers first.
        _user, _redirect = self._authorize("csm", "admin")
        self.reset()


def _band_row(row: rx.Var) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(rx.cond(row["mine"], "◆ ", ""), row["label"], size="1",
                    weight=rx.cond(row["mine"], "bold", "regular")),
            rx.text(row["median"], size="1", weight="medium", white_space="nowrap"),
            justify="between", width="100%", spacing="2",
        ),
        rx.cond(row["peers"] != "", rx.text(row["peers"], size="1", color_scheme="gray")),
        width="100%", class_name="band-row",
    )


def _metric(metric: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.heading(metric["label"], size="2", as_="h3"),
                      rx.text(metric["better"], size="1", color_scheme="gray"),
                      justify="between", align="baseline", width="100%", wrap="wrap"),
            rx.cond(metric["has_chart"], rx.box(chart(metric["figure"]), width="100%", class_name="band-medians-chart")),
            rx.text(metric["comparison"], size="1", class_name="comparison"),
            rx.vstack(rx.foreach(metric["rows"].to(list[dict]), _band_row), spacing="0", width="100%"),
            spacing="2", width="100%",
        ),
        width="100%", class_name="training-health-metric", data_metric=metric["key"],
    )


def _legend() -> rx.Component:
    return rx.text("Dark tick: the band's median · light bar: its middle half (p25–p75) where the band has 10 or "
                   "more customers · ◆ diamond: this customer, in its own band's row.", size="1", color_scheme="gray")


def training_health_card() -> rx.Component:
    """The card of the customer page."""
    state = TrainingHealthState
    return rx.card(
        rx.vstack(
            rx.heading("Training and health", size="4", as_="h2"),
            rx.text(words.WHAT_IT_IS, size="2", color_scheme="gray"),
            rx.callout(words.ASSOCIATION, icon="info", size="1", width="100%", id="association-note"),
            error_callout(state.error),
            loading(state.loading, "Loading the training-and-health comparison…"),
            rx.cond(
                ~state.loading & (state.error == ""),
                rx.cond(
                    state.empty != "",
                    rx.text(state.empty, size="2", color_scheme="gray"),
                    rx.vstack(
                        rx.text(state.customer, size="2", weight="medium", id="training-health-customer"),
                        _legend(),
                        rx.grid(rx.foreach(state.metrics, _metric), columns=rx.breakpoints(initial="1", md="3"),
                                spacing="3", width="100%"),
                        rx.foreach(state.withheld, lambda line: rx.text(line, size="1", color_scheme="gray",
                                                                        class_name="withheld-band")),
                        rx.text("As of ", state.as_of, size="1", color_scheme="gray"),
                        spacing="2", width="100%",
                    ),
                ),
            ),
            spacing="3", width="100%",
        ),
        width="100%", id="training-health", on_mount=TrainingHealthState.load, on_unmount=TrainingHealthState.leave,
    )


_CELL = {"padding": "0 5px", "text_align": "left", "font_weight": "inherit", "white_space": "nowrap"}


def _summary_row(row: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row["label"], scope="row", style=_CELL),
        rx.foreach(row["cells"].to(list[str]), lambda cell: rx.el.td(cell, style=_CELL)),
    )


# The review must stay one A4 page: this block is a few 10 px lines, about 50 px high.
_SMALL = {"font_size": "10px", "line_height": "1.25", "margin": "0"}


def training_health_summary() -> rx.Component:
    """The compact version for the printed summary: two sentences beside one small table."""
    state = TrainingHealthState
    return rx.grid(
        rx.el.div(
            rx.el.p(rx.el.strong("Training and health. "), state.summary_line, style=_SMALL),
            rx.el.p(words.ASSOCIATION_SHORT, style=_SMALL | {"color": "#475569"}),
            error_callout(state.error),
        ),
        rx.cond(
            state.summary.length() > 0,
            rx.el.table(
                rx.el.thead(rx.el.tr(rx.foreach(state.summary_header,
                                                lambda name: rx.el.th(name, scope="col", style=_CELL)))),
                rx.el.tbody(rx.foreach(state.summary, _summary_row)),
                style=_SMALL | {"border_collapse": "collapse"},
            ),
            rx.el.p(state.empty, style=_SMALL),
        ),
        columns="2fr 3fr", spacing="3", align="center", width="100%", id="training-health",
        on_mount=TrainingHealthState.load, on_unmount=TrainingHealthState.leave,
    )
