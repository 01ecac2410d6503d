"""The nightly job: finalize overdue quiz attempts, send certificate renewal reminders, compute
certification rates, recompute peer benchmarks. Idempotent, guarded to one run per slot, runnable by hand
(`python -m app.cli run-nightly`).

The one orchestration for every way the job starts: the scheduler (``run_nightly``,
``catch_up``), an admin's "Run now" on the Jobs page or POST /api/benchmarks/recompute
(``run_now``), and the command line (``run_nightly``, ``recompute``).
"""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime, timedelta

from app.db import session_scope
from app.services import audit
from app.services.accounts.users import require_role
from app.services.benchmarks import metrics
from app.services.benchmarks.compute import recompute_benchmarks
from app.services.benchmarks.dto import RecomputeReport
from app.services.dto import UserDTO
from app.services.operations import jobs
from app.services.operations.dto import JobRunDTO
from app.services.training import attempts, reminders
from app.settings import get_settings

log = logging.getLogger(__name__)
JOB = "nightly-benchmarks"
RUN_NOW = "job.run_now"  # the audit action of an admin's "Run now"


def scheduled_slot(as_of: date) -> str:
    return as_of.isoformat()


def manual_slot(now: datetime) -> str:
    """A slot of its own for each run by hand (two admins may press the button together)."""
    return f"manual-{now:%Y-%m-%dT%H:%M:%S}Z-{uuid.uuid4().hex[:8]}"


def last_due_slot(now: datetime, hour: int, minute: int) -> date:
    """The date of the most recent scheduled time at or before ``now``."""
    today_run = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return today_run.date() if now >= today_run else (today_run - timedelta(days=1)).date()


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


def run_now(*, actor: UserDTO, now: datetime) -> JobRunDTO | None:
    """An admin's "Run now", from the Jobs page or the API: a slot of its own, and an entry
    in the audit log whatever the outcome (an admin action like any other)."""
    require_role(actor, "admin")
    slot = manual_slot(now)
    try:
        run = run_nightly(now=now, slot=slot)
    except Exception:
        with session_scope() as session:
            # The failed run, so the audit log says "failed", not "skipped".
            _record_run_now(session, actor, jobs.run_for_slot(session=session, job=JOB, slot=slot), now)
        raise
    with session_scope() as session:
        _record_run_now(session, actor, run, now)
    return run


def _record_run_now(session, actor: UserDTO, run: JobRunDTO | None, now: datetime) -> None:
    audit.record(session, action=RUN_NOW, subject=JOB, at=now, actor_id=actor.id,
                 detail={"status": run.status if run else "skipped", "slot": run.slot if run else ""})


# The furthest back a start-up catches up: the history the dashboard shows.
CATCH_UP_DAYS = 90


def missed_days(*, last_done: date | None, due: date) -> list[date]:
    """The scheduled days still to run, oldest first: every day after the last one done, up to ``due``."""
    if last_done is None or last_done >= due:
        return [] if last_done == due else [due]
    first = max(last_done + timedelta(days=1), due - timedelta(days=CATCH_UP_DAYS - 1))
    return [first + timedelta(days=k) for k in range((due - first).days + 1)]


def catch_up(now: datetime) -> None:
    """Run every scheduled day missed while the app was down, in order (so each day's release is
    audited against the days before it, as on a normal night); stop at the first failure."""
    hour, minute = get_settings().nightly_at
    due = last_due_slot(now, hour, minute)
    with session_scope() as session:
        last_done = jobs.last_scheduled_day(session=session, job=JOB)
    for day in missed_days(last_done=last_done, due=due):
        with session_scope() as session:
            if jobs.slot_done(session=session, job=JOB, slot=scheduled_slot(day), now=now):
                continue
        log.info("%s: catching up the missed run for %s", JOB, day)
        try:
            run_nightly(now=now, as_of=day)
        except Exception:
            log.exception("catch-up %s failed; later days wait for the next start or night", JOB)
            return


def recompute(*, as_of: date, now: datetime) -> RecomputeReport:
    """The benchmark step alone, in a transaction of its own (the nightly run's last step)."""
    with session_scope() as session:
        return recompute_benchmarks(session=session, as_of=as_of, now=now)


def _steps(as_of: date, now: datetime) -> str:
    # Each step commits on its own: a later failure does not undo the earlier ones,
    # and each is safe to repeat.
    with session_scope() as session:
        finalized = attempts.finalize_overdue_attempts(session=session, now=now)
    # Each reminder is claimed in a transaction of its own, so it goes out once whoever runs this.
    sent = reminders.send_due_reminders(now=now)
    with session_scope() as session:
        rates = metrics.compute_certification_rates(session=session, as_of=as_of)
    report = recompute(as_of=as_of, now=now)
    detail = (f"as of {as_of}: {finalized} overdue attempts finalized, "
              f"renewal reminders {sent.sent} sent / {sent.listed} listed / {sent.failed} failed, {rates} certification rates, "
              f"{report.published} published / {report.held} held / {report.suppressed} suppressed "
              f"for {report.organizations} organizations")
    log.info("%s: %s", JOB, detail)
    return detail
