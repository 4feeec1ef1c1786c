"""`rota demo`: a fresh store with the small sample week and four accounts, then
the app."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import platformdirs
import typer
from rich.markup import escape
from rich.table import Table

from ..io import load_problem
from ..store import ENV_URL, Role, Store, StoreError
from .app import app, console
from .stored import fail

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
SAMPLES = ROOT / "sample_data"


def _demo_url() -> tuple[str, Path]:
    folder = Path(platformdirs.user_data_dir("rota", appauthor=False))
    path = folder / "demo.db"
    return f"sqlite:///{path}", path


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@app.command("demo")
def demo_command(
    size: str = typer.Option("small", "--size", help="sample week: small, medium"),
    port: int = typer.Option(8501, "--port", help="the app's port"),
    run: bool = typer.Option(True, "--run/--no-run", help="start the app afterwards"),
    db: str | None = typer.Option(
        None,
        "--db",
        help="store to fill (default: a fresh demo.db in your data folder)",
    ),
) -> None:
    """Load a sample week into a fresh store, create one manager, one HR and two
    staff accounts (passwords printed once), and start the app on it."""
    if not (SAMPLES / size).is_dir():
        fail(f"no sample week '{size}' in {SAMPLES}")
    if db is None:
        url, path = _demo_url()
        _fresh(path)
    else:
        url = db
    try:
        store = Store(url)
        problem = load_problem(SAMPLES / size)
        week = store.week_of(problem, "Sample team")
        store.save_data(week, problem, by="demo")
        staff = problem.workers[:2]
        people: list[tuple[str, Role, str | None]] = [
            ("manager", "manager", None),
            ("hr", "hr", None),
        ]
        people += [(w.name.split()[0].lower(), "staff", w.worker_id) for w in staff]
        made = []
        for username, role, worker in people:
            password = secrets.token_urlsafe(9)
            store.add_account(
                username,
                password,
                role=role,
                worker_id=worker,
                by="demo",
            )
            made.append((username, role, worker or "", password))
        store.close()
    except StoreError as exc:
        fail(str(exc))
    table = Table(title="demo accounts (passwords shown once)")
    for name in ("username", "role", "worker", "password"):
        table.add_column(name)
    for row in made:
        table.add_row(*(escape(v) for v in row))
    console.print(table)
    console.print(f"store: {escape(url)} ({escape(str(week))})", highlight=False)
    if not run:
        return
    if not APP.is_file():
        fail(f"the app ships with the source checkout; {APP} is missing")
    console.print(f"starting the app on http://localhost:{port} (Ctrl-C stops it)")
    env = os.environ | {ENV_URL: url}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP),
        "--server.port",
        str(port),
    ]
    try:
        raise typer.Exit(subprocess.call(command, env=env, cwd=ROOT))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
