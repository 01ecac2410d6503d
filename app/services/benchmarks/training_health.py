"""Training and health side by side: health score, tickets and resolution time across bands of
certification rate (released numbers only, decided in the nightly run), and where one customer sits.

It shows an association between training and health across customers, not a cause; the pages and
the API say so.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, func, select

from app.domain.accounts import STAFF_ROLES
from app.domain.benchmarks.certification_bands import BANDS, BANDS_BY_KEY, COMPARED_METRICS, band_for
from app.domain.benchmarks.cohorts import peer_count_band
from app.domain.benchmarks.disclosure import released_values
from app.domain.benchmarks.metrics import METRICS_BY_KEY
from app.domain.errors import NotFound, PermissionDenied
from app.models import MetricSnapshot, Organization, TrainingHealthBand
from app.services.benchmarks.dto import BandRelease, TrainingHealth, TrainingHealthMetric
from app.services.benchmarks.policy import value_window
from app.services.dto import UserDTO

NO_RELEASE = "no comparison was computed for this band on this day"


def training_health(*, session: Session, viewer: UserDTO, organization_id: int,
                    as_of: date | None = None) -> TrainingHealth:
    """The released band numbers of the latest day with bands (or ``as_of``), with this customer's
    own certification rate, band and values on that day."""
    if viewer.role not in STAFF_ROLES:
        raise PermissionDenied("Peer benchmarks are for customer success managers and admins.")
    org = session.get(Organization, organization_id)
    if org is None:
        raise NotFound(f"No organization with id {organization_id}.")
    as_of = as_of or session.exec(select(func.max(TrainingHealthBand.as_of))).one()
    organization = {"id": org.id, "name": org.name}
    if as_of is None:
        return TrainingHealth(organization, None, None, None, None,
                              "no comparison has been computed yet; it is computed every night", [])
    rows = {(r.metric, r.band): r for r in session.exec(
        select(TrainingHealthBand).where(TrainingHealthBand.as_of == as_of)).all()}
    own = _own_values(session, organization_id, as_of)
    rate = own.get("certification_rate")
    band = band_for(rate)
    metrics = [_metric(key, rows, own.get(key)) for key in COMPARED_METRICS]
    reason = None if band else (f"no certification rate in the {value_window().days} days up to {as_of.isoformat()}: "
                                "the customer has no active learners")
    return TrainingHealth(organization, as_of, rate, band.key if band else None, band.label if band else None,
                          reason, metrics)


def _metric(key: str, rows: dict, value: float | None) -> TrainingHealthMetric:
    metric = METRICS_BY_KEY[key]
    return TrainingHealthMetric(metric.key, metric.label, metric.unit, metric.higher_is_better, value,
                                [_band(b.key, b.label, rows.get((key, b.key))) for b in BANDS])


def _band(key: str, label: str, row: TrainingHealthBand | None) -> BandRelease:
    short = BANDS_BY_KEY[key].short
    if row is None:
        return BandRelease(key, label, "no_release", NO_RELEASE, None, None, {}, short)
    released = released_values(row) if row.status != "suppressed" else {}
    return BandRelease(key, label, row.status, row.reason or None,
                       peer_count_band(row.peer_count) if row.status != "suppressed" else None,
                       released.get("median"), released, short)


def _own_values(session: Session, organization_id: int, as_of: date) -> dict[str, float]:
    """The customer's latest value of each metric within the window ending at ``as_of``, as the nightly run saw it."""
    window = value_window()
    keys = ("certification_rate", *COMPARED_METRICS)
    rows = session.exec(
        select(MetricSnapshot.metric, MetricSnapshot.as_of, MetricSnapshot.value).where(
            MetricSnapshot.organization_id == organization_id, MetricSnapshot.metric.in_(keys),
            MetricSnapshot.as_of > window.start(as_of), MetricSnapshot.as_of <= as_of,
        ).order_by(MetricSnapshot.as_of)
    ).all()
    latest: dict[str, float] = {}
    for metric, _day, value in rows:
        latest[metric] = value
    return latest
