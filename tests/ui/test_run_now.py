"""'Run now' on the Jobs page and POST /api/benchmarks/recompute leave the same audit entry."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi.testclient import TestClient

from app.api import build_api
from app.ui import routes
from app.ui.pages.admin.jobs import AdminJobsState
from tests.services.test_benchmarks import add_orgs, add_values
from tests.services.test_nightly import run_now_events
from tests.ui.test_handler_guards import _is_redirect_to, _state, _token, people  # noqa: F401
from tests.ui.test_user_csv_upload import _Proxy


async def test_the_page_and_the_api_audit_run_now_alike(people):  # noqa: F811
    add_values(add_orgs(12), datetime.now(timezone.utc).date())  # the page runs on the real clock
    state = await _state(AdminJobsState, _token("ada@vendor.test"))
    assert await AdminJobsState.run_now.fn(_Proxy(state)) is None
    assert state.error == "" and state.notice.startswith("Run succeeded: ")
    assert state.runs[0]["slot"].startswith("manual-")

    admin = {"Authorization": f"Bearer {_token('ada@vendor.test')}"}
    response = TestClient(build_api()).post("/api/benchmarks/recompute", headers=admin)
    assert response.status_code == 200

    (page_actor, page_subject, page_detail), (api_actor, api_subject, api_detail) = run_now_events()
    assert page_actor == api_actor == people["admin"].id and page_subject == api_subject == "nightly-benchmarks"
    assert page_detail == {"status": "succeeded", "slot": state.runs[0]["slot"]}
    assert api_detail == {"status": "succeeded", "slot": response.json()["slot"]}


async def test_a_csm_sending_run_now_is_sent_away_and_nothing_runs(people):  # noqa: F811
    state = await _state(AdminJobsState, _token("cara@vendor.test"))
    assert _is_redirect_to(await AdminJobsState.run_now.fn(_Proxy(state)), routes.FORBIDDEN)
    assert run_now_events() == [] and state.runs == []
