"""The customer list's rows and query string as plain values (no reflex, tested without a browser).

A row holds what the browser shows: the customer's name, industry, size range, and per metric
its own stored rank as a chip. Never a peer's value: ranks are the customer's own standing.
"""

from __future__ import annotations

from urllib.parse import urlencode

from app.domain.benchmarks.metrics import METRICS
from app.domain.benchmarks.rank import ordinal
from app.domain.benchmarks.zones import ZONES
from app.domain.organizations import INDUSTRIES, SIZE_RANGES
from app.services.benchmarks.dto import CustomerPage, CustomerRow, RankChip

ANY = "any"
# Short enough for five chips on a phone row; the chip's tooltip and label give the full name.
SHORT_NAMES = {"health_score": "Health", "adoption_rate": "Adoption", "certification_rate": "Certified",
               "tickets_per_100_users": "Tickets", "resolution_hours": "Resolution"}
# Colour with an icon of its own per zone, so the zone reads without colour too.
ZONE_LOOK = {z.key: (z.color, z.icon) for z in ZONES}
ZONE_WORDS = {z.key: z.words for z in ZONES}
SORT_CHOICES = (("weakest", "Weakest rank first"), ("name", "Name (A–Z)"),
                *((m.key, f"{SHORT_NAMES[m.key]}: weakest first") for m in METRICS))
INDUSTRY_CHOICES = ((ANY, "All industries"), *((name, name) for name in INDUSTRIES))
SIZE_CHOICES = ((ANY, "All sizes"), *((r.key, r.label) for r in SIZE_RANGES))


def chip_text(chip: RankChip) -> str:
    """'23rd' for a rank; '<10th' / '>90th' beyond the outer released percentiles (where the rank
    engine's middle-of-the-tail 5 or 95 would read more exact than it is); otherwise the words,
    shortened: 'below median', 'no data', 'not shown'."""
    side, _, percentile = chip.rank_label.partition(" p")
    if side in ("below", "above") and percentile.isdigit():
        return f"{'<' if side == 'below' else '>'}{ordinal(int(percentile))}"
    if chip.rank is not None:
        return ordinal(chip.rank)
    return chip.rank_label.replace("the median", "median")


def chip(chip: RankChip) -> dict:
    color, icon = ZONE_LOOK[chip.zone]
    zone = f" ({ZONE_WORDS[chip.zone].lower()})" if chip.zone != "none" else ""
    return {"metric": chip.metric, "name": SHORT_NAMES[chip.metric], "text": chip_text(chip), "color": color,
            "icon": icon, "zone": chip.zone, "title": f"{chip.label}: {chip.rank_label}{zone}"}


def row(customer: CustomerRow) -> dict:
    return {"id": customer.id, "name": customer.name, "industry": customer.industry,
            "size_range": customer.size_range, "chips": [chip(c) for c in customer.ranks]}


def summary(found: CustomerPage) -> str:
    """'Showing 1–25 of 1,234 customers'; 'No customers match' when the filters leave none."""
    if found.total == 0:
        return "No customers match"
    first = (found.page - 1) * found.page_size + 1
    last = min(found.total, found.page * found.page_size)
    noun = "customer" if found.total == 1 else "customers"
    return f"Showing {first:,}–{last:,} of {found.total:,} {noun}"


def choice(value: str, choices: tuple[tuple[str, str], ...], default: str) -> str:
    return value if value in dict(choices) else default


QUERY_NAMES = ("q", "industry", "size", "sort", "page")


def query_string(*, search: str, industry: str, size_range: str, sort: str, page: int) -> str:
    """The list's filters and page as the address shows them; defaults are left out."""
    params = {"q": search.strip(), "industry": "" if industry == ANY else industry,
              "size": "" if size_range == ANY else size_range, "sort": "" if sort == "weakest" else sort,
              "page": "" if page <= 1 else str(page)}
    encoded = urlencode({k: v for k, v in params.items() if v})
    return f"?{encoded}" if encoded else ""


def from_query(query: dict) -> dict:
    """The filters and page from an address's query (anything unknown falls back to its default)."""
    raw_page = str(query.get("page", "1"))
    return {"search": str(query.get("q", ""))[:200],
            "industry": choice(str(query.get("industry", ANY)), INDUSTRY_CHOICES, ANY),
            "size_range": choice(str(query.get("size", ANY)), SIZE_CHOICES, ANY),
            "sort": choice(str(query.get("sort", "weakest")), SORT_CHOICES, "weakest"),
            "page": int(raw_page) if raw_page.isdigit() and len(raw_page) < 7 else 1}
