"""Course text is Markdown without raw HTML, through one renderer that learners and the editor preview share."""

from pathlib import Path

import reflex as rx

from app.ui.components.course_text import course_text
from app.ui.pages.admin.course_view import admin_course_page
from app.ui.pages.learner.track_course import course_card

UI = Path(__file__).resolve().parents[2] / "app" / "ui"


def test_raw_html_is_not_rendered():
    compiled = str(course_text("<iframe srcdoc='<script>alert(1)</script>'></iframe>"))
    assert "ReactMarkdown" in compiled and "rehypeRaw" not in compiled
    assert "rehypeRaw" in str(rx.markdown("x"))  # what the library does by default, and this avoids


def test_the_learner_view_and_the_editor_preview_use_the_same_renderer():
    learner = str(course_card(rx.Var.create({"content_md": "text"}), lambda _id: None))
    preview = str(admin_course_page())
    renderer = str(course_text("text")).split("{", 2)[1]  # the wrapper's class: course-text
    assert renderer in learner and renderer in preview
    assert "rehypeRaw" not in learner and "rehypeRaw" not in preview


def test_no_other_page_renders_markdown_on_its_own():
    callers = [p.relative_to(UI).as_posix() for p in UI.rglob("*.py") if "rx.markdown(" in p.read_text()]
    assert callers == ["components/course_text.py"]
