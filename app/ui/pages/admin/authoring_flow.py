"""The flow shared by the authoring pages (a track, a course): authorize, change, reload, explain."""

from __future__ import annotations

import reflex as rx

from app.domain.errors import DomainError
from app.domain.training.authoring import NotPublishable


class AuthoringMixin(rx.State, mixin=True):
    """Mixed into a SessionState page state that defines ``_refresh(actor, **options)``."""

    problems: list[str] = []
    error: str = ""
    notice: str = ""

    def _run(self, change, done: str = "", **refresh_options):
        """Authorize, apply one change through a service (None: only reload), then reload the page."""
        self.error = self.notice = ""
        applied = self._apply("admin", change)
        if applied.redirect:
            return applied.redirect
        try:
            if applied.refusal:
                raise applied.refusal
            self._refresh(applied.actor, **refresh_options)
        except NotPublishable as err:
            # "This course cannot be published yet:" + one line per problem, shown as a list.
            self.error = str(err).splitlines()[0].rstrip(":") + "; fix the problems listed below."
            self.problems = err.problems
            return None
        except DomainError as err:
            self.error = str(err)
            return None
        self.notice = done
        return None
