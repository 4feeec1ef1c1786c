"""Publish (manager): publish a version (conflicts shown plainly, nothing lost),
the change notices, the history, a diff, and the downloads."""

from __future__ import annotations

import streamlit as st

from rota.policy import load_policy
from rota.publish import RotaRefused, publish_rota, version_changes
from rota.reports import change_notices, changes_table
from rota.store import PublishConflict, StoreError
from ui import cached, downloads
from ui.format import moment
from ui.state import manager_page
from ui.widgets import table

account, db, week, problem = manager_page("Publish")

versions = db.versions(week)
drafts = db.drafts(week)
latest = versions[-1].number if versions else 0

st.subheader("Publish a rota")
if not drafts:
    st.info("Nothing to publish yet: build a rota first.")
else:
    labels = {
        d.id: f"draft {d.id}: {d.reason}, {moment(d.created_at)}, {d.lines} lines"
        + (f", made against version {d.base_version}" if d.base_version else "")
        for d in reversed(drafts)
    }
    chosen = st.selectbox(
        "Rota",
        list(labels.keys()),
        format_func=lambda d: labels[d],
        key="publish_draft",
    )
    draft = next(d for d in drafts if d.id == chosen)
    note = st.text_input("Note for the history", key="publish_note")
    base = draft.base_version or 0
    st.caption(
        f"Made against {'version ' + str(base) if base else 'no published version'}; "
        f"the latest is {'version ' + str(latest) if latest else 'none'}."
    )
    if st.button("Publish", key="publish_go", type="primary"):
        try:
            done = publish_rota(
                db,
                week,
                problem,
                db.draft_lines(week, draft.id),
                by=account.username,
                note=note,
                expect_version=base,
            )
        except RotaRefused as exc:
            st.error(str(exc))
            table(
                [{"rule": v.rule, "what": v.message} for v in exc.violations],
                key="refused",
            )
        except PublishConflict as exc:
            st.error(str(exc))
            st.info(
                "Nothing is lost: rebuild against the latest version, or pick the kept draft."
            )
        except StoreError as exc:
            st.error(str(exc))
        else:
            what = (
                f"{len(done.changes)} session(s) changed against version {done.base}, "
                f"{done.late} inside the notice period"
                if done.base
                else "the first version of this week"
            )
            st.success(
                f"Published version {done.version.number}: {done.version.lines} "
                f"lines, {what}."
            )
            versions = db.versions(week)

if not versions:
    st.stop()
notice_days = load_policy(None).limits.notice_days
numbers = [v.number for v in versions]

st.subheader("Change notices")
shown = st.selectbox("Version", list(reversed(numbers)), key="notices_version")
changes, version_problem = version_changes(
    db, week, shown - 1, shown, notice_days=notice_days
)
notices = change_notices(changes, version_problem)
table(
    [
        {
            "who": n.name,
            "as": n.party,
            "what changed": n.what,
            "notice (hours)": round(n.notice_hours, 1),
            "inside the notice period": "yes" if n.late else "no",
        }
        for n in notices
    ],
    key="notices_table",
)

st.subheader("History")
table(
    [
        {
            "version": v.number,
            "published": moment(v.published_at),
            "by": v.published_by,
            "lines": v.lines,
            "note": v.note,
        }
        for v in reversed(versions)
    ],
    key="history_table",
)

if len(numbers) >= 2:
    st.subheader("Differences between versions")
    left, right = st.columns(2)
    a = left.selectbox("From", numbers, index=len(numbers) - 2, key="diff_a")
    b = right.selectbox("To", numbers, index=len(numbers) - 1, key="diff_b")
    diff, version_problem = version_changes(db, week, a, b, notice_days=notice_days)
    header, rows = changes_table(diff, version_problem)
    table([dict(zip(header, r, strict=True)) for r in rows], key="diff_table")

st.subheader("Downloads")
evaluated = cached.version(db, db.url, week, shown)
stem = f"{week.team}-{week.start}-v{shown}"
cols = st.columns(3)
cols[0].download_button(
    "Rota (CSV)",
    downloads.rota_csv(evaluated.problem, evaluated.lines),
    f"{stem}.csv",
    "text/csv",
    key="dl_csv",
)
cols[1].download_button(
    "Rota (Excel)",
    downloads.rota_xlsx(evaluated.problem, evaluated.lines, evaluated.report),
    f"{stem}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="dl_xlsx",
)
workers = sorted({a.worker_id for a in evaluated.lines})
who = cols[2].selectbox(
    "Worker's calendar",
    workers,
    format_func=lambda w: evaluated.problem.worker_by_id[w].name,
    key="dl_worker",
)
ics = downloads.calendar(evaluated.problem, evaluated.lines, who) if who else None
if ics is not None:
    cols[2].download_button(
        "Calendar (.ics)", ics, f"{stem}-{who}.ics", "text/calendar", key="dl_ics"
    )
