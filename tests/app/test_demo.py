"""`rota demo`: a fresh store with the sample week and four accounts whose
passwords are printed once and work."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from rota.cli import (
    app,
    commands,  # noqa: F401  (registers the subcommands)
)
from rota.cli.app import console
from rota.store import Store


def test_demo_fills_a_fresh_store_and_prints_working_passwords(tmp_path, monkeypatch):
    """After `rota demo --no-run`, the store holds the small sample week and a
    manager, an HR and two staff accounts; each printed password signs in. (The
    console is made wide so no table cell is cut short, whatever the terminal.)"""
    monkeypatch.setattr(console, "width", 200)
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    result = CliRunner().invoke(app, ["demo", "--no-run", "--db", url])
    assert result.exit_code == 0, result.output
    store = Store(url)
    [week] = store.weeks()
    problem = store.week_data(week)
    assert problem is not None and len(problem.workers) == 10
    roles = sorted(a.role for a in store.accounts())
    assert roles == ["hr", "manager", "staff", "staff"]
    for account in store.accounts():
        line = next(
            line
            for line in result.output.splitlines()
            if re.search(rf"\b{account.username}\b", line)
        )
        password = line.split()[-2] if line.rstrip().endswith("│") else line.split()[-1]
        assert store.verify(account.username, password) is not None, line
    store.close()
