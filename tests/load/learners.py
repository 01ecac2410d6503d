"""Load test: many learners at once sign in, start, autosave and submit a quiz attempt.

    python -m tests.load.learners --base-url http://localhost:3000 --learners 100 --ui-learners 4

Runs against a live portal and its database (DATABASE_URL): it creates its own learners in
an organization named "Load Test Co", uses a published quiz without attempt limit or
cooldown, and afterwards checks in the database that every attempt was stored exactly once
with the score its answers deserve. `--ui-learners K` makes K of them take the quiz through the
real pages in Chromium (websocket events) at the same time. Prints JSON: throughput,
p50/p95/p99 per step, errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from collections import defaultdict
from datetime import datetime, timezone

import httpx
from sqlmodel import func, select
from tqdm import tqdm

from app.db import session_scope
from app.domain.training.grading import grade
from app.models import Organization, Quiz, QuizAttempt, User
from app.services.accounts.passwords import hash_password
from app.services.training.queries import quiz_content
from tests.load.stats import summary
from tests.load.ui_learner import take_quiz_in_browser

PASSWORD = "load-test-password"
ORG = "Load Test Co"


def prepare(learners: int) -> tuple[int, list[str]]:
    """Learners to sign in as, and a quiz they may all take right away."""
    now = datetime.now(timezone.utc)
    with session_scope() as session:
        org = session.exec(select(Organization).where(Organization.name == ORG)).first()
        if org is None:
            org = Organization(name=ORG, industry="Software", employee_count=120, is_customer=False, created_at=now)
            session.add(org)
            session.flush()
        quiz_id = session.exec(select(Quiz.id).where(Quiz.max_attempts.is_(None), Quiz.cooldown_minutes == 0,
                                                     Quiz.time_limit_minutes.is_(None)).order_by(Quiz.id)).first()
        if quiz_id is None:
            sys.exit("No published quiz without attempt limit, cooldown and time limit: load the demo content first.")
        password_hash = hash_password(PASSWORD)
        emails = [f"learner-{i:04d}@load.test" for i in range(learners)]
        existing = set(session.exec(select(User.email).where(User.email.in_(emails))).all())
        session.add_all(User(organization_id=org.id, email=e, first_name="Load", last_name=f"Learner {i}",
                             password_hash=password_hash, role="learner", created_at=now)
                        for i, e in enumerate(emails) if e not in existing)
    return quiz_id, emails


async def learner(client: httpx.AsyncClient, email: str, quiz_id: int, right: bool, timings, errors, results,
                  think: float = 0.0):
    rng = random.Random(email)

    async def call(step, method, url, **kwargs):
        if think:
            # A person reads and clicks between steps: 0.5x to 1.5x the think time.
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        start = time.perf_counter()
        response = await client.request(method, url, **kwargs)
        timings[step].append(time.perf_counter() - start)
        if response.status_code >= 400:
            errors.append(f"{step} {response.status_code}: {response.text[:120]}")
            raise RuntimeError(step)
        return response.json()

    try:
        login = await call("login", "POST", "/api/auth/login", json={"email": email, "password": PASSWORD})
        headers = {"Authorization": f"Bearer {login['token']}"}
        attempt = await call("start", "POST", f"/api/training/quizzes/{quiz_id}/start", headers=headers)
        answers = {str(q["id"]): [q["choices"][0]["id"]] for q in attempt["questions"]}
        if right:
            answers = {str(q): sorted(c) for q, c in results["key"].items()}
        first_half = dict(list(answers.items())[: len(answers) // 2])
        await call("autosave", "PUT", f"/api/training/attempts/{attempt['attempt_id']}/answers", headers=headers,
                   json={"answers": first_half})
        await call("autosave", "PUT", f"/api/training/attempts/{attempt['attempt_id']}/answers", headers=headers,
                   json={"answers": answers})
        result = await call("submit", "POST", f"/api/training/attempts/{attempt['attempt_id']}/submit",
                            headers=headers, json={"submission_key": email})
        results["attempts"][attempt["attempt_id"]] = (answers, result["earned_points"])
    except (RuntimeError, httpx.HTTPError) as err:
        if not isinstance(err, RuntimeError):
            errors.append(f"{type(err).__name__}: {err}")


def _browser_share(base_url: str, emails: list[str], quiz_id: int):
    """Start the UI learners in processes of their own (each drives one Chromium)."""
    from concurrent.futures import ProcessPoolExecutor

    from app.models import Course

    with session_scope() as session:
        course = session.exec(select(Course).join(Quiz, Quiz.course_id == Course.id).where(Quiz.id == quiz_id)).one()
        place = (course.track_id, course.position - 1)
    pool = ProcessPoolExecutor(max_workers=len(emails))
    futures = [pool.submit(take_quiz_in_browser, (base_url, e, PASSWORD, *place)) for e in emails]
    return pool, futures


async def run(base_url: str, learners: int, ui_learners: int = 0, think: float = 0.0) -> dict:
    quiz_id, emails = prepare(learners + ui_learners)
    browser_emails, emails = emails[learners:], emails[:learners]
    pool, browser_runs = _browser_share(base_url, browser_emails, quiz_id) if browser_emails else (None, [])
    with session_scope() as session:
        key = {q: set(k.correct_choice_ids) for q, k in quiz_content(session, quiz_id).key.items()}
    timings, errors = defaultdict(list), []
    results = {"key": key, "attempts": {}}
    limits = httpx.Limits(max_connections=learners, max_keepalive_connections=learners)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
        started = time.perf_counter()
        bar = tqdm(total=learners, desc="Learners finished", unit=" learner")

        async def one(i, email):
            await learner(client, email, quiz_id, i % 2 == 0, timings, errors, results, think)
            bar.update(1)

        await asyncio.gather(*(one(i, e) for i, e in enumerate(emails)))
        wall = time.perf_counter() - started
        bar.close()
    browser = _browser_results(browser_runs, results, quiz_id)
    if pool is not None:
        pool.shutdown()
    return {
        "learners": learners,
        "think_seconds": think,
        "wall_seconds": round(wall, 2),
        "requests_per_second": round(sum(len(v) for v in timings.values()) / wall, 1),
        "steps": {step: summary(values, wall) for step, values in timings.items()},
        "errors": len(errors) + len(browser["errors"]),
        "error_samples": (errors + browser["errors"])[:5],
        "ui_learners": browser["summary"] | {"errors": browser["errors"][:3]},
        "database_check": check_database(quiz_id, results),
    }


def _browser_results(runs, results: dict, quiz_id: int) -> dict:
    """Collect the browser learners' timings; they answered everything right."""
    done = [future.result() for future in runs]
    errors = [r["error"] for r in done if "error" in r]
    with session_scope() as session:
        key = quiz_content(session, quiz_id).key
    all_right = {str(q): sorted(k.correct_choice_ids) for q, k in key.items()}
    steps: dict[str, list[float]] = defaultdict(list)
    for r in done:
        if "error" not in r:
            for step, seconds in r["timings"].items():
                steps[step].append(seconds)
            results["attempts"][r["attempt_id"]] = (all_right, sum(k.points for k in key.values()))
    wall = max((sum(r["timings"].values()) for r in done if "timings" in r), default=1.0)
    return {"errors": errors, "summary": {"learners": len(done), "completed": len(done) - len(errors),
                                          "steps": {s: summary(v, wall) for s, v in steps.items()}}}


def check_database(quiz_id: int, results: dict) -> dict:
    """Every submitted attempt stored once, with the score its saved answers deserve."""
    with session_scope() as session:
        content = quiz_content(session, quiz_id)
        wrong = 0
        for attempt_id, (answers, earned) in results["attempts"].items():
            row = session.get(QuizAttempt, attempt_id)
            expected = grade(content.key, {int(q): set(c) for q, c in answers.items()}, content.quiz.pass_threshold)
            if (row is None or row.submitted_at is None or row.earned_points != expected.earned_points
                    or earned != expected.earned_points):
                wrong += 1
        ids = list(results["attempts"])
        stored = session.exec(select(func.count(QuizAttempt.id)).where(QuizAttempt.id.in_(ids))).one() if ids else 0
    return {"attempts_checked": len(ids), "stored": stored, "wrong_scores": wrong,
            "ok": wrong == 0 and stored == len(ids)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://localhost:3000")
    parser.add_argument("--learners", type=int, default=100, help="learners over the REST API")
    parser.add_argument("--ui-learners", type=int, default=0, help="more learners through the pages in Chromium")
    parser.add_argument("--think-seconds", type=float, default=2.0,
                        help="mean pause between a learner's steps (0: every learner fires at once)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.base_url, args.learners, args.ui_learners, args.think_seconds)), indent=2))


if __name__ == "__main__":
    main()
