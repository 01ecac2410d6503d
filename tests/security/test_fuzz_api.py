"""Every endpoint of the OpenAPI document, fed generated input: never a server error."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.api import build_api
from app.api.deps import utcnow
from tests.conftest import NOW
from tests.factories import login_token, make_org, make_user
from tests.training_fixtures import make_track

app = build_api()
app.dependency_overrides[utcnow] = lambda: NOW
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)


@pytest.fixture
def admin_token(db):
    make_org("Acme Health")
    make_user("ada@acme.test", "admin")
    make_user("lena@acme.test")
    make_track()
    return login_token("ada@acme.test")


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_server_errors(case, admin_token):
    response = case.call(headers={"Authorization": f"Bearer {admin_token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:300]}"
