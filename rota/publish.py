"""publish_rota(): check a rota against every hard rule, then keep it as the next
published version. The CLI and the app both publish through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from .check import check
from .model import Assignment, Problem
from .policy import Policy, load_policy
from .reports import SessionChange, diff_rotas
from .rules import Violation
from .store import Store, StoreError, VersionInfo, WeekRef


class RotaRefused(StoreError):
    """A rota that breaks a hard rule: nothing was published."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        super().__init__(
            f"refused: the rota breaks {len(self.violations)} hard rule(s); "
            "nothing was published"
        )


@dataclass(frozen=True)
class Published:
    """A version just published, and what it changed against the one before."""

    version: VersionInfo
    base: int
    changes: list[SessionChange]

    @property
    def late(self) -> int:
        """Changes inside the notice period."""
        return sum(c.late for c in self.changes)


def publish_rota(
    store: Store,
    week: WeekRef,
    problem: Problem,
    assignments: Sequence[Assignment],
    *,
    policy: Policy | None = None,
    by: str,
    note: str = "",
    expect_version: int | None = None,
    now: dt.datetime | None = None,
) -> Published:
    """Check ``assignments`` against every hard rule, then publish them.

    Parameters
    ----------
    store, week
        Where to publish.
    problem
        The week's data as the folder (or the app) holds it; the store's latest
        version and answers are added before the check.
    assignments
        The rota.
    policy
        Rules and notice period; the default preset when None.
    by, note
        Who publishes, and why.
    expect_version
        The version the rota was made against; default: the latest now.
    now
        When staff are told; default: now.

    Returns
    -------
    Published
        The new version and its changes against the version before.

    Raises
    ------
    RotaRefused
        When a hard rule is broken (the violations are attached).
    PublishConflict
        When another version is the latest by the time it is written; the rota is
        kept as a draft.
    StoreError
        When ``expect_version`` does not exist, or the store fails.
    """
    chosen = policy or load_policy(None)
    context, latest = store.with_store(problem, week)
    base = latest if expect_version is None else expect_version
    if base < 0 or base > latest:
        have = f"version {latest}" if latest else "no version yet"
        raise StoreError(f"cannot publish against version {base}: {week} has {have}")
    moment = (now or dt.datetime.now()).replace(second=0, microsecond=0)
    report = check(context, assignments, chosen, now=moment)
    if report.violations:
        raise RotaRefused(report.violations)
    version = store.publish(
        week,
        context,
        assignments,
        by=by,
        note=note,
        expect_version=base,
        at=moment,
    )
    before = store.version_lines(week, base) if base else []
    changes = diff_rotas(
        before,
        assignments,
        told_at=version.published_at,
        notice_days=chosen.limits.notice_days,
        problem=problem,
    )
    return Published(version, base, changes)


def version_changes(
    store: Store, week: WeekRef, before: int, after: int, *, notice_days: float
) -> tuple[list[SessionChange], Problem]:
    """The changes from version ``before`` (0: nothing published) to ``after``,
    with the notice counted from ``after``'s publication, and ``after``'s data.

    Raises
    ------
    StoreError
        When either version does not exist.
    """
    info = store.version(week, after)
    old = store.version_lines(week, before) if before else []
    problem = store.version_problem(week, after)
    changes = diff_rotas(
        old,
        store.version_lines(week, after),
        told_at=info.published_at,
        notice_days=notice_days,
        problem=problem,
    )
    return changes, problem
