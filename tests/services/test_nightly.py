"""The one orchestration of the nightly job: an admin's "Run now" is guarded, run and audited."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from app.db import session_scope
from app.domain.errors import PermissionDenied
from app.models import AuditEvent, JobRun
from app.services.operations import nightly
from tests.conftest import NOW
from tests.factories import admin_csm_and_learner
from tests.services.test_benchmarks import add_orgs, add_values


def run_now_events() -> list[tuple]:
    with session_scope() as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == nightly.RUN_NOW).order_by(AuditEvent.id)).all()
        return [(e.actor_id, e.subject, e.detail) for e in events]


def test_run_now_runs_the_job_in_a_manual_slot_and_audits_it(db):
    admin = admin_csm_and_learner()["admin"]
    add_values(add_orgs(12), NOW.date())
    run = nightly.run_now(actor=admin, now=NOW)
    assert run.job == nightly.JOB == "nightly-benchmarks" and run.status == "succeeded"
    assert run.slot.startswith("manual-")
    assert run_now_events() == [(admin.id, nightly.JOB, {"status": "succeeded", "slot": run.slot})]


def test_run_now_is_refused_to_a_csm_before_anything_runs(db):
    csm = admin_csm_and_learner()["csm"]
    with pytest.raises(PermissionDenied):
        nightly.run_now(actor=csm, now=NOW)
    with session_scope() as s:
        assert s.exec(select(func.count(JobRun.id))).one() == 0
    assert run_now_events() == []


def test_a_failed_run_now_is_audited_as_failed_and_the_error_surfaces(db, monkeypatch):
    admin = admin_csm_and_learner()["admin"]

    def broken(**_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(nightly, "recompute", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        nightly.run_now(actor=admin, now=NOW)
    with session_scope() as s:
        slot, status = s.exec(select(JobRun.slot, JobRun.status)).one()
    assert status == "failed"
    assert run_now_events() == [(admin.id, nightly.JOB, {"status": "failed", "slot": slot})]
