"""Admin pages for organizations (industry, size) and the nightly job (recent runs, run now)."""

from __future__ import annotations

import asyncio

import reflex as rx

from app.db import session_scope
from app.domain.errors import InvalidInput
from app.domain.organizations import INDUSTRIES
from app.services.accounts import organizations_admin as admin_organizations
from app.services.accounts import organizations
from app.services.operations import nightly
from app.services.operations import records as admin_records
from app.services.training import reminders as renewal_reminders
from app.ui.components.dates import day, stamp
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.forms import card, labeled, notice, table
from app.ui.state import SessionState, utcnow


def _count(raw) -> int:
    try:
        return int(str(raw).strip())
    except ValueError:
        raise InvalidInput("employee_count", "The employee count must be a whole number.") from None


class AdminOrganizationsState(SessionState):
    rows: list[dict] = []
    search: str = ""
    error: str = ""
    notice: str = ""

    def _reload(self, actor) -> None:
        with session_scope() as session:
            self.rows = [o.as_dict() for o in organizations.list_organizations(
                session=session, viewer=actor, search=self.search, limit=100)]

    def _change(self, change, done: str, after=None, subject: str = ""):
        self.error = self.notice = ""
        applied = self._apply("admin", change)
        if applied.redirect:
            return applied.redirect
        if applied.refusal:
            # Name the organization: the row saved may be far down a long list.
            self.error = f"{subject}: {applied.refusal}" if subject else str(applied.refusal)
            # The form keeps what was typed, to correct it; the message is at the top of a long list.
            return rx.scroll_to("org-messages")
        self._reload(applied.actor)
        self.notice = done
        return None if change is None else [*(after or []), rx.scroll_to("org-messages")]

    @rx.event
    def load(self):
        return self._change(None, "")

    @rx.event
    def set_search(self, value: str):
        self.search = str(value)[:200]
        return self._change(None, "")

    @rx.event
    def create(self, form: dict):
        return self._change(lambda s, a: admin_organizations.create_organization(
            session=s, actor=a, name=str(form.get("name", "")), industry=str(form.get("industry", "")),
            employee_count=_count(form.get("employee_count", "")), now=utcnow()), "Organization created.",
            after=[rx.set_value("new-org-name", ""), rx.set_value("new-org-employees", "")])

    @rx.event
    def update(self, form: dict):
        name = next((r["name"] for r in self.rows if str(r["id"]) == str(form.get("id"))), "")
        return self._change(lambda s, a: admin_organizations.update_organization(
            session=s, actor=a, organization_id=_count(form.get("id", "0")), industry=str(form.get("industry", "")),
            employee_count=_count(form.get("employee_count", "")), now=utcnow()),
            f"{name} saved." if name else "Organization saved.", subject=name)


class AdminJobsState(SessionState):
    runs: list[dict] = []
    reminders: list[dict] = []  # renewal reminders not sent (no SMTP_URL, or the send failed)
    loading: bool = True
    running: bool = False
    error: str = ""
    notice: str = ""

    def _reload(self, actor) -> None:
        with session_scope() as session:
            self.runs = [r.as_dict() | {"started_at": stamp(r.started_at),
                                        "duration": "" if r.duration_seconds is None else f"{r.duration_seconds:.1f} s"}
                         for r in admin_records.recent_job_runs(session=session, actor=actor)]
            self.reminders = [{"created": day(r.created_at), "recipient": r.recipient, "number": r.number,
                               "kind": REMINDER_KIND[r.kind], "status": r.status}
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


def _org_row(org: dict) -> rx.Component:
    # Keyed by id: the inputs keep what was typed (default values), so a row reused for
    # another organization after a search would show, and save, the previous one's values.
    return rx.table.row(
        rx.table.row_header_cell(org["name"]),
        rx.table.cell(org["user_count"]),
        rx.table.cell(rx.form(rx.hstack(
            rx.el.input(type="hidden", name="id", value=org["id"].to_string()),
            rx.select(list(INDUSTRIES), name="industry", default_value=org["industry"], size="1",
                      custom_attrs={"aria-label": "Industry"}),
            rx.input(name="employee_count", default_value=org["employee_count"].to_string(), size="1", width="7rem",
                     aria_label="Employees"),
            rx.button("Save", size="1", variant="soft", type="submit"), align="center"),
            on_submit=AdminOrganizationsState.update)),
        key=org["id"],
    )


def admin_organizations_page() -> rx.Component:
    S = AdminOrganizationsState
    return shell(
        page_header("Organizations", "Industry and employee count decide an organization's benchmark cohorts."),
        rx.cond((S.error != "") | (S.notice != ""), rx.box(error_callout(S.error), notice(S.notice), id="org-messages",
                                                             width="100%", scroll_margin_top="5rem")),
        card(rx.heading("New organization", size="4"), rx.form(rx.flex(
            rx.box(labeled("Name", rx.input(name="name", id="new-org-name", required=True, width="100%")),
                   width=rx.breakpoints(initial="100%", sm="20rem")),
            rx.box(labeled("Industry", rx.select(list(INDUSTRIES), name="industry", default_value=INDUSTRIES[0],
                                                 id="new-org-industry", custom_attrs={"aria-label": "Industry"}))),
            rx.box(labeled("Employees", rx.input(name="employee_count", id="new-org-employees", required=True,
                                                 input_mode="numeric", width="100%")), width="8rem"),
            rx.button("Create", type="submit", id="create-org"), spacing="3", wrap="wrap", align="end"),
            # Not reset on submit: a refused form keeps its values; a created one is cleared.
            on_submit=S.create, width="100%")),
        rx.input(placeholder="Search organizations…", value=S.search, on_change=S.set_search.debounce(300),
                 id="org-search", width=rx.breakpoints(initial="100%", sm="22rem"), aria_label="Search organizations"),
        table(["Name", "Users", "Industry and employees"], rx.foreach(S.rows, _org_row)),
    )


def _run_row(run: dict) -> rx.Component:
    return rx.table.row(rx.table.cell(run["started_at"], white_space="nowrap"), rx.table.cell(run["slot"]),
                        rx.table.cell(rx.badge(run["status"], color_scheme=rx.match(
                            run["status"], ("succeeded", "green"), ("failed", "red"), "amber"))),
                        rx.table.cell(run["duration"], white_space="nowrap"),
                        rx.table.cell(rx.text(run["detail"], size="1")))


REMINDER_KIND = {"60_days": "60 days before", "30_days": "30 days before", "7_days": "7 days before",
                 "expired": "expired"}


def _reminders() -> rx.Component:
    S = AdminJobsState
    return rx.cond(S.reminders.length() > 0, rx.vstack(
        rx.heading("Renewal reminders not sent", size="4", as_="h2"),
        rx.text("Set SMTP_URL to email these; until then, tell the learners yourself. Failed sends are retried "
                "each night.", size="2", color_scheme="gray"),
        table(["Due", "Learner", "Certificate", "Reminder", "Status"], rx.foreach(S.reminders, lambda r: rx.table.row(
            rx.table.cell(r["created"], white_space="nowrap"), rx.table.cell(r["recipient"]),
            rx.table.cell(r["number"]), rx.table.cell(r["kind"]), rx.table.cell(r["status"])))),
        width="100%", id="listed-reminders"))


def admin_jobs_page() -> rx.Component:
    S = AdminJobsState
    return shell(
        page_header("Jobs", f"The {nightly.JOB} job: finalizes overdue attempts, renewal reminders, certification rates, benchmarks."),
        error_callout(S.error),
        notice(S.notice),
        rx.button(rx.cond(S.running, "Running…", "Run now"), on_click=S.run_now, loading=S.running, id="run-now"),
        table(["Started (UTC)", "Slot", "Status", "Duration", "Detail"], rx.foreach(S.runs, _run_row)),
        loading(S.loading),
        rx.cond((S.runs.length() == 0) & ~S.loading, rx.text("No runs yet.", color_scheme="gray", size="2")),
        _reminders(),
    )
