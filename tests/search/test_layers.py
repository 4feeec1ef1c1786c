"""The floors hold: the model imports nothing of rota, the solver plumbing imports
neither the rules nor the search, and nothing under rota/ imports streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROTA = Path(__file__).resolve().parents[2] / "rota"


def _imports(folder: Path) -> set[tuple[str, str]]:
    """(file, absolute module) for every import under ``folder``."""
    found = set()
    for path in folder.rglob("*.py"):
        package = ".".join(path.relative_to(ROTA.parent).with_suffix("").parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {(path.name, alias.name) for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                found.add((path.name, module))
    return found


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("model", ("rota.",)),
        ("solver", ("rota.rules", "rota.search", "rota.engine", "rota.negotiation")),
        ("rules", ("rota.search", "rota.engine", "rota.negotiation")),
        (".", ("streamlit",)),
    ],
)
def test_layers(folder: str, forbidden: tuple[str, ...]) -> None:
    wrong = sorted(
        (name, module)
        for name, module in _imports(ROTA / folder)
        if any(module == f.rstrip(".") or module.startswith(f) for f in forbidden)
        and not (folder == "model" and module.startswith("rota.model"))
    )
    assert not wrong
