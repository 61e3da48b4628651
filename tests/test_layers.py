"""The package's layers point one way: identifiers → content → rules → publish → tools → the command line.

Read from the source with ``ast``, every import of every module, at any depth of the code: a function-local
import may not hide a dependency the layers forbid, nor a cycle between modules."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "gongbao"
LAYERS = ["identifiers", "content", "rules", "publish", "tools", "cli"]  # each may import those before it
TOP = {"cli": "cli", "commands": "cli", "serve": "cli", "watch": "cli", "__main__": "cli", "__init__": "identifiers"}


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    part = module.split(".")[1] if "." in module else "__init__"
    return TOP.get(part, part)


@functools.cache  # each module parsed once, not once for each of the three tests that read it
def _imports(path: Path) -> tuple[tuple[int, str, bool], ...]:
    """(line, imported module, at module level) for every import of gongbao's own modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    here = _module(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
            if base.split(".")[0] != "gongbao":
                continue
            # from gongbao.content import urls: the module urls, not the package content
            names = [f"{base}.{a.name}" for a in node.names if (PACKAGE.parent / f"{base}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
                     or (PACKAGE.parent / f"{base}.{a.name}".replace(".", "/")).is_dir()]
            found += [(node.lineno, name, id(node) in top) for name in (names or [base])]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name, id(node) in top) for a in node.names if a.name.split(".")[0] == "gongbao"]
    for node in tree.body:  # a module-level table of modules imported by name (gongbao.cli's COMMANDS): its imports
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
            found += [(value.lineno, value.value, True) for value in node.value.values
                      if isinstance(value, ast.Constant) and str(value.value).startswith("gongbao.")]
    return tuple(found)


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_module_imports_only_from_its_own_layer_or_lower_ones(path):
    mine = LAYERS.index(_layer(_module(path)))
    upward = [f"{line}: {name} ({_layer(name)})" for line, name, _ in _imports(path)
              if _layer(name) in LAYERS and LAYERS.index(_layer(name)) > mine]
    assert upward == [], f"{_module(path)} is in layer {LAYERS[mine]}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_function_local_import_hides_a_dependency(path):
    assert [f"{line}: {name}" for line, name, top in _imports(path) if not top] == []


def test_the_modules_import_no_cycle():
    graph = {_module(p): {name for _, name, _ in _imports(p)} for p in MODULES}
    state: dict[str, int] = {}

    def visit(node, trail):
        if state.get(node) == 1:
            raise AssertionError("import cycle: " + " → ".join(trail[trail.index(node):] + [node]))
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt in graph and nxt != node:
                visit(nxt, trail + [node])
        state[node] = 2

    for module in sorted(graph):
        visit(module, [])


def test_the_layers_are_the_folders():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == set(LAYERS) - {"cli"} | {"commands"}  # the command line: its loose modules and its commands
    loose = {p.stem for p in PACKAGE.glob("*.py")}
    assert loose == set(TOP) - {"commands"}


def test_the_commands_imported_by_name_are_seen_as_imports():
    """gongbao.cli imports each command's module when it runs (its COMMANDS table): the table is checked as imports."""
    seen = {name for _, name, top in _imports(PACKAGE / "cli.py") if top}
    commands = {_module(p) for p in (PACKAGE / "commands").glob("*.py") if p.name != "__init__.py" and p.stem != "current"}
    assert commands and commands <= seen
