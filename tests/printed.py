"""What a CLI run printed, compared the way a person reads it.

rich breaks what it prints to fit the console: at spaces, and inside any word
longer than a line (a long path). Where the breaks fall depends on the console's
width and on how long the paths in a message are, so the checkout's path and the
temporary folder's move them. Tests compare printed messages through these, never
through ``splitlines()`` or a plain ``in`` on a message that may wrap.
"""

from __future__ import annotations


def said(output: str) -> str:
    """``output`` as one line: every run of whitespace (line breaks included) made
    one space, none at either end."""
    return " ".join(output.split())


def shows(output: str, text: str) -> bool:
    """Whether ``text`` was printed in ``output``, wherever rich broke it, even
    inside a word: both are compared without any whitespace."""
    return "".join(text.split()) in "".join(output.split())
