"""A one-page summary for a business review: released numbers, training status, methodology."""

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
from app.ui.pages.csm.benchmark_panel import legend, methodology_note, print_row
from app.ui.state import SessionState, utcnow

# The sheet is as wide on screen as on paper (A4 less margins), so the charts drawn on
# screen fit the printed page without being redrawn; rows keep one page for five metrics.
PRINT_CSS = """
@page { size: A4; margin: 10mm; }
.print-row { border-top: 1px solid #e2e8f0; padding-top: 6px; break-inside: avoid; }
.print-row .knots { row-gap: 0; }
.print-sheet #methodology p { font-size: 10px; line-height: 1.35; }
@media print {
  .no-print { display: none !important; }
  body { background: white !important; }
  .print-sheet { padding: 0 !important; margin: 0 !important; }
}
"""


class BenchmarkPrintState(SessionState):
    organization_id: int = 0
    org_name: str = ""
    org_summary: str = ""
    cohort_label: str = ""
    as_of: str = ""
    prepared: str = ""
    panels: list[dict] = []
    training_line: str = ""
    methodology: list[str] = []
    error: str = ""
    loading: bool = True

    @rx.event
    def load(self):
        user, redirect = self._authorize("csm", "admin")
        if redirect:
            return redirect
        self.organization_id = routes.path_id(self.router.url, 1)
        cohort = self.router.url.query_parameters.get("cohort", "all")
        now = utcnow()
        try:
            with session_scope() as session:
                report = benchmark_views.organization_benchmarks(
                    session=session, viewer=user, organization_id=self.organization_id,
                    cohort_kind=cohort if cohort in COHORT_KINDS else "all")
                status = training_status.organization_training_status(
                    session=session, viewer=user, organization_id=self.organization_id, now=now)
        except DomainError as err:
            self.error, self.loading = str(err), False
            return None
        view = words.overview(report)
        self.org_name, self.org_summary = view["org_name"], view["org_summary"]
        self.cohort_label, self.as_of, self.panels = view["cohort_label"], view["as_of"], view["panels"]
        self.prepared = day(now.date())
        self.training_line = words.training_line(status)
        self.methodology = benchmark_exports.methodology()
        self.error, self.loading = "", False
        return None

    @rx.event
    def print_page(self):
        _user, redirect = self._authorize("csm", "admin")
        return redirect or rx.call_script("window.print()")


def _sheet() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.link("← Back to the dashboard", href=routes.CUSTOMERS + "/" + BenchmarkPrintState.organization_id.to_string(), size="2"),
            rx.button(rx.icon("printer", size=16), "Print or save as PDF", on_click=BenchmarkPrintState.print_page,
                      id="print-now"),
            justify="between", align="center", width="100%", class_name="no-print",
        ),
        rx.vstack(
            rx.heading("Peer benchmark summary: ", BenchmarkPrintState.org_name, size="6", id="org-name"),
            rx.text(BenchmarkPrintState.org_summary, " · compared with ", BenchmarkPrintState.cohort_label,
                    " · as of ", BenchmarkPrintState.as_of, " · prepared ", BenchmarkPrintState.prepared,
                    size="2", color_scheme="gray"),
            spacing="1",
        ),
        legend(),
        rx.vstack(rx.foreach(BenchmarkPrintState.panels, print_row), spacing="2", width="100%", id="metric-panels"),
        rx.text(rx.text.span("Training: ", weight="bold"), BenchmarkPrintState.training_line, size="2",
                id="training-line"),
        methodology_note(BenchmarkPrintState.methodology),
        spacing="3", width="100%",
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
