"""The network protocol: versioned JSON messages between the table server and its devices
(DESIGN.md §7; the fields are listed in docs/network.md).

Every message is one JSON object with `"v"` (the protocol's version) and `"type"`. A device sends
`hello` (a join code with a team name, a seat token, or `watch`), then `act` (an action with the
version of the view it was chosen on) or `ping`. The server answers `welcome` (the scenario, once
per connection, and the seat's token), `snapshot` (the viewer's whole current view, the legal
actions when it is to act, and the version), `refused` (a `Problem`'s key and English text),
`pong` and `error` (sent just before it closes the connection with one of the `Close` codes).

Reading a device's message is strict — bounded size, exact fields, exact types — and refuses
anything else with a `ProtocolError` that says why. Only `json.loads` reads a message; nothing is
ever evaluated or unpickled. Views are written from observations alone (allow-listed field by
field in the core), so a message holds nothing a viewer may not know.
"""

from __future__ import annotations

import json
from enum import IntEnum
from typing import Any, NamedTuple

from game.core import Action, LegalActions, Observation, Problem, hand_capability
from game.core.actions import KINDS, KINDS_WITH_AMOUNT, ActionKind

PROTOCOL_VERSION = 1
MAX_MESSAGE = 2048  # characters in a device's message: the longest valid one is far shorter
MAX_TEAM_NAME = 24
MAX_TOKEN = 64
MAX_CODE = 16
PIN_DIGITS = 4  # a team's PIN: what a teammate types to join the team's seat from another device


class Close(IntEnum):
    """Close codes the server uses (4000–4999 are the application's own)."""

    NORMAL = 1000
    GOING_AWAY = 1001  # the server stops
    POLICY = 1008  # flooding: too many messages too fast
    TOO_BIG = 1009  # websockets closes with it by itself when a message exceeds max_size
    NO_HELLO = 4000  # no valid hello in time
    BAD_CODE = 4001  # the join code is not this table's
    BAD_TOKEN = 4002  # no seat has this token
    TABLE_FULL = 4003  # no open seat left to claim
    WRONG_VERSION = 4004  # the device speaks another protocol version
    NAME_TAKEN = 4005  # another team already has this name
    RELEASED = 4006  # the host handed this seat to another device
    TOO_MANY_FAILURES = 4008  # too many failed joins from this address lately
    HOST_FULL = 4009  # the host has as many connections as it takes
    BAD_HOST_TOKEN = 4010  # a teacher's hello with the wrong host token
    BAD_PIN = 4011  # a hello to join a team's seat with the wrong team PIN


class ProtocolError(ValueError):
    """A device's message could not be read; `reason` says why."""

    def __init__(self, reason: Problem) -> None:
        super().__init__(reason.english)
        self.reason = reason


class Hello(NamedTuple):
    """The first message: join with `code` and exactly one of a new `team` name, a seat `token`, or
    `watch`; or, for the teacher, the `host` token alone."""

    code: str | None
    team: str | None
    token: str | None
    watch: bool
    host: str | None = None
    pin: str | None = None  # with `team`: join that team's seat


class Act(NamedTuple):
    action: Action
    expected_version: int


class Ping(NamedTuple):
    pass


class Control(NamedTuple):
    """A teacher's command for one table (only a host connection may send it)."""

    do: str  # one of CONTROLS
    table: str
    seat: int | None = None
    seconds: int | None = None
    on_timeout: str | None = None
    bot: str | None = None


# What each control needs besides `do` and `table`
CONTROLS = {"start": (), "pause": (), "resume": (), "end": (), "timer": ("seconds", "on_timeout"),
            "replace": ("seat", "bot"), "restore": ("seat",), "release": ("seat",)}
ON_TIMEOUT = ("passive", "bot")  # check/sit out/fold for the seat, or the stand-in bot decides


# --------------------------------------------------------------------------- reading a device's message

_FIELDS = {  # type → (required fields, optional fields), besides "v" and "type"
    "hello": (set(), {"code", "team", "token", "watch", "host", "pin"}),
    "act": ({"kind", "expected_version"}, {"amount"}),
    "ping": (set(), set()),
    "control": ({"do", "table"}, {"seat", "seconds", "on_timeout", "bot"}),
}


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        raise ProtocolError(Problem.of("net.duplicate_field", "a field appears twice in the message"))
    return doc


def _no_constant(name: str) -> Any:
    raise ProtocolError(Problem.of("net.not_a_number", "the message is not plain JSON ({name} is not a number here)",
                                   name=name))


def read_message(text: object) -> Hello | Act | Ping | Control:
    """A device's message, checked field by field; raises `ProtocolError` saying why it is refused.

    >>> read_message('{"v": 1, "type": "act", "kind": "bet", "amount": 800, "expected_version": 12}')
    Act(action=Action(kind='bet', amount=800), expected_version=12)
    >>> read_message('{"v": 1, "type": "act", "kind": "bet", "amount": 8e2, "expected_version": 12}')
    Traceback (most recent call last):
      ...
    game.net.protocol.ProtocolError: field 'amount' must be a whole number, not 800.0
    """
    if not isinstance(text, str):
        raise ProtocolError(Problem.of("net.not_text", "messages are JSON text, not binary frames"))
    if len(text) > MAX_MESSAGE:
        raise ProtocolError(Problem.of("net.too_long", "the message is {size} characters long; the most is {limit}",
                                       size=len(text), limit=MAX_MESSAGE))
    try:
        doc = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except ValueError as error:
        if isinstance(error, ProtocolError):
            raise
        raise ProtocolError(Problem.of("net.not_json", "the message is not JSON: {why}", why=str(error))) from None
    except RecursionError:  # '[' * 1000 fits in MAX_MESSAGE, and json's decoder recurses per level
        raise ProtocolError(Problem.of("net.too_deep", "the message nests too deeply")) from None
    if not isinstance(doc, dict):
        raise ProtocolError(Problem.of("net.not_object", "a message is a JSON object"))
    if doc.get("v") != PROTOCOL_VERSION or isinstance(doc.get("v"), bool):
        raise ProtocolError(Problem.of("net.version", "this server speaks protocol version {ours}, the message "
                                       "version {theirs}", ours=PROTOCOL_VERSION, theirs=repr(doc.get("v"))))
    kind = doc.get("type")
    if not isinstance(kind, str) or kind not in _FIELDS:  # a list or an object is no type (nor hashable)
        raise ProtocolError(Problem.of("net.unknown_type", "unknown message type {kind}: expected one of {kinds}",
                                       kind=repr(kind), kinds=tuple(_FIELDS)))
    required, optional = _FIELDS[kind]
    fields = set(doc) - {"v", "type"}
    if missing := sorted(required - fields):
        raise ProtocolError(Problem.of("net.missing_field", "a {kind} message needs the field '{field}'",
                                       kind=kind, field=missing[0]))
    if extra := sorted(fields - required - optional):
        raise ProtocolError(Problem.of("net.unknown_field", "a {kind} message has no field '{field}'",
                                       kind=kind, field=extra[0]))
    if kind == "hello":
        return _hello(doc)
    if kind == "act":
        return _act(doc)
    if kind == "control":
        return _control(doc)
    return Ping()


def _text(doc: dict, name: str, limit: int) -> str:
    value = doc[name]
    if not isinstance(value, str):
        raise ProtocolError(Problem.of("net.not_text_field", "field '{field}' must be text, not {value}",
                                       field=name, value=repr(value)))
    if not 0 < len(value) <= limit:
        raise ProtocolError(Problem.of("net.wrong_length", "field '{field}' must be 1 to {limit} characters long",
                                       field=name, limit=limit))
    return value


def _whole(doc: dict, name: str) -> int:
    value = doc[name]
    if type(value) is not int:
        raise ProtocolError(Problem.of("net.not_whole", "field '{field}' must be a whole number, not {value}",
                                       field=name, value=repr(value)))
    return value


def _hello(doc: dict) -> Hello:
    if "host" in doc:
        if set(doc) != {"v", "type", "host"}:
            raise ProtocolError(Problem.of("net.host_hello", "a teacher's hello has the host token and nothing else"))
        return Hello(None, None, None, False, _text(doc, "host", MAX_TOKEN))
    if "code" not in doc:
        raise ProtocolError(Problem.of("net.missing_field", "a {kind} message needs the field '{field}'",
                                       kind="hello", field="code"))
    ways = [name for name in ("team", "token", "watch") if name in doc]
    if len(ways) != 1:
        raise ProtocolError(Problem.of("net.hello_way", "a hello names exactly one of 'team', 'token' or 'watch'"))
    if "watch" in doc and doc["watch"] is not True:
        raise ProtocolError(Problem.of("net.watch_not_true", "field 'watch' must be true"))
    team = _text(doc, "team", MAX_TEAM_NAME).strip() if "team" in doc else None
    if team is not None and (not team or not team.isprintable()):
        raise ProtocolError(Problem.of("net.bad_team_name",
                                       "a team name needs a printable character and no control characters"))
    pin = None
    if "pin" in doc:
        pin = _text(doc, "pin", PIN_DIGITS).strip()
        if team is None or len(pin) != PIN_DIGITS or not (pin.isascii() and pin.isdigit()):
            raise ProtocolError(Problem.of("net.pin_format", "a team PIN is {digits} digits, sent with the team's name",
                                           digits=PIN_DIGITS))
    return Hello(_text(doc, "code", MAX_CODE), team, _text(doc, "token", MAX_TOKEN) if "token" in doc else None,
                 "watch" in doc, pin=pin)


def _act(doc: dict) -> Act:
    kind = doc["kind"]
    if kind not in KINDS or not isinstance(kind, str):
        raise ProtocolError(Problem.of("net.unknown_action", "unknown action {kind}: expected one of {kinds}",
                                       kind=repr(kind), kinds=tuple(KINDS)))
    kind = ActionKind(kind)
    if kind in KINDS_WITH_AMOUNT:
        if "amount" not in doc:
            raise ProtocolError(Problem.of("net.missing_amount", "'{kind}' needs the field 'amount'", kind=kind))
        action = Action(kind, _whole(doc, "amount"))
    elif doc.get("amount") is not None:
        raise ProtocolError(Problem.of("net.takes_no_amount", "'{kind}' takes no amount", kind=kind))
    else:
        action = Action(kind)
    return Act(action, _whole(doc, "expected_version"))


def _control(doc: dict) -> Control:
    do = doc["do"]
    if not isinstance(do, str) or do not in CONTROLS:
        raise ProtocolError(Problem.of("net.unknown_control", "unknown control {do}: expected one of {controls}",
                                       do=repr(do), controls=tuple(CONTROLS)))
    needed = set(CONTROLS[do])
    given = set(doc) - {"v", "type", "do", "table"}
    if missing := sorted(needed - given):
        raise ProtocolError(Problem.of("net.missing_field", "a {kind} message needs the field '{field}'",
                                       kind=do, field=missing[0]))
    if extra := sorted(given - needed):
        raise ProtocolError(Problem.of("net.unknown_field", "a {kind} message has no field '{field}'",
                                       kind=do, field=extra[0]))
    values: dict[str, Any] = {"table": _text(doc, "table", MAX_CODE)}
    if "seat" in needed:
        values["seat"] = _whole(doc, "seat")
    if "bot" in needed:
        values["bot"] = _text(doc, "bot", MAX_TEAM_NAME)
    if "seconds" in needed:
        values["seconds"] = None if doc["seconds"] is None else _whole(doc, "seconds")
        if doc["on_timeout"] not in ON_TIMEOUT:
            raise ProtocolError(Problem.of("net.bad_on_timeout", "field 'on_timeout' must be one of {choices}",
                                           choices=ON_TIMEOUT))
        values["on_timeout"] = doc["on_timeout"]
    return Control(do, **values)


# --------------------------------------------------------------------------- writing the server's messages

def _dumps(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _message(kind: str, **fields: Any) -> str:
    return _dumps({"v": PROTOCOL_VERSION, "type": kind, **fields})


def problem_wire(problem: Problem) -> dict:
    """A refusal's reason: its stable key and the values its sentence is built from (for a device to
    say it in its language), and the English text."""
    return {"key": problem.key, "text": problem.english,
            "values": {name: _value_wire(value) for name, value in problem.values}}


def _value_wire(value: Any) -> Any:
    if isinstance(value, Problem):
        return problem_wire(value)
    if isinstance(value, tuple | list):
        return [_value_wire(item) for item in value]
    return value if isinstance(value, int | float | str | bool) or value is None else str(value)


def plain(value: Any) -> Any:
    """A core record as plain JSON values: named tuples as objects, tuples as lists, sets sorted."""
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {name: plain(item) for name, item in zip(value._fields, value, strict=True)}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, frozenset | set):
        return sorted(value)
    return value


def view_wire(view: Observation) -> dict:
    """A view as JSON: every field of the observation but the scenario (sent once, in `welcome`), with
    the figures the core derives from it (net worth, score, the pots as a table shows them, the seat's
    own capability), so no device repeats a rule."""
    doc = {name: plain(getattr(view, name)) for name in Observation._fields if name != "scenario"}
    for firm_doc, firm in zip(doc["firms"], view.firms, strict=True):
        firm_doc.update(net_worth=firm.net_worth, founders_claim=firm.founders_claim,
                        investors_claim=firm.investors_claim, taken_over=firm.taken_over)
    doc["pots_shown"] = plain(view.pots_shown)
    # the seat's own capability as a showdown would score it now (null for a watcher, or without cards)
    doc["my_capability"] = (plain(hand_capability(view, view.viewer, view.my_cards))
                            if view.viewer is not None and view.my_cards else None)
    return doc


def legal_wire(legal: LegalActions) -> dict:
    """What the seat to act may do: the kinds, each amount's inclusive range, and why there is no bet
    or raise when there is none."""
    reason = legal.no_raise_reason
    doc = {name: plain(getattr(legal, name)) for name in LegalActions._fields if name != "why_no_raise"}
    doc["ranges"] = {kind: list(legal.amount_range(kind)) for kind in legal.kinds if kind in KINDS_WITH_AMOUNT}
    doc["no_raise_reason"] = problem_wire(reason) if isinstance(reason, Problem) else None
    return doc


def welcome(role: str, table: str | None, seat: int | None, token: str | None, pin: str | None,
            scenario: dict | None, address: str | None) -> str:
    """The answer to a hello: the role ("seat", "watch" or "host"), the table's join code, the seat, its
    token and its team's PIN (None for a watcher or the host), the scenario (None for the host), and the
    page's address as the host announced it (None if it did not), for the projector to show."""
    return _message("welcome", role=role, table=table, seat=seat, token=token, pin=pin, scenario=scenario,
                    address=address)


def snapshot(version: int, teams: list[str | None], view: dict, legal: dict | None, table: dict) -> str:
    """The viewer's whole current view; `legal` only for the seat to act. `teams`: each seat's
    team name (None while open; a bot's spec for a bot). `table`: the table's state, devices and clock."""
    return _message("snapshot", version=version, teams=teams, view=view, legal=legal, table=table)


def lobby(address: str | None, tables: list[dict]) -> str:
    """For the teacher: every table of the host, as `Table.summary` gives it."""
    return _message("lobby", address=address, tables=tables)


def debrief(names: list[str], firm_years: list[dict], years: list[dict], total: dict, standings: list) -> str:
    """A finished game's debrief: the rows of game.debrief.export and the final standings."""
    return _message("debrief", names=names, firm_years=firm_years, years=years, total=total,
                    standings=plain(standings))


def refused(reason: Problem, version: int) -> str:
    return _message("refused", reason=problem_wire(reason), version=version)


def error(reason: Problem, close: Close) -> str:
    return _message("error", reason=problem_wire(reason), close=int(close))


def pong() -> str:
    return _message("pong")
