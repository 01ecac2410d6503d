"""Reflex settings. Everything tunable comes from app.settings (the environment)."""

import sys

import reflex as rx
from reflex.plugins import SitemapPlugin

from app.settings import SettingsError, get_settings

try:
    settings = get_settings()
except SettingsError as err:
    sys.exit(f"Cannot start Success Portal: {err}")

config = rx.Config(
    app_name="app",
    db_url=settings.database_url,
    redis_url=settings.redis_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium"))],
    disable_plugins=[SitemapPlugin],
)
