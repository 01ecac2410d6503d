"""A real portal (production build, own database) and a real Chromium for browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sqlalchemy import create_engine

from tests.conftest import BASE_DATABASE_URL
from tools.scratch_databases import create_database, drop_database

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
DEMO_LEARNER_ORG = "Success Portal (vendor)"
START_TIMEOUT_S = 600  # the first production build also installs the frontend packages


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The portal exited with {process.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                if response.status == 200:
                    # The backend answers before the frontend is mounted; wait for the page too.
                    with urllib.request.urlopen(f"{url}/login", timeout=5) as page:
                        if page.status == 200:
                            return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"The portal did not start within {START_TIMEOUT_S} s:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def portal_env(tmp_root: Path) -> dict[str, str]:
    """The environment of the e2e portal: its own seeded database and port."""
    database_url = create_database(BASE_DATABASE_URL, tmp_root / "e2e", "e2e")
    port = _free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "REFLEX_STATES_WORKDIR": str(tmp_root / "e2e-states"),
    }
    for command in (["migrate"], ["seed-demo", "--orgs", "20", "--seed", "5"]):
        subprocess.run([sys.executable, "-m", "app.cli", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    yield env
    drop_database(database_url)


@pytest.fixture(scope="session")
def portal(tmp_root: Path, portal_env: dict[str, str]):
    """Base URL of the portal running in production mode on a free port."""
    env, port = portal_env, portal_env["PORT"]
    log = tmp_root / "e2e-portal.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod", "--single-port",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    url = f"http://localhost:{port}"
    try:
        _wait_until_healthy(url, process, log)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def portal_db(portal_env):
    """The e2e portal's database, for arranging data and reading answer keys server-side."""
    engine = create_engine(portal_env["DATABASE_URL"])
    yield engine
    engine.dispose()


@pytest.fixture
def new_learner(portal_env, request) -> str:
    """A learner with no history, so a test does not depend on what others did before it."""
    email = f"e2e-{request.node.name[:40].lower().replace('[', '-').strip(']')}-{os.getpid()}@demo.test"
    email = "".join(ch if ch.isalnum() or ch in "@.-" else "-" for ch in email)
    subprocess.run(
        [sys.executable, "-m", "app.cli", "create-user", "--email", email, "--role", "learner",
         "--org", DEMO_LEARNER_ORG, "--first-name", "Erin", "--last-name", "Example"],
        cwd=ROOT, env=portal_env, input="demo-password\n", text=True, check=True, capture_output=True,
    )
    return email


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: run `apt-get install -y chromium`.")
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait up to 10 s (Playwright's default is 5 s): on a 2-core machine running the
    # portal, its database and Chromium at once, a submit-and-redirect occasionally took longer.
    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, portal):
    context = browser.new_context(base_url=portal, viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


def open_page(page, path: str) -> None:
    """Open a page and wait until the app is connected (input before that is lost)."""
    page.goto(path)
    page.wait_for_function("() => !!sessionStorage.getItem('token')")


def sign_in(page, email: str, password: str = "demo-password") -> None:
    open_page(page, "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.click("#sign-in")
