"""Course reading text, rendered the one way learners see it (the editor's preview uses it too).

Markdown only: raw HTML in the text is not rendered (no rehype-raw), so an ``<iframe srcdoc>``
or ``<svg><script>`` typed into a course shows nothing and runs nothing. Math is off as
well: a price like "$5 to $10" stays text. Links and images keep react-markdown's URL
check, which drops ``javascript:`` and other unsafe schemes.
"""

from __future__ import annotations

import reflex as rx


def course_text(source: rx.Var | str, **props) -> rx.Component:
    return rx.markdown(source, use_raw=False, use_math=False, use_katex=False, class_name="course-text", **props)
