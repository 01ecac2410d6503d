"""Training use cases for learners."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from app.models import Certificate, Course, Quiz, QuizAttempt, Track
from app.services.dto import UserDTO


@dataclass(frozen=True)
class TrackProgressDTO:
    id: int
    slug: str
    title: str
    description: str
    courses_total: int
    courses_passed: int
    status: str  # not_started | in_progress | completed | certified
    certificate_number: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def _status(total: int, passed: int, attempted: bool, certified: bool) -> str:
    if certified:
        return "certified"
    if total and passed == total:
        return "completed"
    return "in_progress" if attempted or passed else "not_started"


def list_track_progress(*, session: Session, viewer: UserDTO, now: datetime) -> list[TrackProgressDTO]:
    """Published tracks with the viewer's own progress (courses whose quiz they passed)."""
    tracks = session.exec(select(Track).where(Track.is_published).order_by(Track.id)).all()
    totals = dict(
        session.exec(select(Course.track_id, func.count(Course.id)).group_by(Course.track_id)).all()
    )
    attempts = session.exec(
        select(Course.track_id, Quiz.id, func.max(QuizAttempt.passed))
        .join(Quiz, Quiz.course_id == Course.id)
        .join(QuizAttempt, QuizAttempt.quiz_id == Quiz.id)
        .where(QuizAttempt.user_id == viewer.id, QuizAttempt.submitted_at.is_not(None))
        .group_by(Course.track_id, Quiz.id)
    ).all()
    passed: dict[int, int] = {}
    attempted: set[int] = set()
    for track_id, _quiz_id, any_passed in attempts:
        attempted.add(track_id)
        passed[track_id] = passed.get(track_id, 0) + (1 if any_passed else 0)
    certificates = dict(
        session.exec(
            select(Certificate.track_id, Certificate.number).where(
                Certificate.user_id == viewer.id,
                Certificate.revoked_at.is_(None),
                Certificate.expires_at > now,
            )
        ).all()
    )
    return [
        TrackProgressDTO(
            id=t.id,
            slug=t.slug,
            title=t.title,
            description=t.description,
            courses_total=totals.get(t.id, 0),
            courses_passed=passed.get(t.id, 0),
            status=_status(totals.get(t.id, 0), passed.get(t.id, 0), t.id in attempted, t.id in certificates),
            certificate_number=certificates.get(t.id),
        )
        for t in tracks
    ]
