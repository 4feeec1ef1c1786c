"""Person's week (manager): one person's sessions, who is coming, continuity and
spend against their budget."""

from __future__ import annotations

import streamlit as st

from rota.reports import person_week
from ui.auth import require
from ui.format import pounds, span
from ui.state import need_week, store
from ui.widgets import pick_rota, table

require("manager")
db = store()
week = need_week()
st.title("Person's week")
st.caption(str(week))
evaluated = pick_rota(db, week, "person_view")
problem = evaluated.problem
who = st.selectbox(
    "Person",
    [u.user_id for u in problem.users],
    format_func=lambda u: problem.user_by_id[u].name,
    key="person_pick",
)
found = person_week(problem, evaluated.lines, who, report=evaluated.report)
cols = st.columns(3)
cols[0].metric(
    "Sessions covered",
    f"{sum(s.covered for s in found.sessions)} of {len(found.sessions)}",
)
limit = (
    f" (wish: at most {found.max_distinct_workers})"
    if found.max_distinct_workers
    else ""
)
cols[1].metric(
    "Different workers",
    found.distinct_workers,
    limit or None,
    delta_color="off",
    delta_arrow="off",
)
budget = pounds(found.weekly_budget) if found.weekly_budget is not None else "no cap"
cols[2].metric(
    "Spend",
    pounds(found.charged),
    f"budget {budget}",
    delta_color="off",
    delta_arrow="off",
)
table(
    [
        {
            "when": span(s.start, s.end),
            "session": s.session_id,
            "priority": s.priority,
            "who is coming": ", ".join(s.workers) or "nobody yet",
        }
        for s in found.sessions
    ],
    key="person_sessions",
)
