"""The package's folders are its layers: a module imports only from its own layer and the layers above it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"
# Top to bottom; "shared" is the records, errors and version every layer may use.
LAYERS = ("shared", "reading", "matching", "corpus", "commands", "render", "cli")


def _layer(module: str) -> str:
    """The layer of a dotted module name under factcheck ("factcheck.corpus.index" → "corpus")."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "shared"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("factcheck"):
            found.add(node.module if node.module != "factcheck" else f"factcheck.{node.names[0].name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("factcheck"))
    return found


def test_every_module_imports_only_from_its_layer_and_those_above() -> None:
    wrong = []
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 60
    for path in modules:
        if path == PACKAGE / "__main__.py":
            continue  # `python -m factcheck`: the command line itself
        own = _layer("factcheck." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        for module in _imports(path):
            if LAYERS.index(_layer(module)) > LAYERS.index(own):
                wrong.append(f"{path.relative_to(PACKAGE)} ({own}) imports {module}")
    assert not wrong, "\n".join(wrong)


def test_the_layers_are_folders_and_nothing_else_is_flat() -> None:
    flat = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert flat == ["__init__.py", "__main__.py", "errors.py", "model.py", "version.py"]
    for layer in LAYERS[1:]:
        assert (PACKAGE / layer / "__init__.py").is_file(), layer


def test_a_module_of_a_lower_layer_imported_above_is_caught(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text("from factcheck.render.terminal import x\nimport factcheck.cli\n", encoding="utf-8")
    assert _imports(module) == {"factcheck.render.terminal", "factcheck.cli"}
    assert _layer("factcheck.render.terminal") == "render" and _layer("factcheck.model") == "shared"
