"""Validating metric snapshot rows before they are stored (API and CSV import)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from app.domain.benchmarks.metrics import METRICS_BY_KEY
from app.domain.errors import InvalidInput

MAX_ROWS = 100_000


class InvalidRows(InvalidInput):
    def __init__(self, problems: list[str]):
        listed = "; ".join(problems[:50]) + (f"; and {len(problems) - 50} more" if len(problems) > 50 else "")
        super().__init__("rows", f"Nothing was saved: {len(problems)} row problem(s): {listed}.")
        self.problems = problems


@dataclass(frozen=True)
class SnapshotRow:
    organization_id: int
    metric: str
    as_of: date
    value: float


def validate_rows(
    rows: list[Mapping[str, Any]], org_ids: set[int], org_ids_by_name: Mapping[str, int], today: date, first_row: int = 1
) -> list[SnapshotRow]:
    """Check every row; raise InvalidRows listing each bad row (numbered from ``first_row``)."""
    if len(rows) > MAX_ROWS:
        raise InvalidRows([f"at most {MAX_ROWS:,} rows per upload (got {len(rows):,})"])
    problems: list[str] = []
    clean: list[SnapshotRow] = []
    seen: dict[tuple[int, str, date], int] = {}
    for number, row in enumerate(rows, start=first_row):
        reasons: list[str] = []
        org_id = _organization(row, org_ids, org_ids_by_name, reasons)
        metric = _metric(row.get("metric"), reasons)
        as_of = _date(row.get("as_of"), today, reasons)
        value = _value(row.get("value"), metric, reasons)
        if not reasons:
            key = (org_id, metric, as_of)
            if key in seen:
                reasons.append(f"repeats row {seen[key]} (same organization, metric and date)")
            seen[key] = number
        if reasons:
            problems.append(f"row {number}: " + ", ".join(reasons))
        else:
            clean.append(SnapshotRow(org_id, metric, as_of, value))
    if problems:
        raise InvalidRows(problems)
    return clean


def _organization(row, org_ids, org_ids_by_name, reasons) -> int | None:
    raw_id, raw_name = row.get("organization_id"), row.get("organization_name")
    if raw_id not in (None, "") and raw_name not in (None, ""):
        reasons.append("give organization_id or organization_name, not both")
        return None
    if raw_id not in (None, ""):
        org_id = _int(raw_id)
        if org_id is None or org_id not in org_ids:
            reasons.append(f"unknown organization id {str(raw_id)[:20]!r}")
        return org_id
    if raw_name not in (None, ""):
        org_id = org_ids_by_name.get(" ".join(str(raw_name).split()))
        if org_id is None:
            reasons.append(f"unknown organization {str(raw_name)[:60]!r}")
        return org_id
    reasons.append("organization_id or organization_name is required")
    return None


def _metric(raw, reasons) -> str | None:
    if raw not in METRICS_BY_KEY:
        reasons.append(f"unknown metric {str(raw)[:40]!r} (known: {', '.join(METRICS_BY_KEY)})")
        return None
    return raw


def _date(raw, today: date, reasons) -> date | None:
    if isinstance(raw, date):
        parsed = raw
    else:
        try:
            parsed = date.fromisoformat(str(raw).strip())
        except ValueError:
            reasons.append(f"as_of {str(raw)[:20]!r} is not a date like 2026-11-28")
            return None
    if parsed > today:
        reasons.append(f"as_of {parsed} is in the future")
        return None
    return parsed


def _value(raw, metric: str | None, reasons) -> float | None:
    if isinstance(raw, bool):
        reasons.append("value must be a number")
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        reasons.append(f"value {str(raw)[:20]!r} is not a number")
        return None
    if math.isnan(value) or math.isinf(value):
        reasons.append("value must be a finite number (not NaN or infinity)")
        return None
    if metric is not None and not METRICS_BY_KEY[metric].in_bounds(value):
        m = METRICS_BY_KEY[metric]
        upper = f" and {m.upper_bound:g}" if m.upper_bound is not None else ""
        reasons.append(f"value {value:g} is out of bounds for {metric} (between {m.lower_bound:g}{upper})"
                       if upper else f"value {value:g} is out of bounds for {metric} (at least {m.lower_bound:g})")
        return None
    return value


def _int(raw) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    text = str(raw).strip()
    return int(text) if text.isascii() and text.isdigit() else None
