"""A one-page business review: brand, customer, date, headline, five bands, trends, training, method."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.benchmarks.cohorts import COHORT_KINDS
from app.domain.errors import DomainError
from app.services.benchmarks import exports as benchmark_exports
from app.services.benchmarks import views as benchmark_views
from app.services.training import status as training_status
from app.ui import routes
from app.ui.components.dates import day
from app.ui.layout import error_callout, loading
from app.ui.pages.csm import benchmark_words as words
from app.ui.pages.csm.benchmark_panel import legend, print_row, small_multiple
from app.ui.pages.csm.customer_paths import org_id_from, org_path
from app.ui.pages.csm.training_health import training_health_summary
from app.ui.state import SessionState, utcnow

# The sheet is as wide on screen as on paper (A4 less margins), so the charts drawn on
# screen fit the printed page without being redrawn. Band charts are shorter than on the
# customer page and the trends are small multiples, so all of it stays on one A4 page.
PRINT_CSS = """
@page { size: A4; margin: 9mm; }
.print-row { border-top: 1px solid #e2e8f0; padding-top: 4px; break-inside: avoid; }
.print-row .knots { row-gap: 0; }
.print-sheet .rank-chip { font-size: 11px; }
.print-sheet .trend-caption { font-size: 10px; line-height: 1.3; }
.print-sheet #methodology { column-count: 2; column-gap: 6mm; }
.print-sheet #methodology p { font-size: 8.5px; line-height: 1.3; margin: 0 0 2px; break-inside: avoid; }
@media print {
  .no-print { display: none !important; }
  body { background: white !important; }
  .print-sheet { padding: 0 !important; margin: 0 !important; }
}
"""
BAND_HEIGHT = 72


class BenchmarkPrintState(SessionState):
    organization_id: int = 0
    org_name: str = ""
    org_summary: str = ""
    cohort: str = "all"
    cohort_label: str = ""
    as_of: str = ""
    prepared: str = ""
    headline: str = ""
    panels: list[dict] = []
    trends: list[dict] = []
    trends_since: str = ""
    training_line: str = ""
    methodology: list[str] = []
    error: str = ""
    loading: bool = True

    @rx.event
    def load(self):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        self.organization_id = org_id_from(self.router.url, routes.BENCHMARK_PRINT)
        cohort = self.router.url.query_parameters.get("cohort", "all")
        self.cohort = cohort if cohort in COHORT_KINDS else "all"
        now = utcnow()
        try:
            with session_scope() as session:
                report = benchmark_views.organization_benchmarks(
                    session=session, viewer=user, organization_id=self.organization_id, cohort_kind=self.cohort)
                trends = benchmark_views.organization_trends(
                    session=session, viewer=user, organization_id=self.organization_id, cohort_kind=self.cohort)
                status = training_status.organization_training_status(
                    session=session, viewer=user, organization_id=self.organization_id, now=now)
        except DomainError as err:
            self.error, self.loading = str(err), False
            return None
        view = words.overview(report, chart_height=BAND_HEIGHT)
        self.org_name, self.org_summary, self.headline = view["org_name"], view["org_summary"], view["headline"]
        self.cohort_label, self.as_of, self.panels = view["cohort_label"], view["as_of"], view["panels"]
        self.trends = [words.small_multiple(t) for t in trends]
        first = min((t.points[0].as_of for t in trends if t.points), default=None)
        self.trends_since = day(first) if first else "no history yet"
        self.prepared = day(now.date())
        self.training_line = words.training_line(status)
        self.methodology = benchmark_exports.methodology()
        self.error, self.loading = "", False
        return None

    @rx.event
    def print_page(self):
        _user, redirect = self._authorize("csm", "admin")
        return redirect or rx.call_script("window.print()")


def _masthead() -> rx.Component:
    return rx.hstack(
        rx.hstack(rx.image(src="/brand-mark.svg", alt="", width="30px", height="30px"),
                  rx.text("Success Portal", weight="bold", size="3"), align="center", spacing="2"),
        rx.text("Business review · prepared ", rx.text.span(BenchmarkPrintState.prepared, id="prepared"), size="2",
                color_scheme="gray"),
        justify="between", align="center", width="100%", id="masthead",
    )


def _sheet() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link("← Back to the customer", href=org_path(routes.BENCHMARK, BenchmarkPrintState.organization_id)
                    + "?cohort=" + BenchmarkPrintState.cohort, size="2"),
            rx.button(rx.icon("printer", size=16), "Print or save as PDF", on_click=BenchmarkPrintState.print_page,
                      id="print-now"),
            justify="between", align="center", width="100%", class_name="no-print",
        ),
        _masthead(),
        rx.vstack(
            rx.heading(BenchmarkPrintState.org_name, size="6", id="org-name"),
            rx.text(BenchmarkPrintState.org_summary, " · compared with ", BenchmarkPrintState.cohort_label,
                    " · as of ", BenchmarkPrintState.as_of, size="2", color_scheme="gray"),
            spacing="0",
        ),
        rx.text(BenchmarkPrintState.headline, weight="bold", size="2", id="headline"),
        legend(compact=True),
        rx.vstack(rx.foreach(BenchmarkPrintState.panels, print_row), spacing="1", width="100%", id="metric-panels"),
        rx.text(rx.text.span("90-day trends", weight="bold"), " · since ", BenchmarkPrintState.trends_since,
                size="2"),
        rx.grid(rx.foreach(BenchmarkPrintState.trends, small_multiple), columns="5", spacing="2", width="100%",
                id="trend-panels"),
        rx.text(rx.text.span("Training: ", weight="bold"), BenchmarkPrintState.training_line, size="2",
                id="training-line"),
        training_health_summary(),
        rx.box(
            rx.text("Method: ", weight="bold", size="1"),
            rx.foreach(BenchmarkPrintState.methodology, lambda line: rx.text(line, size="1", color_scheme="gray")),
            id="methodology", width="100%", border_top="1px solid #e2e8f0", padding_top="4px",
        ),
        spacing="2", width="100%",
    )


def benchmark_print_page() -> rx.Component:
    return rx.box(
        rx.el.style(PRINT_CSS),
        error_callout(BenchmarkPrintState.error),
        loading(BenchmarkPrintState.loading, "Preparing the summary…"),
        rx.cond(~BenchmarkPrintState.loading & (BenchmarkPrintState.error == ""), _sheet()),
        class_name="print-sheet", width="190mm", max_width="100%", margin_x="auto", padding="1.5rem 0",
        background_color="white", min_height="100vh",
    )
