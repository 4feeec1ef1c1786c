"""Charts of the trade-offs with plotly: coverage against cost, and split shifts
and contracted-hours shortfall, per policy with the spread across weeks."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from statistics import fmean
from typing import Any

from .runs import Row


def _by_policy(rows: Sequence[Row], key: str) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for row in rows:
        out.setdefault(str(row["policy"]), []).append(float(row[key]))
    return out


def _mean_and_spread(values: list[float]) -> tuple[float, float, float]:
    """Mean, and how far the max and min lie above and below it (error bars)."""
    mean = fmean(values)
    return mean, max(values) - mean, mean - min(values)


def coverage_cost_figure(rows: Sequence[Row]) -> Any:
    """Coverage against wage cost: each policy's mean, bars to its best and worst
    week, and a faint dot per week."""
    import plotly.graph_objects as go

    cost, coverage = _by_policy(rows, "cost"), _by_policy(rows, "coverage")
    figure = go.Figure()
    for policy in cost:
        x, x_up, x_down = _mean_and_spread(cost[policy])
        y, y_up, y_down = _mean_and_spread([100 * v for v in coverage[policy]])
        figure.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                name=policy,
                mode="markers",
                marker={"size": 12},
                error_x={"type": "data", "array": [x_up], "arrayminus": [x_down]},
                error_y={"type": "data", "array": [y_up], "arrayminus": [y_down]},
            )
        )
    figure.update_layout(
        title="Coverage against wage cost (mean, with the range across weeks)",
        xaxis_title="wage cost (£)",
        yaxis_title="sessions covered (%)",
        legend_title="policy",
    )
    return figure


def split_shortfall_figure(rows: Sequence[Row]) -> Any:
    """Split shifts and contracted-hours shortfall per policy: mean bars with the
    range across weeks."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    figure = make_subplots(
        rows=1,
        cols=2,
        subplot_titles=("Split shifts", "Contracted hours not given (h)"),
    )
    for col, key in enumerate(("split_shifts", "contract_shortfall_hours"), start=1):
        values = _by_policy(rows, key)
        policies = list(values)
        spreads = [_mean_and_spread(values[p]) for p in policies]
        figure.add_trace(
            go.Bar(
                x=policies,
                y=[s[0] for s in spreads],
                error_y={
                    "type": "data",
                    "array": [s[1] for s in spreads],
                    "arrayminus": [s[2] for s in spreads],
                },
                name=key,
                showlegend=False,
            ),
            row=1,
            col=col,
        )
    figure.update_layout(title="Split shifts and shortfall per policy (mean, range)")
    return figure


def figures(rows: Sequence[Row]) -> list[Any]:
    """The comparison's charts, in the order they are shown."""
    return [coverage_cost_figure(rows), split_shortfall_figure(rows)]


def write_charts_html(path: Path, rows: Sequence[Row]) -> Path:
    """One self-contained interactive page holding every chart (plotly's script
    is inlined, so it opens without a network)."""
    parts = [
        figure.to_html(full_html=False, include_plotlyjs=(i == 0))
        for i, figure in enumerate(figures(rows))
    ]
    page = (
        '<!doctype html><html><head><meta charset="utf-8">'
        "<title>rota compare</title></head><body>"
        + "\n".join(parts)
        + "</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


def write_charts_png(folder: Path, rows: Sequence[Row]) -> list[Path]:
    """Each chart as a PNG when plotly has a static-image engine (kaleido and a
    Chrome), else nothing; the paths written."""
    names = ("coverage_cost.png", "split_shortfall.png")
    written = []
    try:
        for name, figure in zip(names, figures(rows), strict=True):
            figure.write_image(folder / name)
            written.append(folder / name)
    except Exception:  # no kaleido or no browser: the HTML page has the charts
        for path in written:
            path.unlink(missing_ok=True)
        return []
    return written
