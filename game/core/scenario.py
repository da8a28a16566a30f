"""Scenarios: the validated, immutable rule data a game is played with.

A scenario arrives as a plain mapping (the shell reads it from TOML); `parse_scenario`
checks every field and returns a `Scenario` or raises `ScenarioError` naming the
source, the field and the problem. Nothing is half-built: either every field is valid
or no `Scenario` exists. Schedules are expanded to one value per year here, so the
rules never compute growth curves during play.

A `Scenario` is deeply immutable — its mappings are read-only views, its lists tuples — so
that a bot handed one in its observation cannot change the rules of the game it plays.
`Scenario.data()` gives a fresh, editable copy of the mapping it was parsed from.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .actions import Word
from .effects import CONDITION_TESTS, EFFECT_PARAMS
from .errors import Problem, ScenarioError
from .pots import BASIS_POINTS

SCENARIO_FORMAT = 1
VENDORS = ("nvidia", "amd")
NVIDIA, AMD = 0, 1
DOMAINS = ("algorithms", "data", "talent", "energy", "hardware")
class Betting(Word):
    """The betting structure (DESIGN.md §1.5)."""

    NO_LIMIT = "no_limit"
    POT_LIMIT = "pot_limit"
    FIXED_LIMIT = "fixed_limit"


BETTING_STRUCTURES = tuple(Betting)
# As module names: reading a member through its class (Betting.NO_LIMIT) is ten times slower in Python 3.11.
NO_LIMIT, POT_LIMIT, FIXED_LIMIT = Betting.NO_LIMIT, Betting.POT_LIMIT, Betting.FIXED_LIMIT
FLAGSHIP, EXPORT = "flagship", "export"
CHIP_TIERS = (FLAGSHIP, EXPORT)  # export: the cut-down chip an export-restricted firm may buy instead
LANGUAGES = ("en", "de")
MIN_SEATS, MAX_SEATS = 2, 8
EVENTS_PER_YEAR = 4

# The ranges every number of a scenario must keep (docs/scenarios.md), chosen so that no sum,
# product or price the rules compute in any year can overflow, divide by zero or round a
# purchase to no compute at all: money stays an exact int far below 2**53 and far inside floats.
MONEY_MAX = 10**9  # $M: cash, income, ante, base market, costs, in every year
H100E_MAX = 1e12  # H100e: supply, starting lots, thresholds
CHIP_H100E = (0.001, 1000.0)  # H100e per chip
CHIP_PRICE_USD = (1.0, 1e9)  # all-in US dollars per chip
POWER_W_MAX = 10**7
OPEX_USD_MAX = 1e6  # US dollars per H100e-year
FACTOR_RANGE = (0.01, 10.0)  # an event's multiplier
SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")  # ids: safe in a file name, a URL and a command line

@dataclass(frozen=True, slots=True)
class Chip:
    """A chip a vendor sells in one year, at its all-in price: the flagship, or the
    export-grade chip (e.g. H800, H20) that export-restricted firms buy instead."""

    vendor: str
    year: int
    name: str
    h100e: float  # spec H100-equivalents per chip (dense BF16 ratio)
    price_usd: float  # all-in price per chip: chip, servers, network, building
    power_w: int
    first_year: int
    tier: str = FLAGSHIP
    usd_per_h100e: float = field(init=False, repr=False)  # its base price per spec H100e (every purchase reads it)

    def __post_init__(self) -> None:
        object.__setattr__(self, "usd_per_h100e", self.price_usd / self.h100e)


Catalogue = tuple[tuple[Chip | None, ...], tuple[Chip | None, ...]]  # [vendor][year index]


@dataclass(frozen=True, slots=True)
class StartingLot:
    year: int
    vendor: str
    chip: str
    h100e: float
    cost: int  # $M paid


@dataclass(frozen=True, slots=True)
class FirmProfile:
    id: str
    name: str
    cash: int  # $M at the start
    income: tuple[int, ...]  # $M base income per scenario year
    amd_pct: int  # starting procurement mix
    lots: tuple[StartingLot, ...]
    export_restricted: bool = False  # buys export-grade chips only (public knowledge)


@dataclass(frozen=True, slots=True)
class Condition:
    """All tests must hold. `tests` is a tuple of (test name, value) pairs."""

    tests: tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class RDCard:
    id: str
    title: Mapping[str, str]
    domain: str
    points: int
    condition: Condition | None = None
    condition_points: int = 0  # points instead of `points` when the condition holds


@dataclass(frozen=True, slots=True)
class Effect:
    kind: str
    vendor: int = -1  # index into VENDORS
    factor: float = 1.0
    delta: float = 0.0
    domain: str = ""
    points: float = 0.0
    condition: Condition | None = None


@dataclass(frozen=True, slots=True)
class EventCard:
    id: str
    title: Mapping[str, str]
    effects: tuple[Effect, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Scenario:
    """Everything a game's rules read, expanded per year (index 0 = first year)."""

    id: str
    title: Mapping[str, str]
    notes: Mapping[str, tuple[str, ...]]
    first_year: int
    last_year: int
    betting: str  # a Betting; its text ("no_limit") is the same structure, as a member equals its text
    race_mode: bool
    agi_threshold_h100e: float
    agi_prize_share: float  # the AGI winner adds this × the other firms' net worth to its own
    lifetime: int
    market_share_bp: int  # market share of spend in basis points (exact integer maths)
    compute_weight: float
    funding: bool
    max_raise_pct: int
    hype_winner: float
    hype_leader: float
    hype_other: float
    investor_return_bp: int  # the investors' preference grows by this every year, in basis points
    opex: bool
    opex_usd_per_h100e: float
    ante: tuple[int, ...]
    base_market: tuple[int, ...]
    amd_efficiency: tuple[float, ...]
    scarcity: tuple[float, float]
    supply: tuple[tuple[float, ...], tuple[float, ...]]
    chips: Catalogue  # the flagships
    export_chips: Catalogue  # the export-grade chips
    profiles: tuple[FirmProfile, ...]
    rd_deck: tuple[str, ...]  # card ids, copies expanded, in file order
    event_deck: tuple[str, ...]
    rd_cards: Mapping[str, RDCard]
    events: Mapping[str, EventCard]
    source: Mapping[str, Any] = field(repr=False)  # the mapping it was parsed from, read-only (see `data`)
    profiles_by_id: Mapping[str, FirmProfile] = field(init=False, repr=False)
    export_restricted: frozenset[str] = field(init=False, repr=False)  # profile ids

    def __post_init__(self) -> None:
        object.__setattr__(self, "profiles_by_id", MappingProxyType({profile.id: profile for profile in self.profiles}))
        object.__setattr__(self, "export_restricted",
                           frozenset(profile.id for profile in self.profiles if profile.export_restricted))

    def data(self) -> dict[str, Any]:
        """An editable copy of the mapping the scenario was parsed from (for a variant, or for JSON)."""
        editable: dict[str, Any] = thawed(self.source)
        return editable

    def catalogue(self, profile_id: str) -> Catalogue:
        """The chips the firm `profile_id` may buy, [vendor][year index]: the export-grade
        ones if it is export-restricted, else the flagships."""
        return self.export_chips if profile_id in self.export_restricted else self.chips

    @property
    def years(self) -> int:
        return self.last_year - self.first_year + 1

    def profile(self, profile_id: str) -> FirmProfile | None:
        return self.profiles_by_id.get(profile_id)

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Scenario) and self.source == other.source)

    def __hash__(self) -> int:
        return hash(self.id)


def thawed(value: Any) -> Any:
    """An editable deep copy of scenario data: every mapping a dict, every sequence a list."""
    if isinstance(value, Mapping):
        return {key: thawed(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [thawed(item) for item in value]
    return value


def frozen(value: Any) -> Any:
    """A read-only deep copy of scenario data: every mapping a read-only view, every list a tuple."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(frozen(item) for item in value)
    return value


# --------------------------------------------------------------------------- parsing

_MISSING = object()


class _Table:
    """A mapping being validated; knows its path for error messages."""

    def __init__(self, data: Any, source: str, path: str, known: set[str] | None = None) -> None:
        self.source = source
        self.path = path
        if not isinstance(data, Mapping):
            raise self.error(Problem.of("scenario_problem.not_a_table", "must be a table, got {got}", got=_kind(data)),
                             path or "(top level)")
        self.data = data
        self.used: set[str] = set()
        # Every field path read anywhere in the file, to suggest where a misplaced field belongs.
        self.known = known if known is not None else set()
        self.pattern = re.sub(r"\[\d+\]", "", path)  # the path without list indices, as `known` holds it

    def child(self, data: Any, path: str) -> _Table:
        return _Table(data, self.source, path, self.known)

    def where(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def error(self, problem: Problem, field_path: str | None = None) -> ScenarioError:
        return ScenarioError(self.source, field_path if field_path is not None else self.path, problem)

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        self.used.add(key)
        self.known.add(f"{self.pattern}.{key}" if self.pattern else key)
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise self.error(MISSING, self.where(key))
        return default

    def table(self, key: str, default: Any = _MISSING) -> _Table:
        value = self.raw(key, {} if default is not _MISSING else _MISSING)
        return self.child(value, self.where(key))

    def integer(self, key: str, *, low: int | None = None, high: int | None = None, default: Any = _MISSING) -> int:
        return _check_int(self.raw(key, default), self, self.where(key), low, high)

    def number(self, key: str, *, low: float | None = None, high: float | None = None,
               above: float | None = None, default: Any = _MISSING) -> float:
        return _check_number(self.raw(key, default), self, self.where(key), low, high, above)

    def text(self, key: str, *, choices: Sequence[str] | None = None, default: Any = _MISSING) -> str:
        value = self.raw(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.error(Problem.of("scenario_problem.not_text", "must be non-empty text, got {got}",
                                        got=_kind(value)), self.where(key))
        _check_characters(value, self, self.where(key))
        if choices is not None and value not in choices:
            raise self.error(Problem.of("scenario_problem.not_a_choice", "must be one of {choices}; got '{given}'"
                                        "{suggestion}", choices=tuple(choices), given=value,
                                        suggestion=_suggest(value, choices)), self.where(key))
        return value

    def slug(self, key: str) -> str:
        value = self.text(key)
        if not SLUG.fullmatch(value):
            raise self.error(Problem.of("scenario_problem.not_a_slug", "must be a short name of letters, digits, "
                                        "- and _ (at most 40, starting with a letter or digit), got '{given}'",
                                        given=f"{value:.60}"), self.where(key))
        return value

    def flag(self, key: str, default: Any = _MISSING) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.error(Problem.of("scenario_problem.not_a_flag", "must be true or false, got {got}",
                                        got=_kind(value)), self.where(key))
        return value

    def array(self, key: str, default: Any = _MISSING) -> list[Any]:
        value = self.raw(key, default)
        if not isinstance(value, list):
            raise self.error(Problem.of("scenario_problem.not_a_list", "must be a list, got {got}", got=_kind(value)),
                             self.where(key))
        return value

    def languages(self, key: str) -> Mapping[str, str]:
        table = self.table(key)
        texts = {lang: table.text(lang) for lang in LANGUAGES}
        table.refuse_unknown()
        return MappingProxyType(texts)

    def refuse_unknown(self) -> None:
        for key in self.data:
            if key not in self.used:
                raise self.error(Problem.of("scenario_problem.unknown_field", "unknown field{suggestion}",
                                            suggestion=self._suggest_field(str(key))), self.where(str(key)))

    def _suggest_field(self, key: str) -> Problem | str:
        """A close name in this table, else a close field elsewhere (e.g. 'antee' -> 'schedules.ante')."""
        here = difflib.get_close_matches(key, list(self.used), n=1, cutoff=0.75)
        if here:
            return _did_you_mean(here[0])
        by_leaf = {path.rsplit(".", 1)[-1]: path for path in sorted(self.known)}
        elsewhere = difflib.get_close_matches(key, list(by_leaf), n=1, cutoff=0.75)
        if elsewhere:
            return _did_you_mean(by_leaf[elsewhere[0]])
        return _suggest(key, list(self.used))


MISSING = Problem.of("scenario_problem.missing", "is missing")
_A_LIST = Problem.of("scenario_problem.got_list", "a list")
_A_TABLE = Problem.of("scenario_problem.got_table", "a table")


def _kind(value: Any) -> Problem:
    """What a wrong value is, for "got ..." in a problem."""
    if isinstance(value, bool):
        return Problem.of("scenario_problem.got_flag", "{value} (true/false)", value=str(value).lower())
    if isinstance(value, (int, float)):
        return Problem.of("scenario_problem.got_number", "the number {value}", value=value)
    if isinstance(value, str):
        return Problem.of("scenario_problem.got_text", "the text '{value}'", value=value)
    if isinstance(value, list):
        return _A_LIST
    if isinstance(value, Mapping):
        return _A_TABLE
    return Problem.of("scenario_problem.got_other", "{type}", type=type(value).__name__)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # line breaks and tabs are text


def _check_characters(value: str, table: _Table, where: str) -> None:
    """Refuse a control character or half a surrogate pair: no screen can show one (and pygame refuses NUL)."""
    found = _CONTROL.search(value)
    if found:
        raise table.error(Problem.of("scenario_problem.control_character", "must not contain control characters "
                                     "(found {code})", code=f"U+{ord(found.group()):04X}"), where)


def _did_you_mean(name: str) -> Problem:
    return Problem.of("scenario_problem.did_you_mean", " (did you mean '{name}'?)", name=name)


def _suggest(word: str, choices: Sequence[str]) -> Problem | str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return _did_you_mean(close[0]) if close else ""


def _too_small(least: float, value: float) -> Problem:
    return Problem.of("scenario_problem.too_small", "must be at least {least}, got {given}", least=least, given=value)


def _too_large(most: float, value: float) -> Problem:
    return Problem.of("scenario_problem.too_large", "must be at most {most}, got {given}", most=most, given=value)


def _check_int(value: Any, table: _Table, where: str, low: int | None, high: int | None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise table.error(Problem.of("scenario_problem.not_whole", "must be a whole number, got {got}",
                                     got=_kind(value)), where)
    if low is not None and value < low:
        raise table.error(_too_small(low, value), where)
    if high is not None and value > high:
        raise table.error(_too_large(high, value), where)
    return value


def _check_number(value: Any, table: _Table, where: str, low: float | None, high: float | None,
                  above: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (isinstance(value, float)
                                                                          and not math.isfinite(value)):
        raise table.error(Problem.of("scenario_problem.not_a_number", "must be a number, got {got}",
                                     got=_kind(value)), where)
    if low is not None and value < low:
        raise table.error(_too_small(low, value), where)
    if above is not None and value <= above:
        raise table.error(Problem.of("scenario_problem.not_above", "must be greater than {above}, got {given}",
                                     above=above, given=value), where)
    if high is not None and value > high:
        raise table.error(_too_large(high, value), where)
    return float(value)


def _basis_points(table: _Table, key: str, *, high: float, default: Any = _MISSING) -> int:
    """A fraction (0.6 means 60 %) as whole basis points: the rules pay shares exactly in integer
    maths, so a fraction with more than 4 decimals is refused rather than silently rounded."""
    value = table.raw(key, default)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 < value <= 100 and high <= 1:
        raise table.error(Problem.of("scenario_problem.not_a_fraction", "must be a fraction from 0 to 1 (0.6 means "
                                     "60 %), got {given}", given=value), table.where(key))
    fraction = table.number(key, low=0.0, high=high, default=default)
    points = round(fraction * BASIS_POINTS)
    if abs(fraction * BASIS_POINTS - points) > 1e-6:
        raise table.error(Problem.of("scenario_problem.too_many_decimals", "has more than 4 decimals, got {given}; "
                                     "shares are exact to 0.0001 (0.01 %)", given=value), table.where(key))
    return points


def _schedule(parent: _Table, key: str, years: int, first_year: int, *, money: bool, low: float,
              high: float) -> tuple[Any, ...]:
    """A per-year schedule: a list with one value per year, or {first, growth}; every year's value
    (after growth, and for money after rounding to whole $M) must lie in [low, high]."""
    value = parent.raw(key)
    where = parent.where(key)
    if isinstance(value, list):
        if len(value) != years:
            raise parent.error(Problem.of("scenario_problem.wrong_length", "lists {count} values but the scenario "
                                          "has {years} years", count=len(value), years=years), where)
        if money:
            return tuple(_check_int(v, parent, f"{where}[{i}]", int(low), int(high)) for i, v in enumerate(value))
        return tuple(_check_number(v, parent, f"{where}[{i}]", low, high) for i, v in enumerate(value))
    table = parent.child(value, where)
    if money:
        first: float = table.integer("first", low=int(low), high=int(high))
    else:
        first = table.number("first", low=low, high=high)
    growth = table.number("growth", above=0.0, high=GROWTH_MAX)
    table.refuse_unknown()
    values = [_grown(first, growth, k) for k in range(years)]
    if money:
        values = [int(round(v)) if v <= high else v for v in values]
    _check_years(table, "growth", values, first_year, low, high)
    return tuple(values)


GROWTH_MAX = 100.0  # a factor per year; what it reaches over the years is checked against the field's range


def _grown(first: float, growth: float, years: int) -> float:
    """first × growth^years, as the rules have always computed it (inf where that overflows)."""
    try:
        return first * growth**years
    except OverflowError:
        return math.inf


def _check_years(table: _Table, key: str, values: Sequence[float], first_year: int, low: float, high: float) -> None:
    """Refuse a schedule that leaves its range in some year, naming the first such year."""
    for index, value in enumerate(values):
        if value > high:
            raise table.error(Problem.of("scenario_problem.grows_past", "grows past {most} in {year}", most=high,
                                         year=first_year + index), table.where(key))
        if value < low:
            raise table.error(Problem.of("scenario_problem.falls_below", "falls below {least} in {year}", least=low,
                                         year=first_year + index), table.where(key))


def _condition(table: _Table, *, allow_points: bool) -> tuple[Condition, int]:
    tests = []
    points = 0
    for key in table.data:
        if key == "points" and allow_points:
            points = table.integer("points", low=-10, high=10)
            continue
        if key not in CONDITION_TESTS:
            raise table.error(Problem.of("scenario_problem.unknown_test", "unknown condition test{suggestion}",
                                         suggestion=_suggest(str(key), list(CONDITION_TESTS))), table.where(str(key)))
        kind = CONDITION_TESTS[key]
        if kind == "percent":
            value: Any = table.number(key, low=0, high=100)
        elif kind == "h100e":
            value = table.number(key, low=0, high=H100E_MAX)
        elif kind == "money":
            value = table.integer(key, low=0, high=MONEY_MAX)
        elif kind == "bool":
            value = table.flag(key)
        else:
            value = table.text(key, choices=DOMAINS)
        tests.append((key, value))
    if not tests:
        raise table.error(Problem.of("scenario_problem.no_test",
                                     "needs at least one test, e.g. amd_share_at_least = 50"))
    if allow_points and "points" not in table.data:
        raise table.error(MISSING, table.where("points"))
    return Condition(tuple(tests)), points


def _effect(table: _Table) -> Effect:
    kind = table.text("kind", choices=tuple(EFFECT_PARAMS))
    values: dict[str, Any] = {"kind": kind}
    for param in EFFECT_PARAMS[kind]:
        if param == "vendor":
            values["vendor"] = VENDORS.index(table.text("vendor", choices=VENDORS))
        elif param == "factor":
            values["factor"] = table.number("factor", low=FACTOR_RANGE[0], high=FACTOR_RANGE[1])
        elif param == "delta":
            values["delta"] = table.number("delta", low=-5.0, high=5.0)
        elif param == "domain":
            values["domain"] = table.text("domain", choices=DOMAINS)
        elif param == "points":
            values["points"] = table.number("points", low=-20.0, high=20.0)
    if kind == "firm_bonus" and "condition" in table.data:
        values["condition"], _ = _condition(table.table("condition"), allow_points=False)
    table.refuse_unknown()
    return Effect(**values)


def _check_export_chips(firm: _Table, name: str, export_chips: list[list[Chip | None]], first_year: int) -> None:
    """An export-restricted firm buys only export-grade chips, so every year needs one from
    some vendor: a year without any would leave it nothing to stake its money on."""
    for index, offers in enumerate(zip(*export_chips, strict=True)):
        if not any(offers):
            raise firm.error(Problem.of("scenario_problem.no_export_chip", "{firm} is export-restricted, but no vendor "
                                        "sells an export-grade chip (tier = \"export\") in {year}; every year it "
                                        "plays needs one", firm=name, year=first_year + index),
                             firm.where("export_restricted"))


def _unique_id(table: _Table, seen: set[str]) -> str:
    ident = table.slug("id")
    if ident in seen:
        raise table.error(Problem.of("scenario_problem.used_twice", "'{id}' is used twice", id=ident),
                          table.where("id"))
    seen.add(ident)
    return ident


def _items(parent: _Table, key: str) -> list[_Table]:
    return [parent.child(item, f"{parent.where(key)}[{i}]") for i, item in enumerate(parent.array(key))]


def parse_scenario(data: Mapping[str, Any], source: str = "<scenario>") -> Scenario:
    """Validate a scenario mapping (as read from TOML) and build a `Scenario`.

    >>> parse_scenario({"id": "x"}, "x.toml")
    Traceback (most recent call last):
      ...
    game.core.errors.ScenarioError: x.toml: field 'format': is missing
    """
    data = thawed(data)  # the scenario keeps its own copy of its source, read-only in the end
    top = _Table(data, source, "")
    version = top.integer("format")
    if version != SCENARIO_FORMAT:
        raise top.error(Problem.of("scenario_problem.wrong_format", "this version of Table Stakes reads format "
                                   "{supported}, got {given}", supported=SCENARIO_FORMAT, given=version), "format")
    scenario_id = top.slug("id")
    title = top.languages("title")
    notes_table = top.table("notes")
    notes = {}
    for lang in LANGUAGES:
        items = notes_table.array(lang)
        if not items or not all(isinstance(n, str) and n.strip() for n in items):
            raise notes_table.error(Problem.of("scenario_problem.not_texts", "must be a non-empty list of texts"),
                                    notes_table.where(lang))
        for index, note in enumerate(items):
            _check_characters(note, notes_table, f"{notes_table.where(lang)}[{index}]")
        notes[lang] = tuple(items)
    notes_table.refuse_unknown()

    years_table = top.table("years")
    first_year = years_table.integer("first", low=1900, high=3000)
    last_year = years_table.integer("last", high=first_year + 49)
    if last_year < first_year:
        raise years_table.error(Problem.of("scenario_problem.before_first_year", "must be at least years.first "
                                           "({first}), got {given}", first=first_year, given=last_year),
                                years_table.where("last"))
    years_table.refuse_unknown()
    years = last_year - first_year + 1

    rules = top.table("rules")
    betting = Betting(rules.text("betting", choices=BETTING_STRUCTURES))
    race_mode = rules.flag("race_mode")
    agi = rules.number("agi_threshold_h100e", above=0.0, high=H100E_MAX)
    agi_prize_share = rules.number("agi_prize_share", low=0.0, high=10.0, default=1.0)
    lifetime = rules.integer("chip_lifetime_years", low=1, high=20)
    share_bp = _basis_points(rules, "market_share_of_spend", high=1.0)
    compute_weight = rules.number("compute_weight", low=0.0, high=10.0, default=1.0)
    rules.refuse_unknown()

    funding = top.table("funding")
    funding_on = funding.flag("enabled")
    max_raise_pct = funding.integer("max_raise_pct", low=0, high=100)
    hype_winner = funding.number("hype_winner", low=0.0, high=10.0)
    hype_leader = funding.number("hype_leader", low=0.0, high=10.0)
    hype_other = funding.number("hype_other", low=0.0, high=10.0)
    investor_return_bp = _basis_points(funding, "investor_return", high=10.0, default=0.15)
    funding.refuse_unknown()

    opex = top.table("opex")
    opex_on = opex.flag("enabled")
    opex_usd = opex.number("usd_per_h100e_year", low=0.0, high=OPEX_USD_MAX)
    opex.refuse_unknown()

    schedules = top.table("schedules")
    ante = _schedule(schedules, "ante", years, first_year, money=True, low=1, high=MONEY_MAX)
    base_market = _schedule(schedules, "base_market", years, first_year, money=True, low=0, high=MONEY_MAX)
    amd_efficiency = _schedule(schedules, "amd_efficiency", years, first_year, money=False, low=0.0, high=2.0)
    schedules.refuse_unknown()

    market = top.table("market")
    scarcity = []
    supply = []
    for vendor in VENDORS:
        vendor_table = market.table(vendor)
        scarcity.append(vendor_table.number("scarcity", low=0.0, high=10.0))
        supply_values = _schedule(vendor_table, "supply", years, first_year, money=False, low=1.0, high=H100E_MAX)
        supply.append(supply_values)
        vendor_table.refuse_unknown()

    chips: list[list[Chip | None]] = [[None] * years for _ in VENDORS]
    export_chips: list[list[Chip | None]] = [[None] * years for _ in VENDORS]
    for item in _items(market, "chips"):
        vendor = item.text("vendor", choices=VENDORS)
        year = item.integer("year", low=first_year, high=last_year)
        tier = item.text("tier", choices=CHIP_TIERS, default=FLAGSHIP)
        chip = Chip(
            vendor=vendor,
            year=year,
            name=item.text("name"),
            h100e=item.number("h100e", low=CHIP_H100E[0], high=CHIP_H100E[1]),
            price_usd=item.number("price_usd", low=CHIP_PRICE_USD[0], high=CHIP_PRICE_USD[1]),
            power_w=item.integer("power_w", low=1, high=POWER_W_MAX),
            first_year=item.integer("first_year", low=1900, high=year),
            tier=tier,
        )
        item.refuse_unknown()
        slot = (chips if tier == FLAGSHIP else export_chips)[VENDORS.index(vendor)]
        if slot[year - first_year] is not None:
            if tier == FLAGSHIP:
                twice = Problem.of("scenario_problem.chip_twice", "{vendor} already has a chip for {year}",
                                   vendor=vendor, year=year)
            else:
                twice = Problem.of("scenario_problem.export_chip_twice", "{vendor} already has an export-grade chip "
                                   "for {year}", vendor=vendor, year=year)
            raise item.error(twice, item.where("year"))
        slot[year - first_year] = chip
    for index in range(years):
        if chips[NVIDIA][index] is None and chips[AMD][index] is None:
            raise market.error(Problem.of("scenario_problem.no_chip", "no vendor sells a chip in {year}; every year "
                                          "needs at least one", year=first_year + index), market.where("chips"))
    market.refuse_unknown()

    profiles = []
    seen_firms: set[str] = set()
    for item in _items(top, "firms"):
        firm_id = _unique_id(item, seen_firms)
        name = item.text("name")
        cash = item.integer("cash", low=0, high=MONEY_MAX)
        income_first = item.integer("income", low=0, high=MONEY_MAX)
        growth = item.number("income_growth", low=-0.5, high=2.0)
        amd_pct = item.integer("amd_pct", low=0, high=100, default=0)
        restricted = item.flag("export_restricted", default=False)
        if restricted:
            _check_export_chips(item, name, export_chips, first_year)
        lots = []
        for lot_item in _items(item, "lots") if "lots" in item.data else []:
            vendor = lot_item.text("vendor", choices=VENDORS)
            lots.append(StartingLot(
                year=lot_item.integer("year", low=first_year - 50, high=first_year),
                vendor=vendor,
                chip=lot_item.text("chip"),
                h100e=lot_item.number("h100e", above=0.0, high=H100E_MAX),
                cost=lot_item.integer("cost", low=0, high=MONEY_MAX),
            ))
            lot_item.refuse_unknown()
        item.used.add("lots")
        item.refuse_unknown()
        grown = [_grown(income_first, 1 + growth, k) for k in range(years)]
        _check_years(item, "income_growth", grown, first_year, 0, MONEY_MAX)
        income = tuple(int(round(value)) for value in grown)
        profiles.append(FirmProfile(firm_id, name, cash, income, amd_pct, tuple(lots), restricted))
    if len(profiles) < MIN_SEATS:
        raise top.error(Problem.of("scenario_problem.too_few_firms", "lists {count} firm(s); a game needs at least "
                                   "{least}", count=len(profiles), least=MIN_SEATS), "firms")

    rd_cards: dict[str, RDCard] = {}
    rd_deck: list[str] = []
    card_ids: set[str] = set()
    for item in _items(top, "rd_cards"):
        card_id = _unique_id(item, card_ids)
        condition, condition_points = (None, 0)
        if "condition" in item.data:
            condition, condition_points = _condition(item.table("condition"), allow_points=True)
        card = RDCard(
            id=card_id,
            title=item.languages("title"),
            domain=item.text("domain", choices=DOMAINS),
            points=item.integer("points", low=-10, high=10),
            condition=condition,
            condition_points=condition_points,
        )
        copies = item.integer("copies", low=1, high=50, default=1)
        item.refuse_unknown()
        rd_cards[card_id] = card
        rd_deck.extend([card_id] * copies)
    if len(rd_deck) < 2 * MIN_SEATS:
        raise top.error(Problem.of("scenario_problem.too_few_cards", "holds {count} card(s); two seats need at least "
                                   "{least}", count=len(rd_deck), least=2 * MIN_SEATS), "rd_cards")

    events: dict[str, EventCard] = {}
    event_deck: list[str] = []
    event_ids: set[str] = set()
    for item in _items(top, "events"):
        event_id = _unique_id(item, event_ids)
        effect_items = _items(item, "effects")
        if not effect_items:
            raise item.error(Problem.of("scenario_problem.no_effect", "must list at least one effect"),
                             item.where("effects"))
        event = EventCard(event_id, item.languages("title"), tuple(_effect(e) for e in effect_items))
        copies = item.integer("copies", low=1, high=50, default=1)
        item.refuse_unknown()
        events[event_id] = event
        event_deck.extend([event_id] * copies)
    if len(event_deck) < EVENTS_PER_YEAR:
        raise top.error(Problem.of("scenario_problem.too_few_events", "holds {count} event(s); a year reveals "
                                   "{least}", count=len(event_deck), least=EVENTS_PER_YEAR), "events")
    top.refuse_unknown()

    return Scenario(
        id=scenario_id, title=title, notes=MappingProxyType(notes), first_year=first_year, last_year=last_year,
        betting=betting, race_mode=race_mode, agi_threshold_h100e=agi, agi_prize_share=agi_prize_share,
        lifetime=lifetime, market_share_bp=share_bp, compute_weight=compute_weight,
        funding=funding_on, max_raise_pct=max_raise_pct,
        hype_winner=hype_winner, hype_leader=hype_leader, hype_other=hype_other,
        investor_return_bp=investor_return_bp,
        opex=opex_on, opex_usd_per_h100e=opex_usd,
        ante=ante, base_market=base_market, amd_efficiency=amd_efficiency,
        scarcity=(scarcity[0], scarcity[1]), supply=(supply[0], supply[1]),
        chips=(tuple(chips[0]), tuple(chips[1])), export_chips=(tuple(export_chips[0]), tuple(export_chips[1])),
        profiles=tuple(profiles), rd_deck=tuple(rd_deck), event_deck=tuple(event_deck),
        rd_cards=MappingProxyType(rd_cards), events=MappingProxyType(events), source=frozen(data),
    )
