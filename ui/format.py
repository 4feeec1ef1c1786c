"""How the app writes dates, times and money: 24-hour times, dates as 'Mon 30 Nov'."""

from __future__ import annotations

import datetime as dt

# Okabe & Ito's palette, safe for the common kinds of colour blindness.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
PRIORITY_COLOURS = {
    "essential": "#D55E00",
    "standard": "#0072B2",
    "flexible": "#009E73",
}
KIND_COLOURS = {"journey": "#999999", "gap": "#E8E8E8"}


def day(value: dt.date) -> str:
    """'Mon 30 Nov'."""
    return f"{value:%a} {value.day} {value:%b}"


def clock(value: dt.datetime | dt.time) -> str:
    """'09:05'."""
    return f"{value:%H:%M}"


def span(start: dt.datetime, end: dt.datetime) -> str:
    """'Mon 30 Nov 09:00-10:00'."""
    return f"{day(start.date())} {clock(start)}-{clock(end)}"


def moment(value: dt.datetime) -> str:
    """'Mon 30 Nov 2026 09:05'."""
    return f"{day(value.date())} {value.year} {clock(value)}"


def pounds(value: float) -> str:
    """'£1,234.50'."""
    return f"£{value:,.2f}"


def hours(minutes: float) -> str:
    """Minutes as '3 h 05 min'."""
    whole = round(minutes)
    return f"{whole // 60} h {whole % 60:02d} min"
