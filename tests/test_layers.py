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


def _imports(path: Path, package: str = "") -> set[str]:
    """The factcheck modules a file imports: absolute or relative (``package``: the file's own package, dotted),
    each name of ``from factcheck import a, b`` (a module or a name of the package), and importlib's by name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: from the file's package, one level up for each dot after the first
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            if module == "factcheck":
                found.update(f"factcheck.{alias.name}" for alias in node.names)
            elif module.startswith("factcheck."):
                found.add(module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("factcheck"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("factcheck")
        ):
            found.add(str(node.args[0].value))
    return found


def test_every_module_imports_only_from_its_layer_and_those_above() -> None:
    wrong = []
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 60
    for path in modules:
        if path == PACKAGE / "__main__.py":
            continue  # `python -m factcheck`: the command line itself
        dotted = "factcheck." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        own = _layer(dotted)
        package = dotted if path.name == "__init__.py" else dotted.rsplit(".", 1)[0]
        for module in _imports(path, package.removesuffix(".__init__")):
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
    module.write_text(
        "from factcheck.render.terminal import x\nimport factcheck.cli\nfrom factcheck import model, cli\n"
        "from ..render import html\nfrom . import scoring\nimportlib.import_module('factcheck.commands.grep')\n",
        encoding="utf-8",
    )
    assert _imports(module, "factcheck.matching") == {
        "factcheck.render.terminal",
        "factcheck.cli",
        "factcheck.model",
        "factcheck.render",
        "factcheck.matching",
        "factcheck.commands.grep",
    }
    assert _layer("factcheck.render.terminal") == "render" and _layer("factcheck.model") == "shared"
