from tests.api.conftest import bearer


def test_a_learner_calling_staff_endpoints_gets_403(client, people):
    learner = bearer("lena@acme.test")
    for path in ("/api/organizations", "/api/users"):
        response = client.get(path, headers=learner)
        assert response.status_code == 403, path
        assert "role" in response.json()["detail"] or "Only" in response.json()["detail"]


def test_a_csm_cannot_use_admin_endpoints(client, people):
    assert client.get("/api/users", headers=bearer("cara@vendor.test")).status_code == 403
    assert client.get("/api/users", headers=bearer("ada@vendor.test")).status_code == 200


def test_a_learner_cannot_read_another_organizations_users(client, people):
    learner = bearer("lena@acme.test")
    other = client.get(f"/api/organizations/{people['globex'].id}/users", headers=learner)
    assert other.status_code == 403 and "otto" not in other.text
    assert client.get(f"/api/organizations/{people['globex'].id}", headers=learner).status_code == 403
    own = client.get(f"/api/organizations/{people['acme'].id}/users", headers=learner)
    assert own.status_code == 200 and [u["email"] for u in own.json()] == ["lena@acme.test"]


def test_staff_can_filter_organizations_by_industry_and_size(client, people):
    csm = bearer("cara@vendor.test")
    rows = client.get("/api/organizations", params={"industry": "Retail"}, headers=csm).json()
    assert [r["name"] for r in rows] == ["Globex Retail"] and rows[0]["size_range"] == "1-50"
    rows = client.get("/api/organizations", params={"size_range": "51-200"}, headers=csm).json()
    assert [r["name"] for r in rows] == ["Acme Health"]
    bad = client.get("/api/organizations", params={"industry": "Gaming"}, headers=csm)
    assert bad.status_code == 422 and "choose one of" in bad.json()["detail"]


def test_an_unknown_organization_is_404(client, people):
    assert client.get("/api/organizations/999999/users", headers=bearer("cara@vendor.test")).status_code == 404
