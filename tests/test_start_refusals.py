"""The portal refuses to start on a public address that would let keys be swapped, and says why."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _start(env: dict[str, str]) -> subprocess.CompletedProcess:
    """What `reflex run` does first: read rxconfig (which reads the settings)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PUBLIC_BASE_URL", "PORTAL_ENV")}
    return subprocess.run([sys.executable, "-c", "import rxconfig"], cwd=ROOT, env=clean | env,
                          capture_output=True, text=True, timeout=120)


def test_production_with_an_http_address_does_not_start():
    refused = _start({"PORTAL_ENV": "production", "PUBLIC_BASE_URL": "http://portal.example.com"})
    assert refused.returncode != 0
    assert "Cannot start Success Portal: Invalid setting PUBLIC_BASE_URL='http://portal.example.com'" in refused.stderr
    assert "https://" in refused.stderr


def test_production_with_an_https_address_starts():
    assert _start({"PORTAL_ENV": "production", "PUBLIC_BASE_URL": "https://portal.example.com"}).returncode == 0
