"""The layering of the apps holds (docs/architecture.md): the import-linter contract in
pyproject.toml (also `make lint`), and no module reaches into another app's private
names. Run by the suite so CI enforces it, not only `make lint`."""

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "plenaria"


def test_apps_import_only_the_layers_below_them():
    # The linter prints which import breaks which layer; pytest shows it on failure.
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def private_imports(module: str, source: str) -> list[str]:
    """`from plenaria.<other app>… import _name` (or `… import` from a private module) in
    the source of ``module``."""
    own = module.split(".")[1]
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        target = node.module.split(".")
        if target[0] != "plenaria" or len(target) < 2 or target[1] == own:
            continue
        private_module = any(part.startswith("_") for part in target[2:])
        found += [
            f"{module}:{node.lineno} {node.module}.{alias.name}"
            for alias in node.names
            if private_module or alias.name.startswith("_")
        ]
    return found


def test_no_module_imports_another_apps_private_names():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        if module.count(".") >= 2:  # inside an app (settings, urls and conftest are none)
            found += private_imports(module, path.read_text(encoding="utf-8"))
    assert found == []


def test_the_private_name_check_finds_one():
    # On a clean tree the check above finds nothing: show that it can find something.
    source = "from plenaria.proposals.services import _revise, in_groups_hands\n"
    assert private_imports("plenaria.voting.views", source) == [
        "plenaria.voting.views:1 plenaria.proposals.services._revise"
    ]
    assert private_imports("plenaria.proposals.views", source) == []
