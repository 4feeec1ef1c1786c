"""Writing a comparison: each run's outputs, kpis.csv, summary.csv and charts."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..io import staged_outputs, write_no_rota, write_outputs
from ..io.outputs import Table, write_table_csv
from .charts import write_charts_html, write_charts_png
from .comparison import Comparison
from .runs import Row

KPIS_FILE = "kpis.csv"
SUMMARY_FILE = "summary.csv"
CHARTS_FILE = "charts.html"


def run_folder(out: Path, policy: str, week: int) -> Path:
    """Where one run's outputs go: ``OUT/<policy>/week-<k>``."""
    return out / policy / f"week-{week}"


def write_comparison(out: Path, comparison: Comparison) -> list[Path]:
    """Write every output of a comparison into ``out``; the paths written.

    Each run's contract outputs go through the safe writer into its own folder
    (a run without a rota writes ``NO-ROTA.txt`` there); the tables and the HTML
    page are each written whole and moved into place; PNGs are added when plotly
    can make them.
    """
    out.mkdir(parents=True, exist_ok=True)
    for run, week in zip(
        comparison.runs,
        [w for _ in comparison.policies for w in comparison.weeks],
        strict=True,
    ):
        folder = run_folder(out, run.policy, run.week)
        if run.no_rota is not None:
            write_no_rota(folder, run.no_rota, [])
            continue
        with staged_outputs(folder) as stage:
            write_outputs(
                stage, week, run.assignments, run.unmet, run.asks, run.summary
            )
    with tempfile.TemporaryDirectory(dir=out, prefix=".rota-writing-") as stage:
        staged = [
            write_table_csv(Path(stage) / KPIS_FILE, _table(comparison.rows)),
            write_table_csv(Path(stage) / SUMMARY_FILE, _table(comparison.summary())),
            write_charts_html(Path(stage) / CHARTS_FILE, comparison.rows),
        ]
        written = []
        for path in staged:
            os.replace(path, out / path.name)
            written.append(out / path.name)
    written += write_charts_png(out, comparison.rows)
    return written


def _table(rows: Sequence[Row]) -> Table:
    header = list(rows[0]) if rows else []
    return header, [[row[key] for key in header] for row in rows]
