"""Realistic, skewed demo organizations and their 90 days of metric history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from app.domain.benchmarks.metrics import METRICS_BY_KEY
from app.domain.organizations import INDUSTRIES

# Share of customers per industry, in INDUSTRIES order. The last two are small on
# purpose: their cohorts fall under the privacy threshold and stay hidden.
INDUSTRY_SHARE = (0.32, 0.20, 0.15, 0.13, 0.09, 0.06, 0.035, 0.015)

_FIRST = (
    "Northwind", "Bluepeak", "Cedar", "Harbor", "Summit", "Ironwood", "Silverline", "Brightwater",
    "Redstone", "Evergreen", "Granite", "Lakeside", "Pioneer", "Beacon", "Meridian", "Oakridge",
    "Crescent", "Falcon", "Juniper", "Keystone", "Larkspur", "Maple", "Nimbus", "Orchard",
    "Prairie", "Quarry", "Riverbend", "Sable", "Tidewater", "Upland", "Vantage", "Willow",
)
_SECOND = {
    "Software": ("Labs", "Systems", "Cloud", "Digital", "Software", "Analytics"),
    "Financial Services": ("Capital", "Bank", "Financial", "Insurance", "Credit Union", "Advisors"),
    "Healthcare": ("Health", "Clinics", "Medical Group", "Care", "Diagnostics", "Pharma"),
    "Manufacturing": ("Manufacturing", "Industries", "Components", "Metals", "Plastics", "Machining"),
    "Retail": ("Outfitters", "Markets", "Goods", "Stores", "Supply", "Brands"),
    "Education": ("Academy", "University", "Learning", "College", "Schools", "Institute"),
    "Public Sector": ("County", "City Services", "Transit Authority", "Water District", "Agency", "Council"),
    "Energy": ("Energy", "Power", "Renewables", "Utilities", "Grid", "Solar"),
}


@dataclass(frozen=True)
class DemoOrganization:
    name: str
    industry: str
    employee_count: int
    strength: float  # latent customer health, standard normal


def industry_counts(n: int) -> list[int]:
    """Largest-remainder split of ``n`` organizations over the industries."""
    raw = [share * n for share in INDUSTRY_SHARE]
    counts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)
    for i in order[: n - sum(counts)]:
        counts[i] += 1
    return counts


def make_organizations(n: int, rng: np.random.Generator) -> list[DemoOrganization]:
    industries = [ind for ind, count in zip(INDUSTRIES, industry_counts(n)) for _ in range(count)]
    rng.shuffle(industries)
    # Company sizes are log-normal: many mid-sized customers, a long tail of large ones.
    sizes = np.clip(np.round(np.exp(rng.normal(np.log(180), 1.35, n))), 3, 60_000).astype(int)
    strengths = rng.normal(0.0, 1.0, n)
    names: set[str] = set()
    result = []
    for industry, size, strength in zip(industries, sizes, strengths):
        name = _unique_name(industry, names, rng)
        names.add(name)
        result.append(DemoOrganization(name, industry, int(size), float(strength)))
    return result


def _unique_name(industry: str, taken: set[str], rng: np.random.Generator) -> str:
    for _ in range(50):
        name = f"{rng.choice(_FIRST)} {rng.choice(_SECOND[industry])}"
        if name not in taken:
            return name
    suffix = 2
    while f"{name} {suffix}" in taken:
        suffix += 1
    return f"{name} {suffix}"


def metric_history(org: DemoOrganization, days: list[date], rng: np.random.Generator) -> dict[str, list[float]]:
    """Daily values per metric: a level set by the org's strength, a slow drift, AR(1) noise.

    certification_rate is not invented: the nightly job computes it from the learners'
    certificates (see seed_demo).
    """
    n = len(days)
    drift = rng.normal(0.0, 0.15) * np.linspace(-1.0, 1.0, n)
    noise = np.zeros(n)
    shocks = rng.normal(0.0, 0.25, n)
    for i in range(1, n):
        noise[i] = 0.85 * noise[i - 1] + shocks[i]
    level = org.strength + drift + noise
    big = org.employee_count > 1000
    values = {
        "health_score": 68 + 11 * level,
        "adoption_rate": 62 + 14 * level - (6 if big else 0),
        "tickets_per_100_users": 7.5 * np.exp(-0.35 * level + rng.normal(0, 0.15)),
        "resolution_hours": 18 * np.exp(-0.3 * level + rng.normal(0, 0.2)) + (6 if big else 0),
    }
    out = {}
    for key, series in values.items():
        metric = METRICS_BY_KEY[key]
        upper = metric.upper_bound if metric.upper_bound is not None else np.inf
        clipped = np.clip(series, metric.lower_bound, upper)
        out[key] = [round(float(v), 2) for v in clipped]
    return out


def history_days(today: date, days: int = 90) -> list[date]:
    return [today - timedelta(days=offset) for offset in range(days - 1, -1, -1)]
