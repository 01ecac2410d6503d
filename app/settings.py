"""One typed settings object, read from the environment once.

Every tunable lives here so that no module reads ``os.environ`` on its own.
A malformed value stops start-up with a ``SettingsError`` naming the variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "data" / "portal.db"
APP_VERSION = "0.1.0"


class SettingsError(ValueError):
    """A setting from the environment cannot be used."""

    def __init__(self, name: str, value: str, expected: str):
        super().__init__(f"Invalid setting {name}={redact_url(value)!r}: expected {expected}.")
        self.name = name


def redact_url(value: str) -> str:
    """Messages about URLs may reach logs: never with the password in them."""
    scheme, sep, rest = value.partition("://")
    if sep and "@" in rest:
        credentials, _, host = rest.rpartition("@")
        if ":" in credentials:
            return f"{scheme}{sep}{credentials.split(':', 1)[0]}:***@{host}"
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str
    redis_url: str | None
    session_hours: int
    login_max_failures: int  # per account-and-address pair
    login_window_minutes: int
    login_address_max_failures: int
    login_global_max_failures: int  # per minute, the whole portal
    verify_per_minute: int
    trusted_proxies: tuple  # ip networks whose X-Forwarded-For is believed
    cors_allowed_origins: tuple[str, ...]  # other origins allowed to call the API from a browser
    db_pool_size: int
    db_max_overflow: int
    min_peer_count: int
    benchmark_window_days: int
    scheduler_enabled: bool
    nightly_at: tuple[int, int]  # UTC hour, minute
    signing_key_passphrase: str | None  # encrypts signing keys at rest; read from a file when unset
    signing_key_passphrase_file: Path
    portal_name: str
    public_base_url: str
    smtp_url: str | None = None  # where reminders are sent; None: listed on the admin Jobs page instead
    smtp_from: str = "Success Portal <no-reply@localhost>"
    version: str = APP_VERSION

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _database_url(raw: str | None) -> str:
    if not raw:
        return f"sqlite:///{DEFAULT_SQLITE_PATH}"
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://"):]
    if raw.startswith("postgresql://"):
        # psycopg 3 is the driver we ship; the bare scheme would ask for psycopg2.
        raw = "postgresql+psycopg://" + raw[len("postgresql://"):]
    if raw.startswith("sqlite:///") or raw.startswith("postgresql+psycopg://"):
        rest = raw.split("://", 1)[1]
        if raw.startswith("postgresql") and not rest.strip("/"):
            raise SettingsError("DATABASE_URL", raw, "a host and database name after postgresql://")
        return raw
    raise SettingsError(
        "DATABASE_URL",
        raw,
        "sqlite:///path/to/file.db or postgresql+psycopg://user@host:5432/dbname",
    )


def _redis_url(raw: str | None) -> str | None:
    if not raw:
        return None
    if raw.startswith(("redis://", "rediss://", "unix://")) and len(raw.split("://", 1)[1]) > 0:
        return raw
    raise SettingsError("REDIS_URL", raw, "redis://host:6379/0 (or rediss://...)")


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(name, raw, "a whole number") from None
    if value <= 0:
        raise SettingsError(name, raw, "a number greater than 0")
    return value


def _min_peers(raw: str | None) -> int:
    value = _positive_int({"MIN_PEER_COUNT": raw or ""}, "MIN_PEER_COUNT", 5)
    if value < 5:
        # The privacy promise: never fewer than 5 peers, whatever the configuration says.
        raise SettingsError("MIN_PEER_COUNT", str(raw), "a whole number of at least 5")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(name, raw, "1 or 0 (true/false, yes/no, on/off)")


def _clock_time(raw: str | None) -> tuple[int, int]:
    if not raw:
        return (2, 0)
    hour, _, minute = raw.strip().partition(":")
    if hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60 and len(minute) == 2:
        return int(hour), int(minute)
    raise SettingsError("NIGHTLY_AT", raw, "a UTC time like 02:00")


_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def _production(raw: str | None) -> bool:
    value = (raw or "development").strip().lower()
    if value not in ("development", "production"):
        raise SettingsError("PORTAL_ENV", value, "development or production")
    return value == "production"


def _base_url(raw: str | None, production: bool) -> str:
    url = (raw or f"http://localhost:{os.environ.get('PORT', '3000')}").rstrip("/")
    if not url.startswith(("http://", "https://")) or not urlsplit(url).hostname:
        raise SettingsError("PUBLIC_BASE_URL", url, "an http:// or https:// address")
    # Credential ids, key URLs and status lists are fetched by verifiers: over plain http
    # anyone on the way could swap the key and vouch for forged credentials.
    if url.startswith("http://") and (production or urlsplit(url).hostname not in _LOCAL_HOSTS):
        where = "in production (PORTAL_ENV=production)" if production else "for any host but localhost"
        raise SettingsError("PUBLIC_BASE_URL", url, f"an https:// address {where}, since verifiers fetch the "
                            "credential signing keys from it and keys fetched over plain http can be swapped")
    return url


def _networks(raw: str | None) -> tuple:
    from app.domain.ratelimit import parse_networks

    try:
        return parse_networks(raw or "")
    except ValueError:
        raise SettingsError("TRUSTED_PROXIES", raw or "", "addresses or networks like 10.0.0.5, 10.0.0.0/24") from None


def _origins(raw: str | None) -> tuple[str, ...]:
    origins = tuple(part.strip().rstrip("/") for part in (raw or "").split(",") if part.strip())
    for origin in origins:
        scheme, sep, host = origin.partition("://")
        if scheme not in ("http", "https") or not sep or not host or "/" in host or origin == "*":
            raise SettingsError("CORS_ALLOWED_ORIGINS", raw or "", "origins like https://intranet.example.com, "
                                                                   "comma-separated (no paths, no *)")
    return origins


def _smtp_url(raw: str | None) -> str | None:
    if not raw:
        return None
    parts = urlsplit(raw)
    try:
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok = False
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname or not port_ok or parts.path not in ("", "/"):
        raise SettingsError("SMTP_URL", raw, "smtp://host:587 or smtps://user:password@host:465 (a password with "
                            "special characters percent-encoded)")
    return raw


def _sender(raw: str | None, portal_name: str, base_url: str) -> str:
    from email.utils import formataddr, parseaddr

    if not raw:
        return formataddr((portal_name, f"no-reply@{urlsplit(base_url).hostname}"))
    name, address = parseaddr(raw)
    local, _, domain = address.partition("@")
    if not local or not domain or any(c.isspace() for c in address) or "\n" in raw or "\r" in raw:
        raise SettingsError("SMTP_FROM", raw, "an email address, optionally with a name: "
                            "Success Portal <training@example.com>")
    return formataddr((name, address)) if name else address


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from ``env`` (the process environment by default)."""
    env = os.environ if env is None else env
    portal_name = env.get("PORTAL_NAME") or "Success Portal"
    base_url = _base_url(env.get("PUBLIC_BASE_URL"), _production(env.get("PORTAL_ENV")))
    return Settings(
        database_url=_database_url(env.get("DATABASE_URL")),
        redis_url=_redis_url(env.get("REDIS_URL")),
        session_hours=_positive_int(env, "SESSION_HOURS", 12),
        login_max_failures=_positive_int(env, "LOGIN_MAX_FAILURES", 10),
        login_window_minutes=_positive_int(env, "LOGIN_WINDOW_MINUTES", 15),
        login_address_max_failures=_positive_int(env, "LOGIN_ADDRESS_MAX_FAILURES", 30),
        login_global_max_failures=_positive_int(env, "LOGIN_GLOBAL_MAX_FAILURES", 600),
        verify_per_minute=_positive_int(env, "VERIFY_PER_MINUTE", 30),
        trusted_proxies=_networks(env.get("TRUSTED_PROXIES")),
        cors_allowed_origins=_origins(env.get("CORS_ALLOWED_ORIGINS")),
        db_pool_size=_positive_int(env, "DB_POOL_SIZE", 10),
        db_max_overflow=_positive_int(env, "DB_MAX_OVERFLOW", 30),
        min_peer_count=_min_peers(env.get("MIN_PEER_COUNT")),
        benchmark_window_days=_positive_int(env, "BENCHMARK_WINDOW_DAYS", 7),
        scheduler_enabled=_flag(env, "SCHEDULER_ENABLED", True),
        nightly_at=_clock_time(env.get("NIGHTLY_AT")),
        signing_key_passphrase=env.get("SIGNING_KEY_PASSPHRASE") or None,
        signing_key_passphrase_file=Path(env.get("SIGNING_KEY_PASSPHRASE_FILE")
                                         or PROJECT_ROOT / "data" / "signing-key.passphrase"),
        portal_name=portal_name,
        public_base_url=base_url,
        smtp_url=_smtp_url(env.get("SMTP_URL")),
        smtp_from=_sender(env.get("SMTP_FROM"), portal_name, base_url),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
