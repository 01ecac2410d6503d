"""Pieces of the benchmark pages: metric panels, rank chips, trend panels, the training card, the legend."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx

from app.charts.benchmarks import INNER, MEDIAN, OUTER
from app.domain.benchmarks.zones import ZONES
from app.ui.pages.csm.zone_icon import zone_icon

# The charts style themselves; an empty template keeps plotly's large default out of the page.
_TEMPLATE = go.layout.Template()
_STATIC = {"displayModeBar": False, "staticPlot": True, "responsive": True}
_INTERACTIVE = {"displayModeBar": False, "responsive": True}


def chart(figure: rx.Var, interactive: bool = False, **props) -> rx.Component:
    return rx.plotly.basic(data=figure.to(go.Figure), template=_TEMPLATE, config=_INTERACTIVE if interactive else _STATIC,
                           style={"width": "100%"}, **props)


def _swatch(color: str, label: str, shape: str = "band") -> rx.Component:
    sizes = {"band": ("1.4rem", "0.7rem", "2px"), "line": ("0.25rem", "1rem", "0"), "diamond": ("0.7rem", "0.7rem", "0")}
    width, height, radius = sizes[shape]
    mark = rx.box(width=width, height=height, background_color=color, border_radius=radius,
                  transform="rotate(45deg)" if shape == "diamond" else None, flex_shrink="0")
    return rx.hstack(mark, rx.text(label, size="1"), spacing="2", align="center")


def legend(compact: bool = False) -> rx.Component:
    """What the chart marks mean; ``compact`` fits one line of the printed summary."""
    return rx.flex(
        _swatch(OUTER, "p10–p90 of peers" if compact else "middle 80% of peers (p10–p90)"),
        _swatch(INNER, "p25–p75" if compact else "middle half (p25–p75)"),
        _swatch(MEDIAN, "median", "line"),
        rx.text("this customer:" if compact else "this customer, by zone:", size="1"),
        # The customer's mark and chip take the zone's colour; the chip also says the zone in words.
        *[_swatch(zone.hex, zone.words.lower(), "diamond") for zone in ZONES[:3]],
        spacing="3" if compact else "4", wrap="wrap", aria_label="Chart legend", role="group", align="center",
        row_gap="1",
    )


def rank_chip(panel: rx.Var) -> rx.Component:
    """The rank in the zone's colour, with an icon and the zone in words: colour is never the only cue."""
    return rx.badge(
        zone_icon(panel["zone"], 14),
        panel["chip"],
        color_scheme=panel["zone_color"].to(str), variant="soft", high_contrast=True, size="2",
        class_name="rank-chip", data_zone=panel["zone"],
    )


def _knots(panel: rx.Var) -> rx.Component:
    return rx.flex(
        rx.foreach(panel["knots"].to(list[dict]), lambda k: rx.text(rx.text.span(k["name"], weight="medium"), " ", k["value"],
                                                     size="1", color_scheme="gray", white_space="nowrap")),
        spacing="3", wrap="wrap", class_name="knots",
    )


def metric_panel(panel: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(panel["label"], size="3", as_="h3"),
                rank_chip(panel),
                justify="between", align="center", width="100%", wrap="wrap", spacing="2",
            ),
            rx.hstack(
                rx.text(panel["value"], size="6", weight="bold", class_name="metric-value"),
                rx.text(panel["rank"], size="2", class_name="metric-rank"),
                align="baseline", spacing="3", wrap="wrap",
            ),
            rx.cond(
                panel["has_chart"],
                rx.box(chart(panel["figure"]), width="100%", class_name="band-chart"),
            ),
            rx.cond(
                panel["note"] != "",
                rx.cond(panel["status"] == "held",
                        rx.callout(panel["note"], icon="history", color_scheme="amber", size="1", width="100%",
                                   class_name="metric-note"),
                        rx.text(panel["note"], size="2", color_scheme="gray", class_name="metric-note")),
            ),
            _knots(panel),
            spacing="2", width="100%",
        ),
        width="100%", class_name="metric-panel", data_metric=panel["key"], data_zone=panel["zone"],
    )


def trend_panel(panel: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(panel["label"], size="3", as_="h3"),
            rx.foreach(panel["change"].to(list[str]), lambda line: rx.text(line, size="2", class_name="trend-caption")),
            rx.cond(
                panel["has_chart"],
                rx.box(chart(panel["figure"], interactive=True), width="100%", class_name="fan-chart"),
                rx.text("No peer numbers were released for this cohort in the last 90 days.", size="2",
                        color_scheme="gray"),
            ),
            rx.cond(panel["coverage"] != "", rx.text(panel["coverage"], size="1", color_scheme="gray",
                                                     class_name="trend-coverage")),
            spacing="2", width="100%",
        ),
        width="100%", class_name="trend-panel", data_metric=panel["key"],
    )


def training_card(training: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Training and certification", size="4", as_="h2"),
            rx.cond(
                training["learners"].to(int) == 0,
                rx.text("No learners from this customer use the portal yet.", size="2", color_scheme="gray"),
                rx.vstack(
                    rx.text(training["learners"].to_string(), " active learners", size="2", color_scheme="gray"),
                    rx.grid(
                        rx.foreach(training["rows"].to(list[dict]), lambda row: rx.vstack(
                            rx.text(row["count"].to_string(), size="6", weight="bold"),
                            rx.text(row["label"], size="2", weight="medium"),
                            rx.text(row["hint"], size="1", color_scheme="gray"),
                            spacing="0",
                        )),
                        columns=rx.breakpoints(initial="2", sm="3", md="5"), spacing="3", width="100%",
                    ),
                    rx.cond(
                        training["contacts"].to(list[dict]).length() > 0,
                        rx.vstack(
                            rx.heading("Learners to contact about renewal", size="2", as_="h3"),
                            rx.foreach(training["contacts"].to(list[dict]), lambda c: rx.text(
                                rx.text.span(c["name"], weight="medium"), " · ", c["track"], " · ",
                                rx.text.span(c["when"], color=rx.cond(c["expired"], rx.color("red", 11),
                                                                      rx.color("amber", 11))),
                                size="2")),
                            rx.cond(training["more"].to(int) > 0,
                                    rx.text("and ", training["more"].to_string(), " more", size="2",
                                            color_scheme="gray")),
                            spacing="1", width="100%",
                        ),
                    ),
                    spacing="3", width="100%",
                ),
            ),
            spacing="3", width="100%",
        ),
        width="100%", id="training-panel",
    )


def methodology_note(lines: rx.Var) -> rx.Component:
    return rx.box(
        rx.heading("How these numbers are made", size="2", as_="h2"),
        rx.foreach(lines, lambda line: rx.text(line, size="1", color_scheme="gray")),
        id="methodology", width="100%",
    )


def print_row(panel: rx.Var) -> rx.Component:
    """One metric as a compact row of the printed summary: words left, chart right."""
    return rx.grid(
        rx.vstack(
            rx.text(panel["label"], weight="bold", size="2"),
            rx.hstack(rx.text(panel["value"], weight="bold", size="2"), rank_chip(panel), spacing="2", align="center"),
            rx.text(panel["knots_line"], size="1", color_scheme="gray"),
            spacing="1",
        ),
        rx.cond(
            panel["has_chart"],
            rx.box(chart(panel["figure"]), width="100%", class_name="band-chart"),
            rx.text(panel["note"], size="1", color_scheme="gray", class_name="metric-note"),
        ),
        columns="1fr 1fr", spacing="3", align="center", width="100%", class_name="metric-panel print-row",
        data_metric=panel["key"], data_zone=panel["zone"],
    )


def small_multiple(trend: rx.Var) -> rx.Component:
    """One metric's 90 days for the printed summary: a small chart and what happened, in one line."""
    return rx.vstack(
        rx.text(trend["label"], weight="bold", size="1"),
        rx.cond(trend["has_chart"], rx.box(chart(trend["figure"]), width="100%", class_name="fan-chart"),
                rx.text("No peer numbers released in 90 days.", size="1", color_scheme="gray")),
        rx.text(trend["change"], color_scheme="gray", class_name="trend-caption"),
        spacing="0", width="100%", class_name="small-multiple", data_metric=trend["key"],
    )
