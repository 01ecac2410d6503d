"""Throttling rules: who counts as one client, and when a sign-in or a public check must wait.

Sign-in (the policy, with the settings that tune it):
- failures are counted per account-and-address pair (``LOGIN_MAX_FAILURES`` per
  ``LOGIN_WINDOW_MINUTES``): past it, only that address waits for that account, so a
  stranger cannot lock anyone else out (the account itself is never locked);
- per address, over every account (``LOGIN_ADDRESS_MAX_FAILURES`` per window): one address
  cannot try many accounts;
- for the whole portal (``LOGIN_GLOBAL_MAX_FAILURES`` per minute): many addresses together
  are slowed down too. Past a limit the answer is 429 with the seconds to wait; nothing is
  locked beyond the end of the window.
Public certificate checks: ``VERIFY_PER_MINUTE`` per client, the page and the API together.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Iterable, Sequence

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


@dataclass(frozen=True)
class LoginLimits:
    per_pair: int
    per_address: int
    global_per_minute: int
    window_seconds: int


def login_counters(limits: LoginLimits, account: str, address: str) -> dict[str, int]:
    """The counters a failed sign-in adds to: name -> window in seconds (pair, address, portal)."""
    return {f"login:pair:{account}:{address}": limits.window_seconds,
            f"login:address:{address}": limits.window_seconds,
            "login:portal": 60}


def login_wait(limits: LoginLimits, counts: Sequence[tuple[int, int]]) -> int | None:
    """Seconds to wait before another try, from the (count, seconds left) of each counter in the
    order of ``login_counters``; None when the sign-in may be tried now."""
    caps = (limits.per_pair, limits.per_address, limits.global_per_minute)
    waits = [left for (count, left), cap in zip(counts, caps, strict=True) if count >= cap]
    return max(waits) if waits else None


def verify_wait(limit: int, count: int, seconds_left: int) -> int | None:
    """The public check: the ``count``-th check of the client's window may go ahead up to ``limit``."""
    return seconds_left if count > limit else None


def parse_networks(raw: str) -> tuple[Network, ...]:
    """``TRUSTED_PROXIES``: comma-separated addresses or networks (10.0.0.5, 10.0.0.0/24, ::1)."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in raw.split(",") if part.strip())


def client_address(peer: str | None, forwarded_for: str | None, trusted: Iterable[Network]) -> str:
    """The address a request came from. X-Forwarded-For is believed only when the request came
    from a trusted proxy; then its entries are read from the right (the ones our proxies added),
    and the first address that is not a trusted proxy is the client. Any client can write the
    header, so with no trusted proxies configured it is ignored."""
    trusted = tuple(trusted)
    if not peer:
        return UNKNOWN
    if not (trusted and _is_trusted(peer, trusted)):
        return peer
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop if _is_address(hop) else UNKNOWN
    return hops[0] if hops and _is_address(hops[0]) else peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)
