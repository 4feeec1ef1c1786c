"""The committed sample_data folders: regenerable from their seeds, and clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from rota.generate import generate_week
from rota.io import load, write_folder

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"
SEEDS = {"small": 1, "medium": 2, "large": 3}


@pytest.mark.parametrize("size", sorted(SEEDS))
def test_sample_folder_is_the_generators_output(size: str, tmp_path: Path) -> None:
    """Each sample folder is exactly `rota generate --size SIZE --seed N` (no hand
    edits, no published rota or agreements that would change a solve)."""
    folder = SAMPLES / size
    write_folder(generate_week(size, seed=SEEDS[size]), tmp_path)
    committed = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    fresh = {p.name: p.read_bytes() for p in sorted(tmp_path.iterdir())}
    assert committed == fresh


@pytest.mark.parametrize("size", sorted(SEEDS))
def test_sample_folder_loads_without_errors(size: str) -> None:
    """The loader reads each sample folder with no errors; the only warnings are
    the budgets deliberately set slightly short."""
    result = load(SAMPLES / size)
    assert result.errors == []
    assert result.warnings
    assert all(w.column == "weekly_budget" for w in result.warnings)
