"""Pieces several pages share: the solve controls, the timeline, tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import plotly.express as px
import streamlit as st

from rota.policy.presets import preset_names
from rota.reports import Bar
from rota.store import AccountInfo, Store, WeekRef

from . import cached, jobs
from .format import KIND_COLOURS, PALETTE, PRIORITY_COLOURS, clock, day


def solve_controls(store: Store, week: WeekRef, account: AccountInfo, key: str) -> None:
    """Policy, time limit and a Build button; while a solve runs, its progress and
    a Stop button instead."""
    job = jobs.current(week)
    if job is not None and not job.done:
        _progress(job)
        return
    names = preset_names()
    left, middle, right = st.columns([2, 1, 1])
    policy = left.selectbox(
        "Policy", names, index=names.index("balanced"), key=f"{key}_policy"
    )
    limit = middle.number_input(
        "Time limit (seconds)", 2, 600, 20, step=5, key=f"{key}_limit"
    )
    right.write("")
    if right.button("Build rota", key=f"{key}_build", type="primary"):
        jobs.start(store, week, policy, float(limit), account.username)
        st.rerun()
    if job is not None and job.error:
        st.error(f"The solve failed: {job.error}")


@st.fragment(run_every=1.0)
def _progress(job: jobs.Job) -> None:
    share = min(job.elapsed / job.time_limit, 1.0) if job.time_limit else 1.0
    best = (
        "building the model"
        if job.objective is None
        else (f"best {job.objective:,.1f}, bound {job.bound or 0:,.1f}")
    )
    st.progress(share, text=f"Searching ({job.elapsed:.0f} s): {best}")
    if st.button("Stop", key="stop_solve"):
        job.stop.set()
        st.toast("Stopping: the best rota found so far is kept.")
    if job.done:
        st.rerun()


def timeline(
    bars: Sequence[Bar], *, colour_by: str = "person", by_day: bool = False, key: str
) -> None:
    """A per-worker timeline of sessions, journeys and unpaid gaps; ``by_day``
    gives one worker's week a row per day instead (readable on a phone)."""
    if not bars:
        st.info("Nobody is rostered.")
        return
    if by_day:
        rows = [day(b.start.date()) for b in bars]
        base = [dt.datetime.combine(dt.date(2000, 1, 3), dt.time()) for _ in bars]
        starts = [
            o + (b.start - dt.datetime.combine(b.start.date(), dt.time()))
            for o, b in zip(base, bars, strict=True)
        ]
        ends = [s + (b.end - b.start) for s, b in zip(starts, bars, strict=True)]
    else:
        rows = [b.worker_name for b in bars]
        starts = [b.start for b in bars]
        ends = [b.end for b in bars]
    frame = pd.DataFrame(
        {
            "worker": rows,
            "start": starts,
            "end": ends,
            "what": [
                (b.user_name or b.user_id or "") if b.kind == "session" else b.kind
                for b in bars
            ]
            if colour_by == "person"
            else [b.priority if b.kind == "session" else b.kind for b in bars],
            "label": [b.label for b in bars],
            "when": [
                f"{day(b.start.date())} {clock(b.start)}-{clock(b.end)}" for b in bars
            ],
        }
    )
    colours = dict(KIND_COLOURS)
    if colour_by == "priority":
        colours.update(PRIORITY_COLOURS)
    figure = px.timeline(
        frame,
        x_start="start",
        x_end="end",
        y="worker",
        color="what",
        color_discrete_map=colours,
        color_discrete_sequence=PALETTE,
        hover_data={"label": True, "when": True, "start": False, "end": False},
    )
    figure.update_yaxes(autorange="reversed", title=None)
    figure.update_xaxes(
        tickformat="%H:%M" if by_day else "%a %-d %b\n%H:%M", title=None
    )
    lanes = int(frame["worker"].nunique())
    figure.update_layout(
        height=max(220, 38 * lanes + 120),
        legend_title_text="person" if colour_by == "person" else "priority",
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
    )
    if by_day:  # one worker, perhaps on a phone: the legend goes underneath
        figure.update_layout(legend={"orientation": "h", "y": -0.15})
    st.plotly_chart(figure, key=key, width="stretch")


def table(rows: list[dict], *, key: str, height: int | None = None) -> None:
    """Rows as a read-only table."""
    if not rows:
        st.caption("Nothing to show.")
        return
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        key=key,
        width="stretch",
        height=height or "auto",
    )


def pick_rota(db: Store, week: WeekRef, key: str) -> cached.Evaluated:
    """Published or latest built rota of the week, as the person chooses; stops
    the page when there is neither."""
    latest = db.latest(week)
    runs = [r for r in db.runs(week) if r.draft_id is not None]
    choices = []
    if latest is not None:
        choices.append(f"Published (version {latest.number})")
    if runs:
        choices.append("Proposed (not yet published)")
    if not choices:
        st.info("No rota for this week yet.")
        st.stop()
    view = st.radio("Rota", choices, horizontal=True, key=key)
    if view.startswith("Published"):
        assert latest is not None
        return cached.version(db, db.url, week, latest.number)
    draft = runs[-1].draft_id
    assert draft is not None
    return cached.draft(db, db.url, week, draft, runs[-1].policy)
