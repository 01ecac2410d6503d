"""Reflex settings. Everything tunable comes from app.settings (the environment)."""

import sys
from urllib.parse import urlsplit

import reflex as rx
from reflex.plugins import SitemapPlugin

from app.settings import SettingsError, get_settings

try:
    settings = get_settings()
except SettingsError as err:
    sys.exit(f"Cannot start Success Portal: {err}")

# CORS: same-origin only unless CORS_ALLOWED_ORIGINS names other origins (never "*", which with
# credentials made every origin be reflected back). An empty list also leaves the websocket's
# own origin check off, as before: it carries no cookie, the sign-in token is not sent by the browser.
_own = "{0.scheme}://{0.netloc}".format(urlsplit(settings.public_base_url))
_cors = (*settings.cors_allowed_origins, _own) if settings.cors_allowed_origins else ()

config = rx.Config(
    app_name="app",
    db_url=settings.database_url,
    redis_url=settings.redis_url,
    telemetry_enabled=False,
    cors_allowed_origins=_cors,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium"))],
    disable_plugins=[SitemapPlugin],
)
