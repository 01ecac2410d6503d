"""Latency statistics for the load scripts."""

from __future__ import annotations

import numpy as np


def summary(latencies_s: list[float], wall_s: float) -> dict:
    if not latencies_s:
        return {"requests": 0}
    ms = np.array(latencies_s) * 1000
    return {
        "requests": len(ms),
        "per_second": round(len(ms) / wall_s, 1),
        "p50_ms": round(float(np.percentile(ms, 50)), 1),
        "p95_ms": round(float(np.percentile(ms, 95)), 1),
        "p99_ms": round(float(np.percentile(ms, 99)), 1),
        "max_ms": round(float(ms.max()), 1),
    }
