"""Compare policies (HR, managers): the same week, and seeded variants of it,
under several policies, with each figure's mean and range and the trade-off
charts. Only team names, dates and figures are shown: no person's or worker's
name."""

from __future__ import annotations

import importlib.util

import streamlit as st

from rota.compare import figures
from rota.policy.presets import preset_names
from ui import compare_jobs
from ui.auth import require
from ui.state import store, week_label
from ui.widgets import table

# The figures whose mean, min and max the summary table shows.
SHOWN = (
    "coverage",
    "essential_uncovered_hours",
    "cost",
    "split_shifts",
    "short_days",
    "gaps_2h",
    "days_under_3h",
    "contract_shortfall_hours",
    "travel_minutes",
    "asks",
)
RUN_ON = {"This machine, one run at a time": None, "Local Dask cluster": "local"}

require("hr", "manager")
db = store()
st.title("Compare policies")
st.caption(
    "Every policy solves the same week and its seeded variants; each figure is "
    "measured on the rota made. Figures only: no names."
)
weeks = db.weeks()
if not weeks:
    st.info("No week is stored yet.")
    st.stop()


@st.fragment(run_every=1.0)
def _progress(job: compare_jobs.CompareJob) -> None:
    st.progress(
        job.finished / job.total if job.total else 1.0,
        text=f"{job.finished} of {job.total} runs finished ({job.elapsed:.0f} s)",
    )
    if job.done:
        st.rerun()


job = compare_jobs.current()
if job is not None and not job.done:
    _progress(job)
    st.stop()

week = st.selectbox("Week", weeks, format_func=week_label, key="compare_week")
names = preset_names()
policies = st.multiselect(
    "Policies",
    names,
    default=[n for n in ("balanced", "worker_first") if n in names],
    key="compare_policies",
)
left, middle, right = st.columns(3)
n_weeks = left.number_input("Weeks", 1, 20, 1, key="compare_weeks")
limit = middle.number_input(
    "Time limit per run (seconds)", 1, 600, 10, key="compare_limit"
)
choices = list(RUN_ON) if importlib.util.find_spec("distributed") else [*RUN_ON][:1]
run_on = right.selectbox("Run on", choices, key="compare_run_on")
if st.button("Compare", key="compare_run", type="primary", disabled=not policies):
    problem = db.week_data(week)
    if problem is None:
        st.error("This week has no data yet.")
        st.stop()
    assert problem is not None
    compare_jobs.start(
        problem,
        week,
        policies,
        weeks=int(n_weeks),
        time_limit=float(limit),
        scheduler=RUN_ON[run_on],
    )
    st.rerun()

if job is None:
    st.stop()
assert job is not None
if job.error:
    st.error(f"The comparison failed: {job.error}")
    st.stop()
assert job.comparison is not None
st.subheader(f"{week_label(job.week)}: {job.weeks} week(s), {job.time_limit:g} s a run")
summary = [
    {"policy": row["policy"], "runs": row["runs"]}
    | {
        f"{key} {part}": row[f"{key}_{part}"]
        for key in SHOWN
        for part in ("mean", "min", "max")
    }
    for row in job.comparison.summary()
]
table(summary, key="compare_summary")
for i, figure in enumerate(figures(job.comparison.rows)):
    st.plotly_chart(figure, key=f"compare_chart_{i}", width="stretch")
with st.expander("Every run"):
    table(job.comparison.rows, key="compare_runs")
