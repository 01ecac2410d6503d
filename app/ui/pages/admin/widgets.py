"""Admin building blocks with behaviour: pages of a long list, confirmed actions, the organization picker."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.services.accounts import organizations_admin as admin_organizations
from app.ui.pages.admin.client_parts import typeahead

PAGE_SIZE = 50


def page_summary(page: int, page_size: int, total: int, noun: str) -> str:
    """'51–100 of 100,000 users', or 'No users' when nothing matches."""
    if total == 0:
        return f"No {noun}"
    first = (page - 1) * page_size + 1
    last = min(total, page * page_size)
    return f"{first:,}–{last:,} of {total:,} {noun}"


class PagedMixin(rx.State, mixin=True):
    """A list shown a page at a time; the page state defines ``_reload()``."""

    page: int = 1
    pages: int = 1
    summary: str = ""

    def _paged(self, found, noun: str) -> None:
        self.page, self.pages = found.page, found.pages
        self.summary = page_summary(found.page, found.page_size, found.total, noun)

    @rx.event
    def go_to_page(self, page: int):
        self.page = max(1, min(int(page), self.pages))
        return self._reload()


def pager(state, list_id: str) -> rx.Component:
    """'1–50 of 1,234 users' and Previous/Next; the buttons say which list they move."""
    return rx.flex(
        rx.text(state.summary, size="2", color_scheme="gray", id=f"{list_id}-summary", role="status"),
        rx.hstack(
            rx.button(rx.icon("chevron-left", size=16), "Previous", variant="soft", size="2",
                      disabled=state.page <= 1, on_click=state.go_to_page(state.page - 1),
                      aria_label="Previous page", id=f"{list_id}-previous"),
            rx.text(f"Page {state.page} of {state.pages}", size="2", white_space="nowrap"),
            rx.button("Next", rx.icon("chevron-right", size=16), variant="soft", size="2",
                      disabled=state.page >= state.pages, on_click=state.go_to_page(state.page + 1),
                      aria_label="Next page", id=f"{list_id}-next"),
            align="center",
            spacing="2",
        ),
        justify="between",
        align="center",
        wrap="wrap",
        spacing="2",
        width="100%",
    )


def confirm_button(label, *, title, description, confirm_label, on_confirm, button_id: str = "",
                   **button_props) -> rx.Component:
    """A secondary button whose action runs only after a dialog asks and the admin confirms."""
    trigger_props = {"variant": "soft", "color_scheme": "gray"} | button_props
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(rx.button(label, **({"id": button_id} if button_id else {}), **trigger_props)),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description, size="2"),
            rx.flex(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button(confirm_label, color_scheme="red", on_click=on_confirm,
                                                 class_name="confirm-action")),
                spacing="3", justify="end", margin_top="1rem", wrap="wrap",
            ),
            max_width="30rem",
        ),
    )


class OrganizationPickerMixin(rx.State, mixin=True):
    """The matches a page's organization picker offers, searched as the admin types."""

    org_options: list[dict] = []

    @rx.event
    def search_organizations(self, text: str):
        actor, redirect = self._authorize("admin")
        if redirect:
            return redirect
        with session_scope() as session:
            found = admin_organizations.pick_organizations(session=session, actor=actor, text=str(text)[:200])
        self.org_options = [{"value": o.id, "label": o.name} for o in found]
        return None


def organization_picker(state, *, input_id: str, on_choose=None, selected_label="", field_name: str = "",
                        placeholder: str = "Type part of a name…", aria_label: str = "") -> rx.Component:
    """``on_choose(id, name)`` hears each pick ("", "" when cleared); in a form, ``field_name`` carries it."""
    return typeahead(
        input_id=input_id, field_name=field_name, options=state.org_options, selected_label=selected_label,
        placeholder=placeholder, empty_text="No organization has that in its name", aria_label=aria_label,
        on_search=state.search_organizations, width="100%", **({"on_choose": on_choose} if on_choose else {}),
    )
