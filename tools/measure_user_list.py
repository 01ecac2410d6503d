"""How fast the admins' user list answers with 100,000 users.

    .venv/bin/python -m tools.measure_user_list --users 100000 --runs 20
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python -m tools.measure_user_list

Fills a temporary database (SQLite, or a new PostgreSQL database when DATABASE_URL points at
PostgreSQL) with organizations, users and sign-in sessions in bulk (every fake user shares one
password hash: hashing 100,000 passwords would take an hour and measure nothing), then times
one page of the list (the service the page and the API call) for the filters an admin uses,
and GET /api/admin/users through the REST layer. Prints the median and the slowest run of each.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tools.measuring import analyze, timed

FIRST = ("Lee", "Ana", "Omar", "Nia", "Ravi", "Mei", "Tom", "Sara", "Ivan", "Zoe", "Kofi", "Lena", "Hugo", "Ines")
LAST = ("Smith", "Garcia", "Okafor", "Ng", "Patel", "Kim", "Novak", "Silva", "Berg", "Rossi", "Khan", "Meyer")
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=timezone.utc)


def fill(users: int, organizations: int, seed: int = 7) -> None:
    from sqlalchemy import insert

    from app.db import get_engine
    from app.models import AuthSession, Organization, User
    from app.services.accounts.passwords import hash_password

    rng = random.Random(seed)
    shared_hash = hash_password("not-a-real-password")
    engine = get_engine()
    with engine.begin() as conn:
        conn.execute(insert(Organization), [
            {"name": f"Customer {n:05d}", "industry": "Software", "employee_count": 100, "is_active": True,
             "is_customer": True, "created_at": NOW} for n in range(organizations)])
    for start in range(0, users, 10_000):
        rows, sessions = [], []
        for n in range(start, min(users, start + 10_000)):
            role = "admin" if n % 100 == 0 else "csm" if n % 50 == 1 else "learner"
            rows.append({"organization_id": rng.randint(1, organizations), "email": f"user{n:06d}@example.test",
                         "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST), "role": role,
                         "password_hash": shared_hash, "is_active": n % 33 != 5, "created_at": NOW})
            for _ in range(rng.choice((0, 0, 1, 2, 3))):
                signed_in = NOW - timedelta(minutes=rng.randint(1, 60 * 24 * 90))
                sessions.append({"token_hash": secrets.token_hex(32), "user_id": n + 1, "created_at": signed_in,
                                 "expires_at": signed_in + timedelta(hours=12)})
        with engine.begin() as conn:
            conn.execute(insert(User), rows)
            if sessions:
                conn.execute(insert(AuthSession), sessions)
    analyze(engine)


def measure(runs: int) -> list[tuple[str, float, float, int]]:
    from fastapi.testclient import TestClient

    from app.api import build_api
    from app.db import session_scope
    from app.services.accounts import user_directory
    from app.services.accounts import users as accounts
    from app.services.dto import UserDTO

    with session_scope() as s:
        admin: UserDTO = accounts.user_by_email(s, "user000000@example.test")
        token = accounts.login(session=s, email=admin.email, password="not-a-real-password",
                               now=datetime.now(timezone.utc)).token
    cases = {
        "first page, no filter": {},
        "page 1,000 of 2,000": {"page": 1000},
        "role: CSM": {"role": "csm"},
        "status: disabled": {"status": "disabled"},
        "one organization": {"organization_id": 17},
        "search 'smith'": {"search": "smith"},
        "learners, active, search 'ana'": {"role": "learner", "status": "active", "search": "ana"},
    }
    results = []
    for label, filters in cases.items():
        def call(filters=filters):
            with session_scope() as s:
                return user_directory.list_users_page(session=s, actor=admin, page_size=50, **filters)
        median, worst = timed(call, runs)
        results.append((label, median, worst, call().total))
    client = TestClient(build_api())
    headers = {"authorization": f"Bearer {token}"}

    def rest():
        response = client.get("/api/admin/users", params={"page": 2, "role": "learner"}, headers=headers)
        response.raise_for_status()
        return response.json()
    median, worst = timed(rest, runs)
    results.append(("GET /api/admin/users?page=2&role=learner", median, worst, rest()["total"]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--organizations", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from tools.scratch_databases import create_database, drop_database

    url = create_database(os.environ.get("DATABASE_URL"), Path(tempfile.mkdtemp(prefix="sp-userlist-")), "userlist")
    os.environ["DATABASE_URL"] = url
    from app.migrations import upgrade_head

    try:
        upgrade_head()
        started = time.perf_counter()
        fill(args.users, args.organizations)
        print(f"{args.users:,} users in {args.organizations:,} organizations on {url.split(':')[0]} "
              f"(filled in {time.perf_counter() - started:.0f} s); one page of 50, {args.runs} runs each:")
        for label, median, worst, total in measure(args.runs):
            print(f"  {label:<44} median {median:7.1f} ms   slowest {worst:7.1f} ms   ({total:,} match)")
    finally:
        from app.db import reset_engine

        reset_engine()
        drop_database(url)


if __name__ == "__main__":
    main()
