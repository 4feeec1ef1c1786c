"""The schema's migrations: creating a new store, upgrading an old one, refusing
to work on a schema this version of rota does not know."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from . import audit
from .connect import StoreError, writing

_MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of rota knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision; None for a database rota has never used."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", *, actor: str = "rota") -> None:
    """Migrate the database to ``revision`` in one transaction, and log it."""
    config = _config()
    with writing(engine) as conn:
        before = MigrationContext.configure(conn).get_current_revision()
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
        after = MigrationContext.configure(conn).get_current_revision()
        if after != before:
            audit.append(
                conn,
                actor=actor,
                action="schema.upgrade",
                subject=after or "",
                before=before,
                after=after,
            )


def _known(revision: str) -> bool:
    script = ScriptDirectory.from_config(_config())
    return any(r.revision == revision for r in script.walk_revisions())


def ensure_current(engine: Engine, shown_url: str, *, create: bool = True) -> None:
    """Make sure the database is at the newest schema before anything is done.

    A database with no tables at all is created (when ``create``); one at an older
    revision, or one written by a newer rota, is refused and left exactly as it is.

    Raises
    ------
    StoreError
        When the schema is older or newer than this rota's, or the database holds
        tables that are not rota's.
    """
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        tables = inspect(engine).get_table_names()
        if tables:
            raise StoreError(
                f"{shown_url} holds tables that are not a rota store "
                f"({', '.join(sorted(tables)[:3])} ...): give an empty database"
            )
        if not create:
            raise StoreError(
                f"{shown_url} is not a rota store yet: run `rota db upgrade`"
            )
        upgrade(engine)
        return
    if _known(current):
        raise StoreError(
            f"the store {shown_url} is at schema {current}, this rota needs {head}: "
            "back it up, then run `rota db upgrade`"
        )
    raise StoreError(
        f"the store {shown_url} is at schema {current}, which this rota does not "
        f"know (it knows up to {head}): it was written by a newer rota"
    )
