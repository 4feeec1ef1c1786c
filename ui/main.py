"""The app's entry: sign-in, then the pages the signed-in role may see."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from .auth import current, sign_in, sign_out_button

PAGES = Path(__file__).parent / "pages"

_ROLE_PAGES = {
    "manager": [
        ("week_data.py", "Week data", ":material/table:"),
        ("build.py", "Build rota", ":material/build:"),
        ("negotiate.py", "Negotiate", ":material/forum:"),
        ("publish.py", "Publish", ":material/publish:"),
        ("person_week.py", "Person's week", ":material/person:"),
        ("compare.py", "Compare policies", ":material/compare:"),
    ],
    "staff": [("my_week.py", "My week", ":material/calendar_month:")],
    "hr": [("compare.py", "Compare policies", ":material/compare:")],
}


def main() -> None:
    """Run one pass of the app."""
    st.set_page_config(page_title="rota", page_icon=":material/event:", layout="wide")
    account = current()
    if account is None:
        sign_in()
        return
    pages = [
        st.Page(PAGES / file, title=title, icon=icon)
        for file, title, icon in _ROLE_PAGES[account.role]
    ]
    chosen = st.navigation(pages)
    sign_out_button()
    chosen.run()
