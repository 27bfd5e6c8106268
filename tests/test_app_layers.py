"""The apps are layered: no app imports one above it, nor one that imports it back, and the
intranet core imports no feature app. Imports inside functions count: they hide a cycle, not
remove it."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Bottom up, as docs/architecture.md lists them.
APPS = (
    "intranet",
    "people",
    "sso",
    "conversation",
    "communities",
    "guides",
    "notifications",
    "insights",
    "search",
    "home",
)


def app_imports() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where, for every import between two apps."""
    edges: dict[tuple[str, str], list[str]] = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    imported = module.partition(".")[0]
                    if imported in APPS and imported != app:
                        where = f"{path.relative_to(ROOT)}:{node.lineno}"
                        edges.setdefault((app, imported), []).append(where)
    return edges


def find_cycle(edges) -> list[str]:
    """Apps that import each other round a loop, first app repeated at the end; [] if none."""
    graph: dict[str, set[str]] = {}
    for importer, imported in edges:
        graph.setdefault(importer, set()).add(imported)
    done: set[str] = set()

    def visit(app, trail):
        if app in trail:
            return [*trail[trail.index(app) :], app]
        if app in done:
            return []
        for imported in sorted(graph.get(app, ())):
            cycle = visit(imported, [*trail, app])
            if cycle:
                return cycle
        done.add(app)
        return []

    for app in sorted(graph):
        cycle = visit(app, [])
        if cycle:
            return cycle
    return []


def test_the_cycle_finder_finds_a_loop_through_three_apps():
    assert find_cycle({("a", "b"): [], ("b", "c"): [], ("a", "c"): []}) == []
    loop = {("a", "b"): [], ("b", "c"): [], ("c", "a"): []}
    assert find_cycle(loop) == ["a", "b", "c", "a"]


def test_the_intranet_core_imports_no_feature_app():
    imports = {edge: where for edge, where in app_imports().items() if edge[0] == "intranet"}
    assert imports == {}


def test_no_app_imports_one_that_imports_it_back():
    edges = app_imports()
    cycle = find_cycle(edges)
    lines = [
        f"{importer} -> {imported}: {', '.join(edges[importer, imported])}"
        for importer, imported in zip(cycle, cycle[1:], strict=False)
    ]
    assert not cycle, "Import cycle between apps:\n" + "\n".join(lines)


def test_no_app_imports_one_above_it():
    # A lower app reaches a higher one through a Wagtail hook or a signal.
    upwards = {
        edge: where
        for edge, where in app_imports().items()
        if APPS.index(edge[1]) > APPS.index(edge[0])
    }
    assert upwards == {}
