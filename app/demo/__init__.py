"""Deterministic demo data: organizations, 90 days of metrics, content, users, learning history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

import numpy as np
from sqlmodel import Session, func, select

from app.demo.learners import LearnerHistory, learner_names, load_tracks
from app.demo.organizations import history_days, make_organizations, metric_history
from app.domain.errors import Conflict, InvalidInput
from app.models import Organization, User
from app.services.accounts.passwords import hash_password
from app.services.benchmarks import snapshots
from app.services.benchmarks.compute import recompute_benchmarks
from app.services.benchmarks.metrics import compute_certification_rates
from app.services.training.content import DEMO_CONTENT, create_tracks, read_content_file

DEMO_PASSWORD = "demo-password"
VENDOR_ORGANIZATION = "Success Portal (vendor)"
DEMO_SIGN_INS = (
    ("admin@demo.test", "admin", "Avery", "Admin"),
    ("csm@demo.test", "csm", "Casey", "Morgan"),
    ("learner@demo.test", "learner", "Lee", "Learner"),
)
LEARNER_ORGS = 20
LEARNERS_PER_ORG = 5

# Progress(label, total, unit): returns a function to call with each step's size.
Progress = Callable[[str, int, str], Callable[[int], None]]


@dataclass(frozen=True)
class SeedSummary:
    organizations: int
    snapshots: int
    tracks: int
    users: int
    certificates: int


def _no_progress(_label: str, _total: int, _unit: str) -> Callable[[int], None]:
    return lambda _step: None


def database_is_empty(session: Session) -> bool:
    return session.exec(select(func.count(Organization.id))).one() == 0


def seed_demo(
    *, session: Session, organizations: int = 300, seed: int = 7, now: datetime, progress: Progress = _no_progress
) -> SeedSummary:
    if not 20 <= organizations <= 5000:
        raise InvalidInput("orgs", "The demo needs between 20 and 5,000 organizations.")
    if not database_is_empty(session):
        raise Conflict("The database already has organizations; demo data only loads into an empty database.")
    rng = np.random.default_rng(seed)
    vendor = Organization(name=VENDOR_ORGANIZATION, industry="Software", employee_count=420, is_customer=False, created_at=now)
    session.add(vendor)
    orgs = _create_organizations(session, organizations, rng, now, progress)
    snapshots = _create_metric_history(session, orgs, rng, now, progress)
    track_ids = create_tracks(session=session, tracks=read_content_file(DEMO_CONTENT), now=now)
    session.flush()
    users, certificates = _create_people(session, vendor, [org for org, _ in orgs[:LEARNER_ORGS]], rng, now, progress)
    snapshots += _derive_history(session, now, progress)
    return SeedSummary(len(orgs), snapshots, len(track_ids), users, certificates)


def _derive_history(session: Session, now: datetime, progress: Progress) -> int:
    """Run the nightly computations for each past day, oldest first, as if the portal had been live."""
    days = history_days(now.date())
    step = progress("90 days of peer benchmarks", len(days), "day")
    rates = 0
    for day in days:
        rates += compute_certification_rates(session=session, as_of=day)
        recompute_benchmarks(session=session, as_of=day, now=now)
        step(1)
    return rates


def _create_organizations(session, n, rng, now, progress):
    step = progress("organizations", n, "org")
    created = []
    for demo in make_organizations(n, rng):
        org = Organization(
            name=demo.name,
            industry=demo.industry,
            employee_count=demo.employee_count,
            created_at=now - timedelta(days=int(rng.integers(120, 2000))),
        )
        session.add(org)
        created.append((org, demo))
        step(1)
    session.flush()
    return created


def _create_metric_history(session, orgs, rng, now, progress) -> int:
    days = history_days(now.date())
    day_numbers = np.array([snapshots.day_number(day) for day in days], dtype=np.int64)
    step = progress("90-day metric history", len(orgs), "org")
    columns: dict[str, tuple[list, list, list]] = {}
    for org, demo in orgs:
        for key, values in metric_history(demo, days, rng).items():
            ids, numbers, kept = columns.setdefault(key, ([], [], []))
            ids.append(np.full(len(values), org.id, dtype=np.int64))
            numbers.append(day_numbers[:len(values)])
            kept.append(np.asarray(values, dtype=np.float64))
        step(1)
    return snapshots.insert_history(session, {
        key: (np.concatenate(ids), np.concatenate(numbers), np.concatenate(kept))
        for key, (ids, numbers, kept) in columns.items()})


def _create_people(session, vendor, learner_orgs, rng, now, progress) -> tuple[int, int]:
    password_hash = hash_password(DEMO_PASSWORD)
    first_org = learner_orgs[0]
    for email, role, first, last in DEMO_SIGN_INS:
        org = first_org if role == "learner" else vendor
        session.add(_user(email, role, first, last, org, password_hash, now))
    session.flush()
    history = LearnerHistory(session, rng)
    tracks = load_tracks(session)
    demo_learner = session.exec(select(User).where(User.email == "learner@demo.test")).one()
    _demo_learner_story(history, demo_learner, tracks, now)

    step = progress("learners and their attempts", len(learner_orgs) * LEARNERS_PER_ORG, "learner")
    count = len(DEMO_SIGN_INS)
    for org in learner_orgs:
        domain = org.name.lower().replace(" ", "") + ".example"
        for first, last in learner_names(rng, LEARNERS_PER_ORG):
            email = f"{first}.{last}@{domain}".lower()
            if session.exec(select(User.id).where(User.email == email)).first() is not None:
                email = f"{first}.{last}.{count}@{domain}".lower()
            user = _user(email, "learner", first, last, org, password_hash, now)
            session.add(user)
            session.flush()
            _random_story(history, user, tracks, rng, now)
            count += 1
            step(1)
    return count, history.number_certificates()


def _user(email, role, first, last, org, password_hash, now) -> User:
    # Demo accounts share one hash of the published demo password; real users each get their own.
    return User(
        organization_id=org.id, email=email, first_name=first, last_name=last,
        password_hash=password_hash, role=role, created_at=now - timedelta(days=100),
    )


def _demo_learner_story(history: LearnerHistory, user: User, tracks, now: datetime) -> None:
    """The demo learner has one certificate, a track half done and a failed attempt to retry."""
    if len(tracks) >= 3:
        track, quizzes = tracks[2]
        history.complete_track(user, track, quizzes, now - timedelta(days=40))
    track, quizzes = tracks[0]
    history.attempt(user, quizzes[0], now - timedelta(days=6), want_pass=True)
    if len(quizzes) > 1:
        history.attempt(user, quizzes[1], now - timedelta(days=2), want_pass=False)


def _random_story(history: LearnerHistory, user: User, tracks, rng: np.random.Generator, now: datetime) -> None:
    stage = rng.random()
    if stage < 0.2:
        return  # not started
    track, quizzes = tracks[int(rng.integers(0, len(tracks)))]
    if stage < 0.55:
        done = int(rng.integers(1, len(quizzes)))
        start = now - timedelta(days=int(rng.integers(3, 60)))
        for i, quiz in enumerate(quizzes[:done]):
            history.attempt(user, quiz, start + timedelta(days=i), want_pass=rng.random() > 0.25)
        return
    # Completed: mostly recent, some nearly two years ago (expiring soon) or already expired.
    age_days = int(rng.choice([rng.integers(5, 85), rng.integers(680, 725), rng.integers(735, 800)], p=[0.75, 0.15, 0.10]))
    history.complete_track(user, track, quizzes, now - timedelta(days=age_days))
