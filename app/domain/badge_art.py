"""Badge images: an SVG drawn from a track's title, and Open Badges 3.0 baking into it.

Pure string work. Every track gets its own colour (from its slug) and initials, so badges
of different tracks tell apart at a glance without anyone drawing them.
"""

from __future__ import annotations

import hashlib
import re
from xml.sax.saxutils import escape, quoteattr

OB_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
# Dark enough for white text at WCAG AA contrast.
_PALETTE = ("#3730a3", "#0f766e", "#9d174d", "#1d4ed8", "#7c2d12", "#4d7c0f", "#6b21a8", "#155e75")
_ROOT_TAG = re.compile(r"<svg\b[^>]*>")
_BAKED = re.compile(r"<openbadges:credential\b[^>]*\bverify=\"([^\"]*)\"")


class NotBakeable(ValueError):
    """The image is not an SVG we can bake, or already carries a credential."""


def colour_for(seed: str) -> str:
    return _PALETTE[hashlib.sha256(seed.encode()).digest()[0] % len(_PALETTE)]


def initials(title: str) -> str:
    words = [w for w in re.split(r"[^\w]+", title) if w]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def _lines(title: str, width: int = 22, most: int = 2) -> list[str]:
    """The title in at most two lines of about ``width`` characters; the rest ends in an ellipsis."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return [line if len(line) <= width + 4 else line[: width + 3] + "…" for line in lines]


def badge_svg(title: str, seed: str, subtitle: str = "") -> str:
    """A 256 x 256 badge: a ribboned disc with the title's initials, the title beneath."""
    colour = colour_for(seed)
    label = escape(title)
    text_lines = "".join(
        f'<text x="128" y="{208 + 20 * i}" font-size="16" font-weight="600" text-anchor="middle" '
        f'fill="#111827">{escape(line)}</text>' for i, line in enumerate(_lines(title)))
    caption = (f'<text x="128" y="24" font-size="12" text-anchor="middle" fill="#4b5563">{escape(subtitle)}</text>'
               if subtitle else "")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256" role="img" '
        f'aria-label={quoteattr(title + " badge")}>'
        f"<title>{label}</title>"
        '<rect width="256" height="256" rx="24" fill="#ffffff"/>'
        f"{caption}"
        f'<path d="M92 150 L76 196 L100 186 L112 206 L128 158 Z" fill="{colour}" opacity="0.75"/>'
        f'<path d="M164 150 L180 196 L156 186 L144 206 L128 158 Z" fill="{colour}" opacity="0.75"/>'
        f'<circle cx="128" cy="104" r="68" fill="{colour}"/>'
        '<circle cx="128" cy="104" r="58" fill="none" stroke="#ffffff" stroke-width="3" stroke-dasharray="6 5"/>'
        f'<text x="128" y="118" font-size="40" font-weight="700" text-anchor="middle" fill="#ffffff" '
        f'font-family="Georgia, serif">{escape(initials(title))}</text>'
        f"{text_lines}"
        "</svg>\n"
    )


def bake(svg: str, jws: str) -> str:
    """OB 3.0 baking: the signed credential (compact JWS) in an ``openbadges:credential`` element
    right after the root tag, whose namespace is declared on the root."""
    if extract(svg) is not None:
        raise NotBakeable("This image already carries a credential.")
    root = _ROOT_TAG.search(svg)
    if root is None:
        raise NotBakeable("Not an SVG image.")
    tag = root.group(0)
    if tag.endswith("/>"):
        raise NotBakeable("The SVG has no content to bake into.")
    with_namespace = tag[:-1] + f" xmlns:openbadges={quoteattr(OB_NAMESPACE)}>"
    element = f"<openbadges:credential verify={quoteattr(jws)}></openbadges:credential>"
    return svg[: root.start()] + with_namespace + element + svg[root.end():]


def extract(svg: str) -> str | None:
    """The compact JWS baked into an SVG, or None."""
    found = _BAKED.search(svg)
    return found.group(1) if found else None
