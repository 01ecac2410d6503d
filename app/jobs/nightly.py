"""The nightly job: housekeeping that must happen even when nobody visits.

Runnable by hand with `python -m app.cli run-nightly`. Each step is idempotent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from app.db import session_scope
from app.services import attempts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NightlyReport:
    attempts_finalized: int


def run_nightly(now: datetime) -> NightlyReport:
    with session_scope() as session:
        finalized = attempts.finalize_overdue_attempts(session=session, now=now)
    log.info("nightly: finalized %d overdue attempts", finalized)
    return NightlyReport(attempts_finalized=finalized)
