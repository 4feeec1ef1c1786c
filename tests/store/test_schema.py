"""The schema: made by the migrations, equal to the tables the code queries,
immutable where it promises to be, refused when older or newer than this rota's."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from rota.store import Store, StoreError, head_revision
from rota.store.connect import make_engine
from rota.store.migrate import current_revision, upgrade
from rota.store.schema import IMMUTABLE_TABLES, Base

from .week import TOLD, rota_of, tiny_week


def test_a_new_store_is_made_by_the_migrations_and_matches_the_code(db_url):
    """Opening an empty database migrates it to the head revision, and the
    migrated tables are exactly the ones the code declares (no drift)."""
    store = Store(db_url)
    assert current_revision(store.engine) == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    store.close()


def test_published_versions_and_the_audit_log_cannot_be_changed(db_url):
    """Even SQL typed by hand cannot update or delete a published version, its
    lines, its snapshot or the audit log: the database itself refuses."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "team")
    store.publish(week, problem, rota_of(("S1", "ann")), by="m", expect_version=0)
    statements = [f"DELETE FROM {table}" for table in IMMUTABLE_TABLES]
    statements += [
        "UPDATE versions SET note = 'edited'",
        "UPDATE version_lines SET worker_id = 'bea'",
        "UPDATE audit SET actor = 'someone else'",
    ]
    for statement in statements:
        with (
            pytest.raises(DBAPIError, match="immutable"),
            store.engine.begin() as conn,
        ):
            conn.execute(text(statement))
    assert store.version_lines(week, 1) == rota_of(("S1", "ann"))
    store.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    """The embedded store keeps readers and a writer apart (WAL) and refuses rows
    that point nowhere (foreign keys on)."""
    store = Store(f"sqlite:///{tmp_path / 'rota.db'}")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(DBAPIError, match="FOREIGN KEY"), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO weeks (team_id, start, days, created_at) "
                "VALUES (999, '2026-11-30', 7, '2026-11-23 00:00:00')"
            )
        )
    store.close()


def test_a_store_at_an_older_schema_is_refused_and_left_as_it_is(db_url):
    """A database at revision 0001 is not used (one plain sentence naming both
    revisions and the command to run) and not changed; `upgrade` then brings it
    to the head with what it held kept."""
    engine = make_engine(db_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO teams (name, created_at) VALUES ('kept', "
                "'2026-11-23 00:00:00')"
            )
        )
    with pytest.raises(StoreError) as caught:
        Store(db_url)
    message = str(caught.value)
    assert "0001" in message and head_revision() in message
    assert "rota db upgrade" in message and "\n" not in message
    assert current_revision(engine) == "0001"
    upgrade(engine)
    store = Store(db_url)
    assert store.teams() == ["kept"]
    store.close()
    engine.dispose()


def test_a_store_written_by_a_newer_rota_is_refused(db_url):
    """A revision this rota does not know means a newer rota wrote the store."""
    store = Store(db_url)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(StoreError, match="newer rota"):
        Store(db_url)


def test_a_database_that_cannot_be_reached_is_one_plain_error():
    """A server that is not there, or a URL that is not one, is a StoreError with
    one line and never the password."""
    with pytest.raises(StoreError) as caught:
        Store("postgresql://rota:s3cret@127.0.0.1:1/rota")
    assert "cannot reach" in str(caught.value)
    assert "s3cret" not in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(StoreError, match="not a database URL"):
        Store("not a url")


def test_the_snapshot_gives_back_the_problem_a_version_was_published_with(db_url):
    """A version keeps the data it was built from: reading it back gives the same
    problem, whatever the folder holds later."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "team")
    store.publish(
        week, problem, rota_of(("S1", "ann")), by="m", expect_version=0, at=TOLD
    )
    assert store.version_problem(week, 1) == problem
    store.close()
