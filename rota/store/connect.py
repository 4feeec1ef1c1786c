"""Where the store lives and how to connect to it.

The embedded default is SQLite in the user's data folder (``platformdirs``), in
WAL mode with foreign keys on; a shared deployment gives a PostgreSQL URL through
``ROTA_DATABASE_URL`` or ``--db``. Every failure to reach a database becomes one
:class:`StoreError` with a plain sentence.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
from sqlalchemy import Connection, CursorResult, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

ENV_URL = "ROTA_DATABASE_URL"
"""The environment variable naming the database."""


class StoreError(Exception):
    """A store operation that cannot go ahead; ``str()`` is one plain line."""


def default_url() -> str:
    """The embedded SQLite database in the user's data folder."""
    folder = Path(platformdirs.user_data_dir("rota", appauthor=False))
    return f"sqlite:///{folder / 'rota.db'}"


def resolve_url(url: str | None = None) -> str:
    """``url``, else ``ROTA_DATABASE_URL``, else the embedded default."""
    return url or os.environ.get(ENV_URL) or default_url()


def shown(url: str) -> str:
    """The URL as messages show it: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _postgres_driver(url: str) -> str:
    """``postgresql://`` means psycopg 3, the driver rota installs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL, foreign keys, a wait for locks, and transactions the store controls.

    pysqlite's own transaction handling is turned off so that SQLAlchemy's BEGIN is
    the only one; a write takes the lock at its start (BEGIN IMMEDIATE), so two
    writers queue instead of one failing half-way.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("rota_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url``, checked by connecting once.

    Raises
    ------
    StoreError
        When the URL is not a database URL, its driver is missing, or the database
        cannot be reached.
    """
    target = _postgres_driver(url)
    try:
        parsed = make_url(target)
    except ArgumentError:
        raise StoreError(
            f"'{url}' is not a database URL (expected e.g. sqlite:///rota.db or "
            "postgresql://user@host/dbname)"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (
        None,
        "",
        ":memory:",
    ):
        folder = Path(parsed.database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for {shown(url)}: {exc.strerror or exc}"
            ) from None
    try:
        engine = create_engine(parsed, connect_args=_connect_args(parsed))
    except (NoSuchModuleError, ImportError, ArgumentError) as exc:
        raise StoreError(f"cannot use {shown(url)}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        _sqlite_pragmas(engine)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(
            f"cannot reach the database {shown(url)}: {_reason(exc)}"
        ) from None
    return engine


def _connect_args(parsed) -> dict:
    if parsed.get_backend_name() == "postgresql":
        return {"connect_timeout": 10}
    return {}


def _reason(exc: SQLAlchemyError) -> str:
    """The driver's own message, on one line."""
    original = getattr(exc, "orig", None) or exc
    text = " ".join(str(original).split())
    return text[:300] or exc.__class__.__name__


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: all of it is kept, or none of it."""
    with engine.connect().execution_options(rota_write=True) as conn, conn.begin():
        yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction: a consistent view of the store."""
    with engine.connect() as conn, conn.begin():
        yield conn


def new_id(result: CursorResult) -> int:
    """The primary key of the row an INSERT wrote."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
