"""The cohort switch's choices and the one banner that explains a withheld cohort, in words.

Plain functions without reflex, tested without a browser. Built from CohortChoice (statuses
and reasons only) and the chosen cohort's metrics: no peer count, no peer value.
"""

from __future__ import annotations

from app.services.benchmarks.cohort_choices import CohortChoice
from app.services.benchmarks.dto import MetricBenchmark

# kind -> the switch's full label and the short one a phone shows.
LABELS = {"all": ("All customers", "All"), "industry": ("Same industry", "Industry"),
          "size": ("Same size range", "Size range")}


def _mark(choice: CohortChoice) -> str:
    """Why a cohort has no numbers, short enough for the switch."""
    if choice.reason and choice.reason.startswith("fewer than"):
        return "not enough peers"
    return "numbers withheld"


def switch_choices(choices: list[CohortChoice]) -> list[dict]:
    """The switch's items: a cohort without any number is marked before anyone picks it."""
    items = []
    for choice in choices:
        label, short = LABELS[choice.kind]
        marked = choice.released == 0
        items.append({"kind": choice.kind, "label": f"{label} — {_mark(choice)}" if marked else label,
                      "short": short, "mark": _mark(choice) if marked else "",
                      "title": f"{choice.label}: {_mark(choice)}" if marked else choice.label})
    return items


def _cohort_words(choice: CohortChoice) -> str:
    if choice.kind == "all":
        return "all customers"
    if choice.kind == "industry":
        return f"peers in {choice.label}"
    return f"peers with {choice.label}"


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def withheld_banner(metrics: list[MetricBenchmark], chosen: str, choices: list[CohortChoice]) -> dict:
    """Said once per page: which numbers are withheld for the chosen cohort, why, and where numbers are.

    ``offer`` is the cohort kind with the most released metrics when it has more than the
    chosen one (the page shows it as a button that switches to it); "" when there is none.
    """
    withheld = [m for m in metrics if m.status == "suppressed"]
    if not withheld:
        return {"text": "", "offer": "", "offer_label": ""}
    current = next(c for c in choices if c.kind == chosen)
    reasons: dict[str, list[str]] = {}
    for metric in withheld:
        reasons.setdefault(metric.reason or "to protect the peers' privacy", []).append(metric.label)
    if len(withheld) == len(metrics):
        why = "; ".join(reasons)
        text = f"Every peer number for {_cohort_words(current)} is withheld: {why}."
    else:
        text = " ".join(f"{_listed(names)} {'is' if len(names) == 1 else 'are'} withheld for "
                        f"{_cohort_words(current)}: {why}." for why, names in reasons.items())
    released_here = len(metrics) - len(withheld)
    best = max((c for c in choices if c.kind != chosen), key=lambda c: c.released, default=None)
    if best is None or best.released <= released_here:
        return {"text": text, "offer": "", "offer_label": ""}
    return {"text": f"{text} {LABELS[best.kind][0]} has numbers for {best.released} of {len(metrics)} metrics.",
            "offer": best.kind, "offer_label": f"Compare with {_cohort_words(best)}"}
