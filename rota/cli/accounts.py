"""`rota accounts add|list|remove` and `rota db upgrade|status`: who may sign in
to the app, and the store's schema."""

from __future__ import annotations

import sys

import typer
from rich.markup import escape
from rich.table import Table

from ..store import ROLES, StoreError, head_revision
from ..store.connect import make_engine, resolve_url, shown
from ..store.migrate import current_revision, upgrade
from .app import app, console
from .stored import DB_HELP, actor, fail, store_or_exit, when

accounts_app = typer.Typer(
    help="Accounts of the app: add, list, remove.", no_args_is_help=True
)
db_app = typer.Typer(help="The store's schema: status, upgrade.", no_args_is_help=True)
app.add_typer(accounts_app, name="accounts")
app.add_typer(db_app, name="db")


def _password() -> str:
    """The new password: a prompt (asked twice) or one line of standard input."""
    if sys.stdin.isatty():
        return typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


@accounts_app.command("add")
def add_command(
    username: str = typer.Argument(..., help="the name to sign in with"),
    role: str = typer.Option(..., "--role", help="manager, staff or hr"),
    worker: str | None = typer.Option(
        None, "--worker", help="for staff: their worker_id"
    ),
    email: str | None = typer.Option(
        None, "--email", help="e-mail an identity provider signs them in with"
    ),
    by: str | None = typer.Option(None, "--by", help="who adds the account"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Add an account. The password is read from a prompt or standard input,
    never from the command line, and kept only as an Argon2 hash."""
    if role not in ROLES:
        fail(f"--role: '{role}' is not one of {', '.join(ROLES)}")
    store = store_or_exit(db)
    password = _password()
    try:
        info = store.add_account(
            username,
            password,
            role=role,
            worker_id=worker,
            email=email,
            by=actor(by),
        )
    except StoreError as exc:
        fail(str(exc))
    extra = f" for worker {info.worker_id}" if info.worker_id else ""
    console.print(
        f"added {escape(info.username)} ({info.role}{escape(extra)})", highlight=False
    )


@accounts_app.command("list")
def list_command(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Every account (never a password or its hash)."""
    store = store_or_exit(db)
    table = Table(title=f"accounts in {escape(store.shown_url)}")
    for name in ("username", "role", "worker", "e-mail", "created"):
        table.add_column(name)
    for a in store.accounts():
        table.add_row(
            escape(a.username),
            a.role,
            escape(a.worker_id or ""),
            escape(a.email or ""),
            when(a.created_at),
        )
    console.print(table)


@accounts_app.command("remove")
def remove_command(
    username: str = typer.Argument(..., help="the account to remove"),
    by: str | None = typer.Option(None, "--by", help="who removes it"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Remove an account (the audit log keeps that it existed)."""
    store = store_or_exit(db)
    try:
        store.remove_account(username, by=actor(by))
    except StoreError as exc:
        fail(str(exc))
    console.print(f"removed {escape(username)}", highlight=False)


@db_app.command("status")
def status_command(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """The store's location and schema revision against this rota's."""
    url = resolve_url(db)
    try:
        engine = make_engine(url)
        current = current_revision(engine)
        engine.dispose()
    except StoreError as exc:
        fail(str(exc))
    head = head_revision()
    state = "up to date" if current == head else "needs `rota db upgrade`"
    if current is None:
        state = "empty: created at first use"
    console.print(
        f"{escape(shown(url))}: schema {current or '-'} (this rota: {head}), {state}",
        highlight=False,
        soft_wrap=True,
    )


@db_app.command("upgrade")
def upgrade_command(
    by: str | None = typer.Option(None, "--by", help="who upgrades it"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Migrate the store to this rota's schema (back it up first: docs/store.md)."""
    url = resolve_url(db)
    try:
        engine = make_engine(url)
        before = current_revision(engine)
        upgrade(engine, actor=actor(by))
        after = current_revision(engine)
        engine.dispose()
    except StoreError as exc:
        fail(str(exc))
    except Exception as exc:  # alembic reports unknown revisions this way
        fail(f"cannot upgrade {shown(url)}: {' '.join(str(exc).split())}")
    if before == after:
        console.print(f"{escape(shown(url))} is already at schema {after}")
    else:
        console.print(
            f"upgraded {escape(shown(url))} from schema {before or '-'} to {after}",
            highlight=False,
        )
