"""Text the portal accepts: no NUL characters and nothing that is not valid Unicode.

PostgreSQL refuses NUL in text columns and every encoder refuses unpaired surrogates
(``"\\ud800"`` in JSON), so such text would fail deep inside a change, as a server error.
Refusing it where it enters gives a clear 422 instead.
"""

from __future__ import annotations

from typing import Any, Iterator

from app.domain.errors import InvalidInput

NUL = "a NUL character (\\0)"
NOT_UNICODE = "an unpaired surrogate (text that is not valid Unicode)"


def text_problem(value: str) -> str | None:
    """What is wrong with ``value`` as stored text, or None."""
    if "\x00" in value:
        return NUL
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return NOT_UNICODE
    return None


def check_text(field: str, value: str) -> str:
    """``value`` unchanged, or ``InvalidInput`` naming the field and what to remove."""
    problem = text_problem(value)
    if problem:
        raise InvalidInput(field, f"{field.replace('_', ' ').capitalize()} contains {problem}; "
                                  "remove it and try again.")
    return value


def bad_strings(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(place, problem) for every key or string inside nested lists and dicts that is not storable text."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            yield where or "value", problem
    elif isinstance(value, dict):
        for key, item in value.items():
            place = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and text_problem(key):
                yield place, text_problem(key)
            yield from bad_strings(item, place)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from bad_strings(item, f"{where}[{index}]")
