"""Admin building blocks with behaviour: confirmed actions, the organization picker."""

from __future__ import annotations

import reflex as rx

from app.db import session_scope
from app.services.accounts import organizations_admin as admin_organizations
from app.ui.pages.admin.client_parts import typeahead

PAGE_SIZE = 50


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
