"""Two app processes sharing one PostgreSQL and one Redis, as behind a load balancer."""

from __future__ import annotations

import json
import re
import time

import pytest
import redis
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.conftest import BASE_DATABASE_URL
from tests.e2e.servers import Portal
from tools.scratch_databases import create_database, drop_database, is_postgres

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not (BASE_DATABASE_URL and is_postgres(BASE_DATABASE_URL)),
                       reason="the cluster runs on PostgreSQL and Redis (the PostgreSQL pass of the suite)"),
]
REDIS_DB = 7  # a logical database of its own, emptied first


@pytest.fixture(scope="module")
def cluster(tmp_root):
    url = create_database(BASE_DATABASE_URL, tmp_root / "cluster", "cluster")
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    redis.Redis.from_url(redis_url).flushdb()
    # Small allowances, so that the shared counting shows within a few requests.
    env = {"DATABASE_URL": url, "REDIS_URL": redis_url, "GRANIAN_WORKERS": "1", "VERIFY_PER_MINUTE": "6",
           "LOGIN_MAX_FAILURES": "4"}
    a, b = Portal("node-a", env, tmp_root), Portal("node-b", env, tmp_root)
    a.cli("migrate")
    a.cli("seed-demo", "--orgs", "20", "--seed", "5")
    try:
        a.start()
        b.start()
        yield a, b, url
    finally:
        a.stop()
        b.stop()
        drop_database(url)


def _carry_session(page) -> dict:
    """What the browser keeps for a session: the sign-in token and the app's client token."""
    return page.evaluate("() => ({local: {...localStorage}, session: {...sessionStorage}})")


def test_a_session_begun_on_one_process_continues_on_the_other(cluster, browser):
    a, b, _ = cluster
    first = browser.new_context(base_url=a.url).new_page()
    first.goto("/login")
    first.wait_for_function("() => !!sessionStorage.getItem('token')")
    first.get_by_label("Email").fill("csm@demo.test")
    first.get_by_label("Password").fill("demo-password")
    first.click("#sign-in")
    expect(first).to_have_url(re.compile(r"/customers/?$"))
    first.goto("/customers")
    first.locator("#customer-search").fill("Bank")
    first.wait_for_timeout(1500)  # the search is debounced, then stored in the shared state
    stored = _carry_session(first)
    # The same tab moving to the other process: the first connection ends (a tab still
    # connected elsewhere would make the app hand the newcomer a token of its own).
    first.context.close()

    # A browser arriving at the other process with the same storage (as a load balancer would
    # send it there) finds the same server-side state: it lives in Redis, not in process A.
    second_context = browser.new_context(base_url=b.url)
    second_context.add_init_script(
        "(() => { const s = %s; for (const [k, v] of Object.entries(s.local)) localStorage.setItem(k, v);"
        " for (const [k, v] of Object.entries(s.session)) sessionStorage.setItem(k, v); })()" % json.dumps(stored))
    second = second_context.new_page()
    second.goto("/customers")  # without a query the tab's last filters stay
    expect(second.locator("#signed-in-user")).to_have_text("Casey Morgan")
    expect(second.locator("#customer-search")).to_have_value("Bank")


def test_the_nightly_job_ran_once_across_both_processes(cluster):
    _, _, url = cluster
    engine = create_engine(url)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                runs = conn.execute(text("SELECT slot, status FROM job_run WHERE job = 'nightly-benchmarks' "
                                         "AND slot NOT LIKE 'manual-%'")).all()
            if runs and all(status == "succeeded" for _, status in runs):
                break
            time.sleep(1)
    finally:
        engine.dispose()
    assert len(runs) == 1 and runs[0][1] == "succeeded", runs


def _status(url: str, path: str, body: dict | None = None) -> int:
    import urllib.error
    import urllib.request

    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, data=data, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def test_throttling_counts_once_across_both_processes(cluster):
    a, b, _ = cluster
    # Public checks: 6 a minute per client, whichever process answers (in-process counters would allow 12).
    checks = [_status((a, b)[n % 2].url, "/api/training/certificates/verify/CERT-2026-99999") for n in range(7)]
    assert checks == [404] * 6 + [429]
    # Sign-in: 4 failures for this account from this address, spread over both processes...
    wrong = {"email": "learner@demo.test", "password": "not the password"}
    assert [_status((a, b)[n % 2].url, "/api/auth/login", wrong) for n in range(4)] == [401] * 4
    # ...and the next try waits, on either of them, even with the right password.
    right = wrong | {"password": "demo-password"}
    assert _status(a.url, "/api/auth/login", right) == 429 and _status(b.url, "/api/auth/login", right) == 429
