"""Publishing: numbered versions kept exactly, conflicts kept as drafts, a publish
killed half-way leaving nothing half-written, two publishes racing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rota.store import PublishConflict, Store
from rota.store.versions import PAUSE_ENV

from .week import TOLD, rota_of, tiny_week


def test_versions_are_numbered_and_kept_exactly_as_published(db_url):
    """Each publish is the next number; every version's lines, author, note and
    time come back as they were, whatever is published after."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    first = rota_of(("S1", "ann"), ("S2", "ann"), ("S3", "bea"))
    second = rota_of(("S1", "ann"), ("S2", "bea"), ("S3", "bea"))
    store.publish(
        week, problem, first, by="Mo", note="first", expect_version=0, at=TOLD
    )
    v2 = store.publish(week, problem, second, by="Jo", note="swap", expect_version=1)
    assert v2.number == 2 and v2.lines == 3
    assert [(v.number, v.published_by, v.note) for v in store.versions(week)] == [
        (1, "Mo", "first"),
        (2, "Jo", "swap"),
    ]
    assert store.versions(week)[0].published_at == TOLD
    assert store.version_lines(week, 1) == sorted(
        first, key=lambda a: (a.start, a.worker_id, a.session_id)
    )
    assert store.latest(week).number == 2
    actions = [e.action for e in store.audit(week)]
    assert actions.count("version.publish") == 2
    store.close()


def test_publishing_against_an_old_version_is_a_conflict_and_keeps_the_rota(db_url):
    """A rota made against version 1 after version 2 is out is refused with both
    numbers named, nothing is published, and the rota is kept as a draft."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    store.publish(week, problem, rota_of(("S1", "ann")), by="a", expect_version=0)
    store.publish(week, problem, rota_of(("S1", "bea")), by="b", expect_version=1)
    late = rota_of(("S1", "ann"), ("S2", "ann"))
    with pytest.raises(PublishConflict) as caught:
        store.publish(week, problem, late, by="c", expect_version=1)
    message = str(caught.value)
    assert "conflict" in message and "version 1" in message and "version 2" in message
    assert [v.number for v in store.versions(week)] == [1, 2]
    draft = caught.value.draft_id
    assert store.draft_lines(week, draft) == late
    assert store.drafts(week)[-1].reason == "conflict"
    assert store.drafts(week)[-1].base_version == 1
    store.close()


def _publisher(db_url: str, expect: int, worker: str) -> str:
    """A Python program that publishes S1 with ``worker`` and prints the outcome."""
    tests = Path(__file__).resolve().parents[1]
    return textwrap.dedent(
        f"""
        import sys
        sys.path[:0] = [{str(tests)!r}]
        from rota.store import PublishConflict, Store
        from store.week import rota_of, tiny_week
        store = Store({db_url!r})
        problem = tiny_week()
        week = store.week_of(problem, "north")
        try:
            v = store.publish(week, problem, rota_of(("S1", {worker!r})), by={worker!r},
                              expect_version={expect})
            print("published", v.number)
        except PublishConflict as exc:
            print("conflict", exc.draft_id)
        """
    )


def _start(program: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", program],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | env,
    )


def _wait_for(path: Path, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"publisher ended early: {process.stderr.read()}")
        assert time.monotonic() < deadline, "publisher never reached the pause"
        time.sleep(0.05)


def test_a_publish_killed_between_two_writes_leaves_no_half_version(db_url, tmp_path):
    """A publisher killed after writing the version row but before its lines
    leaves version 1 intact and no version 2 at all; the next publish is 2."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    store.publish(week, problem, rota_of(("S1", "ann")), by="a", expect_version=0)
    marker = tmp_path / "paused"
    victim = _start(
        _publisher(db_url, 1, "bea"), **{PAUSE_ENV: f"version-row:{marker}"}
    )
    _wait_for(marker, victim)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert [v.number for v in store.versions(week)] == [1]
    assert store.version_lines(week, 1) == rota_of(("S1", "ann"))
    again = store.publish(
        week, problem, rota_of(("S1", "bea")), by="b", expect_version=1
    )
    assert again.number == 2
    assert store.version_lines(week, 2) == rota_of(("S1", "bea"))
    store.close()


def test_two_publishes_racing_on_one_base_one_wins_and_both_rotas_remain(
    db_url, tmp_path
):
    """The first publisher pauses inside its transaction after writing version 2;
    the second, started then against the same base, must get the conflict (not a
    second version 2, not an error), and both rotas can be read afterwards."""
    store = Store(db_url)
    problem = tiny_week()
    week = store.week_of(problem, "north")
    store.publish(week, problem, rota_of(("S1", "ann")), by="a", expect_version=0)
    marker = tmp_path / "paused"
    first = _start(
        _publisher(db_url, 1, "bea"), **{PAUSE_ENV: f"version-row:{marker}:2"}
    )
    _wait_for(marker, first)
    second = _start(_publisher(db_url, 1, "ann"))
    out_first, err_first = first.communicate(timeout=90)
    out_second, err_second = second.communicate(timeout=90)
    assert first.returncode == 0, err_first
    assert second.returncode == 0, err_second
    assert out_first.split() == ["published", "2"]
    kind, draft = out_second.split()
    assert kind == "conflict"
    assert [v.number for v in store.versions(week)] == [1, 2]
    assert store.version_lines(week, 2) == rota_of(("S1", "bea"))
    assert store.draft_lines(week, int(draft)) == rota_of(("S1", "ann"))
    store.close()
