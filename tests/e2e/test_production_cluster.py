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
    env = {"DATABASE_URL": url, "REDIS_URL": redis_url, "GRANIAN_WORKERS": "1"}
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
    expect(first).to_have_url(re.compile(r"/benchmarks|/organizations"))
    first.goto("/organizations")
    first.locator("#org-search").fill("Bank")
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
    second.goto("/organizations")
    expect(second.locator("#signed-in-user")).to_have_text("Casey Morgan")
    expect(second.locator("#org-search")).to_have_value("Bank")


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
