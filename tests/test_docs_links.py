"""The documentation's links and images point at files and headings that exist.

Checks every Markdown link and image in README.md and docs/*.md: the target file must
exist (relative to the document), and a #fragment must name a heading of the target
document, using the same heading-to-anchor rule as GitHub. Links to other sites are not
fetched. Also: every docs page is linked from the README, and every screenshot is shown
somewhere, so a page or picture cannot silently drop out of the docs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

LINK = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`]*`")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


def prose_lines(text: str) -> list[tuple[int, str]]:
    """Lines outside fenced code blocks, with inline code removed (links there are examples)."""
    lines, fenced = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def github_anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces become hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for _number, line in prose_lines(path.read_text(encoding="utf-8")):
        match = HEADING.match(line)
        if not match:
            continue
        base = github_anchor(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[tuple[int, str]]:
    found = []
    for number, line in prose_lines(path.read_text(encoding="utf-8")):
        for match in LINK.finditer(INLINE_CODE.sub("", line)):
            found.append((number, match.group(1)))
    return found


def broken_links(path: Path, root: Path = ROOT) -> list[str]:
    """Every link of ``path`` whose file or heading is missing, as 'file:line: target (why)'."""
    problems = []
    for number, target in links(path):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue  # another site (https:, mailto:): not fetched
        file_part, _, fragment = target.partition("#")
        destination = (path.parent / file_part).resolve() if file_part else path
        where = f"{path.relative_to(root)}:{number}: {target}"
        if not destination.exists():
            shown = destination.relative_to(root) if destination.is_relative_to(root) else destination
            problems.append(f"{where} (no file {shown})")
        elif fragment and destination.suffix != ".md":
            problems.append(f"{where} (#{fragment} points into a file that is not Markdown)")
        elif fragment and fragment not in anchors(destination):
            problems.append(f"{where} (no heading #{fragment} in {destination.name})")
    return problems


@pytest.mark.parametrize("document", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_and_image_resolves(document: Path):
    assert broken_links(document) == []


def test_every_docs_page_is_linked_from_the_readme():
    readme_targets = {(ROOT / t.partition("#")[0]).resolve() for _n, t in links(ROOT / "README.md")}
    unlinked = [p.name for p in DOCS.glob("*.md") if p.resolve() not in readme_targets]
    assert unlinked == [], "link these pages from README.md's documentation list"


def test_every_screenshot_is_shown_in_the_docs():
    shown = {(doc.parent / t).resolve() for doc in documents() for _n, t in links(doc)}
    unused = sorted(p.name for p in (DOCS / "screenshots").glob("*.png") if p.resolve() not in shown)
    assert unused == [], "show these screenshots in a docs page, or delete them"


def test_the_checker_reports_a_missing_file_and_a_missing_heading(tmp_path):
    (tmp_path / "other.md").write_text("# Real heading\n\n## Same\n\n## Same\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(
        "See [ok](other.md#real-heading), [dup](other.md#same-1), [self](#top-part).\n"
        "# Top part\n"
        "[gone](missing.md) and [bad anchor](other.md#nothing-here) and ![pic](img/none.png)\n"
        "`[in code](also-missing.md)`\n"
        "```\n[in a fence](fenced-missing.md)\n```\n"
        "[site](https://example.com/x#y)\n",
        encoding="utf-8",
    )
    problems = broken_links(doc, root=tmp_path)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "missing.md (no file missing.md)",
        "other.md#nothing-here (no heading #nothing-here in other.md)",
        "img/none.png (no file img/none.png)",
    ]


def test_github_anchor_matches_githubs_rule():
    assert github_anchor("Portable credentials (Open Badges 3.0)") == "portable-credentials-open-badges-30"
    assert github_anchor("`make run` and `make test`") == "make-run-and-make-test"
    assert github_anchor("Peer benchmarks & metrics") == "peer-benchmarks--metrics"
