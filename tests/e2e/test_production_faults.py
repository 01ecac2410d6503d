"""Faults: a killed nightly job, a database outage, a missing Redis, a server restart mid-attempt."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time

import httpx
import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.ui.errors import DATABASE_DOWN
from tests.conftest import BASE_DATABASE_URL
from tests.e2e.servers import ROOT, Portal, free_port
from tests.e2e.tcp_proxy import TcpProxy
from tools.scratch_databases import create_database, drop_database, is_postgres

pytestmark = pytest.mark.e2e
ON_POSTGRES = bool(BASE_DATABASE_URL and is_postgres(BASE_DATABASE_URL))
needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="runs in the PostgreSQL pass of the suite")


@pytest.fixture
def database(tmp_path):
    url = create_database(BASE_DATABASE_URL, tmp_path, "faults")
    yield url
    drop_database(url)


def _rows(url: str, sql: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).all()
    finally:
        engine.dispose()


def _cli(url: str, *args: str, **kwargs):
    env = {"DATABASE_URL": url, "PATH": f"{ROOT / '.venv' / 'bin'}:/usr/bin:/bin"}
    return subprocess.Popen([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)


def test_killing_the_nightly_job_keeps_the_previous_release_and_the_next_run_completes(database):
    from tools.bench_benchmarks import AS_OF

    subprocess.run([sys.executable, "-m", "tools.bench_benchmarks", "fill", "150000", "8"], cwd=ROOT, check=True,
                   env={"DATABASE_URL": database, "PATH": "/usr/bin:/bin"}, capture_output=True)
    assert _cli(database, "recompute-benchmarks", "--as-of", AS_OF.isoformat()).wait() == 0
    before = _rows(database, "SELECT metric, cohort_kind, cohort_value, median, computed_at FROM peer_benchmark "
                             "ORDER BY metric, cohort_kind, cohort_value")
    job = _cli(database, "run-nightly", "--as-of", AS_OF.isoformat())
    deadline = time.monotonic() + 60
    while not _rows(database, "SELECT id FROM job_run WHERE status = 'running'") and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # well into loading and computing
    job.send_signal(signal.SIGKILL)
    job.wait()
    after_kill = _rows(database, "SELECT metric, cohort_kind, cohort_value, median, computed_at FROM peer_benchmark "
                                 "ORDER BY metric, cohort_kind, cohort_value")
    assert after_kill == before  # the previous release, whole and unchanged
    again = _cli(database, "run-nightly", "--as-of", AS_OF.isoformat())
    output, _ = again.communicate(timeout=300)
    assert again.returncode == 0 and "succeeded" in output
    assert len(_rows(database, "SELECT id FROM peer_benchmark")) == len(before)


@pytest.fixture
def seeded_portal(tmp_path, database):
    def make(name: str, **env) -> Portal:
        portal = Portal(name, {"DATABASE_URL": database, **env}, tmp_path)
        portal.cli("migrate")
        portal.cli("seed-demo", "--orgs", "20", "--seed", "5")
        return portal
    return make


def test_an_attempt_in_progress_resumes_after_a_restart(seeded_portal):
    portal = seeded_portal("restart").start()
    try:
        with httpx.Client(base_url=portal.url, timeout=30) as client:
            token = client.post("/api/auth/login", json={"email": "learner@demo.test",
                                                         "password": "demo-password"}).json()["token"]
            auth = {"Authorization": f"Bearer {token}"}
            quiz_id = client.get("/api/training/tracks/1", headers=auth).json()["courses"][2]["quiz"]["id"]
            attempt = client.post(f"/api/training/quizzes/{quiz_id}/start", headers=auth).json()
            chosen = {str(q["id"]): [q["choices"][-1]["id"]] for q in attempt["questions"][:3]}
            client.put(f"/api/training/attempts/{attempt['attempt_id']}/answers", headers=auth, json={"answers": chosen})
        portal.stop()
        portal.start()
        with httpx.Client(base_url=portal.url, timeout=30) as client:
            resumed = client.get(f"/api/training/attempts/{attempt['attempt_id']}", headers=auth).json()
        assert resumed["questions"] == attempt["questions"]
        assert resumed["saved_answers"] == {q: c for q, c in chosen.items()}
    finally:
        portal.stop()


@needs_postgres
def test_a_database_outage_answers_503_shows_a_friendly_error_and_recovers(seeded_portal, database, browser):
    proxy = TcpProxy(make_url(database).port or 5432, free_port()).start()
    via_proxy = make_url(database).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    portal = seeded_portal("outage", DATABASE_URL=via_proxy)
    portal.start()
    page = browser.new_context(base_url=portal.url).new_page()
    try:
        page.goto("/login")
        page.wait_for_function("() => !!sessionStorage.getItem('token')")
        page.get_by_label("Email").fill("learner@demo.test")
        page.get_by_label("Password").fill("demo-password")
        page.click("#sign-in")
        expect(page).to_have_url(re.compile(r"/tracks/?$"))
        proxy.stop()
        assert portal.status("/api/health") == 503
        page.goto("/tracks")
        expect(page.get_by_text(DATABASE_DOWN.split(".")[0])).to_be_visible(timeout=20_000)
        proxy = TcpProxy(proxy.target[1], proxy.port).start()
        deadline = time.monotonic() + 30
        while portal.status("/api/health") != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert portal.status("/api/health") == 200
        page.goto("/tracks")
        expect(page.get_by_role("heading", name="My training tracks")).to_be_visible()
    finally:
        page.context.close()
        portal.stop()
        proxy.stop()


@needs_postgres
def test_a_configured_redis_that_does_not_answer_stops_start_up_with_a_clear_error(seeded_portal):
    portal = seeded_portal("no-redis", REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    portal.start(wait=False)
    try:
        # Nothing may be served without the state store: the app stops instead of running on.
        assert portal.process.wait(timeout=300) is not None
        log = portal.tail(20_000)
        assert "Unable to connect to Redis" in log or "Redis does not answer" in log, log[-2000:]
        assert portal.status("/api/health") is None
    finally:
        portal.stop()
