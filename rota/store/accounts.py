"""Accounts of the app: who may sign in, with which role. Passwords are kept only
as Argon2 hashes (argon2-cffi); a password is never stored or logged."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, delete, insert, select, update

from . import audit
from .connect import StoreError, writing
from .records import ROLES, AccountInfo, Role
from .schema import Account

_HASHER = PasswordHasher()
MIN_PASSWORD = 8
"""Shortest password accepted."""


def _info(row) -> AccountInfo:
    return AccountInfo(row.username, row.role, row.worker_id, row.email, row.created_at)


def add_account(
    engine: Engine,
    username: str,
    password: str,
    *,
    role: Role,
    worker_id: str | None = None,
    email: str | None = None,
    by: str,
) -> AccountInfo:
    """Create an account.

    Raises
    ------
    StoreError
        When the name is taken or empty, the role unknown, a staff account has no
        worker id, or the password is shorter than ``MIN_PASSWORD``.
    """
    name = username.strip()
    if not name:
        raise StoreError("a username cannot be empty")
    if role not in ROLES:
        raise StoreError(f"role '{role}' is not one of {', '.join(ROLES)}")
    if role == "staff" and not worker_id:
        raise StoreError("a staff account needs the worker id it belongs to (--worker)")
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"a password needs at least {MIN_PASSWORD} characters")
    with writing(engine) as conn:
        if _row(conn, name) is not None:
            raise StoreError(f"there is already an account '{name}'")
        if (
            email
            and conn.execute(select(Account.id).where(Account.email == email)).first()
        ):
            raise StoreError(f"another account already has the e-mail {email}")
        at = audit.now()
        conn.execute(
            insert(Account).values(
                username=name,
                role=role,
                worker_id=worker_id if role == "staff" else worker_id or None,
                email=email or None,
                password_hash=_HASHER.hash(password),
                created_at=at,
            )
        )
        audit.append(
            conn,
            actor=by,
            action="account.add",
            subject=name,
            role=role,
            worker_id=worker_id,
        )
        row = _row(conn, name)
    return _info(row)


def _row(conn: Connection, username: str):
    return conn.execute(
        select(Account).where(Account.username == username)
    ).one_or_none()


def accounts(conn: Connection) -> list[AccountInfo]:
    """Every account, by username."""
    rows = conn.execute(select(Account).order_by(Account.username))
    return [_info(r) for r in rows]


def remove_account(engine: Engine, username: str, *, by: str) -> None:
    """Delete an account (the audit log keeps that it existed)."""
    with writing(engine) as conn:
        if _row(conn, username) is None:
            raise StoreError(f"there is no account '{username}'")
        conn.execute(delete(Account).where(Account.username == username))
        audit.append(conn, actor=by, action="account.remove", subject=username)


def verify(engine: Engine, username: str, password: str) -> AccountInfo | None:
    """The account when the password is right; None otherwise (never says which)."""
    with writing(engine) as conn:
        row = _row(conn, username.strip())
        if row is None:
            _HASHER.hash(password)  # the same time whether or not the name exists
            return None
        try:
            _HASHER.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if _HASHER.check_needs_rehash(row.password_hash):
            conn.execute(
                update(Account)
                .where(Account.id == row.id)
                .values(password_hash=_HASHER.hash(password))
            )
        return _info(row)


def account_by_email(conn: Connection, email: str) -> AccountInfo | None:
    """The account an identity provider's e-mail maps to (for OIDC sign-in)."""
    row = conn.execute(
        select(Account).where(Account.email == email.strip())
    ).one_or_none()
    return None if row is None else _info(row)
