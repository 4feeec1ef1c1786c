"""The ``rota`` command: one module per subcommand, all registered on one app."""

from __future__ import annotations

from .app import app as app


def main() -> None:
    """Entry point of the ``rota`` console script."""
    from . import commands  # noqa: F401  (registers the subcommands)

    app()
