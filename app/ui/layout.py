"""The page shell: brand, navigation by role, signed-in user, sign-out."""

from __future__ import annotations

import reflex as rx

from app.ui import routes
from app.ui.state import SessionState

NAV_BY_ROLE = {
    "learner": [("My tracks", routes.TRACKS), ("Certificates", routes.CERTIFICATES)],
    "csm": [("Customers", routes.CUSTOMERS)],
    "admin": [("Content", routes.ADMIN_CONTENT), ("Users", routes.ADMIN_USERS),
              ("Organizations", routes.ADMIN_ORGANIZATIONS), ("Certificates", routes.ADMIN_CERTIFICATES),
              ("Jobs", routes.ADMIN_JOBS), ("Audit", routes.ADMIN_AUDIT), ("Customers", routes.CUSTOMERS)],
}


def _nav_links(role: str) -> rx.Component:
    return rx.hstack(
        *[rx.link(label, href=href, size="3", weight="medium") for label, href in NAV_BY_ROLE[role]],
        spacing="4",
        wrap="wrap",
    )


def brand(href: str) -> rx.Component:
    """The brand mark and name: the way home."""
    return rx.link(
        rx.hstack(
            rx.image(src="/brand-mark.svg", alt="", width="28px", height="28px"),
            rx.heading("Success Portal", size="5", white_space="nowrap"),
            align="center",
            spacing="2",
        ),
        href=href,
        underline="none",
        color_scheme="gray",
        high_contrast=True,
    )


def _by_role(render) -> rx.Component:
    return rx.match(SessionState.user_role, *((role, render(role)) for role in NAV_BY_ROLE), rx.fragment())


def _signed_in_user() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(SessionState.user_name, size="2", weight="medium", id="signed-in-user"),
            rx.text(SessionState.organization_name, " · ", SessionState.user_role, size="1", color_scheme="gray"),
            spacing="0",
            align="end",
        ),
        rx.button("Sign out", variant="soft", size="2", on_click=SessionState.sign_out),
        align="center",
    )


def _menu_items(role: str) -> rx.Component:
    return rx.fragment(*[rx.menu.item(label, on_select=rx.redirect(href)) for label, href in NAV_BY_ROLE[role]])


def _phone_menu() -> rx.Component:
    """Below 62em the links and the user fold into one menu, so the header stays one row."""
    return rx.menu.root(
        rx.menu.trigger(rx.icon_button(rx.icon("menu", size=20), variant="soft", size="3", aria_label="Menu",
                                       id="nav-menu-button")),
        rx.menu.content(
            _by_role(_menu_items),
            rx.menu.separator(),
            rx.text(SessionState.user_name, " · ", SessionState.organization_name, size="1", color_scheme="gray",
                    padding_x="0.75rem", padding_y="0.25rem"),
            rx.menu.item("Sign out", on_select=SessionState.sign_out, color="red"),
            align="end",
            min_width="14rem",
        ),
    )


def navbar() -> rx.Component:
    return rx.box(
        rx.flex(
            rx.hstack(brand(routes.HOME), rx.box(_by_role(_nav_links), class_name="nav-wide"), spacing="6",
                      align="center"),
            rx.cond(
                SessionState.user_name != "",
                rx.fragment(rx.box(_signed_in_user(), class_name="nav-wide"),
                            rx.box(_phone_menu(), class_name="nav-narrow")),
            ),
            justify="between",
            align="center",
            gap="3",
            wrap="nowrap",
        ),
        padding_x="1.25rem",
        padding_y="0.75rem",
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        background_color=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
        id="site-header",
    )


def shell(*content: rx.Component) -> rx.Component:
    """A signed-in page: navbar above, content in a readable column."""
    return rx.box(
        navbar(),
        rx.container(rx.vstack(*content, spacing="5", width="100%"), size="4", padding_y="1.5rem", padding_x="1rem"),
        min_height="100vh",
        background_color=rx.color("gray", 2),
    )


def public_shell(*content: rx.Component) -> rx.Component:
    """A page anyone may open: brand and a way in, no session needed."""
    return rx.box(
        rx.flex(
            brand(routes.VERIFY),
            rx.link("Sign in", href=routes.LOGIN, size="3", weight="medium"),
            justify="between",
            align="center",
            padding_x="1.25rem",
            padding_y="0.75rem",
            border_bottom=f"1px solid {rx.color('gray', 5)}",
            background_color=rx.color("gray", 1),
        ),
        rx.container(rx.vstack(*content, spacing="5", width="100%"), size="2", padding_y="1.5rem", padding_x="1rem"),
        min_height="100vh",
        background_color=rx.color("gray", 2),
    )


def page_header(title: str, subtitle: str | rx.Var = "") -> rx.Component:
    return rx.vstack(
        rx.heading(title, size="7"),
        rx.cond(subtitle != "", rx.text(subtitle, color_scheme="gray", size="3")) if isinstance(subtitle, rx.Var) else (
            rx.text(subtitle, color_scheme="gray", size="3") if subtitle else rx.fragment()
        ),
        spacing="1",
        align="start",
    )


def error_callout(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle_alert", color_scheme="red", role="alert", width="100%"),
    )


def link_button(*children, href: str | rx.Var, **props) -> rx.Component:
    """A link styled as a button: one tab stop, opens with Enter like any link."""
    return rx.button(rx.link(*children, href=href, underline="none"), as_child=True, **props)


def loading(is_loading: rx.Var, label: str = "Loading…") -> rx.Component:
    return rx.cond(is_loading, rx.hstack(rx.spinner(size="2"), rx.text(label, color_scheme="gray"), align="center"))
