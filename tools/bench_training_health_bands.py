"""What the bands of certification rate add to the nightly run, in process, on synthetic arrays.

    .venv/bin/python -m tools.bench_training_health_bands --orgs 1000000

Builds N customers (95 % reporting each metric, rates that are shares of a few learners), then times
the band step of the nightly computation (each customer's band, the three compared metrics' band
statistics and membership sketches, their disclosure decision) as the recompute runs it. Prints the
best and median CPU seconds of 7 runs: CPU time, because on a shared machine the wall clock measures
the neighbours. No database: the rest of the run is measured by ``bench-benchmarks``.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

from app.domain.benchmarks import disclosure
from app.domain.benchmarks.certification_bands import COMPARED_METRICS
from app.domain.benchmarks.metrics import METRICS_BY_KEY
from app.domain.benchmarks.sketch import organization_hashes
from app.services.benchmarks import bands
from app.services.benchmarks.inputs import Inputs, MetricValues, Peers


def synthetic_inputs(organizations: int, seed: int = 1) -> Inputs:
    rng = np.random.default_rng(seed)

    def reported(values) -> MetricValues:
        idx = np.flatnonzero(rng.random(organizations) < 0.95)
        return MetricValues(idx, values(len(idx)))

    peers = Peers(np.arange(1, organizations + 1), np.zeros(organizations, np.int8), np.zeros(organizations, np.int8))
    return Inputs(peers, {
        "health_score": reported(lambda n: np.round(rng.normal(65, 12, n), 1)),
        "adoption_rate": reported(lambda n: np.round(rng.uniform(0, 100, n))),
        "certification_rate": reported(lambda n: np.round(100 * rng.integers(0, 9, n) / 8, 2)),
        "tickets_per_100_users": reported(lambda n: np.round(rng.gamma(3, 2, n), 1)),
        "resolution_hours": reported(lambda n: np.round(rng.gamma(4, 5, n) * 2) / 2),
    })


def band_step(inputs: Inputs, hashes: np.ndarray) -> None:
    codes = bands.peer_bands(inputs)
    for metric in COMPARED_METRICS:
        figures = bands.band_figures(inputs, codes, hashes, metric, {})
        disclosure.decide(METRICS_BY_KEY[metric], figures.figures, [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    inputs = synthetic_inputs(args.orgs)
    hashes = organization_hashes(inputs.peers.ids)
    seconds = []
    for _ in range(args.runs):
        started = time.process_time()
        band_step(inputs, hashes)
        seconds.append(time.process_time() - started)
    seconds.sort()
    print(json.dumps({"organizations": args.orgs, "best_cpu_seconds": round(seconds[0], 3),
                      "median_cpu_seconds": round(seconds[len(seconds) // 2], 3),
                      "load_average": round(os.getloadavg()[0], 1)}))


if __name__ == "__main__":
    main()
