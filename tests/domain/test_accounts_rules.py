from datetime import datetime, timedelta, timezone

import pytest

from app.domain import accounts as rules
from app.domain.errors import InvalidInput, TooManyAttempts

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
WINDOW = timedelta(minutes=15)


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


def test_ten_recent_failures_block_the_next_sign_in_until_the_oldest_ages_out():
    failures = [NOW - timedelta(minutes=m) for m in range(10, 0, -1)]  # 10 .. 1 minutes ago
    with pytest.raises(TooManyAttempts) as err:
        rules.check_login_throttle(failures, NOW, 10, WINDOW)
    # The oldest failure (10 minutes ago) leaves the 15-minute window in 5 minutes.
    assert err.value.retry_after_seconds == 5 * 60


def test_nine_failures_still_allow_a_try():
    failures = [NOW - timedelta(minutes=m) for m in range(9)]
    rules.check_login_throttle(failures, NOW, 10, WINDOW)


def test_failures_older_than_the_window_do_not_count():
    failures = [NOW - timedelta(minutes=20)] * 30
    rules.check_login_throttle(failures, NOW, 10, WINDOW)


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
