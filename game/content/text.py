"""Rules text for R&D cards and market events, generated from their scenario data.

A card or event in a scenario file is data: a title plus points, effects and
conditions. What it *does* is written out here, in English or German, from exactly
that data, so the text can never promise something the rules do not do. The phrases
live in locale files (``assets/locale/<lang>.toml``); this module only picks and
fills them.

Typography, the same in every language: a space before the percent sign ("+40 %",
German style, kept in English for one look), a real minus sign U+2212 for negative
numbers ("−25 %"), "±0" for a change of nothing, "×" for factors. Separators for
thousands and decimals, and the money pattern, come from the locale:

>>> money(1234, "en"), money(1234, "de")
('$1,234M', '1.234 Mio. $')
>>> percent_change(1.4, "en"), percent_change(0.75, "de")
('+40 %', '−25 %')
>>> number(3_000_000, "de"), number(0.3, "de")
('3.000.000', '0,3')
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from game.core.scenario import VENDORS, Condition, Effect, EventCard, RDCard

from .reader import read_toml

LOCALE_DIR = Path(__file__).resolve().parents[2] / "assets" / "locale"

PLUS = "+"
MINUS = "\u2212"  # a real minus sign, not the hyphen
PLUS_MINUS = "±"
MAX_DECIMALS = 2  # numbers are shown with at most this many decimals, trailing zeros dropped

_FORMATTER = string.Formatter()


class Locale:
    """The phrase templates of one language, keyed "table.key" (e.g. "effect.price").

    `used` collects every key looked up, so a test can show that no phrase is dead.
    """

    def __init__(self, lang: str, templates: Mapping[str, str], source: str) -> None:
        self.lang = lang
        self.source = source
        self._templates = dict(templates)
        self.used: set[str] = set()

    def keys(self) -> set[str]:
        return set(self._templates)

    def get(self, key: str) -> str:
        """The raw template for `key`."""
        try:
            template = self._templates[key]
        except KeyError:
            table, _, name = key.rpartition(".")
            raise KeyError(f"{self.source}: no phrase '{name}' in table [{table}]") from None
        self.used.add(key)
        return template

    def text(self, key: str, **values: Any) -> str:
        """Fill the template `key`. A value may be a function of no arguments: it is
        called only if the template uses it (so unused phrases are never looked up)."""
        template = self.get(key)
        filled = {}
        for _, name, _, _ in _FORMATTER.parse(template):
            if name is None or name in filled:
                continue
            if name not in values:
                available = ", ".join(sorted(values)) or "none"
                raise ValueError(f"{self.source}: phrase '{key}' uses {{{name}}}, which is not available "
                                 f"there (available: {available})")
            value = values[name]
            filled[name] = value() if callable(value) else value
        return template.format_map(filled)


def supported_languages() -> tuple[str, ...]:
    """Languages with a locale file, e.g. ('de', 'en')."""
    return tuple(sorted(path.stem for path in LOCALE_DIR.glob("*.toml")))


@cache
def load_locale(lang: str) -> Locale:
    """The phrases of `lang`, read once from assets/locale/<lang>.toml.

    >>> load_locale("de").text("vendor.nvidia")
    'Nvidia'
    >>> load_locale("fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'fr'; supported languages are: de, en
    """
    supported = supported_languages()
    if lang not in supported:
        raise ValueError(f"unknown language {lang!r}; supported languages are: {', '.join(supported)}")
    path = LOCALE_DIR / f"{lang}.toml"
    data = read_toml(path)
    templates = {}
    for table, entries in data.items():
        if not isinstance(entries, dict):
            raise ValueError(f"{path.name}: '{table}' must be a table of phrases, like [{table}] key = \"...\"")
        for name, template in entries.items():
            if not isinstance(template, str):
                raise ValueError(f"{path.name}: [{table}] {name} must be text")
            templates[f"{table}.{name}"] = template
    return Locale(lang, templates, path.name)


# --------------------------------------------------------------------------- numbers

def number(value: float, lang: str) -> str:
    """A plain number with the language's separators and at most two decimals.

    >>> number(1234567, "en"), number(1234.5, "de"), number(-0.25, "en"), number(2.0, "en")
    ('1,234,567', '1.234,5', '−0.25', '2')
    """
    locale = load_locale(lang)
    value = round(float(value), MAX_DECIMALS)
    digits = f"{abs(value):,.{MAX_DECIMALS}f}".rstrip("0").rstrip(".")
    digits = (digits.replace(",", "\0").replace(".", locale.get("format.decimal"))
              .replace("\0", locale.get("format.thousands")))
    return (MINUS if value < 0 else "") + digits


def signed(value: float, lang: str) -> str:
    """A number with its sign always shown: "+2", "−0.3", "±0".

    >>> signed(2, "en"), signed(-0.3, "de"), signed(0, "en")
    ('+2', '−0,3', '±0')
    """
    value = round(float(value), MAX_DECIMALS)
    if value == 0:
        return PLUS_MINUS + number(0, lang)
    return (PLUS if value > 0 else "") + number(value, lang)


def percent(value: float, lang: str) -> str:
    """A share in percent: "50 %"."""
    return load_locale(lang).text("format.percent", value=number(value, lang))


def percent_change(factor: float, lang: str) -> str:
    """A multiplying factor as a signed percent change: 1.4 -> "+40 %", 0.75 -> "−25 %".

    >>> percent_change(1.15, "en"), percent_change(0.7, "de"), percent_change(1.0, "en")
    ('+15 %', '−30 %', '±0 %')
    """
    return load_locale(lang).text("format.percent", value=signed((factor - 1.0) * 100.0, lang))


def times(factor: float, lang: str) -> str:
    """A factor: "×2", "×0,5"."""
    return load_locale(lang).text("format.times", value=number(factor, lang))


def money(amount_m: float, lang: str) -> str:
    """Millions of US dollars: "$1,234M" / "1.234 Mio. $"; negative amounts get a minus sign.

    >>> money(-200, "en"), money(-200, "de"), money(12_000, "de")
    ('−$200M', '−200 Mio. $', '12.000 Mio. $')
    """
    text = load_locale(lang).text("format.money", amount=number(abs(amount_m), lang))
    return (MINUS if amount_m < 0 else "") + text


def h100e(amount: float, lang: str) -> str:
    """A compute figure (the unit is in the phrase): "100,000"."""
    return number(amount, lang)


# --------------------------------------------------------------------------- names

def vendor_name(vendor: int | str, lang: str) -> str:
    """A vendor by index into VENDORS or by id: "Nvidia", "AMD"."""
    key = VENDORS[vendor] if isinstance(vendor, int) else vendor
    return load_locale(lang).text(f"vendor.{key}")


def domain_name(domain: str, lang: str) -> str:
    """An R&D domain: "Energy" / "Energie"."""
    return load_locale(lang).text(f"domain.{domain}")


def capability(points: float, lang: str) -> str:
    """Signed capability points with their unit: "+1 capability", "−2 Fähigkeitspunkte"."""
    key = "unit.capability_one" if abs(points) == 1 else "unit.capability_other"
    return load_locale(lang).text(key, points=signed(points, lang))


# --------------------------------------------------------------------------- conditions

def _test_values(test: str, value: Any, lang: str) -> tuple[str, dict[str, Callable[[], str]]]:
    """The phrase key for one condition test and the values its phrases may use."""
    locale = load_locale(lang)
    if test == "compute_leader":
        return ("compute_leader" if value else "not_compute_leader"), {}
    values: dict[str, Callable[[], str]] = {}
    if test.startswith("amd_share"):
        values["percent"] = lambda: percent(value, lang)
    elif test.startswith("compute"):
        values["h100e"] = lambda: h100e(value, lang)
    elif test.endswith("_domain"):
        values["domain"] = lambda: domain_name(value, lang)
        values["a_card"] = lambda: locale.text(f"domain_card.{value}")
    else:  # cash_at_least, staked_at_least
        values["money"] = lambda: money(value, lang)
    return test, values


def describe_condition(condition: Condition, lang: str) -> str:
    """The condition as a clause about the firm, made to follow "if" / "wenn".

    All its tests must hold, so they are joined with "and". The AMD share is the share
    of the firm's effective compute that runs on AMD chips (not its procurement mix).
    """
    locale = load_locale(lang)
    clauses = []
    for test, value in condition.tests:
        key, values = _test_values(test, value, lang)
        clauses.append(locale.text(f"condition.{key}", **values))
    return locale.get("condition.and").join(clauses)


def _firms(condition: Condition | None, lang: str) -> str:
    """The firms a bonus goes to: "every firm without an Energy card"."""
    locale = load_locale(lang)
    if condition is None:
        return locale.text("firms.all")
    phrases = []
    for test, value in condition.tests:
        key, values = _test_values(test, value, lang)
        phrases.append(locale.text(f"firms.{key}", **values))
    return locale.text("firms.every", tests=locale.get("condition.and").join(phrases))


# --------------------------------------------------------------------------- effects, events, cards

def _effect_text(effect: Effect, lang: str) -> str:
    locale = load_locale(lang)
    kind = effect.kind
    if kind == "price":
        return locale.text("effect.price", vendor=lambda: vendor_name(effect.vendor, lang),
                           change=lambda: percent_change(effect.factor, lang))
    if kind == "supply":
        text = locale.text("effect.supply", vendor=lambda: vendor_name(effect.vendor, lang),
                           change=lambda: percent_change(effect.factor, lang))
        if effect.factor == 1.0:
            return text
        # Less supply makes the scarcity surcharge climb faster with what the table buys.
        note = locale.text("effect.supply_tighter" if effect.factor < 1.0 else "effect.supply_looser")
        return locale.text("effect.with_note", effect=text, note=note)
    if kind == "market":
        return locale.text("effect.market", change=lambda: percent_change(effect.factor, lang))
    if kind == "compute_weight":
        # capability from compute = weight × 10 × log10(compute): each tenfold moves by delta × 10
        return locale.text("effect.compute_weight", delta=lambda: signed(effect.delta, lang),
                           per_tenfold=lambda: capability(round(effect.delta * 10.0, 6), lang))
    if kind == "amd_efficiency":
        key = "effect.amd_efficiency_down" if effect.delta < 0 else "effect.amd_efficiency_up"
        return locale.text(key, delta=lambda: signed(effect.delta, lang),
                           amount=lambda: number(abs(effect.delta), lang))
    if kind == "domain_factor":
        return locale.text("effect.domain_factor", domain=lambda: domain_name(effect.domain, lang),
                           factor=lambda: times(effect.factor, lang))
    if kind == "domain_bonus":
        return locale.text("effect.domain_bonus", domain=lambda: domain_name(effect.domain, lang),
                           points=lambda: capability(effect.points, lang))
    if kind == "firm_bonus":
        return locale.text("effect.firm_bonus", points=lambda: capability(effect.points, lang),
                           firms=lambda: _firms(effect.condition, lang))
    raise ValueError(f"no rules text for effect kind {kind!r}")


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_effect(effect: Effect, lang: str) -> str:
    """One event effect on its own: "Nvidia prices +40 %"."""
    return _capitalized(_effect_text(effect, lang))


def describe_event(event: EventCard, lang: str) -> str:
    """Everything a market event does, ending with how long it lasts.

    >>> from game.core.scenario import Effect, EventCard
    >>> shortage = EventCard("chip_shortage", {"en": "Chip shortage", "de": "Chipmangel"},
    ...                      (Effect("price", vendor=0, factor=1.4),))
    >>> describe_event(shortage, "en")
    'Nvidia prices +40 % for the rest of the year'
    >>> describe_event(shortage, "de")
    'Nvidia-Preise +40 % für den Rest des Jahres'
    """
    locale = load_locale(lang)
    effects = locale.get("event.separator").join(_effect_text(effect, lang) for effect in event.effects)
    return _capitalized(locale.text("event.rest_of_year", effects=effects))


def describe_card(card: RDCard, lang: str) -> str:
    """What an R&D card is worth: its points and domain, and its condition if it has one.

    >>> from game.core.scenario import Condition, RDCard
    >>> rocm = RDCard("rocm_tuning", {"en": "ROCm tuning", "de": "ROCm-Tuning"}, "hardware", 1,
    ...               Condition((("amd_share_at_least", 50),)), 4)
    >>> describe_card(rocm, "en")
    "+1 capability (Hardware); +4 instead if at least 50 % of the firm's effective compute runs on AMD chips"
    """
    locale = load_locale(lang)
    points = capability(card.points, lang)
    domain = domain_name(card.domain, lang)
    if card.condition is None:
        return _capitalized(locale.text("card.plain", points=points, domain=domain))
    return _capitalized(locale.text("card.conditional", points=points, domain=domain,
                                    condition_points=lambda: signed(card.condition_points, lang),
                                    condition=lambda: describe_condition(card.condition, lang)))


__all__ = [
    "LOCALE_DIR", "Locale", "capability", "describe_card", "describe_condition", "describe_effect",
    "describe_event", "domain_name", "h100e", "load_locale", "money", "number", "percent",
    "percent_change", "signed", "supported_languages", "times", "vendor_name",
]

