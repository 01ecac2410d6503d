"""The zone's icon on every rank chip (the customer list's and the customer page's), so a zone looks the same everywhere."""

from __future__ import annotations

import reflex as rx

from app.domain.benchmarks.zones import NONE, ZONES


def zone_icon(zone: rx.Var, size: int) -> rx.Component:
    # rx.icon needs its name when the page is built, so every zone's icon is built and the zone picks one.
    return rx.match(
        zone,
        *((z.key, rx.icon(z.icon, size=size, aria_hidden="true")) for z in ZONES if z is not NONE),
        rx.icon(NONE.icon, size=size, aria_hidden="true"),
    )
