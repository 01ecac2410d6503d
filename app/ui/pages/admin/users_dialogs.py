"""The users page's dialogs: New user (with the organization picker) and Import users (a CSV file)."""

from __future__ import annotations

import reflex as rx

from app.ui.layout import error_callout
from app.ui.pages.admin.forms import labeled, notice, problems_callout, table
from app.ui.pages.admin.roles import ROLE_LABELS
from app.ui.pages.admin.users_forms import CSV_UPLOAD_ID, REJECTED, AdminUserFormsState
from app.ui.pages.admin.widgets import organization_picker


def _role_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="new-user-role", width="100%"),
        rx.select.content(*[rx.select.item(label, value=role) for role, label in ROLE_LABELS.items()]),
        name="role", default_value="learner")


def _new_user_form() -> rx.Component:
    S = AdminUserFormsState
    return rx.form(
        rx.grid(
            labeled("First name", rx.input(name="first_name", id="new-user-first", required=True, width="100%")),
            labeled("Last name", rx.input(name="last_name", id="new-user-last", required=True, width="100%")),
            labeled("Email", rx.input(name="email", type="email", id="new-user-email", required=True, width="100%")),
            labeled("Role", _role_select(), for_id="new-user-role"),
            rx.box(labeled("Organization", organization_picker(S, input_id="new-user-org", field_name="organization"),
                           "Type part of its name, then pick it from the list.", for_id="new-user-org"),
                   grid_column=rx.breakpoints(initial="auto", sm="span 2")),
            rx.box(labeled("Initial password", rx.input(name="password", type="password", id="new-user-password",
                                                        required=True, width="100%", auto_complete="new-password"),
                           "At least 10 characters; hand it over privately."),
                   grid_column=rx.breakpoints(initial="auto", sm="span 2")),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="3",
            width="100%",
        ),
        rx.flex(
            rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray", type="button")),
            rx.button("Create user", type="submit", id="create-user"),
            spacing="3", justify="end", margin_top="1rem",
        ),
        # Not reset on submit: a refused form keeps its values; closing the dialog empties it.
        on_submit=S.create_user,
        width="100%",
    )


def new_user_dialog() -> rx.Component:
    S = AdminUserFormsState
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("user-plus", size=16), "New user", id="new-user")),
        rx.dialog.content(
            rx.dialog.title("New user"),
            rx.dialog.description("They can sign in at once with the initial password.", size="2",
                                  margin_bottom="0.75rem"),
            rx.box(error_callout(S.error), margin_bottom="0.75rem"),
            _new_user_form(),
            max_width="34rem",
            id="new-user-dialog",
        ),
        open=S.create_open,
        on_open_change=S.set_create_open,
    )


def _drop_zone() -> rx.Component:
    chosen = rx.selected_files(CSV_UPLOAD_ID)
    return rx.upload.root(
        rx.vstack(
            rx.icon("file_spreadsheet", size=28, color=rx.color("gray", 10)),
            rx.cond(
                chosen.length() > 0,
                rx.text("Chosen file: ", rx.text.strong(chosen[0], id="csv-file-name"), size="2"),
                rx.text("Drop a .csv file here", size="2"),
            ),
            rx.button(rx.cond(chosen.length() > 0, "Choose another file", "Choose file"), variant="soft", size="1",
                      type="button", id="choose-csv"),
            align="center",
            spacing="2",
        ),
        id=CSV_UPLOAD_ID,
        multiple=False,
        disabled=AdminUserFormsState.importing,
        border=f"1px dashed {rx.color('gray', 8)}",
        border_radius="var(--radius-3)",
        padding="1.25rem",
        width="100%",
        cursor="pointer",
        drag_active_style={"border_color": rx.color("accent", 9), "background": rx.color("accent", 2)},
    )


def _import_progress() -> rx.Component:
    s = AdminUserFormsState
    return rx.cond(s.importing, rx.vstack(
        rx.progress(value=rx.cond(s.import_total > 0, s.import_done * 100 // s.import_total, 0), width="100%"),
        rx.text(rx.cond(s.import_total > 0,
                        f"Created {s.import_done} of {s.import_total} users…",
                        "Checking every row…"), size="2", color_scheme="gray"),
        id="import-progress", role="status", spacing="1", width="100%",
    ))


def _import_result() -> rx.Component:
    return rx.cond(AdminUserFormsState.imported.length() > 0, rx.vstack(
        rx.text("Initial passwords are shown once: hand them over privately.", size="2", weight="medium"),
        table(["Email", "Role", "Organization", "Initial password"], label="Imported users", body=rx.foreach(
            AdminUserFormsState.imported,
            lambda u: rx.table.row(
                rx.table.row_header_cell(u["email"]),
                rx.table.cell(u["role"]),
                rx.table.cell(u["organization_name"]),
                rx.table.cell(rx.cond(u["initial_password"] != "", rx.code(u["initial_password"]),
                                      rx.text("as given in the file", color_scheme="gray"))),
            ))),
        id="imported-users",
        spacing="2",
        width="100%",
        on_unmount=AdminUserFormsState.forget_imported,
    ))


def _paste_rows() -> rx.Component:
    return rx.el.details(
        rx.el.summary(rx.text("Or paste the rows instead", size="2", as_="span"), cursor="pointer"),
        rx.vstack(
            rx.text_area(value=AdminUserFormsState.csv_text,
                         on_change=AdminUserFormsState.set_csv_text.debounce(300),
                         placeholder="email,first_name,last_name,role,organization", rows="6", width="100%",
                         id="users-csv", aria_label="CSV rows"),
            rx.button("Import pasted rows", on_click=AdminUserFormsState.import_csv, id="import-users",
                      variant="soft", disabled=AdminUserFormsState.importing),
            spacing="2",
            margin_top="0.5rem",
            width="100%",
        ),
        width="100%",
    )


def import_dialog() -> rx.Component:
    S = AdminUserFormsState
    chosen = rx.selected_files(CSV_UPLOAD_ID)
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("upload", size=16), "Import users", variant="soft", id="open-import")),
        rx.dialog.content(
            rx.dialog.title("Import users from a CSV file"),
            rx.dialog.description(
                "Columns: email, first_name, last_name, role, organization, and optionally password; UTF-8, up to "
                "1 MB. Every row is checked first: if any row is wrong, nothing is imported.", size="2"),
            rx.vstack(
                _drop_zone(),
                rx.button(
                    rx.cond(S.importing, rx.hstack(rx.spinner(size="2"), "Importing…", align="center"), "Import users"),
                    on_click=S.import_csv_file(rx.upload_files(upload_id=CSV_UPLOAD_ID)),
                    disabled=S.importing | (chosen.length() == 0),
                    id="import-csv",
                ),
                _import_progress(),
                error_callout(S.import_error),
                notice(S.import_notice),
                rx.box(problems_callout(REJECTED, S.problems), id="import-problems", width="100%"),
                _import_result(),
                _paste_rows(),
                rx.flex(rx.dialog.close(rx.button("Close", variant="soft", color_scheme="gray")), justify="end",
                        width="100%"),
                spacing="3",
                width="100%",
                margin_top="0.75rem",
                # Initial passwords are shown once: opening the dialog again starts without them.
                on_mount=S.forget_imported,
            ),
            max_width="46rem",
            id="import-dialog",
        ),
        open=S.import_open,
        on_open_change=S.set_import_open,
    )
