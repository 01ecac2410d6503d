"""What leaves the portal with a CSM: the CSV of released numbers and the methodology note.

Both carry exactly what the page shows: released knots, the customer's own value and
rank, peer counts as bands. Min, max and exact peer counts are never read here.
"""

from __future__ import annotations

import re

from sqlmodel import Session

from app.domain.benchmarks.cohorts import PEER_COUNT_BANDS
from app.domain.benchmarks.disclosure import RELEASED_NUMBERS
from app.domain.organizations import SIZE_RANGES
from app.domain.spreadsheet import csv_text
from app.services.benchmarks.dto import CsvExport, OrganizationBenchmarks
from app.services.benchmarks.policy import disclosure_policy, value_window
from app.services.benchmarks.views import organization_benchmarks
from app.services.dto import UserDTO
from app.settings import get_settings

CSV_COLUMNS = ("organization", "cohort", "as_of", "metric", "metric_label", "unit", "better", "status", "reason",
               "value", "rank", "rank_label", "peer_count_band", *RELEASED_NUMBERS)


def methodology() -> list[str]:
    """The footnote for every export and the page, from the settings the numbers were made with."""
    settings, policy = get_settings(), disclosure_policy()
    hour, minute = settings.nightly_at
    sizes = ", ".join(r.label.replace(" employees", "") for r in SIZE_RANGES)
    bands = ", ".join(label for _, _, label in PEER_COUNT_BANDS)
    return [
        f"Cohorts: all active customers, each industry, and each size range ({sizes} employees). "
        f"Each organization's latest value within {value_window().days} days is compared.",
        f"Thresholds: no numbers for a cohort of fewer than {policy.min_peers} peers; the median needs "
        f"{policy.min_peers} peers, p25 and p75 need {policy.quartiles_min_peers}, p10 and p90 need "
        f"{policy.deciles_min_peers}. Peer counts are shown only as bands ({bands}). "
        "Only percentiles are shown. Means, totals and the lowest and highest values are never shown: sums "
        "could be combined across cohorts and days to work out one customer's value.",
        "Quantiles: type 7 (linear interpolation between neighbouring values, as numpy's default and "
        "PostgreSQL's percentile_cont), rounded to each metric's resolution.",
        "Rank: interpolated between the released percentiles only; a value outside them gets the middle of "
        "the tail (below p10 ranks 5th). For metrics where lower is better the rank is mirrored, so a higher "
        "rank is always better.",
        f"Recomputed nightly at {hour:02d}:{minute:02d} UTC. No two releases, of any cohorts on any days, differ "
        f"by fewer than {policy.min_peers} customers: a cohort that would keeps its previous numbers (held), "
        "and of two such cohorts on one day only the larger is shown.",
    ]


def csv_rows(report: OrganizationBenchmarks) -> list[dict[str, object]]:
    """One row per metric, numbers exactly as released (no reformatting, so they match the API)."""
    rows = []
    for m in report.metrics:
        row: dict[str, object] = {
            "organization": report.organization["name"], "cohort": report.cohort["label"],
            "as_of": report.as_of.isoformat(), "metric": m.key, "metric_label": m.label, "unit": m.unit,
            "better": "higher" if m.higher_is_better else "lower", "status": m.status, "reason": m.reason or "",
            "value": m.value, "rank": m.rank, "rank_label": m.rank_label, "peer_count_band": m.peer_count_band or "",
        }
        row.update({name: m.released.get(name) for name in RELEASED_NUMBERS})
        rows.append(row)
    return rows


def to_csv(rows: list[dict[str, object]]) -> str:
    return csv_text(CSV_COLUMNS, ([row[column] for column in CSV_COLUMNS] for row in rows))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "organization"


def organization_csv(*, session: Session, viewer: UserDTO, organization_id: int, cohort_kind: str) -> CsvExport:
    report = organization_benchmarks(session=session, viewer=viewer, organization_id=organization_id,
                                     cohort_kind=cohort_kind)
    filename = f"benchmarks-{_slug(report.organization['name'])}-{report.cohort['kind']}-{report.as_of}.csv"
    return CsvExport(filename, to_csv(csv_rows(report)))
