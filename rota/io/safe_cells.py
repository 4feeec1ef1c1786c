"""Keeping user text from turning into spreadsheet formulas (formula injection).

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and some also act on a leading tab or carriage return. A worker named
``=HYPERLINK(...)`` in an exported rota could then run or leak something on the
manager's machine. Every string from user data that goes into a CSV or Excel
export passes through this module; numbers never do, so a negative cost stays a
number. The input-folder writer is deliberately not guarded: its files are read
back by the loader, which must see exactly what was given.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet read a cell as a formula."""

QUOTE = "'"

# Control characters the xlsx format cannot hold (tab, newline and CR are allowed).
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula.

    This is the one rule every export uses.

    Parameters
    ----------
    text
        A cell's text, as it would be written.

    Returns
    -------
    bool
        True when ``text`` starts with ``=``, ``+``, ``-``, ``@``, a tab or a
        carriage return.
    """
    return text.startswith(FORMULA_STARTS)


def csv_text(text: str) -> str:
    """User text made safe for a CSV cell: a leading ``'`` when it looks like a formula.

    Parameters
    ----------
    text
        A string from user data (a name, an id, a reason, a message).

    Returns
    -------
    str
        ``text`` unchanged, or ``'`` + ``text`` when :func:`starts_like_formula`.
    """
    return QUOTE + text if starts_like_formula(text) else text


def csv_unguard(text: str) -> str:
    """Undo :func:`csv_text`: drop a ``'`` that was put before formula-like text.

    Parameters
    ----------
    text
        A cell read back from a CSV file this package wrote.

    Returns
    -------
    str
        The original text. A ``'`` followed by anything that does not look like a
        formula is kept, since :func:`csv_text` never adds one there.
    """
    if text.startswith(QUOTE) and starts_like_formula(text[1:]):
        return text[1:]
    return text


def set_excel_text(cell: Any, text: str) -> None:
    """Put user text in an openpyxl cell so that it can never become a formula.

    openpyxl makes any string starting with ``=`` a formula cell; formula-like text
    is forced back to a string cell and given Excel's quote prefix, which also keeps
    it text if someone edits the cell. Characters xlsx cannot store are dropped.

    Parameters
    ----------
    cell
        An ``openpyxl`` worksheet cell.
    text
        A string from user data.
    """
    clean = _XLSX_ILLEGAL.sub("", text)
    cell.value = clean
    if starts_like_formula(clean):
        cell.data_type = "s"
        cell.quotePrefix = True
