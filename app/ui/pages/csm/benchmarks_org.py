"""One customer against its peers: a headline, five metric panels, 90-day trends, training, exports."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.benchmarks.cohorts import COHORT_KINDS
from app.domain.errors import DomainError
from app.services.benchmarks import exports as benchmark_exports
from app.services.benchmarks.cohort_choices import cohort_choices
from app.services.benchmarks import views as benchmark_views
from app.services.training import status as training_status
from app.ui import routes
from app.ui.layout import error_callout, link_button, loading, shell
from app.ui.pages.csm import benchmark_words as words
from app.ui.pages.csm import cohort_words
from app.ui.pages.csm.benchmark_header import cohort_switch, headline, withheld_banner
from app.ui.pages.csm.benchmark_panel import legend, methodology_note, metric_panel, training_card, trend_panel
from app.ui.pages.csm.customer_paths import org_id_from, org_path
from app.ui.pages.csm.training_health import training_health_card
from app.ui.state import SessionState, utcnow


# The 90-day fans are asked for once today's band charts are drawn and the browser is idle:
# ten plotly charts drawn in one go kept the page unusable for most of a second.
_WHEN_CHARTS_DRAWN = """new Promise(done => {
  const started = performance.now();
  const idle = () => window.requestIdleCallback ? requestIdleCallback(() => done(1), {timeout: 500}) : done(1);
  const check = () => {
    const panels = document.querySelector('#metric-panels .metric-panel');
    const drawn = [...document.querySelectorAll('.band-chart')].every(c => c.querySelector('.main-svg'));
    if ((panels && drawn) || performance.now() - started > 3000) idle(); else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})"""


class BenchmarkState(SessionState):
    # Only released numbers, the customer's own values and words about them: see benchmark_words.
    organization_id: int = 0
    org_name: str = ""
    org_summary: str = ""
    cohort: str = "all"
    cohort_label: str = ""
    as_of: str = ""
    headline: str = ""
    banner: dict = {}
    switch_marks: dict[str, str] = {}
    panels: list[dict] = []
    trends: list[dict] = []
    training: dict = {}
    methodology: list[str] = []
    error: str = ""
    loading: bool = True
    trends_loading: bool = True

    def _read_overview(self, user) -> None:
        with session_scope() as session:
            report = benchmark_views.organization_benchmarks(
                session=session, viewer=user, organization_id=self.organization_id, cohort_kind=self.cohort)
            choices = cohort_choices(session=session, viewer=user, organization_id=self.organization_id,
                                     as_of=report.as_of)
        view = words.overview(report)
        self.org_name, self.org_summary = view["org_name"], view["org_summary"]
        self.cohort_label, self.as_of, self.panels = view["cohort_label"], view["as_of"], view["panels"]
        self.headline = view["headline"]
        self.banner = cohort_words.withheld_banner(report.metrics, self.cohort, choices)
        self.switch_marks = {c["kind"]: c["mark"] for c in cohort_words.switch_choices(choices)}

    def _read_trends(self, user) -> None:
        with session_scope() as session:
            trends = benchmark_views.organization_trends(
                session=session, viewer=user, organization_id=self.organization_id, cohort_kind=self.cohort)
        self.trends = [words.trend_panel(t) for t in trends]
        self.trends_loading = False

    @rx.event
    def load(self):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        self.organization_id = org_id_from(self.router.url, routes.BENCHMARK)
        cohort = self.router.url.query_parameters.get("cohort", "all")
        self.cohort = cohort if cohort in COHORT_KINDS else "all"
        self.error, self.trends_loading, self.trends = "", True, []
        try:
            self._read_overview(user)
            with session_scope() as session:
                status = training_status.organization_training_status(
                    session=session, viewer=user, organization_id=self.organization_id, now=utcnow())
            self.training = words.training_summary(status)
            self.methodology = benchmark_exports.methodology()
        except DomainError as err:
            self.error, self.panels, self.trends_loading = str(err), [], False
            return None
        finally:
            self.loading = False
        return AFTER_CHARTS_DRAWN

    @rx.event
    def load_trends(self, _idle=None):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        if self.organization_id and not self.error:
            try:
                self._read_trends(user)
            except DomainError as err:
                self.error = str(err)
        return None

    @rx.event
    def set_cohort(self, kind: str | list[str]):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        if not isinstance(kind, str) or kind not in COHORT_KINDS or not self.organization_id:
            return None
        self.cohort, self.trends_loading, self.trends = kind, True, []
        try:
            self._read_overview(user)
        except DomainError as err:
            self.error = str(err)
            return None
        return AFTER_CHARTS_DRAWN

    def forget(self) -> None:
        """Drop the last customer, so the next one opened never flashes its numbers first."""
        self.organization_id, self.org_name, self.panels, self.trends, self.training = 0, "", [], [], {}
        self.headline, self.banner, self.switch_marks = "", {}, {}
        self.loading, self.trends_loading = True, True

    @rx.event
    def leave(self):
        # Checked like every handler, but a failed check must not redirect someone who is leaving.
        _user, _redirect = self._authorize("csm", "admin")
        self.forget()

    @rx.event
    def download_csv(self):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        try:
            with session_scope() as session:
                export = benchmark_exports.organization_csv(
                    session=session, viewer=user, organization_id=self.organization_id, cohort_kind=self.cohort)
        except DomainError as err:
            self.error = str(err)
            return None
        return rx.download(data=export.text, filename=export.filename, mime_type="text/csv")


AFTER_CHARTS_DRAWN = rx.call_script(_WHEN_CHARTS_DRAWN, callback=BenchmarkState.load_trends)


def _toolbar() -> rx.Component:
    return rx.flex(
        cohort_switch(BenchmarkState.cohort, BenchmarkState.switch_marks, BenchmarkState.set_cohort),
        rx.hstack(
            rx.button(rx.icon("download", size=16), "Download CSV", variant="soft", on_click=BenchmarkState.download_csv,
                      id="download-csv"),
            link_button(rx.icon("file-text", size=16), "Review summary",
                        href=org_path(routes.BENCHMARK_PRINT, BenchmarkState.organization_id) + "?cohort="
                        + BenchmarkState.cohort, variant="soft", id="print-summary"),
            spacing="2", wrap="wrap",
        ),
        justify="between", align="center", spacing="3", wrap="wrap", width="100%",
    )


def _content() -> rx.Component:
    return rx.vstack(
        rx.vstack(
            rx.link("← All customers", href=routes.CUSTOMERS, size="2"),
            rx.heading(BenchmarkState.org_name, size="7", id="org-name"),
            rx.text(BenchmarkState.org_summary, color_scheme="gray", size="3"),
            spacing="1",
        ),
        headline(BenchmarkState.headline),
        _toolbar(),
        withheld_banner(BenchmarkState.banner, BenchmarkState.set_cohort),
        rx.text("Compared with ", rx.text.span(BenchmarkState.cohort_label, weight="medium", id="cohort-label"),
                " · as of ", rx.text.span(BenchmarkState.as_of, weight="medium", id="as-of"),
                " · recomputed every night, so today's changes show tomorrow.", size="2", color_scheme="gray"),
        legend(),
        rx.grid(rx.foreach(BenchmarkState.panels, metric_panel), columns=rx.breakpoints(initial="1", md="2"),
                spacing="4", width="100%", id="metric-panels"),
        training_card(BenchmarkState.training),
        training_health_card(),
        rx.heading("90-day trends", size="5", as_="h2"),
        loading(BenchmarkState.trends_loading, "Loading 90 days of history…"),
        rx.grid(rx.foreach(BenchmarkState.trends, trend_panel), columns=rx.breakpoints(initial="1", md="2"),
                spacing="4", width="100%", id="trend-panels"),
        methodology_note(BenchmarkState.methodology),
        spacing="4", width="100%",
    )


def benchmark_page() -> rx.Component:
    return shell(
        rx.box(
            error_callout(BenchmarkState.error),
            loading(BenchmarkState.loading, "Loading benchmarks…"),
            rx.cond(~BenchmarkState.loading & (BenchmarkState.error == ""), _content()),
            on_unmount=BenchmarkState.leave,
            width="100%",
        ),
    )
