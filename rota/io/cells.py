"""Turning one cell's text into the value a record field expects.

The parser for each column is derived from the record's own type annotation, so
the loader cannot drift from ``rota.model.records``. Every failure raises
:class:`CellError` with a plain sentence naming the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import types
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin

from ..model.time import parse_date, parse_hhmm

Parser = Callable[[str], Any]


class CellError(ValueError):
    """A cell whose text is not a value of its column's type."""


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _number(text: str) -> float:
    if _NUMBER.fullmatch(text) is None or not math.isfinite(value := float(text)):
        hint = " (write pounds as a plain number, e.g. 12.50)" if "£" in text else ""
        raise CellError(f"'{text}' is not a number{hint}")
    return value


def _whole(text: str) -> int:
    try:
        value = _number(text)
    except CellError:
        raise CellError(f"'{text}' is not a whole number") from None
    if not value.is_integer():
        raise CellError(f"'{text}' is not a whole number")
    return int(value)


FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Years a date in the data may have: wider than any rota, narrow enough that date
arithmetic around it (the week's Monday, a night ending the next day) never
overflows, as it would for 9999-12-31."""


def _date(text: str) -> dt.date:
    try:
        value = parse_date(text)
    except ValueError as exc:
        raise CellError(str(exc)) from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise CellError(
            f"'{text}' is not a plausible date: the year must be from {FIRST_YEAR} "
            f"to {LAST_YEAR} (is it mistyped?)"
        )
    return value


def _time(text: str) -> dt.time:
    try:
        return parse_hhmm(text)
    except ValueError as exc:
        raise CellError(str(exc)) from None


def _datetime(text: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise CellError(f"'{text}' is not a date and time (YYYY-MM-DDTHH:MM)") from None


def _items(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _choice(allowed: tuple[str, ...]) -> Parser:
    def parse(text: str) -> str:
        if text in allowed:
            return text
        near = [a for a in allowed if a.casefold() == text.casefold()]
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        raise CellError(f"'{text}' is not one of: {', '.join(allowed)}{hint}")

    return parse


_SIMPLE: dict[Any, Parser] = {
    str: str,
    float: _number,
    int: _whole,
    dt.date: _date,
    dt.time: _time,
    dt.datetime: _datetime,
}


def parser_for(annotation: Any) -> Parser:
    """The parser for a record field's annotation (``X | None`` parses as ``X``).

    Parameters
    ----------
    annotation
        A field annotation from a record model, e.g. ``float | None``.

    Returns
    -------
    Callable[[str], Any]
        A function from stripped, non-empty cell text to the field's value; it
        raises :class:`CellError` for text that is not such a value.
    """
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        if len(inner) == 1:
            return parser_for(inner[0])
    if origin is Literal:
        return _choice(tuple(str(a) for a in get_args(annotation)))
    if origin is tuple:
        return _items
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    raise TypeError(f"no cell parser for {annotation!r}")
