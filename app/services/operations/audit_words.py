"""Audit events in words: what each action is called and how its detail reads.

Names of the objects an event refers to are looked up beforehand (``audit_log.Names``); this
module only turns an event and those names into text. No raw database id reaches the text of
a known key: a reference to something since removed says so instead.
"""

from __future__ import annotations

from typing import Any, Callable

ACTION_LABELS = {
    "auth.login": "Signed in",
    "auth.login_failed": "Sign-in failed",
    "user.create": "User created",
    "user.import": "Users imported",
    "user.activate": "User enabled",
    "user.deactivate": "User disabled",
    "user.change_role": "Role changed",
    "organization.create": "Organization created",
    "organization.update": "Organization changed",
    "track.create": "Track created",
    "track.update": "Track edited",
    "track.publish": "Track published",
    "track.unpublish": "Track unpublished",
    "track.move": "Track moved",
    "track.complete": "Track completed",
    "course.create": "Course added",
    "course.update": "Course edited",
    "course.publish": "Course published",
    "course.unpublish": "Course unpublished",
    "course.move": "Course moved",
    "quiz.update": "Quiz settings changed",
    "question.save": "Question saved",
    "question.remove": "Question removed",
    "attempt.start": "Quiz started",
    "attempt.submit": "Quiz submitted",
    "certificate.issue": "Certificate issued",
    "certificate.renew": "Certificate renewed",
    "certificate.revoke": "Certificate revoked",
    "content.import": "Content imported",
    "metrics.import": "Metric values imported",
    "job.run_now": "Nightly job run by hand",
    "signing_key.rotate": "Signing key rotated",
}
# The action filter's choices: a label and the prefix it matches.
ACTION_GROUPS = (
    ("People", "user."), ("Sign-ins", "auth."), ("Organizations", "organization."), ("Tracks", "track."),
    ("Courses", "course."), ("Quizzes", "quiz."), ("Questions", "question."), ("Quiz attempts", "attempt."),
    ("Certificates", "certificate."), ("Imports", "content.import"), ("Jobs", "job."),
)
ROLE_LABELS = {"learner": "Learner", "csm": "CSM", "admin": "Admin"}
KEY_LABELS = {
    "attempt_number": "Attempt", "employee_count": "Employees", "industry": "Industry", "pass_threshold": "Pass threshold",
    "max_attempts": "Max attempts", "position": "Position", "slug": "Slug", "reason": "Reason", "role": "Role",
    "status": "Status", "slot": "Slot", "metrics": "Metrics", "created": "Created", "updated": "Updated",
    "late": "Late", "passed": "Passed", "address": "Address",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action) or action.replace("_", " ").replace(".", " ").capitalize()


def plain(value: Any) -> str:
    """A stored value as people read it: Yes/No, lists joined, nested values in brackets."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if value is None:
        return "none"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return "(" + ", ".join(f"{key_label(k)}: {plain(v)}" for k, v in value.items()) + ")"
    if isinstance(value, (list, tuple)):
        return ", ".join(plain(item) for item in value)
    return ROLE_LABELS.get(value, str(value)) if isinstance(value, str) else str(value)


def key_label(key: str) -> str:
    return KEY_LABELS.get(key) or key.replace("_", " ").capitalize()


def _changes(before: dict, after: dict) -> list[str]:
    changed = [f"{key_label(k)}: {plain(before.get(k))} → {plain(after.get(k))}"
               for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    return changed or ["No change"]


def detail_text(action: str, detail: dict, name_of: Callable[[str, Any], str]) -> str:
    """``name_of(kind, key)`` names a referenced object ("Track: Renewals"); see audit_log.Names."""
    detail = dict(detail or {})
    parts: list[str] = []
    if "from" in detail and "to" in detail:
        what = "Role" if action == "user.change_role" else "Changed"
        parts.append(f"{what}: {plain(detail.pop('from'))} → {plain(detail.pop('to'))}")
    if isinstance(detail.get("before"), dict) and isinstance(detail.get("after"), dict):
        parts.extend(_changes(detail.pop("before"), detail.pop("after")))
    if "earned" in detail and "total" in detail:
        parts.append(f"Score: {plain(detail.pop('earned'))} of {plain(detail.pop('total'))}")
    if "replaces" in detail:
        replaced = detail.pop("replaces")
        parts.append("New question" if replaced is None else f"Replaces {name_of('question', replaced)}")
    if action.startswith("certificate."):
        detail.pop("user_id", None)  # the holder: the subject already names them
    for key, kind in (("track_id", "track"), ("quiz_id", "quiz"), ("user_id", "user")):
        if key in detail:
            parts.append(name_of(kind, detail.pop(key)))
    if "supersedes" in detail:
        parts.append(f"Replaces certificate {detail.pop('supersedes')}")
    if "max_attempts" in detail and detail["max_attempts"] is None:
        detail["max_attempts"] = "unlimited"
    if isinstance(detail.get("pass_threshold"), (int, float)) and not isinstance(detail["pass_threshold"], bool):
        detail["pass_threshold"] = f"{detail['pass_threshold']:g} %"
    if isinstance(detail.get("status"), str):
        detail["status"] = detail["status"].capitalize()
    parts.extend(f"{key_label(key)}: {plain(value)}" for key, value in detail.items())
    return "; ".join(parts)
