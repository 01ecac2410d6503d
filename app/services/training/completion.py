"""Recording that a learner completed a track (every course quiz passed)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.models import TrackCompletion
from app.services import audit
from app.services.dto import UserDTO
from app.services.training.queries import passed_quiz_ids, track_quiz_ids


def all_quizzes_passed(session: Session, user_id: int, track_id: int) -> tuple[bool, int]:
    """(completed, how many quizzes remain)."""
    quiz_ids = track_quiz_ids(session, track_id)
    remaining = len(set(quiz_ids) - passed_quiz_ids(session, user_id, quiz_ids))
    return bool(quiz_ids) and remaining == 0, remaining


def record_completion_if_done(session: Session, user: UserDTO, track_id: int, now: datetime) -> bool:
    """Insert the TrackCompletion once; returns True when this call recorded it."""
    completed, _ = all_quizzes_passed(session, user.id, track_id)
    if not completed:
        return False
    exists = session.exec(
        select(TrackCompletion.id).where(TrackCompletion.user_id == user.id, TrackCompletion.track_id == track_id)
    ).first()
    if exists is not None:
        return False
    try:
        with session.begin_nested():
            session.add(TrackCompletion(user_id=user.id, track_id=track_id, completed_at=now))
    except IntegrityError:
        return False  # recorded by a concurrent request; the unique key keeps it to one
    audit.record(session, action="track.complete", subject=f"track:{track_id}", at=now, actor_id=user.id,
                 detail={"user_id": user.id})
    return True
