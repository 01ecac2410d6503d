"""One customer's certification status, for the CSM to act on (renewals, stalled learners)."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, select

from app.domain.accounts import STAFF_ROLES
from app.domain.errors import NotFound, PermissionDenied
from app.domain.training.certificates import certificate_status, renewal_due
from app.models import Certificate, Organization, QuizAttempt, User
from app.services.dto import UserDTO
from app.services.training.dto import LearnerToContact, TrainingStatus

ATTENTION_LIMIT = 10


def organization_training_status(
    *, session: Session, viewer: UserDTO, organization_id: int, now: datetime
) -> TrainingStatus:
    if viewer.role not in STAFF_ROLES:
        raise PermissionDenied("Training status of a customer is for customer success managers and admins.")
    if session.get(Organization, organization_id) is None:
        raise NotFound(f"No organization with id {organization_id}.")
    learners = session.exec(
        select(User.id, User.first_name, User.last_name).where(
            User.organization_id == organization_id, User.role == "learner", User.is_active)
    ).all()
    ids = [learner.id for learner in learners]
    certificates: dict[int, list[Certificate]] = {}
    started: set[int] = set()
    if ids:
        for cert in session.exec(select(Certificate).where(Certificate.user_id.in_(ids))).all():
            certificates.setdefault(cert.user_id, []).append(cert)
        started = set(session.exec(select(QuizAttempt.user_id).where(QuizAttempt.user_id.in_(ids)).distinct()).all())
    counts = {"certified": 0, "expiring_soon": 0, "expired": 0, "in_progress": 0, "not_started": 0}
    to_contact: list[LearnerToContact] = []
    for learner in learners:
        name = f"{learner.first_name} {learner.last_name}"
        by_status: dict[str, list[Certificate]] = {}
        for cert in certificates.get(learner.id, []):
            status = certificate_status(now, cert.expires_at, cert.revoked_at, cert.superseded_by)
            by_status.setdefault(status, []).append(cert)
        if "valid" in by_status:
            counts["certified"] += 1
            due = [c for c in by_status["valid"] if renewal_due(now, c.expires_at)]
            if due:
                counts["expiring_soon"] += 1
            to_contact += [LearnerToContact(name, c.track_title, "expiring", c.expires_at.date()) for c in due]
        elif "expired" in by_status:
            counts["expired"] += 1
            to_contact += [LearnerToContact(name, c.track_title, "expired", c.expires_at.date())
                           for c in by_status["expired"]]
        else:
            # A revoked certificate alone does not count as certified or expired.
            counts["in_progress" if learner.id in started else "not_started"] += 1
    # Expired first (longest ago at the top), then those expiring soonest.
    to_contact.sort(key=lambda item: (item.status != "expired", item.expires_on, item.name))
    return TrainingStatus(learners=len(learners), **counts, to_contact=to_contact[:ATTENTION_LIMIT],
                          to_contact_total=len(to_contact))
