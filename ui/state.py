"""What the app keeps between reruns: the store, the chosen week, the signed-in
account. The store is opened once per process (st.cache_resource)."""

from __future__ import annotations

import streamlit as st

from rota.model import Problem
from rota.store import AccountInfo, Store, StoreError, WeekRef, resolve_url


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Store:
    return Store(url)


def store() -> Store:
    """The store named by ROTA_DATABASE_URL (or the embedded default).

    A store that cannot be used stops the page with one plain error.
    """
    try:
        return _open(resolve_url())
    except StoreError as exc:
        st.error(f"The store cannot be used: {exc}")
        st.stop()
        raise  # unreachable: st.stop() ends the run


def week_label(week: WeekRef) -> str:
    """How a week is named in pickers."""
    return str(week)


def chosen_week() -> WeekRef | None:
    """The week the manager is working on: the one picked, else the newest."""
    picked = st.session_state.get("week")
    if isinstance(picked, WeekRef):
        return picked
    weeks = store().weeks()
    return weeks[0] if weeks else None


def choose_week(week: WeekRef) -> None:
    """Make ``week`` the one every manager page works on (edits of another week's
    tables are dropped: they were for that week)."""
    if st.session_state.get("week") != week:
        for key in [k for k in st.session_state if str(k).startswith("edit_")]:
            del st.session_state[key]
    st.session_state["week"] = week


def need_week() -> WeekRef:
    """The chosen week, or a pointer to Week data and a stop."""
    week = chosen_week()
    if week is None:
        st.info("No week yet: load one on the **Week data** page.")
        st.stop()
    assert week is not None
    return week


def flash(message: str) -> None:
    """A success message shown once, after the rerun that follows an action."""
    st.session_state["flash"] = message


def show_flash() -> None:
    """Show (and forget) the message an action left for this run."""
    message = st.session_state.pop("flash", None)
    if message:
        st.success(message)


def manager_page(title: str) -> tuple[AccountInfo, Store, WeekRef, Problem]:
    """The start of a manager's page about the chosen week: the role checked, the
    title and the week shown, and the week's data (or a pointer to Week data)."""
    from .auth import require

    account = require("manager")
    db = store()
    week = need_week()
    st.title(title)
    st.caption(str(week))
    problem = db.week_data(week)
    if problem is None:
        st.info("This week has no data yet: load it on the **Week data** page.")
        st.stop()
    assert problem is not None
    return account, db, week, problem
