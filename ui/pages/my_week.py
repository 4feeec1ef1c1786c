"""My week (staff): my published and proposed week, my requests, my calendar.

Only the signed-in account's own worker id is ever used: nothing a page, a query
parameter or session state holds can show another worker's week.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from rota.negotiation import Answer, NegotiationError, answer_ask, answer_given
from rota.reports import timeline, worker_week
from ui import downloads
from ui.auth import require
from ui.format import clock, day, hours
from ui.state import store
from ui.widgets import pick_rota, table
from ui.widgets import timeline as timeline_chart

account = require("staff")
me = account.worker_id or ""
db = store()
st.title("My week")

mine = [
    w
    for w in db.weeks()
    if (data := db.week_data(w)) is not None and me in data.worker_by_id
]
if not mine:
    st.info("There is no week with you on it yet.")
    st.stop()
week = st.selectbox(
    "Week",
    mine,
    format_func=lambda w: f"week of {day(w.start)} {w.start.year}",
    key="my_week_pick",
)
problem = db.week_data(week)
assert problem is not None
worker = problem.worker_by_id[me]
st.caption(
    f"{worker.name} · contract {worker.contracted_hours:g} h, at most {worker.max_hours:g} h"
)

evaluated = pick_rota(db, week, "my_week_view")

mine_week = worker_week(evaluated.problem, evaluated.lines, me, report=evaluated.report)
cols = st.columns(3)
cols[0].metric(
    "Paid hours",
    f"{mine_week.paid_hours:.1f}",
    f"{mine_week.paid_hours - mine_week.contracted_hours:+.1f} against contract",
    delta_color="off",
    delta_arrow="off",
)
cols[1].metric("Visits", len(mine_week.visits))
cols[2].metric("Travel", hours(mine_week.travel_minutes))
timeline_chart(
    timeline(
        evaluated.problem, evaluated.lines, worker_ids=[me], report=evaluated.report
    ),
    by_day=True,
    key="my_timeline",
)
table(
    [
        {
            "day": day(v.start.date()),
            "from": clock(v.start),
            "to": clock(v.end),
            "person": v.user_name,
            "address": v.address,
            "journey before (min)": v.journey_minutes_before,
            "with": ", ".join(v.co_workers),
        }
        for v in mine_week.visits
    ],
    key="my_visits",
)
ics = downloads.calendar(evaluated.problem, evaluated.lines, me)
if ics is not None:
    st.download_button(
        "Add to my calendar (.ics)",
        ics,
        f"my-week-{week.start}.ics",
        "text/calendar",
        key="my_ics",
    )

st.subheader("Requests for you")
asks = [a for a in db.asks(week) if a.to_id == me]
answers = db.agreements(week)
if not asks:
    st.caption("Nothing is being asked of you.")
for ask in asks:
    given = answer_given(ask, answers)
    with st.container(border=True):
        st.markdown(ask.message)
        if given is not None:
            st.write(f"You answered **{given}**.")
            continue
        yes, no, _ = st.columns([1, 1, 6])
        options: tuple[tuple[DeltaGenerator, Answer], ...] = ((yes, "yes"), (no, "no"))
        for button, choice in options:
            if button.button(choice.capitalize(), key=f"my_ask_{choice}_{ask.ask_id}"):
                try:
                    agreement = answer_ask(
                        ask,
                        choice,
                        agreement_id=f"ag{len(answers) + 1}",
                        at=dt.datetime.now().replace(second=0, microsecond=0),
                    )
                except NegotiationError as exc:
                    st.error(str(exc))
                else:
                    db.record_agreement(
                        week, agreement, by=account.username, ask_id=ask.ask_id
                    )
                    st.rerun()
