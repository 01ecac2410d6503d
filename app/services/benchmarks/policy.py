"""The benchmark rules as this deployment sets them: the settings turned into domain values, here only."""

from __future__ import annotations

from app.domain.benchmarks.disclosure import DisclosurePolicy
from app.domain.benchmarks.window import ValueWindow
from app.settings import get_settings


def disclosure_policy() -> DisclosurePolicy:
    return DisclosurePolicy(min_peers=get_settings().min_peer_count)


def value_window() -> ValueWindow:
    return ValueWindow(days=get_settings().benchmark_window_days)
