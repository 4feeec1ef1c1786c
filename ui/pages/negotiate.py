"""Negotiate (manager): the asks by the person asked, answers recorded in the
store, a rebuild with them, and what changed."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from rota.model import Ask
from rota.negotiation import Answer, NegotiationError, answer_ask, answer_given
from rota.reports import diff_rotas
from ui import jobs
from ui.state import manager_page
from ui.widgets import solve_controls, table

account, db, week, data = manager_page("Negotiate")
problem = data

runs = db.runs(week)
asks = db.asks(week)
answers = db.agreements(week)


def _name(party: str) -> str:
    if party in data.worker_by_id:
        return f"{data.worker_by_id[party].name} (worker)"
    if party in data.user_by_id:
        return f"{data.user_by_id[party].name} (person supported)"
    return party


def _record(ask: Ask, choice: Answer) -> None:
    try:
        agreement = answer_ask(
            ask,
            choice,
            agreement_id=f"ag{len(answers) + 1}",
            at=dt.datetime.now().replace(second=0, microsecond=0),
        )
    except NegotiationError as exc:
        st.error(str(exc))
        return
    db.record_agreement(week, agreement, by=account.username, ask_id=ask.ask_id)
    st.toast(f"Recorded {choice} from {_name(ask.to_id)}.")


if not asks:
    st.info("No requests to make: build a rota first, or every session is covered.")
by_party: dict[str, list] = {}
for ask in asks:
    by_party.setdefault(ask.to_id, []).append(ask)
for party, theirs in by_party.items():
    st.subheader(_name(party))
    for ask in theirs:
        with st.container(border=True):
            st.markdown(ask.message)
            sessions = ", ".join(ask.session_ids)
            st.caption(
                f"{ask.ask_id} · would let the rota cover {sessions} · costs "
                f"{ask.cost:,.1f} points"
                + (f" · only with group {ask.group}" if ask.group else "")
            )
            given = answer_given(ask, answers)
            if given is not None:
                st.write(f"Answered: **{given}**")
            else:
                yes, no, _ = st.columns([1, 1, 6])
                if yes.button("Yes", key=f"ask_yes_{ask.ask_id}"):
                    _record(ask, "yes")
                    st.rerun()
                if no.button("No", key=f"ask_no_{ask.ask_id}"):
                    _record(ask, "no")
                    st.rerun()

st.divider()
st.subheader("Rebuild with the answers")
before = [r for r in runs if r.draft_id is not None]
solve_controls(db, week, account, "negotiate")
job = jobs.current(week)
if job is not None and job.done and job.run is not None and len(before) >= 2:
    old, new = before[-2], before[-1]
    assert old.draft_id is not None and new.draft_id is not None
    changes = diff_rotas(
        db.draft_lines(week, old.draft_id),
        db.draft_lines(week, new.draft_id),
        told_at=dt.datetime.combine(week.start, dt.time()),
        notice_days=0,
        problem=problem,
    )
    st.metric(
        "Coverage",
        f"{new.coverage:.0%}",
        f"{(new.coverage - old.coverage) * 100:+.1f} points",
    )
    table(
        [
            {
                "session": c.session_id,
                "change": "; ".join(c.kinds),
                "what": c.describe(problem),
            }
            for c in changes
        ],
        key="rebuild_changes",
    )
