"""A store holding the tiny week and one account per role, for the app's tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from store.week import tiny_week
from streamlit.testing.v1 import AppTest

from rota.store import ENV_URL, Store

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = ROOT / "ui" / "pages"
PASSWORD = "long enough"
USERS = {"manager": "mo", "hr": "hana", "staff": "ann", "other_staff": "bea"}


@pytest.fixture(autouse=True)
def _keep_main_module():
    """AppTest replaces ``sys.modules["__main__"]`` with the page it ran and leaves
    it there; a later test that starts processes (spawn re-imports __main__) would
    run that page in them. Put the real one back."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def app_store(tmp_path, monkeypatch) -> Store:
    """A fresh store the app opens: the tiny week saved as team 'north', and the
    accounts mo (manager), hana (hr), ann and bea (staff, workers ann and bea)."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv(ENV_URL, url)
    store = Store(url)
    problem = tiny_week()
    store.save_data(store.week_of(problem, "north"), problem, by="test")
    store.add_account("mo", PASSWORD, role="manager", by="test")
    store.add_account("hana", PASSWORD, role="hr", by="test")
    store.add_account("ann", PASSWORD, role="staff", worker_id="ann", by="test")
    store.add_account("bea", PASSWORD, role="staff", worker_id="bea", by="test")
    return store


def signed_in(username: str, password: str = PASSWORD) -> AppTest:
    """The app after signing in through its form."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click()
    at.run()
    return at


def page(at: AppTest, name: str) -> AppTest:
    """Switch to one of the app's pages and run it."""
    at.switch_page(f"ui/pages/{name}.py")
    at.run()
    return at


def text_of(at: AppTest) -> str:
    """Everything the page wrote, for 'is it there / is it absent' checks."""
    parts = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "text",
        "info",
        "error",
        "success",
        "warning",
        "metric",
    ):
        for element in getattr(at, kind):
            parts.append(str(getattr(element, "value", "")))
            parts.append(str(getattr(element, "label", "")))
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    for box in at.selectbox:
        parts.extend(str(o) for o in box.options)
    return "\n".join(parts)


def frame(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    """The first read-only table on the page with ``column``."""
    editors = {id(e) for e in at.data_editor}
    for element in at.dataframe:
        if id(element) not in editors and column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with a column '{column}'")
