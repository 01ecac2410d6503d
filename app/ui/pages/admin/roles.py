"""What a role change means, in the words the confirmation dialog uses."""

from __future__ import annotations

from app.domain.accounts import ROLES

ROLE_LABELS = {"learner": "Learner", "csm": "CSM", "admin": "Admin"}
_AS = {"learner": "a learner", "csm": "a CSM", "admin": "an admin"}
# (from, to) -> what changes for the person, said to the admin who is about to change it.
_CHANGES = {
    ("learner", "csm"): "They will see every customer organization and its peer benchmarks, and will no longer "
                        "take training or earn certificates.",
    ("learner", "admin"): "They will be able to manage users, organizations, training content and certificates, "
                          "run the nightly job, read the audit log and see every customer's benchmarks. They will "
                          "no longer take training or earn certificates.",
    ("csm", "learner"): "They will take training and earn certificates, and will no longer see customer "
                        "organizations or benchmarks.",
    ("csm", "admin"): "Besides the benchmarks they see now, they will be able to manage users, organizations, "
                      "training content and certificates, run the nightly job and read the audit log.",
    ("admin", "learner"): "They will no longer manage anything in the portal or see customer benchmarks; they "
                          "will take training and earn certificates.",
    ("admin", "csm"): "They keep seeing customer organizations and benchmarks, but will no longer manage users, "
                      "organizations, training content or certificates, run the nightly job or read the audit log.",
}
AT_ONCE = "The change applies at once, also in their open sessions."

assert set(ROLE_LABELS) == set(ROLES) and {a for pair in _CHANGES for a in pair} == set(ROLES)


def as_role(role: str) -> str:
    """'an admin', 'a CSM', 'a learner'."""
    return _AS.get(role, role)


def role_change_question(name: str, old: str, new: str) -> tuple[str, str]:
    """The dialog's title and text: ("Make Lee Learner an admin?", "They will be able to ...")."""
    return f"Make {name} {_AS[new]}?", f"{_CHANGES[(old, new)]} {AT_ONCE}"
