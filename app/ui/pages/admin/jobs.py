"""Admin page for the nightly job: its recent runs, and Run now."""

from __future__ import annotations

import asyncio

import reflex as rx

from app.db import session_scope
from app.services.operations import nightly
from app.services.operations import records as admin_records
from app.services.training import reminders as renewal_reminders
from app.ui.components.dates import day, moment
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.forms import notice, table
from app.ui.state import SessionState, utcnow

STATUS_LABELS = {"running": "Running", "succeeded": "Succeeded", "failed": "Failed"}
REMINDER_KIND = {"60_days": "60 days before", "30_days": "30 days before", "7_days": "7 days before",
                 "expired": "Expired"}


class AdminJobsState(SessionState):
    runs: list[dict] = []
    reminders: list[dict] = []  # renewal reminders not sent (no SMTP_URL, or the send failed)
    loading: bool = True
    running: bool = False
    error: str = ""
    notice: str = ""

    def _reload(self, actor) -> None:
        with session_scope() as session:
            self.runs = [r.as_dict() | {"started_at": moment(r.started_at),
                                        "status_label": STATUS_LABELS.get(r.status, r.status.capitalize()),
                                        "duration": "" if r.duration_seconds is None else f"{r.duration_seconds:.1f} s"}
                         for r in admin_records.recent_job_runs(session=session, actor=actor)]
            self.reminders = [{"created": day(r.created_at), "recipient": r.recipient, "number": r.number,
                               "kind": REMINDER_KIND[r.kind], "status": r.status.capitalize()}
                              for r in renewal_reminders.listed_reminders(session=session, actor=actor)]
        self.loading = False

    @rx.event
    def load(self):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self._reload(actor)
        return None

    @rx.event(background=True)
    async def run_now(self):
        async with self:
            actor, redirect = self._authorize("admin")
            if redirect:
                return redirect
            if self.running:
                return None
            self.running, self.error, self.notice = True, "", ""
        # The job takes seconds to minutes: run it outside the state lock.
        try:
            run = await asyncio.to_thread(nightly.run_now, actor=actor, now=utcnow())
            error = ""
        except Exception as err:  # the run is recorded as failed; show why
            run, error = None, f"The job failed: {type(err).__name__}: {err}"
        async with self:
            self.running, self.error = False, error
            self.notice = "" if error or run is None else f"Run {run.status}: {run.detail}"
            self._reload(actor)
        return None


def _run_row(run: dict) -> rx.Component:
    return rx.table.row(rx.table.cell(run["started_at"], white_space="nowrap"),
                        rx.table.cell(run["slot"], white_space="nowrap"),
                        rx.table.cell(rx.badge(run["status_label"], color_scheme=rx.match(
                            run["status"], ("succeeded", "green"), ("failed", "red"), "amber"), high_contrast=True)),
                        rx.table.cell(run["duration"], white_space="nowrap"),
                        # Wide enough to read in a few lines: on a phone the table scrolls instead.
                        rx.table.cell(rx.text(run["detail"], size="1"), min_width="20rem"))


def _reminders() -> rx.Component:
    S = AdminJobsState
    return rx.cond(S.reminders.length() > 0, rx.vstack(
        rx.heading("Renewal reminders not sent", size="4", as_="h2"),
        rx.text("Set SMTP_URL to email these; until then, tell the learners yourself. Failed sends are retried "
                "each night.", size="2", color_scheme="gray"),
        table(["Due", "Learner", "Certificate", "Reminder", "Status"], rx.foreach(S.reminders, lambda r: rx.table.row(
            rx.table.cell(r["created"], white_space="nowrap"), rx.table.cell(r["recipient"]),
            rx.table.cell(r["number"]), rx.table.cell(r["kind"]), rx.table.cell(r["status"]))),
            "Renewal reminders not sent"),
        width="100%", id="listed-reminders"))


def admin_jobs_page() -> rx.Component:
    S = AdminJobsState
    return shell(
        page_header("Jobs", f"The {nightly.JOB} job: finalizes overdue attempts, renewal reminders, certification "
                            "rates, benchmarks."),
        error_callout(S.error),
        notice(S.notice),
        rx.button(rx.cond(S.running, "Running…", "Run now"), on_click=S.run_now, loading=S.running, id="run-now"),
        table(["Started", "Slot", "Status", "Duration", "Detail"], rx.foreach(S.runs, _run_row), "Recent runs"),
        loading(S.loading),
        rx.cond((S.runs.length() == 0) & ~S.loading, rx.text("No runs yet.", color_scheme="gray", size="2")),
        _reminders(),
    )
