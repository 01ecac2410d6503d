"""Admin page for organizations: a page of them at a time, a dialog to create one and one to edit one."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.domain.errors import InvalidInput
from app.domain.organizations import INDUSTRIES, SIZE_RANGES
from app.services.accounts import organizations_admin as admin_organizations
from app.ui.layout import error_callout, loading, page_header, shell
from app.ui.pages.admin.forms import labeled, table
from app.ui.components.paging import PagedMixin, pager
from app.ui.state import SessionState, utcnow

PAGE_SIZE = 25
SIZE_LABELS = {r.key: r.label for r in SIZE_RANGES}


def _count(raw) -> int:
    try:
        return int(str(raw).strip().replace(",", ""))
    except ValueError:
        raise InvalidInput("employee_count", "The employee count must be a whole number.") from None


def _industry(raw) -> str:
    if not str(raw or "").strip():
        raise InvalidInput("industry", "Choose the organization's industry: it decides its benchmark cohort.")
    return str(raw)


class AdminOrganizationsState(PagedMixin, SessionState):
    rows: list[dict] = []
    search: str = ""
    loading: bool = True
    create_open: bool = False
    # The organization being edited: {"id", "name", "industry", "employee_count"}; empty when none.
    editing: dict[str, str] = {}
    dialog_error: str = ""

    def _reload(self):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        with session_scope() as session:
            found = admin_organizations.organizations_page(session=session, actor=actor, search=self.search,
                                                           page=self.page, page_size=PAGE_SIZE)
        self.rows = [o.as_dict() | {"employees": f"{o.employee_count:,}", "size": SIZE_LABELS[o.size_range]}
                     for o in found.rows]
        self._paged(found, "organizations")
        self.loading = False
        return None

    @rx.event
    def load(self):
        self.search = self.router.url.query_parameters.get("search", "")[:200]
        self.page, self.editing, self.create_open = 1, {}, False
        return self._reload()

    @rx.event
    def set_search(self, value: str):
        self.search, self.page = str(value)[:200], 1
        return self._reload()

    @rx.event
    def set_create_open(self, open_: bool):
        _actor, redirect = self._authorize("admin")
        self.create_open, self.dialog_error = bool(open_) and redirect is None, ""
        return redirect

    @rx.event
    def edit(self, organization_id: int):
        _actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        org = next((r for r in self.rows if r["id"] == int(organization_id)), None)
        self.dialog_error = ""
        self.editing = {} if org is None else {"id": str(org["id"]), "name": org["name"], "industry": org["industry"],
                                                "employee_count": str(org["employee_count"])}
        return None

    @rx.event
    def edit_dialog_changed(self, open_: bool):
        if not open_:
            self.editing = {}

    def _save(self, change, done: str):
        self.dialog_error = ""
        applied = self._apply("admin", change)
        if applied.redirect:
            return applied.redirect
        if applied.refusal:
            self.dialog_error = str(applied.refusal)  # the dialog stays open with what was typed
            return None
        self.create_open, self.editing = False, {}
        self._reload()
        return rx.toast.success(done, position="top-center")

    @rx.event
    def create(self, form: dict):
        name = str(form.get("name", ""))
        return self._save(lambda s, a: admin_organizations.create_organization(
            session=s, actor=a, name=name, industry=_industry(form.get("industry")),
            employee_count=_count(form.get("employee_count", "")), now=utcnow()), f"{' '.join(name.split())} created.")

    @rx.event
    def update(self, form: dict):
        editing = self.editing
        if not editing:
            return None
        return self._save(lambda s, a: admin_organizations.update_organization(
            session=s, actor=a, organization_id=int(editing["id"]), industry=_industry(form.get("industry")),
            employee_count=_count(form.get("employee_count", "")), now=utcnow()), f"{editing['name']} saved.")


def _industry_select(ident: str, default=None) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id=ident, placeholder="Choose an industry", width="100%"),
        rx.select.content(*[rx.select.item(i, value=i) for i in INDUSTRIES]),
        name="industry", required=True, **({"default_value": default} if default is not None else {}))


def _fields(prefix: str, default_industry=None, default_count=None) -> rx.Component:
    count_props = {"default_value": default_count} if default_count is not None else {}
    return rx.grid(
        labeled("Industry", _industry_select(f"{prefix}-industry", default_industry), for_id=f"{prefix}-industry"),
        labeled("Employees", rx.input(name="employee_count", id=f"{prefix}-employees", required=True,
                                      input_mode="numeric", width="100%", **count_props)),
        columns=rx.breakpoints(initial="1", sm="2"), spacing="3", width="100%",
    )


def _buttons(label: str, ident: str) -> rx.Component:
    return rx.flex(rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray", type="button")),
                   rx.button(label, type="submit", id=ident), spacing="3", justify="end", margin_top="1rem")


def _create_dialog() -> rx.Component:
    S = AdminOrganizationsState
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("plus", size=16), "New organization", id="new-org")),
        rx.dialog.content(
            rx.dialog.title("New organization"),
            rx.dialog.description("Industry and employee count decide its benchmark cohorts from the next nightly "
                                  "run.", size="2", margin_bottom="0.75rem"),
            error_callout(S.dialog_error),
            rx.form(rx.vstack(labeled("Name", rx.input(name="name", id="new-org-name", required=True, width="100%")),
                              _fields("new-org"), spacing="3", width="100%", margin_top="0.5rem"),
                    _buttons("Create organization", "create-org"), on_submit=S.create, width="100%"),
            max_width="32rem", id="new-org-dialog",
        ),
        open=S.create_open, on_open_change=S.set_create_open,
    )


def _edit_dialog() -> rx.Component:
    S = AdminOrganizationsState
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Edit ", S.editing["name"].to(str)),
            rx.dialog.description("Changes decide its benchmark cohorts from the next nightly run.", size="2",
                                  margin_bottom="0.75rem"),
            error_callout(S.dialog_error),
            # Keyed by organization: a form reused for another one would keep the previous values.
            rx.form(_fields("edit-org", S.editing["industry"].to(str), S.editing["employee_count"].to(str)),
                    _buttons("Save", "save-org"), on_submit=S.update, width="100%", key=S.editing["id"].to(str),
                    margin_top="0.5rem"),
            max_width="32rem", id="edit-org-dialog",
        ),
        open=S.editing.length() > 0, on_open_change=S.edit_dialog_changed,
    )


def _row(org: dict) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(org["name"]),
        rx.table.cell(org["industry"]),
        rx.table.cell(org["employees"]),
        rx.table.cell(org["size"], white_space="nowrap"),
        rx.table.cell(org["user_count"]),
        rx.table.cell(rx.button("Edit", size="1", variant="soft", on_click=AdminOrganizationsState.edit(org["id"]),
                                aria_label="Edit " + org["name"].to(str))),
        key=org["id"],
    )


def admin_organizations_page() -> rx.Component:
    S = AdminOrganizationsState
    return shell(
        rx.flex(page_header("Organizations", "Industry and employee count decide an organization's benchmark "
                                             "cohorts."),
                _create_dialog(), justify="between", align="start", spacing="3", wrap="wrap", width="100%"),
        rx.input(placeholder="Search organizations…", value=S.search, on_change=S.set_search.debounce(300),
                 id="org-search", width=rx.breakpoints(initial="100%", sm="22rem"), aria_label="Search organizations"),
        table(["Name", "Industry", "Employees", "Size range", "Users", ""], rx.foreach(S.rows, _row), "Organizations"),
        loading(S.loading),
        pager(S, "organizations"),
        _edit_dialog(),
    )
