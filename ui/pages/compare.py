"""Compare policies (HR, managers): waits for the policy-comparison work; until
then it says so and shows the team's published figures, without names."""

from __future__ import annotations

import streamlit as st

from rota.reports import kpis, kpis_row
from ui import cached
from ui.auth import require
from ui.state import store
from ui.widgets import table

require("hr", "manager")
db = store()
st.title("Compare policies")
st.info(
    "Running the same weeks under several flexibility policies side by side comes "
    "with the policy-comparison work. Until then, here are the figures of each "
    "team's latest published rota."
)
rows = []
for week in db.weeks():
    latest = db.latest(week)
    if latest is None:
        continue
    evaluated = cached.version(db, db.url, week, latest.number)
    figures = kpis_row(
        kpis(evaluated.problem, evaluated.lines, report=evaluated.report)
    )
    rows.append(
        {"team": week.team, "week": str(week.start), "version": latest.number} | figures
    )
table(rows, key="compare_table")
