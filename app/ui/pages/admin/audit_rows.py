"""Audit events as the admin pages show them (the log, a certificate's history): words, one date format,
a link to the object's admin page where one exists."""

from __future__ import annotations

from urllib.parse import quote

import reflex as rx

from app.ui import routes
from app.ui.components.dates import moment
from app.ui.pages.admin.forms import table


def _href(kind: str, key: str) -> str:
    if kind == "track" and key.isdigit():
        return routes.admin_track(int(key))
    if kind == "course" and key.isdigit():
        return routes.admin_course(int(key))
    if kind == "user":
        return f"{routes.ADMIN_USERS}?search={quote(key)}"
    if kind == "organization":
        return f"{routes.ADMIN_ORGANIZATIONS}?search={quote(key)}"
    if kind == "certificate":
        return f"{routes.ADMIN_CERTIFICATES}?number={quote(key)}"
    if kind == "job":
        return routes.ADMIN_JOBS
    return ""


def audit_dicts(rows) -> list[dict]:
    """What a row of the table needs, and nothing of the stored ids."""
    return [{"id": r.id, "at": moment(r.at), "actor_name": r.actor_name or "System",
             "actor_email": r.actor_email, "action": r.action_label, "subject": r.subject_label,
             "detail": r.detail_text, "href": _href(r.link_kind, r.link_key)} for r in rows]


def _row(r: dict) -> rx.Component:
    return rx.table.row(
        rx.table.cell(r["at"], white_space="nowrap"),
        rx.table.cell(rx.vstack(rx.text(r["actor_name"], size="2"),
                                rx.cond(r["actor_email"] != "", rx.text(r["actor_email"], size="1", color_scheme="gray")),
                                spacing="0")),
        rx.table.cell(r["action"]),
        rx.table.cell(rx.cond(r["href"] != "", rx.link(r["subject"], href=r["href"].to(str)), rx.text(r["subject"]))),
        rx.table.cell(rx.text(r["detail"], size="1"), min_width="12rem"),
        class_name="audit-row",
    )


def audit_table(rows: rx.Var, label: str = "Audit events") -> rx.Component:
    return table(["When", "Who", "What", "Subject", "Detail"], rx.foreach(rows, _row), label)
