"""Every page of the app for every role it is shown to (AppTest): what a manager,
a support worker and HR see and can do, and what they cannot reach."""

from __future__ import annotations

import re
import time

import pytest
from store.week import tiny_week
from streamlit.testing.v1 import AppTest

from ui import jobs

from .conftest import APP, PAGES, ROOT, frame, page, signed_in, text_of


def _build(at: AppTest, seconds: int = 3) -> AppTest:
    """Build a rota on the Build page and wait for the background solve."""
    page(at, "build")
    at.number_input(key="build_limit").set_value(seconds)
    at.button(key="build_build").click()
    at.run()
    job = at.session_state[jobs.JOB]
    jobs.wait(job, 60)
    assert job.done and job.error is None, job.error
    at.run()
    return at


def test_sign_in_form_and_a_wrong_password(app_store):
    """The sign-in form has Username, Password and Sign in; a wrong password says
    so and shows no page."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert at.button[0].label == "Sign in"
    at = signed_in("mo", "not the password")
    assert "do not match" in at.error[0].value
    assert not at.title or at.title[0].value == "rota"


def test_every_page_has_a_sign_out_button(app_store):
    """Each role's pages carry Sign out; signing out returns to the form."""
    for user, pages in (
        (
            "mo",
            ["week_data", "build", "negotiate", "publish", "person_week", "compare"],
        ),
        ("ann", ["my_week"]),
        ("hana", ["compare"]),
    ):
        at = signed_in(user)
        for name in pages:
            page(at, name)
            assert not at.exception, (user, name, at.exception)
            assert at.button(key="sign_out").label == "Sign out"
        at.button(key="sign_out").click()
        at.run()
        assert [t.label for t in at.text_input] == ["Username", "Password"]


def test_week_data_shows_a_bad_cell_keeps_the_edit_and_saves_a_good_one(app_store):
    """A start time of 25:00 typed into sessions.csv is listed with file, row and
    column, no traceback, and stays in the table across reruns; putting it right
    and saving stores the new data."""
    at = page(signed_in("mo"), "week_data")
    assert not at.exception
    key = "edit_sessions.csv"
    at.session_state[key] = {
        "edited_rows": {0: {"start": "25:00"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    issues = frame(at, "severity")
    bad = issues[issues["severity"] == "error"]
    assert list(bad[["file", "row", "column"]].itertuples(index=False, name=None)) == [
        ("sessions.csv", 1, "start")
    ]
    at.run()  # a rerun keeps what was typed
    assert "25:00" in frame(at, "severity")["message"].iloc[0] or len(
        frame(at, "severity")
    )
    at.session_state[key] = {
        "edited_rows": {0: {"start": "08:30", "end": "09:30"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="edit_save").click()
    at.run()
    assert not at.exception
    week = app_store.week_of(tiny_week(), "north")
    saved = app_store.week_data(week)
    assert saved is not None
    assert saved.session_by_id["S1"].start.strftime("%H:%M") == "08:30"


def test_week_data_loads_a_sample_week(app_store):
    """A sample week is checked, its warnings listed, and saved as a new week."""
    at = page(signed_in("mo"), "week_data")
    at.radio(key="load_source").set_value("A sample week")
    at.run()
    at.text_input(key="load_team").input("sample")
    at.button(key="load_sample_go").click()
    at.run()
    assert not at.exception
    at.button(key="load_save").click()
    at.run()
    assert any(w.team == "sample" for w in app_store.weeks())


def test_build_shows_figures_timeline_and_why_not(app_store):
    """Building the tiny week records a run and shows the coverage card, the
    timeline chart and every session's cover (all three are coverable)."""
    at = _build(signed_in("mo"))
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Coverage" in labels and "Split shifts" in labels
    assert at.metric[labels.index("Coverage")].value == "100%"
    assert len(at.get("plotly_chart")) == 1
    assert app_store.runs(app_store.week_of(tiny_week(), "north"))


def test_negotiate_records_an_answer_in_the_store(app_store):
    """Nobody is available for Friday's visit: the page shows the ask to put,
    under the name of the worker asked, and a yes is stored against them."""
    store = app_store
    week = store.week_of(tiny_week(), "north")
    problem = tiny_week()
    from helpers import window

    from rota.model import Problem

    limited = Problem(
        **(
            dict(problem)
            | {
                "availability": (
                    window("ann", 0, "08:00", "12:00"),
                    window("ann", 2, "08:00", "12:00"),
                    window("bea", 4, "12:00", "13:00"),
                )
            }
        )
    )
    store.save_data(week, limited, by="test")
    at = _build(signed_in("mo"))
    page(at, "negotiate")
    assert not at.exception
    asks = store.asks(week)
    assert asks and asks[0].session_ids == ("S3",)
    party = asks[0].to_id
    assert f"{party.capitalize()} (worker)" in [h.value for h in at.subheader]
    at.button(key=f"ask_yes_{asks[0].ask_id}").click()
    at.run()
    assert [(a.party_id, a.answer) for a in store.agreements(week)] == [(party, "yes")]
    assert "Answered: **yes**" in text_of(at)
    # Rebuild with the yes: Friday's visit is covered now, and the page says so.
    at.number_input(key="negotiate_limit").set_value(3)
    at.button(key="negotiate_build").click()
    at.run()
    job = at.session_state[jobs.JOB]
    jobs.wait(job, 60)
    assert job.error is None, job.error
    at.run()
    changed = frame(at, "change")
    assert list(changed["session"]) == ["S3"] and list(changed["change"]) == ["covered"]
    assert at.metric[0].value == "100%"


def test_publish_a_version_then_notices_history_and_downloads(app_store):
    """Publishing the built rota makes version 1; the page then lists its notices
    and history and offers CSV, Excel and a calendar."""
    at = _build(signed_in("mo"))
    page(at, "publish")
    at.text_input(key="publish_note").input("first")
    at.button(key="publish_go").click()
    at.run()
    assert not at.exception
    assert "Published version 1" in at.success[0].value
    week = app_store.week_of(tiny_week(), "north")
    assert [v.note for v in app_store.versions(week)] == ["first"]
    downloads = at.get("download_button")
    assert len(downloads) == 3


def test_a_publish_conflict_is_shown_and_nothing_is_lost(app_store):
    """A draft made against no version, published after someone else published:
    the page says conflict and the rota is kept as a draft."""
    at = _build(signed_in("mo"))
    week = app_store.week_of(tiny_week(), "north")
    app_store.publish(week, tiny_week(), [], by="someone", expect_version=0)
    page(at, "publish")
    at.selectbox(key="publish_draft").set_value(app_store.drafts(week)[0].id)
    at.button(key="publish_go").click()
    at.run()
    assert "conflict" in at.error[0].value
    assert any(d.reason == "conflict" for d in app_store.drafts(week))


def test_my_week_shows_only_my_visits_and_my_requests(app_store):
    """Ann sees her own published visits (with addresses) and none of Bea's, and
    the calendar download."""
    week = app_store.week_of(tiny_week(), "north")
    from helpers import assign

    lines = [
        assign("S1", "ann", 0, "09:00", "10:00"),
        assign("S2", "bea", 2, "09:00", "10:00"),
    ]
    app_store.publish(week, tiny_week(), lines, by="mo", expect_version=0)
    at = page(signed_in("ann"), "my_week")
    assert not at.exception
    visits = frame(at, "journey before (min)")
    assert list(visits["person"]) == ["Mrs Cole"]
    assert len(visits) == 1
    assert "Bea" not in text_of(at)
    assert at.get("download_button")


def test_person_week_and_compare(app_store):
    """The manager sees one person's week; HR sees figures without the names of
    the people supported."""
    week = app_store.week_of(tiny_week(), "north")
    from helpers import assign

    lines = [assign("S1", "ann", 0, "09:00", "10:00")]
    app_store.publish(week, tiny_week(), lines, by="mo", expect_version=0)
    at = page(signed_in("mo"), "person_week")
    assert not at.exception
    assert frame(at, "who is coming")["who is coming"].tolist()[0] == "Ann"
    at = page(signed_in("hana"), "compare")
    assert not at.exception
    assert "Mrs Cole" not in text_of(at)
    assert at.selectbox(key="compare_week").options == [str(week)]
    assert "balanced" in at.multiselect(key="compare_policies").options


def test_hr_runs_a_tiny_comparison_and_sees_figures_without_names(app_store):
    """HR compares two policies on the stored tiny week (1 week, 1 s a run): the
    summary has a row per policy, the charts are drawn, and no person's or
    worker's name appears anywhere on the page."""
    from ui import compare_jobs

    at = page(signed_in("hana"), "compare")
    at.multiselect(key="compare_policies").set_value(["balanced", "cost_first"])
    at.number_input(key="compare_weeks").set_value(1)
    at.number_input(key="compare_limit").set_value(1)
    at.button(key="compare_run").click()
    at.run()
    job = at.session_state[compare_jobs.JOB]
    compare_jobs.wait(job, 60)
    assert job.done and job.error is None, job.error
    at.run()
    assert not at.exception
    summary = frame(at, "coverage mean")
    assert list(summary["policy"]) == ["balanced", "cost_first"]
    assert list(summary["runs"]) == [1, 1]
    assert len(at.get("plotly_chart")) == 2
    shown = text_of(at)
    for name in ("Mrs Cole", "Ann", "Bea", "cole", "ann", "bea"):
        assert not re.search(rf"\b{name}\b", shown), name


MANAGER_PAGES = ("week_data", "build", "negotiate", "publish", "person_week")


def _direct(name: str, account) -> AppTest:  # type: ignore[no-untyped-def]
    """A page script run on its own with ``account`` signed in: what a page does
    however it is reached."""
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=60)
    at.session_state["account"] = account
    at.run()
    return at


def test_staff_cannot_reach_manager_pages_or_another_workers_week(app_store):
    """Ann, signed in as staff: no manager page is registered for her (switching
    to one fails), each manager page run directly refuses her, and My week shows
    only her visits whatever a query parameter or session state says."""
    week = app_store.week_of(tiny_week(), "north")
    from helpers import assign

    lines = [
        assign("S1", "ann", 0, "09:00", "10:00"),
        assign("S2", "bea", 2, "09:00", "10:00"),
    ]
    app_store.publish(week, tiny_week(), lines, by="mo", expect_version=0)
    at = signed_in("ann")
    for name in (*MANAGER_PAGES, "compare"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"ui/pages/{name}.py")
    ann = next(a for a in app_store.accounts() if a.username == "ann")
    for name in (*MANAGER_PAGES, "compare"):
        direct = _direct(name, ann)
        assert [e.value for e in direct.error] == ["This page is not available to you."]
        assert "Mrs Cole" not in text_of(direct), name
    at.query_params["worker"] = "bea"
    at.session_state["worker_id"] = "bea"
    at.session_state["week"] = week
    page(at, "my_week")
    visits = frame(at, "journey before (min)")
    assert set(visits["day"]) == {"Mon 30 Nov"}
    assert "Bea" not in text_of(at)


def test_hr_reaches_only_compare_and_managers_not_my_week(app_store):
    """HR has only Compare policies; a manager has no My week (it needs a
    worker); neither page refuses the roles it is for."""
    hana = next(a for a in app_store.accounts() if a.username == "hana")
    mo = next(a for a in app_store.accounts() if a.username == "mo")
    for name in (*MANAGER_PAGES, "my_week"):
        assert (
            _direct(name, hana).error[0].value == "This page is not available to you."
        )
    assert _direct("my_week", mo).error[0].value == "This page is not available to you."
    assert not _direct("compare", hana).error


def test_stop_ends_the_search_and_keeps_the_best_rota(app_store):
    """A 120-second build of the small sample week, stopped from the page: the
    search ends within seconds and its best rota is recorded as a run."""
    from rota.io import load_problem

    problem = load_problem(ROOT / "sample_data" / "small")
    week = app_store.week_of(problem, "sample")
    app_store.save_data(week, problem, by="test")
    at = signed_in("mo")
    at.session_state["week"] = week
    page(at, "build")
    at.number_input(key="build_limit").set_value(120)
    at.button(key="build_build").click()
    at.run()
    job = at.session_state[jobs.JOB]
    deadline = time.monotonic() + 60
    while job.objective is None and time.monotonic() < deadline:
        time.sleep(0.2)  # a first rota exists: the search is under way
    at.run()
    at.button(key="stop_solve").click()
    at.run()
    jobs.wait(job, 60)
    assert job.done and job.error is None, job.error
    assert job.elapsed < 60
    [run] = app_store.runs(week)
    assert run.draft_id is not None and run.wall_seconds < 60


def test_my_week_answers_a_request_addressed_to_me(app_store):
    """A request to Ann is on her page with Yes and No; her No is stored as hers,
    and a request to Bea is not shown to her."""
    import datetime as dt

    from rota.model import Ask, Summary
    from rota.policy import load_policy

    week = app_store.week_of(tiny_week(), "north")
    asks = [
        Ask(
            ask_id=f"A{n}",
            to_id=who,
            kind="overtime",
            session_ids=("S3",),
            message=f"{who}, would you work an extra hour?",
            cost=1.0,
            extra_minutes=60,
        )
        for n, who in enumerate(("ann", "bea"), start=1)
    ]
    summary = Summary(
        status="FEASIBLE",
        objective=0.0,
        best_bound=0.0,
        wall_seconds=1.0,
        sessions=3,
        covered=3,
        coverage=1.0,
    )
    app_store.record_run(
        week,
        tiny_week(),
        load_policy(None),
        summary,
        [],
        asks,
        by="mo",
        base_version=None,
    )
    at = page(signed_in("ann"), "my_week")
    assert "ann, would you work an extra hour?" in text_of(at)
    assert "bea, would you" not in text_of(at)
    at.button(key="my_ask_no_A1").click()
    at.run()
    [answer] = app_store.agreements(week)
    assert (answer.party_id, answer.answer, answer.kind) == ("ann", "no", "overtime")
    assert "You answered **no**" in text_of(at)
    _ = dt


def test_an_identity_provider_is_offered_when_configured(app_store):
    """With [auth] in the secrets, the sign-in page offers the organisation's
    login as well as the form."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "rota",
        "client_secret": "secret",
        "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
    }
    at.run()
    assert at.button(key="oidc_login").label == "Sign in with your organisation"
    assert [t.label for t in at.text_input] == ["Username", "Password"]
