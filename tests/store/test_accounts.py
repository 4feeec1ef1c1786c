"""Accounts: Argon2 hashes only, the roles' rules, sign-in checks, removal logged."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from rota.store import Store, StoreError


def test_a_password_is_kept_only_as_an_argon2_hash_and_checked(db_url):
    """The database never holds the password itself; the right password signs in,
    a wrong one or an unknown name does not."""
    store = Store(db_url)
    store.add_account("mo", "correct horse", role="manager", by="setup")
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM accounts")).scalar_one()
    assert stored.startswith("$argon2") and "correct horse" not in stored
    assert store.verify("mo", "correct horse").role == "manager"
    assert store.verify("mo", "wrong horse!") is None
    assert store.verify("nobody", "correct horse") is None
    store.close()


def test_roles_worker_ids_and_duplicates(db_url):
    """A staff account names its worker; roles are manager, staff or hr; a name or
    an e-mail is used once; a short password is refused."""
    store = Store(db_url)
    with pytest.raises(StoreError, match="worker id"):
        store.add_account("ann", "long enough", role="staff", by="setup")
    store.add_account(
        "ann", "long enough", role="staff", worker_id="W001", email="a@x.org", by="s"
    )
    with pytest.raises(StoreError, match="already an account"):
        store.add_account("ann", "long enough", role="hr", by="setup")
    with pytest.raises(StoreError, match="e-mail"):
        store.add_account("bo", "long enough", role="hr", email="a@x.org", by="s")
    with pytest.raises(StoreError, match="not one of"):
        store.add_account("cy", "long enough", role="admin", by="setup")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="at least"):
        store.add_account("cy", "short", role="hr", by="setup")
    [ann] = store.accounts()
    assert (ann.username, ann.role, ann.worker_id) == ("ann", "staff", "W001")
    assert store.account_by_email("a@x.org") == ann
    store.close()


def test_removing_an_account_stops_sign_in_and_is_in_the_audit_log(db_url):
    """A removed account can no longer sign in; the log keeps who added and who
    removed it."""
    store = Store(db_url)
    store.add_account("hr1", "long enough", role="hr", by="setup")
    store.remove_account("hr1", by="boss")
    assert store.verify("hr1", "long enough") is None
    assert store.accounts() == []
    with pytest.raises(StoreError, match="no account"):
        store.remove_account("hr1", by="boss")
    log = [(e.action, e.actor, e.subject) for e in store.audit()]
    assert ("account.add", "setup", "hr1") in log
    assert ("account.remove", "boss", "hr1") in log
    store.close()
