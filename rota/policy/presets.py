"""Named policy presets shipped as TOML, and loading a policy file over one."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .settings import Policy

PRESET_DIR = "presets"


class PolicyError(ValueError):
    """A policy file or preset that cannot be used."""


def preset_names() -> list[str]:
    """Names of the shipped presets."""
    folder = resources.files(__package__).joinpath(PRESET_DIR)
    return sorted(
        p.name.removesuffix(".toml")
        for p in folder.iterdir()
        if p.name.endswith(".toml")
    )


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_preset(name: str) -> dict[str, Any]:
    if name not in preset_names():
        raise PolicyError(
            f"no policy preset '{name}'; presets: {', '.join(preset_names())}"
        )
    text = resources.files(__package__).joinpath(PRESET_DIR, f"{name}.toml").read_text()
    return tomllib.loads(text)


def _build(data: dict[str, Any], source: str) -> Policy:
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"{source}: {'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
            for err in exc.errors()
        ]
        raise PolicyError("\n".join(lines)) from None


def load_policy(spec: str | Path | None = None) -> Policy:
    """A preset by name, or a TOML file laid over its ``base`` preset (balanced).

    Parameters
    ----------
    spec
        ``None`` for the default (balanced), a preset name, or a path to a TOML
        file. A file may name ``base = "<preset>"``; its values override the base.
        A file without a ``name`` is named after the file (its stem).
    """
    if spec is None:
        return _build(_read_preset("balanced"), "balanced")
    path = Path(spec)
    if path.suffix != ".toml" and not path.exists():
        return _build(_read_preset(str(spec)), str(spec))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise PolicyError(f"{path.name}: file not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path.name}: not valid TOML ({exc})") from None
    base = data.pop("base", "balanced")
    # The file's own name, not its base's: two files on one base stay apart.
    data.setdefault("name", path.stem)
    merged = _merge(_read_preset(str(base)), data)
    return _build(merged, path.name)
