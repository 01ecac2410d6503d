"""Checks that run before every event of a browser tab, whichever page or handler it is for."""

from __future__ import annotations

import dataclasses
import logging

import reflex as rx
from reflex.middleware import Middleware
from reflex.state import StateUpdate
from reflex_base.event import Event
from reflex_base.utils.format import format_event_handler

from app.domain.text import bad_strings
from app.ui.state import SessionState

log = logging.getLogger(__name__)


def _page_load_events() -> set[str]:
    return {format_event_handler(rx.State.event_handlers[name]) for name in ("hydrate", "hydrate_and_load")}


@dataclasses.dataclass
class TabGuard(Middleware):
    """Before a page load sends the whole tab state, drop what must not be sent (see
    ``SessionState._before_full_load``); refuse any event whose arguments carry NUL characters
    or invalid Unicode, which no form can type and no table can store."""

    async def preprocess(self, app, state, event: Event) -> StateUpdate | None:
        if event.name in _page_load_events():
            await (await state.get_state(SessionState))._before_full_load()
            return None
        place, problem = next(bad_strings(event.payload), (None, None))
        if place is None:
            return None
        log.warning("refused event %s: %s contains %s", event.name, place, problem)
        return StateUpdate(events=Event.from_event_type(rx.toast.error(
            f"That text contains {problem}, which the portal does not accept. Remove it and try again.",
            position="top-center")))
