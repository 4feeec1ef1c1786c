"""Imports every subcommand module so each registers itself on the app."""

from __future__ import annotations

from . import (  # noqa: F401
    accounts,
    answer,
    areas,
    bench,
    check,
    compare,
    demo,
    explain,
    generate,
    publish,
    solve,
    validate,
    versions,
)
