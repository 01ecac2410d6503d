"""Which of a customer's cohorts have numbers, read before the customer page offers them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.db import session_scope
from app.domain.errors import NotFound, PermissionDenied
from app.models import Organization
from app.services.benchmarks.cohort_choices import cohort_choices
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_benchmarks import add_orgs, add_values, recompute

DAY = NOW.date()


@pytest.fixture
def world(db):
    vendor = make_org("Vendor", "Software", 300)
    with session_scope() as s:
        s.get(Organization, vendor.id).is_customer = False
        lone = Organization(name="Lone Energy", industry="Energy", employee_count=30, created_at=NOW)
        s.add(lone)
        s.flush()
        lone_id = lone.id
    ids = add_orgs(40) + [lone_id]
    add_values(ids, DAY - timedelta(days=1))
    recompute(DAY - timedelta(days=1))
    return {"csm": make_user("cara@vendor.test", "csm", org="Vendor"),
            "learner": make_user("lena@vendor.test", "learner", org="Vendor"), "lone": lone_id, "ids": ids}


def test_each_cohort_of_the_customer_says_how_many_metrics_have_numbers_and_why_not(world):
    with session_scope() as s:
        choices = cohort_choices(session=s, viewer=world["csm"], organization_id=world["lone"])
    assert [(c.kind, c.label) for c in choices] == [("all", "All customers"), ("industry", "Energy"),
                                                     ("size", "1-50 employees")]
    everyone, energy, size = choices
    # Only the health score has values: four metrics are withheld everywhere for lack of peers.
    assert (everyone.released, everyone.withheld) == (1, 4)
    assert (energy.released, energy.withheld, energy.reason) == (0, 5, "fewer than 5 peers in this cohort")
    assert size.released == 1


def test_before_any_computation_every_cohort_has_nothing(db):
    make_org("Vendor", "Software", 300)
    csm = make_user("cara@vendor.test", "csm", org="Vendor")
    org = add_orgs(1)[0]
    with session_scope() as s:
        choices = cohort_choices(session=s, viewer=csm, organization_id=org)
    assert [(c.released, c.withheld, c.reason) for c in choices] == [(0, 5, None)] * 3


def test_cohort_choices_are_for_staff_and_known_customers(world):
    with session_scope() as s, pytest.raises(PermissionDenied):
        cohort_choices(session=s, viewer=world["learner"], organization_id=world["lone"])
    with session_scope() as s, pytest.raises(NotFound):
        cohort_choices(session=s, viewer=world["csm"], organization_id=999_999)
