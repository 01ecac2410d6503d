"""Two small React components from assets/: a searchable picker and the unsaved-changes guard."""

from __future__ import annotations

import reflex as rx
from reflex.event import passthrough_event_spec


class Typeahead(rx.Component):
    """Type part of a name, pick one of the matches (assets/typeahead.js): the keys work without
    a round trip; the matches come from ``on_search`` through ``options`` ({value, label} dicts)."""

    library = "$/public/typeahead.js"
    tag = "Typeahead"

    input_id: rx.Var[str]
    field_name: rx.Var[str]  # a hidden input of this name carries the picked label in a form
    options: rx.Var[list[dict]]
    selected_label: rx.Var[str]
    placeholder: rx.Var[str]
    empty_text: rx.Var[str]
    aria_label: rx.Var[str]
    on_search: rx.EventHandler[passthrough_event_spec(str)]
    on_choose: rx.EventHandler[passthrough_event_spec(str, str)]


class UnsavedChangesGuard(rx.Component):
    """Asks before leaving a page with unsaved edits (assets/unsaved_changes.js)."""

    library = "$/public/unsaved_changes.js"
    tag = "UnsavedChangesGuard"

    dirty: rx.Var[bool]
    revision: rx.Var[int]
    scope_id: rx.Var[str]
    title: rx.Var[str]
    message: rx.Var[str]


typeahead = Typeahead.create
unsaved_changes_guard = UnsavedChangesGuard.create


class ApiDownload(rx.Component):
    """A button that saves GET ``href`` of the REST API as a file, sent with the signed-in user's
    token (assets/api_download.js); ``on_failure(message)`` hears a refusal."""

    library = "$/public/api_download.js"
    tag = "ApiDownload"

    href: rx.Var[str]
    filename: rx.Var[str]
    token_key: rx.Var[str]
    on_failure: rx.EventHandler[passthrough_event_spec(str)]


api_download = ApiDownload.create
