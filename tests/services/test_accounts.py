from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from app.db import session_scope
from app.domain.errors import (Conflict, InvalidCredentials, InvalidInput, NotAuthenticated, PermissionDenied,
                               TooManyAttempts)
from app.models import AuthSession, User
from app.services.accounts import users as accounts
from app.services.accounts.rate_limits import MemoryCounters, use_counters
from app.settings import get_settings
from tests.conftest import NOW
from tests.factories import PASSWORD, login_token, make_org, make_user


@pytest.fixture
def people(db):
    make_org("Acme Health")
    make_org("Globex Retail", "Retail", 40)
    make_org("Vendor", "Software", 300)
    return {
        "learner": make_user("lena@acme.test"),
        "other": make_user("otto@globex.test", org="Globex Retail"),
        "csm": make_user("cara@vendor.test", "csm", org="Vendor"),
        "admin": make_user("ada@vendor.test", "admin", org="Vendor"),
    }


def _login(email, password=PASSWORD, now=NOW):
    with session_scope() as s:
        return accounts.login(session=s, email=email, password=password, now=now)


def test_sign_in_returns_a_token_that_resolves_to_the_user(people):
    result = _login("LENA@acme.test")
    assert result.user.email == "lena@acme.test" and result.expires_at == NOW + timedelta(hours=12)
    with session_scope() as s:
        assert accounts.resolve_session(session=s, token=result.token, now=NOW).id == people["learner"].id
        stored = s.exec(select(AuthSession)).one()
    assert stored.token_hash != result.token and len(stored.token_hash) == 64


def test_passwords_are_stored_as_argon2_hashes(people):
    with session_scope() as s:
        user = s.exec(select(User).where(User.email == "lena@acme.test")).one()
    assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash


def test_wrong_password_unknown_email_and_disabled_user_get_the_same_message(people):
    with session_scope() as s:
        accounts.set_user_active(session=s, actor=people["admin"], user_id=people["other"].id, active=False, now=NOW)
    messages = set()
    for email, password in [("lena@acme.test", "wrong password!"), ("nobody@acme.test", PASSWORD), ("otto@globex.test", PASSWORD)]:
        with pytest.raises(InvalidCredentials) as err:
            _login(email, password)
        messages.add(str(err.value))
    assert messages == {"Email or password is incorrect."}


@pytest.fixture
def clock():
    """Counters on a clock the test moves (seconds)."""
    now = [1000.0]
    use_counters(MemoryCounters(clock=lambda: now[0]))
    return now


def _try(email: str, password: str, address: str):
    with session_scope() as s:
        return accounts.login(session=s, email=email, password=password, now=NOW, address=address)


def test_ten_failures_from_one_address_make_that_address_wait_for_that_account_only(people, clock):
    for _ in range(10):
        with pytest.raises(InvalidCredentials):
            _try("lena@acme.test", "wrong password!", "203.0.113.9")
    with pytest.raises(TooManyAttempts) as refused:
        _try("lena@acme.test", PASSWORD, "203.0.113.9")
    assert 0 < refused.value.retry_after_seconds <= 900
    # The stranger has not locked Lena out: from her own address she signs in at once.
    assert _try("lena@acme.test", PASSWORD, "198.51.100.4").token
    assert _try("otto@globex.test", PASSWORD, "203.0.113.9").token  # other accounts from that address too
    clock[0] += 901  # the window ends: the address may try again
    assert _try("lena@acme.test", PASSWORD, "203.0.113.9").token


def test_one_address_trying_many_accounts_is_stopped(people, clock, monkeypatch):
    monkeypatch.setenv("LOGIN_ADDRESS_MAX_FAILURES", "5")
    get_settings.cache_clear()
    for n in range(5):
        with pytest.raises(InvalidCredentials):
            _try(f"nobody{n}@acme.test", "wrong password!", "203.0.113.9")
    with pytest.raises(TooManyAttempts):
        _try("lena@acme.test", PASSWORD, "203.0.113.9")
    assert _try("lena@acme.test", PASSWORD, "198.51.100.4").token


def test_many_addresses_together_are_slowed_down_by_the_portal_wide_limit(people, clock, monkeypatch):
    monkeypatch.setenv("LOGIN_GLOBAL_MAX_FAILURES", "8")
    get_settings.cache_clear()
    for n in range(8):
        with pytest.raises(InvalidCredentials):
            _try("lena@acme.test", "wrong password!", f"203.0.113.{n}")
    with pytest.raises(TooManyAttempts) as refused:
        _try("otto@globex.test", PASSWORD, "198.51.100.4")
    assert refused.value.retry_after_seconds <= 60
    clock[0] += 61
    assert _try("otto@globex.test", PASSWORD, "198.51.100.4").token


def test_a_session_expires_after_the_configured_hours(people):
    token = login_token("lena@acme.test")
    with session_scope() as s:
        accounts.resolve_session(session=s, token=token, now=NOW + timedelta(hours=11, minutes=59))
        with pytest.raises(NotAuthenticated):
            accounts.resolve_session(session=s, token=token, now=NOW + timedelta(hours=12))


def test_sign_out_and_disabling_a_user_end_sessions_at_once(people):
    token = login_token("lena@acme.test")
    with session_scope() as s:
        accounts.logout(session=s, token=token, now=NOW)
    with session_scope() as s, pytest.raises(NotAuthenticated):
        accounts.resolve_session(session=s, token=token, now=NOW)
    token = login_token("otto@globex.test")
    with session_scope() as s:
        accounts.set_user_active(session=s, actor=people["admin"], user_id=people["other"].id, active=False, now=NOW)
    with session_scope() as s, pytest.raises(NotAuthenticated):
        accounts.resolve_session(session=s, token=token, now=NOW)


def test_only_admins_can_disable_users(people):
    with session_scope() as s, pytest.raises(PermissionDenied):
        accounts.set_user_active(session=s, actor=people["csm"], user_id=people["learner"].id, active=False, now=NOW)


def test_an_admin_cannot_disable_their_own_account_but_can_disable_another_admin(people):
    admin = people["admin"]
    token = login_token(admin.email)
    with session_scope() as s, pytest.raises(InvalidInput) as err:
        accounts.set_user_active(session=s, actor=admin, user_id=admin.id, active=False, now=NOW)
    assert str(err.value) == "You cannot disable your own account; ask another admin." and err.value.field == "active"
    with session_scope() as s:
        assert accounts.resolve_session(session=s, token=token, now=NOW).is_active
        assert accounts.set_user_active(session=s, actor=admin, user_id=admin.id, active=True, now=NOW).is_active
    other_admin = make_user("ava@vendor.test", "admin", org="Vendor")
    with session_scope() as s:
        assert not accounts.set_user_active(session=s, actor=admin, user_id=other_admin.id, active=False,
                                            now=NOW).is_active


def test_emails_are_unique_regardless_of_case(people):
    with pytest.raises(Conflict, match="already exists"):
        make_user("Lena@ACME.test")


def test_the_database_refuses_a_mixed_case_email_written_around_the_service(people):
    with pytest.raises(IntegrityError), session_scope() as s:
        s.add(User(organization_id=people["learner"].organization_id, email="Mixed@Case.test", first_name="M",
                   last_name="C", password_hash="x", role="learner", created_at=NOW))


def test_a_learner_sees_only_their_own_organizations_users(people):
    learner = people["learner"]
    with session_scope() as s:
        own = accounts.list_users(session=s, viewer=learner, organization_id=learner.organization_id)
        everyone_visible = accounts.list_users(session=s, viewer=learner)
        with pytest.raises(PermissionDenied):
            accounts.list_users(session=s, viewer=learner, organization_id=people["other"].organization_id)
        staff_view = accounts.list_users(session=s, viewer=people["csm"], organization_id=people["other"].organization_id)
    assert [u.email for u in own] == ["lena@acme.test"]
    assert [u.email for u in everyone_visible] == ["lena@acme.test"]
    assert [u.email for u in staff_view] == ["otto@globex.test"]
