"""What every test shares: the CLI's consoles at a fixed width.

rich sizes its consoles from the terminal pytest was started in (or ``COLUMNS``),
then wraps messages and truncates table cells to fit. Pinning rota's two consoles
to 80 columns makes a test's output the same in any terminal; messages that name
a path still wrap where the path ends, so tests compare them through
:mod:`printed`. (This file also puts ``tests/`` on ``sys.path``, so every test
folder can import the shared helpers.)
"""

from __future__ import annotations

import pytest

from rota.cli.app import console, err_console

WIDTH = 80
"""Columns of the CLI's consoles in tests: rich's own default off a terminal."""


@pytest.fixture(autouse=True)
def _cli_consoles_at_a_fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the CLI print at :data:`WIDTH` columns; a test may widen
    them with ``monkeypatch.setattr(console, "width", N)``."""
    for each in (console, err_console):
        monkeypatch.setattr(each, "width", WIDTH)
