from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlmodel import func, select

from app.db import session_scope
from app.domain.errors import AttemptFinished, AttemptLimitReached, CooldownActive, DeadlinePassed, InvalidAnswers, NotFound
from app.models import AuditEvent, Certificate, QuizAttempt, TrackCompletion
from app.services.training import attempts
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.training_fixtures import make_track


@pytest.fixture
def learner(db):
    make_org("Acme Health")
    return make_user("lena@acme.test")


def start(user, quiz_id, now=NOW):
    with session_scope() as s:
        return attempts.start_attempt(session=s, user=user, quiz_id=quiz_id, now=now)


def submit(user, attempt_id, answers=None, now=NOW, key=None):
    with session_scope() as s:
        return attempts.submit_attempt(session=s, user=user, attempt_id=attempt_id, answers=answers,
                                       submission_key=key, now=now)


def save(user, attempt_id, answers, now=NOW):
    with session_scope() as s:
        return attempts.save_answers(session=s, user=user, attempt_id=attempt_id, answers=answers, now=now)


def test_start_hands_out_questions_without_anything_that_reveals_correctness(learner):
    _, (quiz, _) = make_track()
    view = start(learner, quiz.quiz_id)
    assert view.attempt_number == 1 and not view.resumed and len(view.questions) == 5
    rendered = repr(view)
    assert "is_correct" not in rendered and "explanation" not in rendered and "Because" not in rendered


def test_start_again_resumes_the_same_attempt_in_the_same_order_with_saved_answers(learner):
    _, (quiz, _) = make_track()
    first = start(learner, quiz.quiz_id)
    q = first.questions[0]
    save(learner, first.attempt_id, {str(q.id): [q.choices[0].id]})
    again = start(learner, quiz.quiz_id, NOW + timedelta(minutes=3))
    assert again.attempt_id == first.attempt_id and again.resumed
    assert again.questions == first.questions
    assert again.saved_answers == {q.id: [q.choices[0].id]}


def test_concurrent_starts_give_exactly_one_open_attempt(learner):
    _, (quiz, _) = make_track()
    with ThreadPoolExecutor(max_workers=8) as pool:
        views = list(pool.map(lambda _: start(learner, quiz.quiz_id), range(8)))
    assert len({v.attempt_id for v in views}) == 1
    with session_scope() as s:
        assert s.exec(select(func.count(QuizAttempt.id))).one() == 1
        assert s.exec(select(func.count(AuditEvent.id)).where(AuditEvent.action == "attempt.start")).one() == 1


def test_grading_passes_at_the_threshold_and_the_result_is_idempotent(learner):
    _, (quiz, _) = make_track()
    view = start(learner, quiz.quiz_id)
    result = submit(learner, view.attempt_id, quiz.answers(right=4), key="k1")  # 4 of 5 = 80 %
    assert result.passed and result.earned_points == 4 and result.total_points == 5 and result.score == 80.0
    repeat = submit(learner, view.attempt_id, quiz.answers(right=0), key="k1", now=NOW + timedelta(minutes=1))
    assert repeat == result
    with pytest.raises(AttemptFinished):
        save(learner, view.attempt_id, quiz.answers())


def test_bad_answers_are_refused_whole_and_nothing_is_saved(learner):
    _, (quiz, other) = make_track()
    view = start(learner, quiz.quiz_id)
    good = quiz.answers()
    first_q = next(iter(good))
    save(learner, view.attempt_id, {first_q: good[first_q]})
    foreign_question = str(next(iter(other.correct)))
    with pytest.raises(InvalidAnswers, match="not part of this attempt"):
        submit(learner, view.attempt_id, good | {foreign_question: other.correct[int(foreign_question)]})
    with session_scope() as s:
        assert s.get(QuizAttempt, view.attempt_id).submitted_at is None
    assert start(learner, quiz.quiz_id).saved_answers == {int(first_q): good[first_q]}


def test_another_learners_attempt_is_not_found(learner):
    _, (quiz, _) = make_track()
    view = start(learner, quiz.quiz_id)
    intruder = make_user("ivan@acme.test")
    for call in (lambda: submit(intruder, view.attempt_id, {}), lambda: save(intruder, view.attempt_id, {})):
        with pytest.raises(NotFound):
            call()


def test_attempt_limit_and_cooldown_use_server_time(learner):
    _, (quiz, _) = make_track(max_attempts=2, cooldown_minutes=30)
    first = start(learner, quiz.quiz_id)
    submit(learner, first.attempt_id, quiz.answers(right=0))
    with pytest.raises(CooldownActive):
        start(learner, quiz.quiz_id, NOW + timedelta(minutes=29))
    second = start(learner, quiz.quiz_id, NOW + timedelta(minutes=30))
    submit(learner, second.attempt_id, quiz.answers(right=0), now=NOW + timedelta(minutes=31))
    with pytest.raises(AttemptLimitReached):
        start(learner, quiz.quiz_id, NOW + timedelta(days=1))


def test_a_passed_quiz_can_be_retaken_and_the_best_attempt_counts(learner):
    track_id, (quiz, _) = make_track()
    submit(learner, start(learner, quiz.quiz_id).attempt_id, quiz.answers())
    retake = start(learner, quiz.quiz_id, NOW + timedelta(minutes=5))
    assert retake.attempt_number == 2
    submit(learner, retake.attempt_id, quiz.answers(right=0), now=NOW + timedelta(minutes=6))
    from app.services.training import catalog as training

    with session_scope() as s:
        detail = training.get_track(session=s, viewer=learner, track_id=track_id, now=NOW + timedelta(minutes=7))
    status = detail.courses[0].quiz.status
    assert status.passed and status.best_score == 100.0 and status.attempts_used == 2


def test_after_the_deadline_saves_are_refused_and_saved_answers_are_graded_at_the_deadline(learner):
    _, (quiz, _) = make_track(time_limit_minutes=10)
    view = start(learner, quiz.quiz_id)
    assert view.deadline == NOW + timedelta(minutes=10)
    good = quiz.answers()
    save(learner, view.attempt_id, dict(list(good.items())[:4]), now=NOW + timedelta(minutes=9))
    with pytest.raises(DeadlinePassed):
        save(learner, view.attempt_id, good, now=NOW + timedelta(minutes=11))
    result = submit(learner, view.attempt_id, good, now=NOW + timedelta(minutes=12))
    assert result.earned_points == 4 and result.submitted_at == view.deadline


def test_a_submit_after_the_deadline_grades_only_what_was_saved_before_it(learner):
    _, (quiz, _) = make_track(time_limit_minutes=10)
    view = start(learner, quiz.quiz_id)
    result = submit(learner, view.attempt_id, quiz.answers(), now=NOW + timedelta(minutes=10, seconds=1))
    assert result.earned_points == 0 and not result.passed and result.submitted_at == view.deadline


def test_overdue_attempts_are_finalized_on_next_access_and_by_the_job(learner):
    _, (quiz_a, quiz_b) = make_track(time_limit_minutes=5)
    a = start(learner, quiz_a.quiz_id)
    b = start(learner, quiz_b.quiz_id)
    with session_scope() as s:
        view = attempts.get_attempt(session=s, user=learner, attempt_id=a.attempt_id, now=NOW + timedelta(hours=1))
    assert view.submitted_at == a.deadline and view.result is not None
    with session_scope() as s:
        assert attempts.finalize_overdue_attempts(session=s, now=NOW + timedelta(hours=1)) == 1
        assert s.get(QuizAttempt, b.attempt_id).submitted_at == b.deadline


def test_review_follows_the_quiz_policy(learner):
    _, (quiz, _) = make_track(review_policy="score_only")
    assert submit(learner, start(learner, quiz.quiz_id).attempt_id, quiz.answers()).review == []
    _, (quiz, _) = make_track(slug="other", review_policy="correct_answers")
    review = submit(learner, start(learner, quiz.quiz_id).attempt_id, quiz.answers(right=0)).review
    assert len(review) == 5 and all(not r.correct and r.correct_choice_ids and r.explanation for r in review)


def test_passing_the_last_two_quizzes_at_the_same_moment_records_one_completion_and_one_certificate(learner):
    track_id, (quiz_a, quiz_b) = make_track()
    a = start(learner, quiz_a.quiz_id)
    b = start(learner, quiz_b.quiz_id)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda args: submit(learner, *args),
                                [(a.attempt_id, quiz_a.answers()), (b.attempt_id, quiz_b.answers())]))
    assert all(r.passed for r in results)
    with session_scope() as s:
        assert s.exec(select(func.count(TrackCompletion.id))).one() == 1
        assert s.exec(select(func.count(AuditEvent.id)).where(AuditEvent.action == "track.complete")).one() == 1
        assert s.exec(select(func.count(Certificate.id))).one() == 1  # issued with the completing pass
    final = submit(learner, b.attempt_id)
    assert final.track_completed and final.certificate is not None and not final.certificate_available


def test_true_false_reads_true_then_false_and_choices_shuffle_only_when_the_quiz_says_so(learner):
    _, (shuffled, _) = make_track(questions=30)
    _, (fixed, _) = make_track(slug="fixed", questions=30, shuffle_choices=False)
    seen_orders = set()
    for _ in range(4):
        for view, authored in ((start(learner, shuffled.quiz_id), False), (start(learner, fixed.quiz_id), True)):
            for question in view.questions:
                texts = [c.text for c in question.choices]
                if question.kind == "true_false":
                    assert texts == ["True", "False"]
                elif authored:
                    assert texts in (["Right", "Wrong", "Also wrong"], ["A", "B", "C"])
                else:
                    seen_orders.add(tuple(texts))
            submit(learner, view.attempt_id)
    assert len(seen_orders) > 2  # the shuffling quiz does move its choice questions' options


def test_the_pass_that_completes_a_track_issues_the_certificate_at_once(learner):
    _, (quiz_a, quiz_b) = make_track()
    first = submit(learner, start(learner, quiz_a.quiz_id).attempt_id, quiz_a.answers())
    assert first.passed and first.certificate is None and not first.certificate_earned
    last = submit(learner, start(learner, quiz_b.quiz_id).attempt_id, quiz_b.answers())
    assert last.certificate_earned and last.certificate.status == "valid" and not last.certificate_available
    assert last.certificate.issued_at == NOW and last.certificate.holder_name == "Lena Tester"
    later = submit(learner, start(learner, quiz_b.quiz_id, now=NOW + timedelta(days=1)).attempt_id,
                   quiz_b.answers(), now=NOW + timedelta(days=1))
    # A retake after the track is complete shows the certificate, but did not earn it.
    assert later.certificate.number == last.certificate.number and not later.certificate_earned
    with session_scope() as s:
        assert s.exec(select(func.count(Certificate.id))).one() == 1
        assert s.exec(select(func.count(AuditEvent.id)).where(AuditEvent.action == "certificate.issue")).one() == 1


def test_a_completion_recorded_before_auto_issue_still_claims_its_certificate(learner):
    from app.services.training import certificates

    track_id, (quiz_a, quiz_b) = make_track()
    submit(learner, start(learner, quiz_a.quiz_id).attempt_id, quiz_a.answers())
    with session_scope() as s:  # a completion from before certificates came with the last pass
        s.add(TrackCompletion(user_id=learner.id, track_id=track_id, completed_at=NOW))
    last = submit(learner, start(learner, quiz_b.quiz_id).attempt_id, quiz_b.answers())
    assert last.track_completed and last.certificate is None and last.certificate_available
    with session_scope() as s:
        cert, created = certificates.issue_certificate(session=s, user=learner, track_id=track_id, now=NOW)
    assert created and cert.status == "valid"
