"""The package's layout: wings that follow the data, imported one way.

Walks every module's imports (module level and inside functions, relative and
absolute) and checks the rules of the house: no loop between wings, the
grammars import no other wing, no wing reaches up to ``audit`` or ``cli``, and
only a handful of modules stay at the top.
"""

import ast
from pathlib import Path

import pytest

import claimkit

PACKAGE = Path(claimkit.__file__).parent
# plot: the notebooks' charts, called as claimkit.plot.estimates(result); a thin surface over report/ (the
# charts there draw the same figure), kept at the top so that users need not know the wings.
TOP_MODULES = {"__init__", "audit", "cli", "errors", "progress", "_data", "plot"}
WINGS = ("read", "grammar", "nlp", "extract", "compare", "verify", "store", "report")  # in flow order


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([root.name, *parts])


def _imports(root: Path) -> dict[str, set[str]]:
    """Every module of the package under ``root`` -> the package modules it imports (absolute names)."""
    graph: dict[str, set[str]] = {}
    known = {_module_name(root, path) for path in root.rglob("*.py")}
    for path in sorted(root.rglob("*.py")):
        name = _module_name(root, path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if target.split(".")[0] != root.name:
                    continue
                submodules = {f"{target}.{alias.name}" for alias in node.names}  # "from . import dates"
                found.update(submodules if submodules & known else {target})
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.split(".")[0] == root.name)
        graph[name] = found
    return {m: {t for t in targets if t in known and t != m} for m, targets in graph.items()}


def _wing(module: str) -> str:
    """The wing a module belongs to, or "top:<name>" for the modules at the top."""
    parts = module.split(".")
    if len(parts) == 1:
        return "top:__init__"
    return parts[1] if parts[1] in WINGS else f"top:{parts[1]}"


def _wing_graph(graph: dict[str, set[str]], wing=_wing) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module, targets in graph.items():
        a = wing(module)
        edges.setdefault(a, set()).update(wing(t) for t in targets if wing(t) != a)
    return edges


def _loop(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle in a directed graph, as the list of its nodes, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.fixture(scope="module")
def graph():
    return _imports(PACKAGE)


def test_layout_wings_import_each_other_without_a_loop(graph):
    edges = {w: targets for w, targets in _wing_graph(graph).items() if not w.startswith("top:__init__")}
    edges = {w: {t for t in targets if t != "top:__init__"} for w, targets in edges.items()}
    assert _loop(edges) is None


def test_layout_modules_import_each_other_without_a_loop(graph):
    assert _loop(graph) is None


def test_layout_grammar_imports_no_other_wing(graph):
    outside = {t for m, targets in graph.items() if _wing(m) == "grammar" for t in targets if _wing(t) != "grammar"}
    assert outside <= {"claimkit._data", "claimkit.errors"}, outside


def test_layout_no_wing_imports_audit_or_cli(graph):
    offenders = {(m, t) for m, targets in graph.items() if _wing(m) in WINGS
                 for t in targets if t in ("claimkit.audit", "claimkit.cli")}
    assert not offenders


def test_layout_only_a_handful_of_modules_stay_at_the_top():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top <= TOP_MODULES, top - TOP_MODULES
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(WINGS)


def test_layout_every_wing_says_what_enters_and_what_leaves():
    for wing in WINGS:
        doc = ast.get_docstring(ast.parse((PACKAGE / wing / "__init__.py").read_text(encoding="utf-8")))
        assert doc and " in" in doc and " out" in doc, wing


def test_layout_checker_finds_a_planted_loop_and_an_upward_import(tmp_path):
    pkg = tmp_path / "pkg"
    for folder, body in {"a": "from ..b import thing\n", "b": "from ..a import other\nfrom .. import cli\n"}.items():
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text(body)
    (pkg / "__init__.py").write_text("")
    (pkg / "cli.py").write_text("")
    graph = _imports(pkg)
    assert graph["pkg.b"] >= {"pkg.a", "pkg.cli"}
    wings = _wing_graph(graph, wing=lambda m: m.split(".")[1] if "." in m else "top")
    assert _loop(wings) is not None
    assert _loop({"x": {"y"}, "y": set()}) is None
