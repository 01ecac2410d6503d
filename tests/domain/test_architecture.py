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
            # `from app.services.training import attempts` imports the module app.services.training.attempts
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _module(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the app modules it imports (a name imported from a module counts as the module)."""
    modules = {_module(path): path for path in APP.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def _files(*folders: str):
    for path in APP.joinpath(*folders).rglob("*.py"):
        yield path.relative_to(APP), _imports(path)


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


def test_services_import_no_entry_point():
    entry_points = ("app.api", "app.jobs", "app.cli", "app.ui", "app.app", "app.demo")
    for rel, names in _files("services"):
        assert not any(n.startswith(entry_points) for n in names), f"{rel} imports an entry point"


def test_training_and_benchmark_services_do_not_import_each_other():
    for one, other in (("training", "benchmarks"), ("benchmarks", "training")):
        for rel, names in _files("services", one):
            assert not any(n.startswith(f"app.services.{other}") for n in names), f"{rel} imports {other} services"


def test_no_shared_component_imports_a_page():
    for rel, names in _files("ui", "components"):
        assert not any(n.startswith("app.ui.pages") for n in names), f"{rel} imports a page"


def test_the_app_has_no_import_cycles():
    assert import_cycles(_import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert import_cycles(graph) == [["a", "b", "c"]]
