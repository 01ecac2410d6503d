"""Learner and public page handlers without a browser: role checks, ownership, and no answer key in state."""

from __future__ import annotations

import base64
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import reflex as rx
from reflex.istate.data import RouterData

from app.db import session_scope
from app.services.training import attempts, certificates
from app.ui import routes
from app.ui.pages.learner.certificate import CertificateState
from app.ui.pages.learner.certificates import CertificatesState
from app.ui.pages.learner.quiz import QuizState
from app.ui.pages.learner.result import ResultState
from app.ui.pages.learner.track_detail import TrackState
from app.ui.pages.public.achievement import AchievementState
from app.ui.pages.public.verify import VerifyState
from app.ui.pages.public.verify_credential import token_from_file
from tests.factories import make_org, make_user
from tests.training_fixtures import make_track
from tests.ui.test_handler_guards import _is_redirect_to, _token


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@pytest.fixture
def world(db):
    make_org("Acme Health")
    make_org("Vendor", "Software", 300)
    track_id, keys = make_track(questions=4, review_policy="correct_answers")
    lena, otto = make_user("lena@acme.test"), make_user("otto@acme.test")
    make_user("cara@vendor.test", "csm", org="Vendor")
    with session_scope() as s:
        view = attempts.start_attempt(session=s, user=lena, quiz_id=keys[0].quiz_id, now=utcnow())
    return {"track": track_id, "keys": keys, "lena": lena, "otto": otto, "attempt": view.attempt_id}


async def _state(cls, token: str | None, path: str):
    root = rx.State(_reflex_internal_init=True)
    root.router = RouterData.from_router_data({"headers": {"origin": "http://portal.test"}, "asPath": path})
    state = await root.get_state(cls)
    if token is not None:
        state.token = token
    return state


def _browser_view(state) -> str:
    """What the browser receives: every regular var of the state, serialized."""
    return json.dumps(state.dict(), default=str)


async def test_the_quiz_state_holds_questions_and_own_answers_but_no_answer_key(world):
    state = await _state(QuizState, _token("lena@acme.test"), routes.attempt(world["attempt"]))
    assert state.load() is None and len(state.questions) == 4 and state.current["number"] == 1
    choice = state.current["choices"][0]["id"]
    list(state.choose(choice))
    assert state.save_status == "Saved" and state.answers[str(state.current["id"])] == [choice]
    sent = _browser_view(state)
    for secret in ("is_correct", "correct_choice", "explanation", "Because 0.", "Because 1."):
        assert secret not in sent
    assert "_submission_key" not in sent and state._submission_key not in sent


async def test_a_reload_keeps_the_saved_answers_and_a_submit_leads_to_the_result(world):
    token = _token("lena@acme.test")
    state = await _state(QuizState, token, routes.attempt(world["attempt"]))
    state.load()
    first = state.current["choices"][1]["id"]
    list(state.choose(first))
    again = await _state(QuizState, token, routes.attempt(world["attempt"]))
    again.load()
    assert again.position == 1  # the first unanswered question
    again.go_to(0)
    assert [c["checked"] for c in again.current["choices"]].count(True) == 1
    assert _is_redirect_to(again.submit(), routes.result(world["attempt"]))
    assert _is_redirect_to(again.load(), routes.result(world["attempt"]))


async def test_another_learners_attempt_and_result_are_not_found_and_reveal_nothing(world):
    token = _token("otto@acme.test")
    quiz = await _state(QuizState, token, routes.attempt(world["attempt"]))
    assert quiz.load() is None and quiz.not_found and quiz.questions == []
    result = await _state(ResultState, token, routes.result(world["attempt"]))
    assert result.load() is None and result.not_found and result.review == []


async def test_the_result_shows_answers_only_as_the_policy_allows_after_submitting(world):
    token = _token("lena@acme.test")
    with session_scope() as s:
        attempts.submit_attempt(session=s, user=world["lena"], attempt_id=world["attempt"],
                                answers=world["keys"][0].answers(right=3), submission_key=None, now=utcnow())
    state = await _state(ResultState, token, routes.result(world["attempt"]))
    assert state.load() is None
    assert state.score == "75 %" and not state.passed and state.verdict == "Not passed: the pass mark is 80 %."
    assert [r["correct"] for r in state.review].count(True) == 3
    assert all(r["correct_answer"] and r["explanation"].startswith("Because") for r in state.review)
    assert state.can_retake and state.next_note.startswith("You can retake")


async def test_handlers_without_a_session_send_to_sign_in_and_change_nothing(world):
    for cls, call in ((QuizState, lambda s: next(s.choose(1))), (QuizState, lambda s: s.submit()),
                      (TrackState, lambda s: s.start_quiz(world["keys"][1].quiz_id)),
                      (CertificateState, lambda s: s.download_pdf()), (CertificateState, lambda s: s.download_badge()),
                      (CertificatesState, lambda s: s.renew(1))):
        state = await _state(cls, "forged", routes.attempt(world["attempt"]))
        assert _is_redirect_to(call(state), routes.LOGIN)
    with session_scope() as s:
        assert attempts.get_attempt(session=s, user=world["lena"], attempt_id=world["attempt"],
                                    now=utcnow()).submitted_at is None


async def test_a_csm_cannot_start_a_quiz_by_sending_the_event(world):
    state = await _state(TrackState, _token("cara@vendor.test"), routes.track(world["track"]))
    assert _is_redirect_to(state.start_quiz(world["keys"][1].quiz_id), routes.FORBIDDEN)


@pytest.fixture
def certified(world):
    with session_scope() as s:
        for key in world["keys"]:
            view = attempts.start_attempt(session=s, user=world["lena"], quiz_id=key.quiz_id, now=utcnow())
            attempts.submit_attempt(session=s, user=world["lena"], attempt_id=view.attempt_id, answers=key.answers(),
                                    submission_key=None, now=utcnow())
        cert, _ = certificates.issue_certificate(session=s, user=world["lena"], track_id=world["track"], now=utcnow())
    return cert


async def test_only_the_holder_opens_and_downloads_a_certificate(certified):
    mine = await _state(CertificateState, _token("lena@acme.test"), routes.certificate(certified.number))
    assert mine.load() is None and mine.holder == "Lena Tester"
    assert mine.verify_url.endswith(f"/verify/{certified.number}?code={certified.verification_code}")
    download = mine.download_pdf()
    assert "application/pdf" in str(download.args) and not mine.not_found
    theirs = await _state(CertificateState, _token("otto@acme.test"), routes.certificate(certified.number))
    assert theirs.load() is None and theirs.not_found and theirs.holder == "" and theirs.verify_url == ""
    assert theirs.download_pdf() is None and theirs.not_found


async def test_the_holder_gets_the_linkedin_link_and_the_baked_badge_and_no_one_else_does(certified):
    mine = await _state(CertificateState, _token("lena@acme.test"), routes.certificate(certified.number))
    mine.load()
    assert mine.linkedin_url.startswith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME")
    assert f"certId={certified.number}" in mine.linkedin_url and certified.verification_code not in mine.linkedin_url
    download = str(mine.download_badge().args)
    svg = base64.b64decode(re.search(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", download).group(1)).decode()
    assert "<openbadges:credential verify=" in svg and f"{certified.number}-badge.svg" in download
    theirs = await _state(CertificateState, _token("otto@acme.test"), routes.certificate(certified.number))
    theirs.load()
    assert theirs.linkedin_url == "" and theirs.download_badge() is None and theirs.not_found


async def test_the_public_check_gives_initials_the_full_name_with_the_code_and_clear_verdicts(certified):
    plain = await _state(VerifyState, None, routes.verify(certified.number))
    list(plain.load())
    assert (plain.verdict, plain.headline, plain.holder, plain.holder_label) == ("valid", "Valid", "L. T.", "Holder's initials")
    coded = await _state(VerifyState, None, f"{routes.verify(certified.number)}?code={certified.verification_code}")
    list(coded.load())
    assert coded.holder == "Lena Tester" and coded.holder_label == "Holder"
    for path, verdict, headline in (("/verify/CERT-2019-00001", "not_found", "Not found"),
                                    ("/verify/nonsense", "malformed", "That is not a certificate number")):
        state = await _state(VerifyState, None, path)
        list(state.load())
        assert (state.verdict, state.headline, state.holder) == (verdict, headline, "")


async def test_a_renewed_certificate_shows_superseded_by_its_successor(certified, world):
    later = certified.expires_at - timedelta(days=30)
    with session_scope() as s:
        renewed, created = certificates.issue_certificate(session=s, user=world["lena"], track_id=world["track"], now=later)
    assert created
    state = await _state(VerifyState, None, routes.verify(certified.number))
    list(state.load())
    assert state.verdict == "superseded" and state.headline == f"Superseded by {renewed.number}"
    assert state.superseded_href == routes.verify(renewed.number)


async def test_the_certificate_list_offers_renewal_only_when_due(certified):
    state = await _state(CertificatesState, _token("lena@acme.test"), routes.CERTIFICATES)
    state.load()
    (row,) = state.rows
    assert row["status_label"] == "Valid" and not row["renewal_due"] and row["detail"].endswith("(expires in 2 years)")


async def test_the_achievement_page_shows_a_published_track_and_hides_a_draft(world):
    make_track(slug="hidden-draft", published=False)
    shown = await _state(AchievementState, None, "/achievements/basics")
    shown.load()
    assert not shown.not_found and shown.name and shown.criteria.startswith("Passed the final quiz")
    assert shown.image_path == "/api/credentials/achievements/basics/image.svg"
    assert shown.json_path == "/api/credentials/achievements/basics"
    hidden = await _state(AchievementState, None, "/achievements/hidden-draft")
    hidden.load()
    assert hidden.not_found and hidden.name == ""


def test_a_credential_file_may_be_the_bare_token_our_json_or_the_baked_badge():
    assert token_from_file(b" a.b.c\n") == "a.b.c"
    assert token_from_file(b'{"jwt": "a.b.c"}') == "a.b.c"
    assert token_from_file(b'<svg xmlns:openbadges="x"><openbadges:credential verify="a.b.c"></openbadges:credential></svg>') == "a.b.c"
    assert token_from_file(b"<svg></svg>") == ""
