"""Rules for content edited in the admin console: what may be saved, what may be published.

A draft may be incomplete while it is edited (a quiz without questions yet); publishing
checks the whole track and names every problem by where it is, so an admin can go
straight to it.
"""

from __future__ import annotations

from app.domain.errors import Conflict, InvalidInput, ProblemsFound
from app.domain.text import text_problem
from app.domain.training.content import (
    QUESTION_KINDS,
    REVIEW_POLICIES,
    ChoiceSpec,
    CourseSpec,
    QuestionSpec,
    TrackSpec,
)


class NotPublishable(ProblemsFound, Conflict):
    def __init__(self, problems: list[str], what: str = "track"):
        super().__init__(f"This {what} cannot be published yet:", problems)


def question_problems(question: QuestionSpec) -> list[str]:
    """What is wrong with one question (empty when it is fine)."""
    problems = []
    kind, choices = question.kind, question.choices
    if kind not in QUESTION_KINDS:
        problems.append(f"the kind must be one of {', '.join(QUESTION_KINDS)}")
    if not question.prompt.strip():
        problems.append("the question text is empty")
    if any(not c.text.strip() for c in choices):
        problems.append("a choice has no text")
    unstorable = [text_problem(t) for t in (question.prompt, question.explanation, *[c.text for c in choices])]
    if any(unstorable):
        problems.append(f"the question or a choice contains {next(p for p in unstorable if p)}; remove it")
    n_correct = sum(c.correct for c in choices)
    if kind in ("single_choice", "true_false") and n_correct != 1:
        problems.append(f"a {kind.replace('_', ' ')} question needs exactly one correct choice (it has {n_correct})")
    if kind == "multiple_choice" and n_correct == 0:
        problems.append("a multiple choice question needs at least one correct choice")
    if kind == "true_false" and len(choices) != 2:
        problems.append(f"a true/false question has exactly two choices (it has {len(choices)})")
    if kind in ("single_choice", "multiple_choice") and len(choices) < 2:
        problems.append(f"a {kind.replace('_', ' ')} question needs at least two choices")
    if not 1 <= question.points <= 100:
        problems.append("points must be a whole number from 1 to 100")
    return problems


def threshold_problem(threshold: float) -> str | None:
    if not 0 < threshold <= 100:
        return f"the pass threshold must be above 0 % and at most 100 % (it is {threshold:g} %)"
    return None


def check_question(question: QuestionSpec) -> None:
    """Refuse to save a question that could never be answered correctly."""
    problems = question_problems(question)
    if problems:
        raise InvalidInput("question", "This question cannot be saved: " + "; ".join(problems) + ".")


def check_quiz_settings(*, pass_threshold: float, time_limit_minutes: int | None, max_attempts: int | None,
                        cooldown_minutes: int, review_policy: str) -> None:
    problem = threshold_problem(pass_threshold)
    if problem:
        raise InvalidInput("pass_threshold", problem[0].upper() + problem[1:] + ".")
    if time_limit_minutes is not None and not 1 <= time_limit_minutes <= 600:
        raise InvalidInput("time_limit_minutes", "The time limit must be from 1 to 600 minutes, or empty for none.")
    if max_attempts is not None and not 1 <= max_attempts <= 100:
        raise InvalidInput("max_attempts", "Attempts must be from 1 to 100, or empty for unlimited.")
    if not 0 <= cooldown_minutes <= 60 * 24 * 30:
        raise InvalidInput("cooldown_minutes", "The cooldown must be from 0 to 43200 minutes (30 days).")
    if review_policy not in REVIEW_POLICIES:
        raise InvalidInput("review_policy", f"The review policy must be one of {', '.join(REVIEW_POLICIES)}.")


def course_problems(number: int, course: CourseSpec) -> list[str]:
    """Every reason one course cannot be published; ``number`` is its place in the track."""
    where = f"Course {number} “{course.title}”"
    quiz = course.quiz
    problems = []
    if not course.content.strip():
        problems.append(f"{where}: the reading text is empty")
    problem = threshold_problem(quiz.pass_threshold)
    if problem:
        problems.append(f"{where} › quiz: {problem}")
    if not quiz.questions:
        problems.append(f"{where} › quiz: has no questions; add at least one")
    for q_number, question in enumerate(quiz.questions, start=1):
        problems += [f"{where} › question {q_number}: {p}" for p in question_problems(question)]
    return problems


def publish_problems(track: TrackSpec) -> list[str]:
    """Every reason the track cannot be published, each naming where it is."""
    problems = []
    if not track.title.strip():
        problems.append(f"Track “{track.slug}”: the title is empty")
    if not track.courses:
        problems.append(f"Track “{track.title}”: has no courses; add at least one")
    elif not any(c.is_published for c in track.courses):
        problems.append(f"Track “{track.title}”: every course is a draft; publish at least one course first")
    # Draft courses are not shown to learners, so they need not be finished yet.
    for number, course in enumerate(track.courses, start=1):
        if course.is_published:
            problems += course_problems(number, course)
    return problems


def check_publishable(track: TrackSpec) -> None:
    problems = publish_problems(track)
    if problems:
        raise NotPublishable(problems)


def check_course_publishable(number: int, course: CourseSpec) -> None:
    problems = course_problems(number, course)
    if problems:
        raise NotPublishable(problems, what="course")


def parse_choice_lines(text: str) -> tuple[ChoiceSpec, ...]:
    """Choices typed one per line; a leading ``*`` marks a correct one (``* Paris``)."""
    choices = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        correct = line.startswith("*")
        choices.append(ChoiceSpec(line.lstrip("*").strip()[:1000], correct))
    return tuple(choices)


def choice_lines(choices: tuple[ChoiceSpec, ...] | list[ChoiceSpec]) -> str:
    return "\n".join(("* " if c.correct else "") + c.text for c in choices)
