"""The in-app scheduler for the nightly job, started with the app in every worker.

Every worker schedules the job; the JobRun guard lets exactly one of them run each slot.
A slot missed while the app was down runs at start-up. SCHEDULER_ENABLED=0 turns this
off for deployments that run `python -m app.cli run-nightly` from cron instead. What the
job does, and how a slot is claimed, is the nightly service's (app/services/operations/nightly.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timezone

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from app.services.operations.nightly import JOB, catch_up, run_nightly
from app.settings import get_settings

log = logging.getLogger(__name__)


def _scheduled_run() -> None:
    now = datetime.now(timezone.utc)
    try:
        run_nightly(now=now, as_of=now.date())
    except Exception:  # already recorded on the JobRun; keep the scheduler alive
        log.exception("scheduled %s failed", JOB)


def _add_nightly_job(scheduler: BaseScheduler) -> BaseScheduler:
    hour, minute = get_settings().nightly_at
    scheduler.add_job(
        _scheduled_run, CronTrigger(hour=hour, minute=minute, timezone=timezone.utc), id=JOB,
        coalesce=True, misfire_grace_time=3600, max_instances=1, replace_existing=True,
    )
    return scheduler


def build_scheduler() -> BackgroundScheduler:
    return _add_nightly_job(BackgroundScheduler(timezone=timezone.utc))


def run_standalone() -> None:
    """The scheduler as its own process (`python -m app.cli scheduler`): the one place that
    runs the nightly job when the app's workers run with SCHEDULER_ENABLED=0."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    hour, minute = get_settings().nightly_at
    catch_up(datetime.now(timezone.utc))
    scheduler = _add_nightly_job(BlockingScheduler(timezone=timezone.utc))
    log.info("%s scheduled daily at %02d:%02d UTC", JOB, hour, minute)
    scheduler.start()


@contextlib.asynccontextmanager
async def scheduler_lifespan():
    if not get_settings().scheduler_enabled:
        log.info("in-app scheduler disabled (SCHEDULER_ENABLED=0)")
        yield
        return
    scheduler = build_scheduler()
    scheduler.start()
    catch_up_task = asyncio.get_running_loop().run_in_executor(None, catch_up, datetime.now(timezone.utc))
    try:
        yield
    finally:
        scheduler.shutdown(wait=False)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.shield(catch_up_task), timeout=1)
