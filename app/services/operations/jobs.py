"""Job runs: at most one run per job and slot, across every worker and host."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.models import JobRun
from app.services.operations.dto import JobRunDTO

# A run still "running" after this long belongs to a process that died (the job takes
# seconds, a million organizations under a minute); a new one may take over.
STALE_AFTER = timedelta(minutes=15)


def _dto(run: JobRun) -> JobRunDTO:
    return JobRunDTO(run.id, run.job, run.slot, run.status, run.started_at, run.finished_at, run.detail)


def claim_slot(*, session: Session, job: str, slot: str, now: datetime) -> JobRunDTO | None:
    """Claim (job, slot) for this process; None when another process has it or finished it.

    The unique key on (job, slot) decides races: the loser's insert fails and it skips.
    A failed run, or one left "running" by a dead process, is taken over with a guarded update.
    """
    try:
        with session.begin_nested():
            run = JobRun(job=job, slot=slot, started_at=now, status="running")
            session.add(run)
        return _dto(run)
    except IntegrityError:
        pass
    taken = session.execute(
        update(JobRun)
        .where(JobRun.job == job, JobRun.slot == slot,
               or_(JobRun.status == "failed", (JobRun.status == "running") & (JobRun.started_at < now - STALE_AFTER)))
        .values(status="running", started_at=now, finished_at=None, detail="taken over after a failed or stale run")
    )
    if taken.rowcount != 1:
        return None
    return run_for_slot(session=session, job=job, slot=slot)


def finish(*, session: Session, run_id: int, status: str, detail: str, now: datetime) -> JobRunDTO:
    run = session.get(JobRun, run_id)
    run.status = status
    run.finished_at = now
    run.detail = detail[:2000]
    session.add(run)
    session.flush()
    return _dto(run)


def slot_done(*, session: Session, job: str, slot: str, now: datetime) -> bool:
    """Succeeded, or running in a live process; a failed or abandoned slot is not done."""
    run = run_for_slot(session=session, job=job, slot=slot)
    if run is None:
        return False
    return run.status == "succeeded" or (run.status == "running" and run.started_at >= now - STALE_AFTER)


def last_scheduled_day(*, session: Session, job: str) -> date | None:
    """The latest day whose scheduled slot (named by its date) succeeded; runs by hand do not count."""
    slots = session.exec(select(JobRun.slot).where(JobRun.job == job, JobRun.status == "succeeded",
                                                   JobRun.slot.not_like("manual-%"))).all()
    days = []
    for slot in slots:
        try:
            days.append(date.fromisoformat(slot))
        except ValueError:
            continue
    return max(days, default=None)


def run_for_slot(*, session: Session, job: str, slot: str) -> JobRunDTO | None:
    run = session.exec(select(JobRun).where(JobRun.job == job, JobRun.slot == slot)).first()
    return _dto(run) if run else None


def recent_runs(*, session: Session, job: str, limit: int = 20) -> list[JobRunDTO]:
    runs = session.exec(select(JobRun).where(JobRun.job == job).order_by(JobRun.started_at.desc()).limit(limit)).all()
    return [_dto(r) for r in runs]
