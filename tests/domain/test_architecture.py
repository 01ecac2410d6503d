"""The import rules of the architecture, checked by reading the source."""

import ast
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_domain_imports_only_the_standard_library_numpy_and_itself():
    allowed_third_party = {"numpy"}
    for path in (APP / "domain").rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            ok = top in sys.stdlib_module_names or top in allowed_third_party or name.startswith("app.domain")
            assert ok, f"{path.relative_to(APP)} imports {name}"


def test_only_the_ui_and_the_composition_root_import_reflex():
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP)
        if rel.parts[0] == "ui" or rel.name == "app.py":
            continue
        assert not any(n.split(".")[0] == "reflex" for n in _imports(path)), f"{rel} imports reflex"


def test_nothing_but_the_composition_root_imports_the_ui():
    for path in APP.rglob("*.py"):
        rel = path.relative_to(APP)
        if rel.parts[0] == "ui" or rel.name == "app.py":
            continue
        assert not any(n.startswith("app.ui") for n in _imports(path)), f"{rel} imports app.ui"
