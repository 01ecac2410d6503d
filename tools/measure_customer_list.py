"""How fast the CSMs' customer list answers, and is usable in Chromium, with 100,000 customers.

    .venv/bin/python -m tools.measure_customer_list --orgs 100000 --runs 20 [--explain] [--browser]
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python -m tools.measure_customer_list

Fills a temporary database (SQLite, or a new PostgreSQL database when DATABASE_URL points at
PostgreSQL) with customers and their stored ranks as the nightly run leaves them (random ranks,
about one in ten metrics without data; the weakest rank from the same rule the run uses), then
times one page of the list (the use case the page and the API share) for each order and filter,
and GET /api/benchmarks/customers through the REST layer. ``--explain`` prints the query plans.
``--browser`` also starts the portal in production mode on ``--port`` against that database (set
REFLEX_WEB_WORKDIR to build it beside another running portal) and times, in Chromium, a full load
of /customers?page=N until its 25 rows with their chips are shown, and Next page / a new order
until the new rows are shown. Prints the median and the slowest run of each.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timezone
from pathlib import Path

import numpy as np

from tools.measuring import analyze, timed

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)
CSM = "csm@example.test"
PASSWORD = "measure-password"
ROOT = Path(__file__).resolve().parents[1]


def fill(organizations: int, seed: int = 7) -> None:
    from sqlalchemy import insert

    from app.db import get_engine, session_scope
    from app.domain.benchmarks.metrics import METRICS
    from app.domain.benchmarks.ranks import NO_DATA, NO_RANK, PERCENTILE, weakest
    from app.domain.organizations import INDUSTRIES
    from app.models import CustomerRank, Organization
    from app.services.accounts import users as accounts

    rng = np.random.default_rng(seed)
    engine = get_engine()
    sizes = rng.choice([20, 120, 600, 5000], size=organizations)
    with engine.begin() as conn:
        conn.execute(insert(Organization), [{"name": "Vendor", "industry": "Software", "employee_count": 300,
                                             "is_active": True, "is_customer": False, "created_at": NOW}])
        conn.execute(insert(Organization), [
            {"name": f"Customer {n:06d}", "industry": INDUSTRIES[n % len(INDUSTRIES)],
             "employee_count": int(sizes[n]), "is_active": n % 50 != 7, "is_customer": True, "created_at": NOW}
            for n in range(organizations)])
    ranks = rng.integers(0, 101, size=(organizations, len(METRICS))).astype(np.int16)
    codes = np.full(ranks.shape, PERCENTILE, dtype=np.int8)
    missing = rng.random(ranks.shape) < 0.1
    ranks[missing], codes[missing] = NO_RANK, NO_DATA
    _, weakest_rank, _ = weakest(ranks, codes)
    day = date(2026, 11, 30)
    rows = []
    for i in range(organizations):
        row = {"organization_id": i + 2, "as_of": day,
               "weakest_rank": None if weakest_rank[i] == NO_RANK else int(weakest_rank[i])}
        for j, metric in enumerate(METRICS):
            row[f"{metric.key}_rank"] = None if ranks[i, j] == NO_RANK else int(ranks[i, j])
            row[f"{metric.key}_label"] = int(codes[i, j])
        rows.append(row)
    for start in range(0, organizations, 20_000):
        with engine.begin() as conn:
            conn.execute(insert(CustomerRank), rows[start:start + 20_000])
    with session_scope() as s:
        accounts.create_user(session=s, email=CSM, password=PASSWORD, role="csm", organization_name="Vendor",
                             first_name="Casey", last_name="Measure", now=NOW)
    analyze(engine)


CASES = {
    "weakest first, first page": {},
    "weakest first, page 2,000": {"page": 2000},
    "by name, first page": {"sort": "name"},
    "by name, page 2,000": {"sort": "name", "page": 2000},
    "by resolution time rank": {"sort": "resolution_hours"},
    "industry Retail": {"industry": "Retail"},
    "1,001+ employees, by health": {"size_range": "1001+", "sort": "health_score"},
    "search 'customer 0123'": {"search": "customer 0123"},
    "search matching nothing": {"search": "nobody"},
}


def measure(runs: int) -> list[tuple[str, float, float, int]]:
    from fastapi.testclient import TestClient

    from app.api import build_api
    from app.db import session_scope
    from app.services.accounts import users as accounts
    from app.services.benchmarks import customer_list

    with session_scope() as s:
        csm = accounts.user_by_email(s, CSM)
        token = accounts.login(session=s, email=CSM, password=PASSWORD, now=datetime.now(timezone.utc)).token
    results = []
    for label, filters in CASES.items():
        def call(filters=filters):
            with session_scope() as s:
                return customer_list.list_customers(session=s, viewer=csm, page_size=25, **filters)
        median, worst = timed(call, runs)
        results.append((label, median, worst, call().total))
    client = TestClient(build_api())

    def rest():
        response = client.get("/api/benchmarks/customers", params={"page": 2},
                              headers={"authorization": f"Bearer {token}"})
        response.raise_for_status()
        return response.json()
    median, worst = timed(rest, runs)
    results.append(("GET /api/benchmarks/customers?page=2", median, worst, rest()["total"]))
    return results


def explain() -> None:
    """The plan of each order's page query, as the database runs it."""
    from sqlalchemy import event

    from app.db import get_engine, session_scope
    from app.services.accounts import users as accounts
    from app.services.benchmarks import customer_list

    engine = get_engine()
    captured: list[tuple[str, dict]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    with session_scope() as s:
        csm = accounts.user_by_email(s, CSM)
    for label in ("weakest first, first page", "by name, first page", "by resolution time rank", "industry Retail"):
        captured.clear()
        with session_scope() as s:
            customer_list.list_customers(session=s, viewer=csm, **CASES[label])
        statement, parameters = next((c for c in captured if "ORDER BY" in c[0]))
        prefix = "EXPLAIN ANALYZE " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
        with engine.connect() as conn:
            plan = conn.exec_driver_sql(prefix + statement, parameters).all()
        print(f"\n{label}:")
        for row in plan:
            print("  " + (row[0] if len(row) == 1 else str(row[-1])))
    event.remove(engine, "before_cursor_execute", keep)


CHROMIUM = "/usr/bin/chromium"
# Usable: 25 rows with their five chips, the summary naming the page, and the first row the expected one.
USABLE = """(want) => {
  const rows = document.querySelectorAll('.customer-row');
  const summary = document.querySelector('#customer-summary');
  return rows.length === 25 && rows[24].querySelectorAll('.rank-chip').length === 5 && !!summary
      && summary.textContent.startsWith(want.summary)
      && (!want.first || rows[0].querySelector('.customer-name').textContent === want.first);
}"""


def _start_portal(url: str, port: int, log: Path) -> subprocess.Popen:
    env = os.environ | {"DATABASE_URL": url, "PORT": str(port), "SCHEDULER_ENABLED": "false"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod", "--single-port",
             "--frontend-port", str(port), "--backend-port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 900  # a first production build installs the frontend packages
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The portal exited with {process.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/login", timeout=5) as page:
                if page.status == 200:
                    return process
        except OSError:
            time.sleep(1)
    raise RuntimeError(f"The portal did not start; see {log}")


def _stop_portal(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def measure_browser(url: str, port: int, runs: int) -> list[tuple[str, float, float]]:
    """Start the portal on ``port`` against ``url``; time the list in Chromium; stop the portal."""
    from playwright.sync_api import sync_playwright

    base = f"http://localhost:{port}"
    timings: dict[str, list[float]] = {"full load of /customers?page=N": [], "Next page": [], "order by name": []}
    process = _start_portal(url, port, Path(tempfile.mkdtemp(prefix="sp-customerlist-")) / "portal.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{base}/login")
            page.wait_for_function("() => !!sessionStorage.getItem('token')")
            page.get_by_label("Email").fill(CSM)
            page.get_by_label("Password").fill(PASSWORD)
            page.click("#sign-in")
            page.wait_for_url("**/customers")
            for run in range(runs + 2):  # the first two warm the browser cache and the server
                started = time.perf_counter()
                page.goto(f"{base}/customers?page={1 + run}")
                page.wait_for_function(USABLE, arg={"summary": f"Showing {run * 25 + 1:,}–"}, polling="raf")
                loaded = time.perf_counter()
                page.click("#customers-next")
                page.wait_for_function(USABLE, arg={"summary": f"Showing {(run + 1) * 25 + 1:,}–"}, polling="raf")
                paged = time.perf_counter()
                page.locator("#sort-order").click()
                page.get_by_role("option", name="Name (A–Z)", exact=True).click()
                page.wait_for_function(USABLE, arg={"summary": "Showing 1–", "first": "Customer 000000"},
                                       polling="raf")
                ordered = time.perf_counter()
                if run >= 2:
                    timings["full load of /customers?page=N"].append((loaded - started) * 1000)
                    timings["Next page"].append((paged - loaded) * 1000)
                    timings["order by name"].append((ordered - paged) * 1000)
            browser.close()
    finally:
        _stop_portal(process)
    return [(label, statistics.median(ms), max(ms)) for label, ms in timings.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--browser", action="store_true", help="also time the page in Chromium")
    parser.add_argument("--port", type=int, default=3810, help="the portal's port for --browser")
    args = parser.parse_args()
    from tools.scratch_databases import create_database, drop_database

    url = create_database(os.environ.get("DATABASE_URL"), Path(tempfile.mkdtemp(prefix="sp-customerlist-")),
                          "customerlist")
    os.environ["DATABASE_URL"] = url
    from app.migrations import upgrade_head

    try:
        upgrade_head()
        started = time.perf_counter()
        fill(args.orgs)
        load = os.getloadavg()
        print(f"{args.orgs:,} customers with stored ranks on {url.split(':')[0]} (filled in "
              f"{time.perf_counter() - started:.0f} s; load average {load[0]:.1f}); one page of 25, "
              f"{args.runs} runs each:")
        for label, median, worst, total in measure(args.runs):
            print(f"  {label:<40} median {median:7.1f} ms   slowest {worst:7.1f} ms   ({total:,} match)")
        if args.explain:
            explain()
        if args.browser:
            print(f"In Chromium (portal in production mode on port {args.port}), until 25 rows with their chips show:")
            for label, median, worst in measure_browser(url, args.port, args.runs):
                print(f"  {label:<40} median {median:7.1f} ms   slowest {worst:7.1f} ms")
            print(f"  load average afterwards {os.getloadavg()[0]:.1f}")
    finally:
        from app.db import reset_engine

        reset_engine()
        drop_database(url)


if __name__ == "__main__":
    main()
