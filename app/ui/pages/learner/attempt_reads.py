"""The one read behind the quiz and result pages: an attempt of the signed-in learner and its quiz's place."""

from __future__ import annotations

from datetime import datetime

from app.db import session_scope
from app.services.dto import UserDTO
from app.services.training import attempts
from app.services.training import catalog as training
from app.services.training.dto import AttemptView, QuizPlace
from app.ui import routes


def read_attempt(user: UserDTO, url: str, now: datetime) -> tuple[AttemptView, QuizPlace]:
    """Raises NotFound for an attempt that is not the learner's (or does not exist)."""
    with session_scope() as session:
        view = attempts.get_attempt(session=session, user=user, attempt_id=routes.path_id(url), now=now)
        place = training.get_quiz_place(session=session, viewer=user, quiz_id=view.quiz_id, now=now)
    return view, place
