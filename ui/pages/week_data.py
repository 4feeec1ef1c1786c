"""Week data (manager): pick a stored week, load one, check and edit its tables."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import streamlit as st

from rota.io import folder_texts, load, load_texts, load_upload
from rota.io.columns import INPUT_FILES
from rota.io.issues import DataIssue
from rota.model import Problem
from rota.store import Store
from ui.auth import require
from ui.format import day
from ui.state import choose_week, chosen_week, flash, show_flash, store
from ui.widgets import table

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"

account = require("manager")
db = store()
st.title("Week data")
show_flash()


def _issues(issues: list[DataIssue]) -> None:
    errors = [i for i in issues if i.severity == "error"]
    warnings = len(issues) - len(errors)
    if errors:
        st.error(
            f"{len(errors)} error(s) and {warnings} warning(s): fix the errors "
            "before the week can be used."
        )
    elif warnings:
        st.warning(f"{warnings} warning(s): the week can be used.")
    else:
        st.success("No errors or warnings.")
    table(
        [
            {
                "severity": i.severity,
                "file": i.file,
                "row": i.row,
                "column": i.column or "",
                "message": i.message,
            }
            for i in issues
        ],
        key="issues_table",
    )


def _save(problem: Problem, team: str) -> None:
    week = Store.week_of(problem, team)
    db.save_data(week, problem, by=account.username)
    choose_week(week)
    for key in [k for k in st.session_state if str(k).startswith("edit_")]:
        del st.session_state[key]
    flash(f"Saved as the data of {week}.")


weeks = db.weeks()
week = chosen_week()
if weeks:
    index = weeks.index(week) if week in weeks else 0
    picked = st.selectbox("Week", weeks, index=index, format_func=str, key="week_pick")
    if picked != week:
        choose_week(picked)
        st.rerun()
    week = picked

with st.expander("Load a week", expanded=not weeks):
    team = st.text_input(
        "Team", value=week.team if week else "my team", key="load_team"
    )
    source = st.radio(
        "From",
        ["A zip of the CSV folder", "An Excel workbook", "A sample week"],
        horizontal=True,
        key="load_source",
    )
    loaded = None
    if source == "A sample week":
        size = st.selectbox("Sample", ["small", "medium", "large"], key="load_sample")
        if st.button("Check the sample week", key="load_sample_go"):
            loaded = load(SAMPLES / size)
    else:
        kinds = ["zip"] if source.startswith("A zip") else ["xlsx"]
        upload = st.file_uploader("File", type=kinds, key="load_file")
        if upload is not None:
            loaded = load_upload(upload.name, upload.getvalue())
    if loaded is not None:
        st.session_state["loaded"] = loaded
    pending = st.session_state.get("loaded")
    if pending is not None:
        _issues(pending.issues)
        if pending.problem is not None and st.button(
            "Save this week", key="load_save", type="primary"
        ):
            _save(pending.problem, team.strip() or "my team")
            del st.session_state["loaded"]
            st.rerun()

if week is None:
    st.stop()
problem = db.week_data(week)
if problem is None:
    st.info(f"{week} has no data saved yet: load it above.")
    st.stop()
assert problem is not None

period = problem.period
st.caption(
    f"{len(problem.workers)} workers, {len(problem.users)} people supported, "
    f"{len(problem.sessions)} sessions, {day(period.start)} to "
    f"{day(period.start + dt.timedelta(days=period.days - 1))}"
)


def _frame(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


# Editing: every table as text, so a bad cell is reported and never lost.
texts = folder_texts(problem)
edited: dict[str, str] = {}
changed = False
tabs = st.tabs([spec.name for spec in INPUT_FILES])
for spec, tab in zip(INPUT_FILES, tabs, strict=True):
    with tab:
        base_key = f"edit_base_{spec.name}"
        widget = f"edit_{spec.name}"
        if widget not in st.session_state or base_key not in st.session_state:
            kept = st.session_state.get(f"edit_kept_{spec.name}")
            if kept is None:
                text = texts.get(spec.name, ",".join(spec.columns) + "\n")
                kept = _frame(text)
            st.session_state[base_key] = kept
        frame = st.data_editor(
            st.session_state[base_key],
            num_rows="dynamic",
            key=widget,
            width="stretch",
            hide_index=True,
        )
        st.session_state[f"edit_kept_{spec.name}"] = frame
        if len(frame.columns) and (len(frame) or spec.name in texts):
            edited[spec.name] = frame.to_csv(index=False)
        if spec.name in texts:
            changed |= not frame.reset_index(drop=True).equals(_frame(texts[spec.name]))
        else:
            changed |= len(frame) > 0

result = load_texts(edited, source=week.team)
st.subheader("Checks")
_issues(result.issues)
if changed:
    if result.problem is None:
        st.info("Your edits are kept while you fix the errors listed.")
    elif st.button("Save changes", key="edit_save", type="primary"):
        _save(result.problem, week.team)
        st.rerun()
