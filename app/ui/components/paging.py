"""A long list shown a page at a time: the summary line, Previous and Next (admin lists, the customer list)."""

from __future__ import annotations

import reflex as rx


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
