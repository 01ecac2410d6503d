"""Demo learners with quiz attempts, completions and certificates at varied stages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sqlmodel import Session, select

from app.domain.training.grading import AnswerKey, grade
from app.domain.training.certificates import certificate_expiry
from app.domain.training.numbering import format_certificate_number
from app.services import audit
from app.services.training.certificates import new_verification_code
from app.models import (
    AttemptAnswer,
    Certificate,
    CertificateCounter,
    Choice,
    Course,
    Question,
    Quiz,
    QuizAttempt,
    Track,
    TrackCompletion,
    User,
)

_FIRST_NAMES = (
    "Amara", "Ben", "Chloe", "Diego", "Elena", "Farah", "Gabriel", "Hana", "Isaac", "Jade", "Kofi",
    "Lena", "Mateo", "Nadia", "Oliver", "Priya", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera",
    "Wei", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Carmen", "Dmitri",
)
_LAST_NAMES = (
    "Adeyemi", "Bauer", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito",
    "Johansson", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Quintero", "Rossi",
    "Schmidt", "Tanaka", "Usman", "Varga", "Walsh", "Xu", "Yilmaz", "Zhang", "Novak", "Silva",
)


@dataclass(frozen=True)
class QuizInfo:
    quiz_id: int
    threshold: float
    key: dict[int, AnswerKey]
    choices: dict[int, list[int]]  # question -> all choice ids


def learner_names(rng: np.random.Generator, count: int) -> list[tuple[str, str]]:
    return [(str(rng.choice(_FIRST_NAMES)), str(rng.choice(_LAST_NAMES))) for _ in range(count)]


def load_tracks(session: Session) -> list[tuple[Track, list[QuizInfo]]]:
    """Published tracks with each course's quiz answer key, courses in order."""
    result = []
    for track in session.exec(select(Track).where(Track.is_published).order_by(Track.position)).all():
        quizzes = session.exec(
            select(Quiz).join(Course, Course.id == Quiz.course_id).where(Course.track_id == track.id, Course.is_published)
            .order_by(Course.position)
        ).all()
        result.append((track, [_quiz_info(session, quiz) for quiz in quizzes]))
    return result


def _quiz_info(session: Session, quiz: Quiz) -> QuizInfo:
    rows = session.exec(
        select(Question.id, Question.points, Choice.id, Choice.is_correct)
        .join(Choice, Choice.question_id == Question.id)
        .where(Question.quiz_id == quiz.id)
    ).all()
    points: dict[int, int] = {}
    correct: dict[int, set[int]] = defaultdict(set)
    choices: dict[int, list[int]] = defaultdict(list)
    for question_id, pts, choice_id, is_correct in rows:
        points[question_id] = pts
        choices[question_id].append(choice_id)
        if is_correct:
            correct[question_id].add(choice_id)
    key = {q: AnswerKey(points[q], frozenset(correct[q])) for q in points}
    return QuizInfo(quiz.id, quiz.pass_threshold, key, dict(choices))


class LearnerHistory:
    """Writes attempts and certificates, numbering certificates per year at the end."""

    def __init__(self, session: Session, rng: np.random.Generator):
        self.session = session
        self.rng = rng
        self.attempt_numbers: dict[tuple[int, int], int] = defaultdict(int)
        self.pending_certificates: list[Certificate] = []

    def attempt(self, user: User, quiz: QuizInfo, when: datetime, want_pass: bool) -> bool:
        answers = self._answers(quiz, wrong_share=0.0 if want_pass else 0.45)
        result = grade(quiz.key, answers, quiz.threshold)
        self.attempt_numbers[(user.id, quiz.quiz_id)] += 1
        row = QuizAttempt(
            user_id=user.id,
            quiz_id=quiz.quiz_id,
            attempt_number=self.attempt_numbers[(user.id, quiz.quiz_id)],
            started_at=when,
            submitted_at=when + timedelta(minutes=int(self.rng.integers(4, 15))),
            earned_points=result.earned_points,
            total_points=result.total_points,
            score=result.score_percent,
            passed=result.passed,
            shuffle_seed=int(self.rng.integers(1, 2**31 - 1)),
            # Pin the quiz version, as a real start does, so later edits leave these attempts alone.
            question_ids=sorted(quiz.key),
            pass_threshold=quiz.threshold,
        )
        self.session.add(row)
        self.session.flush()
        self.session.add_all(
            AttemptAnswer(attempt_id=row.id, question_id=q, choice_id=c) for q, chosen in answers.items() for c in chosen
        )
        return result.passed

    def _answers(self, quiz: QuizInfo, wrong_share: float) -> dict[int, set[int]]:
        answers = {}
        for question_id, expected in quiz.key.items():
            if self.rng.random() < wrong_share:
                wrong = [c for c in quiz.choices[question_id] if c not in expected.correct_choice_ids]
                answers[question_id] = {int(self.rng.choice(wrong))} if wrong else set()
            else:
                answers[question_id] = set(expected.correct_choice_ids)
        return answers

    def complete_track(self, user: User, track: Track, quizzes: list[QuizInfo], finished: datetime) -> None:
        """Pass every quiz (some after a failed first try), then certify."""
        when = finished - timedelta(days=len(quizzes) * 2)
        for quiz in quizzes:
            if self.rng.random() < 0.3:
                self.attempt(user, quiz, when, want_pass=False)
                when += timedelta(hours=3)
            while not self.attempt(user, quiz, when, want_pass=True):
                when += timedelta(hours=1)
            when += timedelta(days=1)
        issued = max(when, finished)
        self.session.add(TrackCompletion(user_id=user.id, track_id=track.id, completed_at=issued))
        self.pending_certificates.append(
            Certificate(
                number="",
                user_id=user.id,
                track_id=track.id,
                issued_at=issued,
                expires_at=certificate_expiry(issued),
                verification_code=new_verification_code(),
                holder_name=f"{user.first_name} {user.last_name}",
                track_title=track.title,
            )
        )

    def number_certificates(self) -> int:
        """Certificates are numbered in issue order, sequentially within each year."""
        last: dict[int, int] = defaultdict(int)
        for cert in sorted(self.pending_certificates, key=lambda c: c.issued_at):
            year = cert.issued_at.year
            last[year] += 1
            cert.number = format_certificate_number(year, last[year])
            self.session.add(cert)
            # As the portal records a real issue, so the admin's certificate history is not empty.
            audit.record(self.session, action="certificate.issue", subject=cert.number, at=cert.issued_at,
                         actor_id=cert.user_id, detail={"track_id": cert.track_id, "user_id": cert.user_id})
        for year, number in last.items():
            self.session.merge(CertificateCounter(year=year, last_number=number))
        self.session.flush()
        return len(self.pending_certificates)
