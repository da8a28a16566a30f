"""The client's language: every text it shows comes from the UI locale of the current language
(`game.content.locale`), looked up by key with `t`.
"""

from __future__ import annotations

from typing import Any

from game.content.locale import FALLBACK, ui_locale
from game.content.text import MINUS, load_locale, number

_language = FALLBACK


def set_language(lang: str) -> None:
    global _language
    ui_locale(lang)  # refuse an unknown language before switching
    _language = lang


def language() -> str:
    return _language


def t(key: str, **values: Any) -> str:
    """The UI text `key` in the current language, filled with `values`."""
    return ui_locale(_language).text(key, **values)


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
