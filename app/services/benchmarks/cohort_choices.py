"""Which of a customer's three cohorts have numbers on the latest release, before one is chosen.

The customer page marks a cohort without numbers in its switch and, when the chosen cohort
is withheld, offers the one that has numbers. Only statuses and reasons are read: what any
viewer of the page may see anyway, never a peer count or a peer value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from app.domain.benchmarks.cohorts import COHORT_KINDS, cohort_for
from app.domain.benchmarks.metrics import METRICS
from app.models import PeerBenchmark
from app.services.benchmarks.views import _organization, _require_staff, latest_as_of
from app.services.dto import UserDTO


@dataclass(frozen=True)
class CohortChoice:
    kind: str  # all | industry | size
    label: str  # "All customers", "Healthcare", "1-50 employees"
    released: int  # metrics with numbers to show (published or held)
    withheld: int  # metrics suppressed, or never computed, for this cohort on the day
    reason: str | None  # the most frequent reason a metric is withheld, None when nothing is


def cohort_choices(*, session: Session, viewer: UserDTO, organization_id: int,
                   as_of: date | None = None) -> list[CohortChoice]:
    """One choice per cohort kind, in the switch's order, for the customer's own cohorts."""
    _require_staff(viewer)
    org = _organization(session, organization_id)
    as_of = as_of or latest_as_of(session)
    cohorts = [cohort_for(kind, org.industry, org.employee_count) for kind in COHORT_KINDS]
    rows = session.exec(select(PeerBenchmark.cohort_kind, PeerBenchmark.cohort_value, PeerBenchmark.status,
                               PeerBenchmark.reason).where(
        PeerBenchmark.as_of == as_of, PeerBenchmark.cohort_kind.in_(COHORT_KINDS),
        PeerBenchmark.cohort_value.in_({c.value for c in cohorts}))).all() if as_of else []
    choices = []
    for cohort in cohorts:
        mine = [r for r in rows if (r.cohort_kind, r.cohort_value) == (cohort.kind, cohort.value)]
        released = sum(1 for r in mine if r.status != "suppressed")
        reasons = Counter(r.reason for r in mine if r.status == "suppressed" and r.reason)
        choices.append(CohortChoice(cohort.kind, cohort.label, released, len(METRICS) - released,
                                    reasons.most_common(1)[0][0] if reasons else None))
    return choices
