"""Admin pages for organizations (industry, size) and the nightly job (recent runs, run now)."""

from __future__ import annotations

import asyncio

import reflex as rx

from app.db import session_scope
from app.domain.errors import DomainError, InvalidInput
from app.domain.organizations import INDUSTRIES
from app.jobs.nightly import manual_slot, run_nightly
from app.services import admin_organizations, admin_records, organizations
from app.ui.components.admin_forms import card, labeled, notice, table
from app.ui.layout import error_callout, page_header, shell
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

    def _change(self, change, done: str):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        self.error = self.notice = ""
        try:
            if change is not None:
                with session_scope() as session:
                    change(session, actor)
        except DomainError as err:
            self.error = str(err)
            return None
        self._reload(actor)
        self.notice = done
        return None

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
            employee_count=_count(form.get("employee_count", "")), now=utcnow()), "Organization created.")

    @rx.event
    def update(self, form: dict):
        return self._change(lambda s, a: admin_organizations.update_organization(
            session=s, actor=a, organization_id=_count(form.get("id", "0")), industry=str(form.get("industry", "")),
            employee_count=_count(form.get("employee_count", "")), now=utcnow()), "Organization saved.")


class AdminJobsState(SessionState):
    runs: list[dict] = []
    running: bool = False
    error: str = ""
    notice: str = ""

    def _reload(self, actor) -> None:
        with session_scope() as session:
            self.runs = [r.as_dict() | {"started_at": f"{r.started_at:%Y-%m-%d %H:%M:%S}",
                                        "duration": "" if r.duration_seconds is None else f"{r.duration_seconds:.1f} s"}
                         for r in admin_records.recent_job_runs(session=session, actor=actor)]

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
        now = utcnow()
        # The job takes seconds to minutes: run it outside the state lock.
        try:
            run = await asyncio.to_thread(run_nightly, now=now, slot=manual_slot(now))
            error = ""
        except Exception as err:  # the run is recorded as failed; show why
            run, error = None, f"The job failed: {type(err).__name__}: {err}"
        with session_scope() as session:
            admin_records.record_manual_run(session=session, actor=actor, run=run, now=now)
        async with self:
            self.running, self.error = False, error
            self.notice = "" if error else f"Run {run.status}: {run.detail}"
            self._reload(actor)
        return None


def _org_row(org: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(org["name"]),
        rx.table.cell(org["user_count"]),
        rx.table.cell(rx.form(rx.hstack(
            rx.input(type="hidden", name="id", value=org["id"].to_string()),
            rx.select(list(INDUSTRIES), name="industry", default_value=org["industry"], size="1", aria_label="Industry"),
            rx.input(name="employee_count", default_value=org["employee_count"].to_string(), size="1", width="7rem",
                     aria_label="Employees"),
            rx.button("Save", size="1", variant="soft", type="submit")), on_submit=AdminOrganizationsState.update)),
    )


def admin_organizations_page() -> rx.Component:
    S = AdminOrganizationsState
    return shell(
        page_header("Organizations", "Industry and employee count decide an organization's benchmark cohorts."),
        error_callout(S.error),
        notice(S.notice),
        rx.input(placeholder="Search organizations…", value=S.search, on_change=S.set_search.debounce(300),
                 id="org-search", width=rx.breakpoints(initial="100%", sm="22rem"), aria_label="Search organizations"),
        table(["Name", "Users", "Industry and employees"], rx.foreach(S.rows, _org_row)),
        card(rx.heading("New organization", size="4"), rx.form(rx.flex(
            labeled("Name", rx.input(name="name", id="new-org-name", required=True)),
            labeled("Industry", rx.select(list(INDUSTRIES), name="industry", default_value=INDUSTRIES[0])),
            labeled("Employees", rx.input(name="employee_count", id="new-org-employees", required=True)),
            rx.button("Create", type="submit", id="create-org"), gap="3", wrap="wrap", align="end"),
            on_submit=S.create, reset_on_submit=True)),
    )


def _run_row(run: dict) -> rx.Component:
    return rx.table.row(rx.table.cell(run["started_at"]), rx.table.cell(run["slot"]),
                        rx.table.cell(rx.badge(run["status"])), rx.table.cell(run["duration"]),
                        rx.table.cell(rx.text(run["detail"], size="1")))


def admin_jobs_page() -> rx.Component:
    S = AdminJobsState
    return shell(
        page_header("Jobs", "The nightly-benchmarks job: finalizes overdue attempts, certification rates, benchmarks."),
        error_callout(S.error),
        notice(S.notice),
        rx.button(rx.cond(S.running, "Running…", "Run now"), on_click=S.run_now, loading=S.running, id="run-now"),
        table(["Started (UTC)", "Slot", "Status", "Duration", "Detail"], rx.foreach(S.runs, _run_row)),
    )
