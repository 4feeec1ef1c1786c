"""Build rota (manager): solve with live progress, then the timeline, the figures
and every uncovered session with its why-not."""

from __future__ import annotations

import streamlit as st

from rota.negotiation import explain, unmet_reasons
from rota.reports import kpis, timeline
from ui import cached, jobs
from ui.format import hours, pounds, span
from ui.state import manager_page
from ui.widgets import solve_controls, table
from ui.widgets import timeline as timeline_chart

account, db, week, _ = manager_page("Build rota")

solve_controls(db, week, account, "build")
job = jobs.current(week)
if job is not None and not job.done:
    st.stop()

runs = [r for r in db.runs(week) if r.draft_id is not None]
if not runs:
    st.info("No rota built for this week yet.")
    st.stop()
run = runs[-1]
assert run.draft_id is not None
evaluated = cached.draft(db, db.url, week, run.draft_id, run.policy)
problem, lines, report = evaluated.problem, evaluated.lines, evaluated.report
figures = kpis(problem, lines, report=report)

st.subheader(
    f"Run {run.id}: {run.status.lower()}, {run.wall_seconds:.0f} s, {run.policy}"
)
cards = st.columns(4)
cards[0].metric(
    "Coverage",
    f"{figures.coverage:.0%}",
    f"{figures.covered} of {figures.sessions}",
    delta_color="off",
    delta_arrow="off",
)
cards[1].metric("Essential hours uncovered", f"{figures.essential_uncovered_hours:g}")
cards[2].metric(
    "Hours against contracts",
    f"{figures.paid_hours:.0f} / {figures.contracted_hours:.0f}",
    f"{figures.contract_shortfall_hours:.0f} h short",
    delta_color="off",
    delta_arrow="off",
)
cards[3].metric("Split shifts", figures.split_shifts)
cards = st.columns(4)
cards[0].metric("Travel", hours(figures.travel_minutes))
cards[1].metric("Changes at short notice", figures.short_notice_changes)
cards[2].metric("Wages", pounds(figures.wage_cost))
cards[3].metric("People over budget", figures.people_over_budget)

colour = st.radio(
    "Colour by", ["priority", "person"], horizontal=True, key="build_colour"
)
timeline_chart(
    timeline(problem, lines, report=report), colour_by=colour, key="build_timeline"
)

reasons = unmet_reasons(report.data, report.plan)
st.subheader(f"Uncovered sessions ({len(reasons)})")
if not reasons:
    st.success("Every session is covered.")
    st.stop()
rows = []
for index, reason in sorted(reasons.items()):
    session = problem.sessions[index]
    begin, end = problem.period.interval(session.date, session.start, session.end)
    rows.append(
        {
            "session": session.session_id,
            "person": problem.user_by_id[session.user_id].name,
            "when": span(
                problem.period.to_datetime(begin), problem.period.to_datetime(end)
            ),
            "priority": session.priority,
            "why not": reason,
        }
    )
table(rows, key="uncovered_table")
chosen = st.selectbox(
    "Why not? Every worker's reasons for one session",
    [r["session"] for r in rows],
    key="why_session",
)
found = explain(report.data, report.plan, chosen)
table(
    [
        {
            "worker": w.name,
            "can take it": "yes" if w.can_take else "no",
            "why not": "; ".join(str(r) for r in w.reasons) or (w.note or ""),
        }
        for w in found.workers
    ],
    key="why_table",
)
