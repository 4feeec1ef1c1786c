"""A fresh database for each store test, on SQLite and on PostgreSQL.

PostgreSQL comes from ``ROTA_TEST_POSTGRES_URL`` (scripts/test.sh starts a
throwaway server and sets it). Without it the PostgreSQL half is skipped, except
under CI, where a missing server is a failure: the suite must run on both.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "ROTA_TEST_POSTGRES_URL"


def _postgres_base() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(
                f"{PG_ENV} is not set: CI must run the store tests on PostgreSQL"
            )
        pytest.skip(
            f"no PostgreSQL server ({PG_ENV} unset; scripts/test.sh starts one)"
        )
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The URL of an empty database that exists for this test only."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rota.db'}"
        return
    base = _postgres_base()
    name = f"rota_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
