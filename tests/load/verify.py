"""Load test: public certificate verification under many concurrent clients.

    python -m tests.load.verify --base-url http://localhost:3000 --clients 64 --seconds 15

Measures, in the same run, GET /api/health as a baseline and then the public verification
endpoint with real certificate numbers from the database (DATABASE_URL). Start the portal
with VERIFY_PER_MINUTE raised (e.g. 1000000): all clients share one address here, and the
per-client limit would otherwise answer 429. Each endpoint is first called for a few seconds
unmeasured (a fresh worker compiles its query and fills its connection pool on the first
requests), then measured. Prints JSON: requests per second, p50/p95/p99,
errors, and verification's rate as a share of the baseline's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time

from sqlmodel import select

from app.db import session_scope
from app.models import Certificate
from tests.load.rawhttp import KeepAliveClient
from tests.load.stats import summary


async def hammer(base_url: str, paths: list[str], clients: int, seconds: float) -> dict:
    """``clients`` connections, each sending its next request as soon as the last one answered."""
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds

    async def worker(seed: int) -> None:
        rng = random.Random(seed)
        client = KeepAliveClient(base_url)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                status = await asyncio.wait_for(client.get(rng.choice(paths)), timeout=30)
                if status != 200:
                    errors.append(str(status))
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as err:
                errors.append(type(err).__name__)
                await client.close()
            latencies.append(time.perf_counter() - start)
        await client.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    wall = time.perf_counter() - started
    return summary(latencies, wall) | {"errors": len(errors), "error_kinds": sorted(set(errors))[:5]}


def certificate_paths(limit: int = 500) -> list[str]:
    with session_scope() as session:
        numbers = session.exec(select(Certificate.number).limit(limit)).all()
    if not numbers:
        raise SystemExit("No certificates in the database: load the demo data first.")
    return [f"/api/training/certificates/verify/{n}" for n in numbers]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://localhost:3000")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warm-up", type=float, default=3, help="seconds of unmeasured calls to each endpoint first")
    args = parser.parse_args()
    paths = certificate_paths()
    if args.warm_up > 0:
        for warm in (["/api/health"], paths):
            asyncio.run(hammer(args.base_url, warm, args.clients, args.warm_up))
    baseline = asyncio.run(hammer(args.base_url, ["/api/health"], args.clients, args.seconds))
    verify = asyncio.run(hammer(args.base_url, paths, args.clients, args.seconds))
    ratio = verify.get("per_second", 0) / baseline["per_second"] if baseline.get("per_second") else None
    print(json.dumps({"clients": args.clients, "seconds": args.seconds, "baseline_health": baseline,
                      "verification": verify, "verification_vs_baseline": round(ratio, 2) if ratio else None},
                     indent=2))


if __name__ == "__main__":
    main()
