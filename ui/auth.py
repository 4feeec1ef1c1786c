"""Signing in and out, and who may see what.

Accounts live in the store (Argon2 hashes only). Where an identity provider is
configured in ``.streamlit/secrets.toml`` (``[auth]``), Streamlit's OIDC login is
offered too and mapped to an account by e-mail. Every page calls :func:`require`
itself, so a page is never shown to a role it is not for, however it is reached.
"""

from __future__ import annotations

import streamlit as st

from rota.store import AccountInfo, Role

from .state import store

ACCOUNT = "account"


def current() -> AccountInfo | None:
    """The signed-in account, if any."""
    account = st.session_state.get(ACCOUNT)
    return account if isinstance(account, AccountInfo) else None


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def _oidc_account() -> AccountInfo | None:
    """The account of a user the identity provider signed in."""
    if not _oidc_configured() or not getattr(st.user, "is_logged_in", False):
        return None
    email = str(st.user.get("email") or "")
    return store().account_by_email(email) if email else None


def sign_in() -> None:
    """The sign-in form; on success the app reruns with the account."""
    st.title("rota")
    st.caption("Fair rotas for personalised care. Sign in to continue.")
    with st.form("sign_in_form"):
        username = st.text_input("Username", key="sign_in_username")
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", key="sign_in_submit")
    if submitted:
        account = store().verify(username, password)
        if account is None:
            st.error("That username and password do not match an account.")
        else:
            st.session_state[ACCOUNT] = account
            st.rerun()
    if _oidc_configured():
        oidc = _oidc_account()
        if oidc is not None:
            st.session_state[ACCOUNT] = oidc
            st.rerun()
        if getattr(st.user, "is_logged_in", False):
            st.error(
                "Your organisation signed you in, but no account has your e-mail: "
                "ask a manager to add one (`rota accounts add --email`)."
            )
        st.button("Sign in with your organisation", key="oidc_login", on_click=st.login)


def sign_out_button() -> None:
    """A sign-out button in the sidebar (on every page)."""
    account = current()
    if account is None:
        return
    with st.sidebar:
        who = f"{account.username} ({account.role})"
        st.caption(f"Signed in as {who}")
        if st.button("Sign out", key="sign_out"):
            for key in list(st.session_state):
                del st.session_state[key]
            if _oidc_configured() and getattr(st.user, "is_logged_in", False):
                st.logout()
            st.rerun()


def require(*roles: Role) -> AccountInfo:
    """The signed-in account when its role may see this page; otherwise stop."""
    account = current()
    if account is None or account.role not in roles:
        st.error("This page is not available to you.")
        st.stop()
    assert account is not None
    return account
