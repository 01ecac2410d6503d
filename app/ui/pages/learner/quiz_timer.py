"""The quiz countdown: a small React component from assets/quiz_timer.js."""

from __future__ import annotations

import reflex as rx
from reflex.event import no_args_event_spec


class QuizTimer(rx.Component):
    library = "$/public/quiz_timer.js"
    tag = "QuizTimer"

    remaining_ms: rx.Var[int]
    attempt_id: rx.Var[int]
    on_expire: rx.EventHandler[no_args_event_spec]


quiz_timer = QuizTimer.create
