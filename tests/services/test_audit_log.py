"""The audit log in words: names instead of ids, Yes/No, links, one query per kind, and its CSV."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlmodel import select

from app.db import get_engine, session_scope
from app.domain.errors import InvalidCredentials
from app.models import Course, Question
from app.services.accounts import users as accounts
from app.services.accounts import organizations_admin as admin_organizations
from app.services.accounts import users_admin as admin_users
from app.services.operations import records
from app.services.operations.audit_log import Names
from app.services.operations.records import AuditFilter
from app.services.training import attempts, authoring, certificates
from tests.conftest import NOW
from tests.factories import admin_csm_and_learner
from tests.training_fixtures import make_track

RAW_REFERENCE = re.compile(r"\b(track|course|quiz|question|attempt):\d+|_id\b|\bTrue\b|\bFalse\b")


@pytest.fixture
def history(db):
    """An admin edits a track and a question, changes a role and an organization; a learner passes
    and is certified."""
    people = admin_csm_and_learner()
    admin, learner = people["admin"], people["learner"]
    track_id, (key,) = make_track(courses=1, questions=2)
    with session_scope() as s:
        authoring.update_track(session=s, actor=admin, track_id=track_id, title="Customer Success Foundations",
                               description="", now=NOW)
        course_id = s.exec(select(Course.id).where(Course.track_id == track_id)).one()
        question_id = s.exec(select(Question.id).where(Question.quiz_id == key.quiz_id)).first()
        admin_users.change_role(session=s, actor=admin, user_id=people["csm"].id, role="admin", now=NOW)
        org = admin_organizations.organizations_page(session=s, actor=admin, search="acme").rows[0]
        admin_organizations.update_organization(session=s, actor=admin, organization_id=org.id, industry="Retail",
                                                employee_count=org.employee_count, now=NOW)
    with session_scope() as s:
        view = attempts.start_attempt(session=s, user=learner, quiz_id=key.quiz_id, now=NOW)
        attempts.submit_attempt(session=s, user=learner, attempt_id=view.attempt_id, answers=key.answers(),
                                submission_key=None, now=NOW)
        cert, _ = certificates.issue_certificate(session=s, user=learner, track_id=track_id, now=NOW)
    return {"admin": admin, "track_id": track_id, "course_id": course_id, "question_id": question_id,
            "number": cert.number}


def _log(admin, **filters):
    with session_scope() as s:
        return records.audit_page(session=s, actor=admin, filters=AuditFilter(**filters), page_size=100).rows


def _by_action(rows):
    return {r.action: r for r in rows}


def test_events_name_their_objects_and_link_to_their_admin_pages(history):
    rows = _by_action(_log(history["admin"]))
    track = rows["track.update"]
    assert (track.action_label, track.subject_label) == ("Track edited", "Track: Customer Success Foundations")
    assert (track.link_kind, track.link_key) == ("track", str(history["track_id"]))
    assert (track.actor_name, track.actor_email) == ("Ada Tester", "ada@vendor.test")
    role = rows["user.change_role"]
    assert (role.subject_label, role.detail_text, role.link_kind) == ("Cara Tester", "Role: CSM → Admin", "user")
    assert rows["organization.update"].detail_text == "Industry: Healthcare → Retail"
    submitted = rows["attempt.submit"]
    assert submitted.subject_label == "Attempt 1 at Quiz 0"
    assert "Score: 2 of 2" in submitted.detail_text and "Passed: Yes" in submitted.detail_text
    assert "Late: No" in submitted.detail_text and "Quiz 0" in submitted.detail_text
    issued = rows["certificate.issue"]
    assert issued.subject_label == f"Certificate {history['number']} (Lena Tester)"
    assert issued.detail_text == "Track: Customer Success Foundations"  # the holder is named once, above
    assert (issued.link_kind, issued.link_key) == ("certificate", history["number"])


def test_no_raw_id_or_python_value_is_left_in_the_words(history):
    for row in _log(history["admin"]):
        for text in (row.subject_label, row.detail_text, row.action_label):
            assert not RAW_REFERENCE.search(text), (row.action, text)


def test_a_question_event_links_to_its_course_and_a_removed_object_says_so(history):
    admin = history["admin"]
    with session_scope() as s:
        authoring.remove_question(session=s, actor=admin, course_id=history["course_id"],
                                  question_id=history["question_id"], now=NOW + timedelta(minutes=1))
    removed = _by_action(_log(admin))["question.remove"]
    assert removed.subject_label == "Question: Question 0?"
    assert (removed.link_kind, removed.link_key) == ("course", str(history["course_id"]))
    nothing = Names()  # what an event says of a track no longer in the database
    assert (nothing.name_of("track", 999), nothing.link_of("track", 999)) == ("a track since removed", ("", ""))


def test_names_are_looked_up_with_one_query_per_kind_however_many_events(history):
    admin = history["admin"]

    def count_queries(rows: int) -> int:
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(get_engine(), "before_cursor_execute", listener)
        try:
            with session_scope() as s:
                records.audit_page(session=s, actor=admin, filters=AuditFilter(), page_size=rows)
        finally:
            event.remove(get_engine(), "before_cursor_execute", listener)
        return len(statements)

    with session_scope() as s:  # many more events naming the same kinds of objects
        for n in range(30):
            authoring.update_track(session=s, actor=admin, track_id=history["track_id"], title=f"Title {n}",
                                   description="", now=NOW + timedelta(minutes=n))
    assert count_queries(100) <= count_queries(3) + 6  # only the kinds present change the count


def test_the_actor_filter_matches_names_as_well_as_emails(history):
    rows = _log(history["admin"], actor="lena test")
    assert rows and {r.actor_email for r in rows} == {"lena@acme.test"}


def test_the_csv_has_the_filtered_events_in_words(history):
    admin = history["admin"]
    with session_scope() as s:
        authoring.update_track(session=s, actor=admin, track_id=history["track_id"], title="Renewals",
                               description="", now=NOW + timedelta(minutes=5))
        export = records.audit_csv(session=s, actor=admin, filters=AuditFilter(action="track."), now=NOW)
    assert export.filename == "audit-log-2026-06-15.csv"
    lines = list(csv.DictReader(io.StringIO(export.text)))
    assert {line["action_code"] for line in lines} == {"track.update", "track.complete"}  # the filter applies
    assert lines[0] | {"detail": ""} == {
        "when_utc": "2026-06-15 12:05:00", "actor_name": "Ada Tester", "actor_email": "ada@vendor.test",
        "action": "Track edited", "action_code": "track.update", "subject": "Track: Renewals",
        "subject_code": f"track:{history['track_id']}", "detail": ""}


def test_the_csv_neutralises_what_a_spreadsheet_would_run(history):
    typed = '=HYPERLINK("http://evil.test","x")@evil.test'
    with session_scope() as s, pytest.raises(InvalidCredentials):
        accounts.login(session=s, email=typed, password="wrong", now=NOW)
    with session_scope() as s:
        export = records.audit_csv(session=s, actor=history["admin"], filters=AuditFilter(action="auth."), now=NOW)
    (line,) = list(csv.DictReader(io.StringIO(export.text)))
    assert line["subject"] == "'" + typed.lower() and line["subject_code"] == "'" + typed.lower()
