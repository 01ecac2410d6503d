"""Every endpoint of the OpenAPI document, fed generated input: never a server error.

Besides what the schema allows, the generator tries what once caused 500s: strings with NUL
characters and unpaired surrogates (in JSON bodies and, NUL only, in queries and paths) and
the calendar's first and last days wherever a date goes.
"""

from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from app.api import build_api
from app.api.deps import utcnow
from tests.conftest import NOW
from tests.factories import login_token, make_org, make_user
from tests.training_fixtures import make_track

app = build_api()
app.dependency_overrides[utcnow] = lambda: NOW
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
schemathesis.openapi.format("date", st.one_of(
    st.sampled_from([date.min, date(1, 1, 7), date.max, date(9999, 12, 25)]), st.dates()).map(date.isoformat))

BODY_POISON = st.sampled_from(["\x00", "a\x00b", "\ud800", "x\udfff", "\ud800\x00"])
QUERY_POISON = st.sampled_from(["\x00", "a\x00b"])  # a client cannot send a surrogate in a URL
# A text body (the CSV import) goes as bytes: NUL, and bytes that are not UTF-8 (a surrogate's encoding).
TEXT_POISON = st.sampled_from([b"\x00", b"\xff\xfe", b"\xed\xa0\x80"])


def _poison(value, bad: str):
    """``value`` with its first string (depth first) spoiled by ``bad``; other values unchanged."""
    if isinstance(value, str):
        return value + bad, True
    if isinstance(value, dict):
        for key, item in value.items():
            spoiled, done = _poison(item, bad)
            if done:
                return {**value, key: spoiled}, True
    if isinstance(value, list):
        for index, item in enumerate(value):
            spoiled, done = _poison(item, bad)
            if done:
                return [*value[:index], spoiled, *value[index + 1:]], True
    return value, False


def _sometimes_spoiled(value, poison):
    return st.one_of(st.just(value), poison.map(lambda bad: _poison(value, bad)[0]))


def flatmap_body(context, body):
    if isinstance(body, str):
        return st.one_of(st.just(body), TEXT_POISON.map(lambda bad: body.encode() + bad))
    return _sometimes_spoiled(body, BODY_POISON)


def flatmap_query(context, query):
    return _sometimes_spoiled(query, QUERY_POISON)


def flatmap_path_parameters(context, path_parameters):
    return _sometimes_spoiled(path_parameters, QUERY_POISON)


@pytest.fixture
def admin_token(db):
    make_org("Acme Health")
    make_user("ada@acme.test", "admin")
    make_user("lena@acme.test")
    make_track()
    return login_token("ada@acme.test")


@schema.hooks.apply(flatmap_body)
@schema.hooks.apply(flatmap_query)
@schema.hooks.apply(flatmap_path_parameters)
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_server_errors(case, admin_token):
    response = case.call(headers={"Authorization": f"Bearer {admin_token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
