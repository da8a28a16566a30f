"""UI locales: every text the window, the debrief and its export show, from
assets/locale/ui/<lang>/*.toml.

A language is a folder; its files are merged (one per part of the game, so that parts can
grow apart), and no key may be defined twice. Read by the hardened reader (a broken file is a
`ReadError` naming it): the client's `i18n` (the current language and `t`) and the debrief's
export and command line both read them here.
"""

from __future__ import annotations

import locale as system_locale
import os
from functools import cache
from pathlib import Path

from .reader import read_toml
from .text import Locale

UI_LOCALE_DIR = Path(__file__).resolve().parents[2] / "assets" / "locale" / "ui"
FALLBACK = "en"


def ui_languages() -> tuple[str, ...]:
    return tuple(sorted(path.name for path in UI_LOCALE_DIR.iterdir() if path.is_dir() and any(path.glob("*.toml"))))


def _flatten(table: dict, prefix: str, into: dict[str, str], source: str) -> None:
    for name, value in table.items():
        key = f"{prefix}.{name}" if prefix else name
        if isinstance(value, dict):
            _flatten(value, key, into, source)
        elif isinstance(value, str):
            if key in into:
                raise ValueError(f"{source}: '{key}' is defined in two files of this language")
            into[key] = value
        else:
            raise ValueError(f"{source}: '{key}' must be text or a table of texts")


@cache
def ui_locale(lang: str) -> Locale:
    """The UI phrases of `lang`, keyed by dotted path (e.g. "title.new_game"). Raises `ValueError`
    for a language the game does not speak."""
    folder = UI_LOCALE_DIR / lang
    if lang not in ui_languages():
        raise ValueError(f"unknown language {lang!r}; the client speaks: {', '.join(ui_languages())}")
    templates: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        _flatten(read_toml(path), "", templates, f"ui/{lang}/{path.name}")
    return Locale(lang, templates, f"ui/{lang}")


def system_language() -> str:
    """The user's language if the game speaks it, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in ui_languages() else FALLBACK
    code = (system_locale.getlocale()[0] or "").split("_")[0].lower()
    return code if code in ui_languages() else FALLBACK
