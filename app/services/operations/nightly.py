"""The nightly job: finalize overdue quiz attempts, compute certification rates, recompute
peer benchmarks. Idempotent, guarded to one run per slot, runnable by hand
(`python -m app.cli run-nightly`)."""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime

from app.db import session_scope
from app.services.benchmarks import metrics
from app.services.benchmarks.compute import recompute_benchmarks
from app.services.operations import jobs
from app.services.operations.jobs import JobRunDTO
from app.services.training import attempts

log = logging.getLogger(__name__)
JOB = "nightly-benchmarks"


def scheduled_slot(as_of: date) -> str:
    return as_of.isoformat()


def manual_slot(now: datetime) -> str:
    """A slot of its own for each run by hand (two admins may press the button together)."""
    return f"manual-{now:%Y-%m-%dT%H:%M:%S}Z-{uuid.uuid4().hex[:8]}"


def run_nightly(*, now: datetime, as_of: date | None = None, slot: str | None = None) -> JobRunDTO | None:
    """Run every step for ``as_of`` (today by default) unless another process owns the slot.

    Returns the finished JobRun, or None when the slot was already taken.
    """
    as_of = as_of or now.date()
    slot = slot or scheduled_slot(as_of)
    with session_scope() as session:
        run = jobs.claim_slot(session=session, job=JOB, slot=slot, now=now)
    if run is None:
        log.info("%s %s: already claimed elsewhere, skipping", JOB, slot)
        return None
    try:
        detail = _steps(as_of, now)
    except Exception as err:  # record any failure on the run, then let it surface
        log.exception("%s %s failed", JOB, slot)
        with session_scope() as session:
            jobs.finish(session=session, run_id=run.id, status="failed", detail=f"{type(err).__name__}: {err}",
                        now=datetime.now(now.tzinfo))
        raise
    with session_scope() as session:
        return jobs.finish(session=session, run_id=run.id, status="succeeded", detail=detail,
                           now=datetime.now(now.tzinfo))


def _steps(as_of: date, now: datetime) -> str:
    # Each step commits on its own: a later failure does not undo the earlier ones,
    # and each is safe to repeat.
    with session_scope() as session:
        finalized = attempts.finalize_overdue_attempts(session=session, now=now)
    with session_scope() as session:
        rates = metrics.compute_certification_rates(session=session, as_of=as_of)
    with session_scope() as session:
        report = recompute_benchmarks(session=session, as_of=as_of, now=now)
    detail = (f"as of {as_of}: {finalized} overdue attempts finalized, {rates} certification rates, "
              f"{report.published} published / {report.held} held / {report.suppressed} suppressed "
              f"for {report.organizations} organizations")
    log.info("%s: %s", JOB, detail)
    return detail
