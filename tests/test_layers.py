"""The layer rules (the README's map of the code), checked two ways: imports in the
source, and modules actually loaded when a pure layer is imported in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "runstrong_gui"
FORBIDDEN = {
    "domain": ("PySide6", "sqlalchemy", "alembic"),
    "export": ("PySide6", "sqlalchemy", "alembic"),
    "storage": ("PySide6",),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_source_imports(layer: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        bad = _imports(path) & set(FORBIDDEN[layer])
        if bad:
            offenders.append(f"{path.relative_to(PACKAGE)} imports {sorted(bad)}")
    assert not offenders, offenders


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_runtime_imports(layer: str) -> None:
    modules = [
        "runstrong_gui."
        + str(p.relative_to(PACKAGE).with_suffix("")).replace("/", ".").removesuffix(".__init__")
        for p in sorted((PACKAGE / layer).rglob("*.py"))
        if "migrations" not in p.parts
    ]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = sorted({{m.split('.')[0] for m in sys.modules}} & {set(FORBIDDEN[layer])!r})\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{layer} loads {out.stdout.strip()}"


def test_the_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert _imports(bad) == {"PySide6", "sqlalchemy"}


def test_every_feature_package_is_in_the_feature_contracts() -> None:
    """A feature left out of import-linter's lists could import another unchecked."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    features = {
        f"runstrong_gui.ui.{p.name}"
        for p in (PACKAGE / "ui").iterdir()
        if p.is_dir() and (p / "__init__.py").is_file() and p.name != "shell"
    }
    independent = next(c for c in contracts if c["type"] == "independence")
    shell = next(c for c in contracts if c.get("source_modules") == ["runstrong_gui.ui.shell"])
    assert features - set(independent["modules"]) == set()
    assert features - set(shell["forbidden_modules"]) == set()
