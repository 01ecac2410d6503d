from datetime import datetime, timedelta, timezone

import pytest

from app.domain import accounts as rules
from app.domain.errors import InvalidInput

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def test_emails_are_normalized_to_lower_case_without_spaces():
    assert rules.validate_email("  Ada.Lovelace@Example.COM ") == "ada.lovelace@example.com"


@pytest.mark.parametrize("bad", ["", "no-at-sign", "two@@example.com", "a@b", "spa ce@example.com"])
def test_malformed_emails_are_refused_with_the_field_named(bad):
    with pytest.raises(InvalidInput) as err:
        rules.validate_email(bad)
    assert err.value.field == "email"


def test_unknown_role_is_refused_and_the_choices_are_listed():
    with pytest.raises(InvalidInput, match="learner, csm, admin"):
        rules.validate_role("superuser")


def test_short_password_is_refused():
    with pytest.raises(InvalidInput, match="at least 10"):
        rules.validate_password("short")


def test_session_is_live_only_before_expiry_and_when_not_revoked():
    expires = NOW + timedelta(hours=1)
    assert rules.session_is_live(NOW, expires, None)
    assert not rules.session_is_live(expires, expires, None)
    assert not rules.session_is_live(NOW, expires, NOW)


def test_learners_see_only_their_own_organization_staff_see_all():
    assert rules.can_view_organization("learner", 1, 1)
    assert not rules.can_view_organization("learner", 1, 2)
    assert rules.can_view_organization("csm", 1, 2)
    assert rules.can_view_organization("admin", 1, 2)
