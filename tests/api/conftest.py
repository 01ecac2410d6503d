import pytest
from fastapi.testclient import TestClient

from app.api import build_api
from app.api.deps import utcnow
from tests.conftest import NOW
from tests.factories import login_token, make_org, make_user


@pytest.fixture
def api(db):
    """The REST app with its clock fixed at the tests' NOW (tokens are issued at NOW)."""
    app = build_api()
    app.dependency_overrides[utcnow] = lambda: NOW
    return app


@pytest.fixture
def client(api):
    return TestClient(api)


@pytest.fixture
def people(db):
    acme = make_org("Acme Health")
    globex = make_org("Globex Retail", "Retail", 40)
    make_org("Vendor", "Software", 300)
    make_user("lena@acme.test")
    make_user("otto@globex.test", org="Globex Retail")
    make_user("cara@vendor.test", "csm", org="Vendor")
    make_user("ada@vendor.test", "admin", org="Vendor")
    return {"acme": acme, "globex": globex}


def bearer(email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {login_token(email)}"}
