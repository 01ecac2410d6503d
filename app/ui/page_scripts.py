"""The inline scripts of the built pages, by hash, for the Content-Security-Policy.

The production build prerenders each page with a few small inline scripts (the router's
context, the colour theme). They are allowed by their SHA-256, read from the built files,
so an inline script that is not part of the build does not run.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from reflex.utils import prerequisites
from reflex_base import constants

log = logging.getLogger(__name__)
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S)


def inline_script_hashes(build_dir: Path | None = None) -> list[str]:
    folder = build_dir or prerequisites.get_web_dir() / constants.Dirs.STATIC
    hashes = set()
    for page in folder.rglob("*.html"):
        for script in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if "src=" not in script["attrs"]:
                hashes.add(base64.b64encode(hashlib.sha256(script["code"].encode()).digest()).decode())
    if not hashes:
        log.warning("no built pages under %s: the Content-Security-Policy allows no inline script", folder)
    return sorted(hashes)
