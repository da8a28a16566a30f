"""UI strings: every text the client shows comes from assets/locale/ui/<lang>/*.toml.

A language is a folder; its files are merged (one per part of the game, so that parts can
grow apart), and no key may be defined twice.
"""

from __future__ import annotations

import locale as system_locale
import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from game.content.text import MINUS, Locale, load_locale, number

UI_LOCALE_DIR = Path(__file__).resolve().parents[2] / "assets" / "locale" / "ui"
FALLBACK = "en"

_language = FALLBACK


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
    """The UI phrases of `lang`, keyed by dotted path (e.g. "title.new_game")."""
    folder = UI_LOCALE_DIR / lang
    if lang not in ui_languages():
        raise ValueError(f"unknown language {lang!r}; the client speaks: {', '.join(ui_languages())}")
    templates: dict[str, str] = {}
    for path in sorted(folder.glob("*.toml")):
        with path.open("rb") as file:
            _flatten(tomllib.load(file), "", templates, f"ui/{lang}/{path.name}")
    return Locale(lang, templates, f"ui/{lang}")


def set_language(lang: str) -> None:
    global _language
    ui_locale(lang)  # refuse an unknown language before switching
    _language = lang


def language() -> str:
    return _language


def t(key: str, **values: Any) -> str:
    """The UI text `key` in the current language, filled with `values`."""
    return ui_locale(_language).text(key, **values)


def system_language() -> str:
    """The user's language if the client speaks it, else English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in ui_languages() else FALLBACK
    code = (system_locale.getlocale()[0] or "").split("_")[0].lower()
    return code if code in ui_languages() else FALLBACK


def fixed(value: float, decimals: int, lang: str) -> str:
    """A number with exactly `decimals` decimals and the language's separators: "12.5" / "12,5"
    (game.content.text.number drops trailing zeros; a table of scores should not)."""
    rules = load_locale(lang)
    digits = f"{abs(value):,.{decimals}f}"
    digits = (digits.replace(",", "\0").replace(".", rules.get("format.decimal"))
              .replace("\0", rules.get("format.thousands")))
    return (MINUS if round(value, decimals) < 0 else "") + digits


def dollars(amount: float | str, lang: str) -> str:
    """Plain US dollars (not millions), with the sign where the language's money pattern puts
    it: "$50,000" / "50.000 $". `amount` may be a number or an already formatted range."""
    digits = amount if isinstance(amount, str) else number(amount, lang)
    return f"${digits}" if load_locale(lang).get("format.money").lstrip().startswith("$") else f"{digits} $"
