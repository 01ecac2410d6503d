"""Checks at start-up: fail loudly on a configuration that would lose data silently."""

import contextlib
import logging

import redis

from app.settings import get_settings, redact_url

log = logging.getLogger(__name__)


class RedisUnavailable(SystemExit):
    pass


def check_redis(url: str | None) -> None:
    """With REDIS_URL set, sessions live in Redis: refuse to start without it rather than
    run and drop every user's state."""
    if not url:
        return
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3, socket_timeout=3).ping()
    except redis.RedisError as err:
        message = (f"REDIS_URL={redact_url(url)} is configured but Redis does not answer ({type(err).__name__}). "
                   "Start Redis, or unset REDIS_URL to run a single worker without it.")
        log.critical(message)
        raise RedisUnavailable(message) from None


@contextlib.asynccontextmanager
async def startup_checks():
    check_redis(get_settings().redis_url)
    yield
