"""Versioned JSON for states, actions, hand histories and a seat's view. Never pickle.

Every document carries `format` and `version`; states and histories also carry `rules`, the
version of the rulebook they were played under (DESIGN.md §1.9). Reading checks every field's
type and refuses anything else with a `CodecError` that names the field, so a corrupt or newer
file is refused cleanly instead of producing a broken state, and a game played under other
rules is refused with a message that says so instead of being replayed to a different result.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .actions import KINDS, KINDS_WITH_AMOUNT, Action, ActionKind
from .errors import CodecError, Money, Problem, RulesVersionError, TableStakesError
from .legal import LegalActions
from .observation import FirmView, Observation
from .pots import Pot
from .rules import Standing, replay, standings
from .scenario import Betting, Scenario, parse_scenario
from .state import ActionLog, Firm, LogEntry, Lot, Phase, Showdown, State, Status, record_fields

STATE_FORMAT = "table-stakes/state"
ACTION_FORMAT = "table-stakes/action"
HISTORY_FORMAT = "table-stakes/history"
VIEW_FORMAT = "table-stakes/view"
VERSION = 1
# The rulebook's version. 1: the first rules; 2: Economy v2 (funding at net worth with an investors'
# preference and takeovers, the founders' claim as score, the AGI prize, purchases priced along the
# scarcity curve, book values never below zero, TDA 47A short all-ins, the pot limit's floor).
RULES_VERSION = 2


@dataclass(frozen=True, slots=True)
class History:
    """One game's hand history: enough to replay it exactly, plus the recorded result."""

    scenario: Scenario
    seats: tuple[str, ...]
    seed: int
    actions: tuple[Action, ...]
    result: tuple[Standing, ...] = ()

    def replay(self) -> State:
        return replay(self.scenario, self.seats, self.seed, self.actions)


def history_of(state: State) -> History:
    """The hand history that replays to `state` (its result filled in once the game is over)."""
    return History(state.scenario, state.seats, state.seed, tuple(entry.action for entry in state.log),
                   standings(state) if state.is_over else ())


# --------------------------------------------------------------------------- writing

def to_json(obj: State | Action | History, *, indent: int | None = None) -> str:
    """A JSON document for a state, an action or a hand history."""
    if isinstance(obj, State):
        doc = {"format": STATE_FORMAT, "version": VERSION, "rules": RULES_VERSION, "scenario": obj.scenario.data()}
        for name in State._fields:
            if name != "scenario":
                doc[name] = _plain(getattr(obj, name))
    elif isinstance(obj, Action):
        doc = {"format": ACTION_FORMAT, "version": VERSION, "kind": obj.kind, "amount": obj.amount}
    elif isinstance(obj, History):
        doc = {"format": HISTORY_FORMAT, "version": VERSION, "rules": RULES_VERSION, "scenario": obj.scenario.data(),
               "seats": list(obj.seats), "seed": obj.seed, "actions": [list(a) for a in obj.actions],
               "result": [row._asdict() for row in obj.result]}
    else:
        raise TypeError(f"to_json takes a State, Action or History, not {type(obj).__name__}")
    return json.dumps(doc, indent=indent, ensure_ascii=False, allow_nan=False)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: _plain(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, (tuple, ActionLog)):
        return [_plain(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(value)
    return value


def view_to_json(observation: Observation, legal: LegalActions) -> str:
    """A seat's view and its legal actions as one JSON document, without the scenario: whoever reads
    it has that already (it goes once, e.g. to a bot's own process), and `view_from_json` is given it."""
    legal_doc = {name: _plain(getattr(legal, name)) for name in LegalActions._fields if name != "why_no_raise"}
    legal_doc["no_raise_reason"] = str(legal.no_raise_reason)
    doc = {"format": VIEW_FORMAT, "version": VERSION, "rules": RULES_VERSION,
           "observation": {name: _plain(getattr(observation, name)) for name in Observation._fields
                           if name != "scenario"},
           "legal": legal_doc}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False)


# --------------------------------------------------------------------------- reading

Check = Callable[[Any, str], Any]


def _fail(path: str, problem: str) -> CodecError:
    return CodecError(f"field '{path}': {problem}")


def _int(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(path, f"expected a whole number, got {value!r}")
    return value


def _count(value: Any, path: str) -> int:
    number = _int(value, path)
    if number < 0:
        raise _fail(path, f"expected a whole number ≥ 0, got {value}")
    return number


def _float(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(path, f"expected a number, got {value!r}")
    return float(value)


def _str(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _fail(path, f"expected text, got {value!r}")
    return value


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(path, f"expected true or false, got {value!r}")
    return value


def _member(enum: type[StrEnum], what: str) -> Check:
    """A check that reads one of `enum`'s values as its member."""
    def read(value: Any, path: str) -> StrEnum:
        if value not in enum.__members__.values():
            raise _fail(path, f"unknown {what} {value!r}")
        return enum(value)
    return read


def _seq(check: Check) -> Check:
    def read(value: Any, path: str) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise _fail(path, f"expected a list, got {value!r}")
        return tuple(check(item, f"{path}[{i}]") for i, item in enumerate(value))
    return read


def _pair(check: Check) -> Check:
    def read(value: Any, path: str) -> tuple[Any, ...]:
        items: tuple[Any, ...] = _seq(check)(value, path)
        if len(items) != 2:
            raise _fail(path, f"expected two values, got {len(items)}")
        return items
    return read


def _record(cls: type[tuple[Any, ...]], checks: dict[str, Check]) -> Check:
    fields = record_fields(cls)

    def read(value: Any, path: str) -> Any:
        if not isinstance(value, dict):
            raise _fail(path, f"expected an object, got {value!r}")
        missing = [name for name in fields if name not in value]
        if missing:
            raise _fail(f"{path}.{missing[0]}", "is missing")
        return cls(*(checks[name](value[name], f"{path}.{name}") for name in fields))
    return read


def _action(value: Any, path: str) -> Action:
    if not isinstance(value, list) or len(value) != 2:
        raise _fail(path, f"expected [kind, amount], got {value!r}")
    kind, amount = value
    if kind not in KINDS:
        raise _fail(path, f"unknown action kind {kind!r}")
    kind = ActionKind(kind)
    if kind in KINDS_WITH_AMOUNT:
        return Action(kind, _int(amount, f"{path}[1]"))
    if amount is not None:
        raise _fail(f"{path}[1]", f"'{kind}' takes no amount, got {amount!r}")
    return Action(kind)


_LOT = _record(Lot, {"year": _int, "vendor": _str, "chip": _str, "h100e": _float, "cost": _count})
_FIRM = _record(Firm, {
    "profile": _str, "name": _str, "cash": _count, "ownership": _float, "preference": _count, "lots": _seq(_LOT),
    "amd_pct": _count,
    "status": _member(Status, "status"), "last_sat_out": _count, "raised_this_year": _count,
    "idle_lots": _count, "exit_year": _count, "income_total": _count, "raised_total": _count,
    "opex_total": _count, "spent_total": _count, "won_total": _count,
})
_LOG_ENTRY = _record(LogEntry, {"seat": _count, "action": lambda v, p: _action(
    [v.get("kind"), v.get("amount")] if isinstance(v, dict) else v, p)})
_SHOWDOWN = _record(Showdown, {"year": _int, "seat": _count, "cards": _seq(_str), "capability": _float})
_STATE_FIELDS: dict[str, Check] = {
    "seed": _count, "year_index": _count, "phase": _member(Phase, "phase"), "quarter": _count, "button": _count,
    "to_act": _int,
    "firms": _seq(_FIRM), "acted": _count, "quarter_stakes": _seq(_count), "year_stakes": _seq(_count),
    "min_raise": _count, "full_raises": _count, "hands": _seq(_seq(_str)), "year_events": _seq(_str),
    "revealed": _count,
    "price_factor": _pair(_float), "supply_factor": _pair(_float), "bought": _pair(_float),
    "base_market": _count, "compute_weight": _float, "amd_efficiency_delta": _float, "vendor_take": _count,
    "vendor_take_by_year": _seq(_count), "base_paid": _count, "last_winners": _seq(_count),
    "valuations": _seq(_count), "funding_caps": _seq(_count),
    "agi_winners": _seq(_count), "agi_prize": _count, "over_reason": _str,
    "log": lambda value, path: ActionLog(_seq(_LOG_ENTRY)(value, path)), "showdowns": _seq(_SHOWDOWN),
}
_POT = _record(Pot, {"stakes": _count, "amount": _count, "eligible": _seq(_count)})
_FIRM_VIEW = _record(FirmView, {
    "seat": _count, "profile": _str, "name": _str, "cash": _count, "ownership": _float, "preference": _count,
    "status": _member(Status, "status"), "lots": _seq(_LOT), "effective_compute": _float, "book_value": _count,
    "amd_pct": _count, "quarter_stake": _count, "year_stake": _count, "last_sat_out": _count,
    "raised_this_year": _count, "idle_lots": _count, "exit_year": _count, "holds_cards": _bool,
    "income_total": _count, "raised_total": _count, "opex_total": _count, "spent_total": _count,
    "won_total": _count, "export_restricted": _bool,
})


def _optional(check: Check) -> Check:
    return lambda value, path: None if value is None else check(value, path)


def _seats(value: Any, path: str) -> frozenset[int]:
    return frozenset(_seq(_count)(value, path))


_OBSERVATION_FIELDS: dict[str, Check] = {
    "viewer": _optional(_count), "year": _int, "year_index": _count, "phase": _member(Phase, "phase"),
    "quarter": _count, "button": _count, "to_act": _int, "ante": _count, "min_raise": _count,
    "full_raises": _count, "pot": _count, "pots": _seq(_POT), "base_market": _count, "compute_weight": _float,
    "amd_efficiency": _float, "prices": _pair(_optional(_float)), "export_prices": _pair(_optional(_float)),
    "price_factor": _pair(_float), "supply_factor": _pair(_float), "bought": _pair(_float),
    "revealed_events": _seq(_str), "events_to_come": _count, "compute_leaders": _seats, "firms": _seq(_FIRM_VIEW),
    "my_cards": _seq(_str), "showdowns": _seq(_SHOWDOWN), "log": _seq(_LOG_ENTRY), "vendor_take": _count,
    "vendor_take_by_year": _seq(_count), "last_winners": _seq(_count), "valuations": _seq(_count),
    "funding_caps": _seq(_count), "agi_winners": _seq(_count), "agi_prize": _count, "over_reason": _str,
}
# The values the rules' refusals (keys "refusal.…", game/core/legal.py) give as `Money`: a wire reason's numbers
# are plain, and other reasons use some of these names for other numbers (a turn timer's low and high seconds)
MONEY_VALUES = frozenset({"amount", "most", "low", "high", "ante"})


def problem_from_doc(doc: Any, path: str = "reason") -> Problem:
    """A network reason `{"key", "text", "values"}` as the `Problem` it was written from: a nested reason is a
    `Problem` again, a list a tuple, and a rule's refusal's numbers named in `MONEY_VALUES` are `Money`."""
    if not isinstance(doc, dict) or not {"key", "text"} <= set(doc) <= {"key", "text", "values"}:
        raise _fail(path, f"expected a reason (an object with key, text and values), got {doc!r}")
    values = doc.get("values") or {}
    if not isinstance(values, dict):
        raise _fail(f"{path}.values", f"expected an object, got {values!r}")
    key = _str(doc["key"], f"{path}.key")
    money = MONEY_VALUES if key.startswith("refusal.") else frozenset()
    return Problem(key, tuple((name, _problem_value(name, value, money, f"{path}.values.{name}"))
                              for name, value in values.items()), _str(doc["text"], f"{path}.text"))


def _problem_value(name: str, value: Any, money: frozenset[str], path: str) -> Any:
    if isinstance(value, dict):
        return problem_from_doc(value, path)
    if isinstance(value, list):
        return tuple(_problem_value(name, item, money, path) for item in value)
    if name in money and isinstance(value, int) and not isinstance(value, bool):
        return Money(value)
    return value


def _reason(value: Any, path: str) -> Problem | str:
    if value is None or isinstance(value, str):
        return value or ""
    return problem_from_doc(value, path)


_LEGAL_FIELDS: dict[str, Check] = {
    "seat": _int, "name": _str, "kinds": _seq(_member(ActionKind, "action kind")), "call_amount": _count,
    "bet_min": _count, "bet_max": _count, "raise_min": _count, "raise_max": _count, "all_in_amount": _count,
    "raise_funds_max": _count, "ante": _count, "structure": lambda value, path: _member(Betting, "betting")(
        value, path) if value else "",
    "no_raise_reason": _reason,
}


def view_from_json(text: str, scenario: Scenario) -> tuple[Observation, LegalActions]:
    """Read a document written by `view_to_json`, for `scenario`; refuses anything else with a `CodecError`.
    The reason bet or raise is missing comes back as its text."""
    doc = _document(text, (VIEW_FORMAT,))
    _check_rules(doc.get("rules"))
    return observation_from_doc(doc.get("observation"), scenario), legal_from_doc(doc.get("legal"))


def observation_from_doc(doc: Any, scenario: Scenario, path: str = "observation") -> Observation:
    """An observation from its JSON object (every field but the scenario, which the reader has); fields
    it does not know are left aside (a network view adds figures the core derives, e.g. `net_worth`).
    Refuses a missing or mistyped field with a `CodecError` naming it."""
    return Observation(scenario=scenario, **_fields(doc, _OBSERVATION_FIELDS, path))


def legal_from_doc(doc: Any, path: str = "legal") -> LegalActions:
    """Legal actions from their JSON object. The reason bet or raise is missing may be its text (a view
    document), a network reason `{"key", "text", "values"}` (`problem_from_doc`) or null."""
    values = _fields(doc, _LEGAL_FIELDS, path)
    values["why_no_raise"] = values.pop("no_raise_reason")
    return LegalActions(**values)


def _fields(part: Any, checks: dict[str, Check], path: str) -> dict[str, Any]:
    if not isinstance(part, dict):
        raise _fail(path, f"expected an object, got {part!r}")
    values = {}
    for name, check in checks.items():
        if name not in part:
            raise _fail(f"{path}.{name}", "is missing")
        values[name] = check(part[name], f"{path}.{name}")
    return values


_STANDING = _record(Standing, {"rank": _count, "seat": _count, "name": _str, "score": _int, "net_worth": _int,
                               "ownership": _float, "preference": _count, "agi_winner": _bool, "exited": _bool})


def _scenario(doc: dict[str, Any]) -> Scenario:
    if "scenario" not in doc:
        raise _fail("scenario", "is missing")
    try:
        return parse_scenario(doc["scenario"], "the scenario stored in this file")
    except TableStakesError as error:
        raise CodecError(str(error)) from None


def _check_state(state: State) -> State:
    """Cross-field checks that keep a decoded state playable."""
    count = len(state.firms)
    scenario = state.scenario
    if not 2 <= count <= 8:
        raise _fail("firms", f"a game has 2 to 8 seats, got {count}")
    for name in ("quarter_stakes", "year_stakes", "valuations", "funding_caps"):
        if len(getattr(state, name)) != count:
            raise _fail(name, f"expected one value per seat ({count})")
    if state.year_index >= scenario.years:
        raise _fail("year_index", f"the scenario has {scenario.years} years")
    if not -1 <= state.to_act < count or state.button >= count:
        raise _fail("to_act", "not a seat at this table")
    if len(state.hands) != count:
        raise _fail("hands", f"expected one hand per seat ({count})")
    for seat, hand in enumerate(state.hands):
        for card in hand:
            if card not in scenario.rd_cards:
                raise _fail(f"hands[{seat}]", f"no R&D card {card!r} in the scenario")
    for event in state.year_events:
        if event not in scenario.events:
            raise _fail("year_events", f"no event {event!r} in the scenario")
    return state


def _check_rules(rules: Any) -> None:
    """Refuse a game played under another rulebook: replaying it under these rules would give another game."""
    if rules == RULES_VERSION and type(rules) is int:
        return
    if isinstance(rules, int) and not isinstance(rules, bool) and rules < RULES_VERSION:
        raise RulesVersionError(Problem.of(
            "file_problem.older_rules", "this game was played under rules version {found}, before the economy "
            "changed (funding at net worth, the investors' preference, the AGI prize); this program plays rules "
            "version {current} and would replay it to a different result, so it cannot open it",
            found=rules, current=RULES_VERSION))
    if isinstance(rules, int) and not isinstance(rules, bool):
        raise RulesVersionError(Problem.of(
            "file_problem.newer_rules", "this game was played under rules version {found}, newer than this "
            "program's {current}: update Table Stakes to open it", found=rules, current=RULES_VERSION))
    raise _fail("rules", f"expected the rules version, a whole number, got {rules!r}")


def _document(text: str, formats: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object of a document in one of `formats`, at this program's version."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, TypeError, RecursionError) as error:
        raise CodecError(f"not valid JSON: {error}") from None
    if not isinstance(doc, dict):
        raise CodecError("not a Table Stakes document: expected a JSON object")
    kind = doc.get("format")
    version = doc.get("version")
    if kind not in formats:
        raise CodecError(f"not a Table Stakes document: format is {kind!r}")
    if version != VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
        raise CodecError(f"{kind} version {version!r} "
                         f"{'is newer than this program (update Table Stakes)' if newer else 'is not supported'}; "
                         f"this program reads version {VERSION}")
    return doc


def from_json(text: str) -> State | Action | History:
    """Read a document written by `to_json`; refuses anything else with a `CodecError`."""
    doc = _document(text, (STATE_FORMAT, ACTION_FORMAT, HISTORY_FORMAT))
    kind = doc["format"]
    if kind == ACTION_FORMAT:
        return _action([doc.get("kind"), doc.get("amount")], "action")
    _check_rules(doc.get("rules", 1))
    scenario = _scenario(doc)
    if kind == HISTORY_FORMAT:
        for name in ("seats", "seed", "actions"):
            if name not in doc:
                raise _fail(name, "is missing")
        return History(scenario, _seq(_str)(doc["seats"], "seats"), _count(doc["seed"], "seed"),
                       _seq(_action)(doc["actions"], "actions"), _seq(_STANDING)(doc.get("result", []), "result"))
    values: dict[str, Any] = {"scenario": scenario}
    for name, check in _STATE_FIELDS.items():
        if name not in doc:
            raise _fail(name, "is missing")
        values[name] = check(doc[name], name)
    return _check_state(State(**values))
