"""The customer list, the CSM's home: every row opens the customer's page; five rank chips per row."""

from __future__ import annotations

import reflex as rx

from app.ui import routes
from app.ui.components.paging import pager
from app.ui.layout import error_callout, page_header, shell
from app.ui.pages.csm import customer_rows as rows_of
from app.ui.pages.csm.customers import CustomersState as S
from app.ui.pages.csm.zone_icon import zone_icon

ICON_SIZE = 13


def _zone_words(zone) -> rx.Component:
    """The zone in words for screen readers (the chip shows it by icon and colour)."""
    return rx.el.span(rx.match(zone, *((z, f", {w.lower()}") for z, w in rows_of.ZONE_WORDS.items() if z != "none"), ""),
                      class_name="sr-only")


def _chip(chip) -> rx.Component:
    return rx.badge(
        zone_icon(chip["zone"], ICON_SIZE),
        rx.text(chip["name"], as_="span", weight="regular"),
        rx.text(chip["text"], as_="span", weight="bold"),
        _zone_words(chip["zone"]),
        color_scheme=chip["color"], variant="soft", high_contrast=True, size="2",
        title=chip["title"], class_name="rank-chip", data_zone=chip["zone"], data_metric=chip["metric"],
    )


def _row(row) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.flex(
                rx.box(
                    rx.text(row["name"], weight="bold", size="3", class_name="customer-name"),
                    rx.text(row["industry"], " · ", row["size_range"], size="2", color_scheme="gray"),
                    min_width="0",
                ),
                rx.flex(rx.foreach(row["chips"].to(list[dict]), _chip), wrap="wrap", class_name="rank-chips"),
                class_name="customer-row-body",
            ),
            href=routes.CUSTOMERS + "/" + row["id"].to_string(),
            underline="none", color_scheme="gray", high_contrast=True, class_name="customer-row",
        ),
    )


def _select(value, on_change, choices, label: str, select_id: str) -> rx.Component:
    return rx.select.root(
        rx.select.trigger(aria_label=label, id=select_id),
        rx.select.content(*[rx.select.item(text, value=key) for key, text in choices]),
        value=value, on_change=on_change,
    )


def _filters() -> rx.Component:
    return rx.flex(
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            placeholder="Search by name…", value=S.search, on_change=S.set_search.debounce(300),
            width=rx.breakpoints(initial="100%", sm="18rem"), id="customer-search", aria_label="Search by name",
        ),
        _select(S.industry, S.set_industry, rows_of.INDUSTRY_CHOICES, "Industry", "industry-filter"),
        _select(S.size_range, S.set_size_range, rows_of.SIZE_CHOICES, "Size range", "size-filter"),
        rx.hstack(rx.text("Order", size="2", color_scheme="gray", as_="span"),
                  _select(S.sort, S.set_sort, rows_of.SORT_CHOICES, "Order", "sort-order"), align="center"),
        spacing="3", wrap="wrap", width="100%", align="center",
    )


def _legend() -> rx.Component:
    def item(zone: str, words: str) -> rx.Component:
        color, _icon = rows_of.ZONE_LOOK[zone]
        return rx.badge(zone_icon(zone, ICON_SIZE), words, color_scheme=color, variant="soft", high_contrast=True)

    return rx.vstack(
        rx.text("Each chip is the customer's percentile rank against all customers, where higher is always "
                "better (fewer tickets and faster resolution rank higher).", size="2", color_scheme="gray"),
        rx.flex(
            item("bottom", "bottom quarter"), item("below", "below the median"),
            item("above", "at or above the median"), item("none", "no rank"),
            rx.cond(S.ranks_as_of != "", rx.text("Ranks as of ", S.ranks_as_of, ", updated nightly.", size="2",
                                                 color_scheme="gray")),
            spacing="2", wrap="wrap", align="center",
        ),
        spacing="1", id="rank-legend",
    )


def _empty() -> rx.Component:
    return rx.cond(
        S.filtered,
        rx.callout(
            rx.flex(rx.text("No customers match these filters."),
                    rx.button("Clear filters", on_click=S.clear_filters, size="2", variant="soft", id="clear-filters"),
                    spacing="3", align="center", wrap="wrap"),
            icon="search-x", color_scheme="gray", width="100%", id="empty-list",
        ),
        rx.callout("No active customers yet. An admin adds organizations under Admin › Organizations.",
                   icon="info", color_scheme="gray", width="100%", id="empty-list"),
    )


def customers_page() -> rx.Component:
    return shell(
        page_header("Customers", "Weakest first: open a customer to see where it stands against its peers."),
        _filters(),
        _legend(),
        error_callout(S.error),
        rx.cond(S.loading, rx.hstack(rx.spinner(size="2"), rx.text("Loading customers…", color_scheme="gray"),
                                     align="center", id="list-loading")),
        rx.cond(
            (S.rows.length() == 0) & ~S.loading & (S.error == ""),
            _empty(),
            rx.vstack(
                rx.text(S.summary, size="2", color_scheme="gray", id="customer-summary"),
                rx.el.ul(rx.foreach(S.rows, _row), class_name="customer-list", id="customer-list",
                         aria_busy=S.loading),
                pager(S, "customers"),
                spacing="3", width="100%",
            ),
        ),
    )
