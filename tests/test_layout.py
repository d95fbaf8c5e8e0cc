"""The house's layout, as docs/layout.md describes it: rooms on floors, no import back up.

Floors, bottom to top: the base (errors, defaults, version, ids, results); records (schema/ and the files
that hold schema records: jsonl, validation, workspace); labels/ (the pure core); text/; model/
(learned from the team's labels, on top of the rules in text/); studio/; dataset/; the face (corpus/__init__.py and cli.py). A module may import its own floor and those
below, never above: that is what keeps labels/ pure and lets a reader go bottom-up.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "corpus"
FLOORS = {"base": 0, "records": 1, "labels": 2, "text": 3, "model": 4, "studio": 5, "dataset": 6, "face": 7}
ROOMS = {
    "errors": "base",
    "defaults": "base",
    "version": "base",
    "ids": "base",
    "results": "base",
    "schema": "records",
    "jsonl": "records",
    "validation": "records",
    "workspace": "records",
    "labels": "labels",
    "text": "text",
    "model": "model",
    "studio": "studio",
    "dataset": "dataset",
    "cli": "face",
    "__init__": "face",
}
MAX_LINES = 900


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def _room(module: str) -> str:
    parts = module.split(".")
    return ROOMS[parts[1]] if len(parts) > 1 else "face"


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module, imported names, line) for every import of corpus in the file, wherever it sits."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "corpus":
            names = [alias.name for alias in node.names]
            if node.module == "corpus":  # `from corpus import defaults` names a module, not the face
                for name in names:
                    is_module = (PACKAGE / f"{name}.py").exists() or (PACKAGE / name).is_dir()
                    found.append(
                        (f"corpus.{name}" if is_module else "corpus", [] if is_module else [name], node.lineno)
                    )
            else:
                found.append((node.module, names, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names if alias.name.split(".")[0] == "corpus"]
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_import_runs_back_up_a_floor():
    back = []
    for path in _modules():
        source = _room(_module_name(path))
        for module, _, line in _imports(path):
            target = _room(module)
            if FLOORS[target] > FLOORS[source]:
                back.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {source} imports {module} ({target})")
    assert back == []


def test_labels_is_pure_no_module_there_imports_studio_or_dataset():
    for path in (PACKAGE / "labels").rglob("*.py"):
        imported = [module for module, _, _ in _imports(path)]
        assert not [m for m in imported if m.startswith(("corpus.studio", "corpus.dataset", "corpus.text"))], path


def test_no_module_inside_the_package_imports_from_the_package_face():
    for path in _modules():
        if path.parent == PACKAGE or _room(_module_name(path)) == "face":
            continue  # the face itself (and the command line, which calls the library through it)
        assert [m for m, _, _ in _imports(path) if m == "corpus"] == [], path


def test_no_private_name_is_imported_from_another_module():
    private = []
    for path in _modules():
        for module, names, line in _imports(path):
            private += [f"{path.name}:{line} {module}.{n}" for n in names if n.startswith("_") and n != "__version__"]
    assert private == []


def test_no_module_is_over_the_size_a_reader_can_hold():
    sizes = {str(p.relative_to(PACKAGE.parent)): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}


def test_every_room_of_the_package_is_on_a_floor():
    # A new top-level module or folder must be given a floor here (and in docs/layout.md).
    rooms = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if p.suffix == ".py" or (p / "__init__.py").exists()
    }
    assert rooms <= set(ROOMS), rooms - set(ROOMS)


def test_no_script_imports_the_tests():
    # scripts/ are tools for people; what they share with the tests lives in the package or in data files.
    scripts = PACKAGE.parent / "scripts"
    found = []
    for path in sorted(scripts.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            modules += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.name}:{node.lineno} {m}" for m in modules if m.split(".")[0] == "tests"]
    assert found == []
