from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import func, select

from app.api import training as training_api
from app.db import session_scope
from app.settings import get_settings
from app.models import AttemptAnswer, QuizAttempt
from tests.api.conftest import bearer
from tests.training_fixtures import make_track


@pytest.fixture
def track(people):
    return make_track()


@pytest.fixture
def lena(people):
    return bearer("lena@acme.test")


def _finish_track(client, headers, keys) -> dict:
    """Pass every quiz; returns the last submit's result."""
    for key in keys:
        attempt = client.post(f"/api/training/quizzes/{key.quiz_id}/start", headers=headers).json()
        result = client.post(f"/api/training/attempts/{attempt['attempt_id']}/submit", headers=headers,
                             json={"answers": key.answers()}).json()
        assert result["passed"]
    return result


def test_tracks_list_and_detail_show_the_callers_progress(client, track, lena):
    track_id, (quiz, _) = track
    listed = client.get("/api/training/tracks", headers=lena).json()
    assert [(t["id"], t["status"], t["courses_total"]) for t in listed] == [(track_id, "not_started", 2)]
    client.post(f"/api/training/quizzes/{quiz.quiz_id}/start", headers=lena)
    detail = client.get(f"/api/training/tracks/{track_id}", headers=lena).json()
    status = detail["courses"][0]["quiz"]["status"]
    assert detail["status"] == "in_progress" and status["attempts_used"] == 1 and status["open_attempt_id"]
    assert "is_correct" not in str(detail)
    assert client.get("/api/training/tracks/9999", headers=lena).status_code == 404


def test_the_start_response_never_carries_the_answer_key(client, track, lena):
    _, (quiz, _) = track
    response = client.post(f"/api/training/quizzes/{quiz.quiz_id}/start", headers=lena)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"attempt_id", "attempt_number", "started_at", "deadline", "questions", "saved_answers"}
    assert set(body["questions"][0]) == {"id", "prompt", "kind", "points", "choices"}
    assert set(body["questions"][0]["choices"][0]) == {"id", "text"}
    assert "correct" not in response.text and "Because" not in response.text


def test_concurrent_start_requests_open_one_attempt(api, track, lena):
    _, (quiz, _) = track

    def start(_):
        with TestClient(api) as client:
            return client.post(f"/api/training/quizzes/{quiz.quiz_id}/start", headers=lena).json()["attempt_id"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = set(pool.map(start, range(6)))
    assert len(ids) == 1
    with session_scope() as s:
        assert s.exec(select(func.count(QuizAttempt.id))).one() == 1


def test_autosave_then_resume_then_submit_idempotently(client, track, lena):
    _, (quiz, _) = track
    attempt = client.post(f"/api/training/quizzes/{quiz.quiz_id}/start", headers=lena).json()
    answers = quiz.answers(right=4)
    saved = client.put(f"/api/training/attempts/{attempt['attempt_id']}/answers", headers=lena, json={"answers": answers})
    assert saved.status_code == 200 and len(saved.json()["saved_answers"]) == 5
    resumed = client.get(f"/api/training/attempts/{attempt['attempt_id']}", headers=lena).json()
    assert resumed["questions"] == attempt["questions"] and resumed["saved_answers"] == saved.json()["saved_answers"]
    body = {"submission_key": "tab-1"}
    first = client.post(f"/api/training/attempts/{attempt['attempt_id']}/submit", headers=lena, json=body)
    second = client.post(f"/api/training/attempts/{attempt['attempt_id']}/submit", headers=lena,
                         json=body | {"answers": quiz.answers(right=0)})
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    result = first.json()
    assert (result["earned_points"], result["total_points"], result["passed"], result["score_percent"]) == (4, 5, True, 80.0)
    assert result["pass_threshold"] == 80.0 and result["track_completed"] is False


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"999999": [1]}, "question 999999 is not part of this attempt"),
        ({"abc": [1]}, "is not a whole number"),
        ("FIRST:DUP", "a choice is listed twice"),
        ("FIRST:STR", "choice ids must be whole numbers"),
    ],
)
def test_malformed_answers_get_422_naming_the_problem_and_nothing_is_saved(client, track, lena, answers, message):
    _, (quiz, _) = track
    attempt = client.post(f"/api/training/quizzes/{quiz.quiz_id}/start", headers=lena).json()
    question = attempt["questions"][0]
    if answers == "FIRST:DUP":
        answers = {str(question["id"]): [question["choices"][0]["id"]] * 2}
    elif answers == "FIRST:STR":
        answers = {str(question["id"]): ["one"]}
    response = client.post(f"/api/training/attempts/{attempt['attempt_id']}/submit", headers=lena,
                           json={"answers": answers})
    assert response.status_code == 422 and message in response.json()["detail"]
    with session_scope() as s:
        assert s.exec(select(func.count(AttemptAnswer.id))).one() == 0
        assert s.get(QuizAttempt, attempt["attempt_id"]).submitted_at is None


def test_an_oversized_body_is_refused(client, track, lena):
    _, (quiz, _) = track
    attempt = client.post(f"/api/training/quizzes/{quiz.quiz_id}/start", headers=lena).json()
    huge = {"answers": {str(i): [i] for i in range(1, 20_000)}}
    response = client.put(f"/api/training/attempts/{attempt['attempt_id']}/answers", headers=lena, json=huge)
    assert response.status_code == 422 and "larger than" in response.json()["detail"]


def test_another_users_attempt_is_404(client, track, lena):
    _, (quiz, _) = track
    attempt = client.post(f"/api/training/quizzes/{quiz.quiz_id}/start", headers=lena).json()
    otto = bearer("otto@globex.test")
    for method, path in [("get", ""), ("put", "/answers"), ("post", "/submit")]:
        kwargs = {"json": {"answers": {}}} if method != "get" else {}
        response = getattr(client, method)(f"/api/training/attempts/{attempt['attempt_id']}{path}", headers=otto, **kwargs)
        assert response.status_code == 404, path


def test_certificate_409_until_completed_then_issued_with_the_last_pass_then_200(client, track, lena):
    track_id, keys = track
    refused = client.post(f"/api/training/tracks/{track_id}/certificate", headers=lena)
    assert refused.status_code == 409 and "not completed" in refused.json()["detail"]
    last = _finish_track(client, lena, keys)
    assert last["certificate_earned"] and last["certificate"]["number"] == "CERT-2026-00001"
    assert not last["certificate_available"]
    again = client.post(f"/api/training/tracks/{track_id}/certificate", headers=lena)
    assert again.status_code == 200 and again.json()["number"] == "CERT-2026-00001"
    mine = client.get("/api/training/certificates", headers=lena).json()
    assert [c["number"] for c in mine] == ["CERT-2026-00001"] and mine[0]["status"] == "valid"
    assert client.get("/api/training/certificates", headers=bearer("otto@globex.test")).json() == []


def test_public_verification_without_sign_in(client, track, lena):
    track_id, keys = track
    _finish_track(client, lena, keys)
    cert = client.post(f"/api/training/tracks/{track_id}/certificate", headers=lena).json()
    public = client.get("/api/training/certificates/verify/cert-2026-00001")
    assert public.status_code == 200
    body = public.json()
    assert body["holder"] == "L. T." and body["status"] == "valid" and "email" not in public.text
    assert "user_id" not in body and "id" not in body
    full = client.get(f"/api/training/certificates/verify/CERT-2026-00001?code={cert['verification_code']}").json()
    assert full["holder"] == "Lena Tester"
    missing = client.get("/api/training/certificates/verify/CERT-2026-00002")
    assert missing.status_code == 404 and missing.json()["status"] == "not_found"
    for bad in ("CERT-２０２６-00001", "hello", "CERT-2026-1", "CERT-2026-" + "9" * 5000):
        response = client.get(f"/api/training/certificates/verify/{bad}")
        assert response.status_code == 400 and "not a certificate number" in response.json()["detail"]


def test_verification_is_rate_limited_per_client(client, db, monkeypatch):
    monkeypatch.setenv("VERIFY_PER_MINUTE", "3")
    get_settings.cache_clear()
    codes = [client.get("/api/training/certificates/verify/CERT-2026-00009").status_code for _ in range(4)]
    assert codes == [404, 404, 404, 429]


def test_only_admins_revoke_and_a_reason_is_required(client, track, lena):
    track_id, keys = track
    _finish_track(client, lena, keys)
    number = client.post(f"/api/training/tracks/{track_id}/certificate", headers=lena).json()["number"]
    path = f"/api/training/certificates/{number}/revoke"
    assert client.post(path, headers=lena, json={"reason": "mine"}).status_code == 403
    assert client.post(path, headers=bearer("cara@vendor.test"), json={"reason": "csm"}).status_code == 403
    admin = bearer("ada@vendor.test")
    assert client.post(path, headers=admin, json={"reason": ""}).status_code == 422
    revoked = client.post(path, headers=admin, json={"reason": "Shared answers"})
    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert client.post(path, headers=admin, json={"reason": "Again"}).json()["revoke_reason"] == "Shared answers"
    assert client.get(f"/api/training/certificates/verify/{number}").json()["status"] == "revoked"
    assert client.post("/api/training/certificates/CERT-2026-09999/revoke", headers=admin,
                       json={"reason": "x" * 5}).status_code == 404


def test_training_endpoints_need_sign_in_except_verification(client, track):
    track_id, (quiz, _) = track
    for method, path in [("get", "/api/training/tracks"), ("post", f"/api/training/quizzes/{quiz.quiz_id}/start"),
                         ("get", "/api/training/certificates"), ("post", f"/api/training/tracks/{track_id}/certificate")]:
        assert getattr(client, method)(path).status_code == 401, path
