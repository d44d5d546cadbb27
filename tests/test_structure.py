"""The house's measures, read from the code's own imports and definitions (``docs/ARCHITECTURE.md``): no
import circles, no import from a lower layer to a higher one, no module over 400 lines, no function over 80
lines, no import of another module's ``_private`` names, and the root holds only what it should.

Imports inside functions count (a lazy import is an import); imports under ``if TYPE_CHECKING:`` do not (they
exist for the type checker only)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"
#: Each top-level part's layer: a module may import its own layer and those below, never one above.
LAYERS = {
    "_version": 0,
    "errors": 0,
    "paths": 0,
    "schema": 1,
    "text": 1,
    "analysis": 2,
    "ingest": 2,
    "actors": 3,
    "dates": 3,
    "topics": 3,
    "pipeline": 4,
    "dataset": 5,
    "corpus": 6,
    "scale": 6,
    "__init__": 7,  # the package's face: wb.load, wb.open, Corpus
    "evaluate": 7,
    "plot": 8,
    "widgets": 9,
    "share": 10,
    "cli": 11,
    "__main__": 12,
}
ROOT_MODULES = {"__init__", "__main__", "_version", "cli", "errors", "paths", "schema"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _part(module: str) -> str:
    """The top-level part of a module: ``workbench.actors.tables`` → ``actors``; ``workbench`` → ``__init__``."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path, modules: set[str]) -> list[tuple[int, str, list[str]]]:
    """``(line, module imported, names taken)`` for every import of a module of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_lines(tree)
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if node.lineno in typing_only if hasattr(node, "lineno") else False:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names if a.name.split(".")[0] == "workbench"]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            if not base.startswith("workbench"):
                continue
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((node.lineno, sub if sub in modules else base, [] if sub in modules else [alias.name]))
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, list[tuple[int, str, list[str]]]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(p, modules) for p in paths}


def test_no_import_circles(graph) -> None:
    edges = {m: {t for _, t, _ in imports if t in graph and t != m} for m, imports in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    # a package's __init__ re-exporting its modules is not a circle with them
    real = [c for c in circles if not all(m == c[0] or m.startswith(c[0] + ".") for m in c)]
    assert not real, "\n".join(" ↔ ".join(c) for c in real)


def test_no_import_runs_up_a_layer(graph) -> None:
    upward = [
        f"{m}:{line} imports {target}"
        for m, imports in graph.items()
        for line, target, _ in imports
        if LAYERS[_part(m)] < LAYERS[_part(target)]
    ]
    assert not upward, "\n".join(upward)


def test_no_private_names_are_taken_from_another_module(graph) -> None:
    taken = [
        f"{m}:{line} takes {target}.{name}"
        for m, imports in graph.items()
        for line, target, names in imports
        for name in names
        if name.startswith("_") and not name.startswith("__") and target != m
    ]
    assert not taken, "\n".join(taken)


def test_modules_and_functions_are_short() -> None:
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(PACKAGE.parent)
        if len(text.splitlines()) > MAX_MODULE_LINES:
            long.append(f"{rel}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long.append(f"{rel}:{node.lineno} {node.name}: {size} lines")
    assert not long, "\n".join(long)


def test_the_root_holds_only_the_package_face() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert modules == ROOT_MODULES, modules ^ ROOT_MODULES
    parts = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert parts <= set(LAYERS), parts - set(LAYERS)
