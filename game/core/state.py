"""The game state as an immutable value.

States, firms and lots are named tuples: immutable, cheap to copy with `_replace`,
compared by value. `apply_action` never changes a state; it returns a new one, so the
old state stays valid for undo, Monte Carlo bots and replays.

The state holds hidden information (the seed, other firms' R&D cards, the year's
unrevealed events). Nothing outside the core should read it directly: use
`observe(state, seat)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, NamedTuple, TypeVar, overload

from .actions import Action, Word
from .scenario import Scenario


class Phase(Word):
    """Where the game is."""

    ANTE = "ante"  # start of a year: raise funds, then sit in or sit out
    BETTING = "betting"  # Q1-Q4
    OVER = "over"


class Status(Word):
    """A firm's status within the current year."""

    ACTIVE = "active"
    FOLDED = "folded"
    ALL_IN = "all_in"
    SITTING_OUT = "sitting_out"
    EXITED = "exited"


ANTE, BETTING, OVER = Phase.ANTE, Phase.BETTING, Phase.OVER
ACTIVE, FOLDED, ALL_IN, SITTING_OUT, EXITED = (Status.ACTIVE, Status.FOLDED, Status.ALL_IN, Status.SITTING_OUT,
                                               Status.EXITED)


class Lot(NamedTuple):
    """Chips of one vendor bought by one firm in one year (purchases merge per year and vendor)."""

    year: int
    vendor: str
    chip: str
    h100e: float  # spec H100-equivalents bought
    cost: int  # $M paid


class Firm(NamedTuple):
    profile: str
    name: str
    cash: int
    ownership: float  # share still held by the firm's founders (1.0 = 100 %)
    preference: int  # $M the investors take back before the founders (liquidation preference); public
    lots: tuple[Lot, ...]  # oldest first
    amd_pct: int  # procurement mix: share of every staked dollar spent on AMD
    status: Status
    last_sat_out: int  # the last year it sat out (0: never); sitting out the next year too, it exits
    raised_this_year: int  # $M raised in this year's funding round (one round a year)
    idle_lots: int  # how many of the oldest lots stand idle this year (unpaid opex)
    exit_year: int  # the year it left the race (0 while in it): its score is valued then, and stays
    income_total: int
    raised_total: int
    opex_total: int
    spent_total: int  # staked on chips, antes included
    won_total: int  # markets won


class LogEntry(NamedTuple):
    seat: int
    action: Action


class ActionLog(Sequence[LogEntry]):
    """Every action applied, in order: an immutable sequence of `LogEntry`, equal to the tuple of its entries.

    A state's log grows by one entry on every action; copying it each time cost a tenth of the engine's
    time in long games. `appended` takes constant time instead: the logs along one line of play share one
    list, each seeing only its first `len` entries, so an older state's log never changes. Extending an
    older log (a state played on differently, as a bot exploring does) copies the entries it sees first.

    >>> log = ActionLog()
    >>> longer = log.appended(LogEntry(0, Action("sit_in")))
    >>> len(log), len(longer), longer == (LogEntry(0, Action("sit_in")),)
    (0, 1, True)
    """

    __slots__ = ("_entries", "_length")

    def __init__(self, entries: Iterable[LogEntry] = ()) -> None:
        self._entries = list(entries)
        self._length = len(self._entries)

    def appended(self, entry: LogEntry) -> ActionLog:
        """This log with `entry` after its last entry."""
        entries = self._entries
        length = self._length
        if len(entries) == length:
            entries.append(entry)
            if entries[length] is entry:  # the slot is ours: no other thread appended between the check and here
                longer = ActionLog.__new__(ActionLog)
                longer._entries = entries
                longer._length = length + 1
                return longer
        return ActionLog([*islice(entries, length), entry])

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> LogEntry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[LogEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> LogEntry | tuple[LogEntry, ...]:
        if isinstance(index, slice):
            return tuple(self._entries[:self._length][index])
        length = self._length
        if not -length <= index < length:
            raise IndexError(f"log index {index} out of range (the log holds {length} entries)")
        return self._entries[index if index >= 0 else index + length]

    def __iter__(self) -> Iterator[LogEntry]:
        return islice(self._entries, self._length)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ActionLog):
            return self._length == other._length and (self._entries is other._entries or tuple(self) == tuple(other))
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"ActionLog({tuple(self)!r})"

    def __reduce__(self) -> tuple[type[ActionLog], tuple[tuple[LogEntry, ...]]]:
        return ActionLog, (tuple(self),)  # only the entries it sees, not the rest of a shared list


class Showdown(NamedTuple):
    """Cards shown at a showdown: public from then on."""

    year: int
    seat: int
    cards: tuple[str, ...]
    capability: float


class State(NamedTuple):
    scenario: Scenario
    seed: int  # hidden
    year_index: int  # 0 = the scenario's first year
    phase: Phase
    quarter: int  # 1-4 while betting, 0 otherwise
    button: int
    to_act: int  # seat to act, -1 when nobody (game over)
    firms: tuple[Firm, ...]
    acted: int  # bit per seat: decided (ante phase) / acted since the last full raise (betting)
    quarter_stakes: tuple[int, ...]  # $M staked this quarter per seat
    year_stakes: tuple[int, ...]  # $M staked this year per seat, ante included (the pot's layers)
    min_raise: int  # minimum raise increment this quarter
    full_raises: int  # full bets and raises this quarter (the fixed-limit cap counts these)
    hands: tuple[tuple[str, ...], ...]  # hidden: each seat's private R&D cards this year
    year_events: tuple[str, ...]  # hidden: the events drawn for this year, in reveal order
    revealed: int  # how many of them are face up
    price_factor: tuple[float, float]  # event multipliers on each vendor's price
    supply_factor: tuple[float, float]  # event multipliers on each vendor's supply
    bought: tuple[float, float]  # H100e the table bought from each vendor this year
    base_market: int  # $M this year's base market, after events
    compute_weight: float
    amd_efficiency_delta: float  # event changes to this year's AMD efficiency
    vendor_take: int  # $M kept by the chip vendors over the game
    vendor_take_by_year: tuple[int, ...]
    base_paid: int  # $M of base markets paid out over the game
    last_winners: tuple[int, ...]  # seats that won last year's main pot
    valuations: tuple[int, ...]  # $M per seat: the net worth this year's funding round is priced at
    funding_caps: tuple[int, ...]  # $M per seat: the most it may raise this year (hype decides), 0 if none
    agi_winners: tuple[int, ...]
    agi_prize: int  # $M the AGI winner(s) added to their net worth when the race ended (0 otherwise)
    over_reason: str  # why the game ended ("" while it runs)
    log: ActionLog  # every action applied, in order
    showdowns: tuple[Showdown, ...]

    @property
    def year(self) -> int:
        return self.scenario.first_year + self.year_index

    @property
    def is_over(self) -> bool:
        return self.phase == OVER

    @property
    def seats(self) -> tuple[str, ...]:
        """The profile id of each seat, as given to `new_game`."""
        return tuple(firm.profile for firm in self.firms)


# For records built on every action: new_record(Record, fields) takes half the time of Record(*fields)
# (it skips NamedTuple's Python-level __new__, and so its check of the field count).
new_record = tuple.__new__

Record = TypeVar("Record", bound=tuple[Any, ...])


def record_fields(cls: type[tuple[Any, ...]]) -> tuple[str, ...]:
    """The field names of a record type (a NamedTuple)."""
    fields: tuple[str, ...] = cls._fields  # type: ignore[attr-defined]  # every NamedTuple has them
    return fields


def _evolver(cls: type[Record]) -> Callable[..., Record]:
    """A faster `_replace` for a record type: NamedTuple's `_replace` rebuilds all fields through a dict."""
    index = {name: position for position, name in enumerate(record_fields(cls))}

    def evolve(record: Record, **changes: Any) -> Record:
        values = list(record)
        for name, value in changes.items():
            values[index[name]] = value
        return new_record(cls, values)

    evolve.__doc__ = f"A copy of a {cls.__name__} with the given fields changed."
    return evolve


def setter(cls: type[Record], *names: str) -> Callable[..., Record]:
    """`set(record, *values)`: a copy of `record` with the fields `names` set to `values`.

    For the rules' hot paths, which build a new state or firm on every action: the
    function is generated with the field positions written in, so it skips the keyword
    dict and the lookups of `evolve` (about twice as fast).
    """
    fields = record_fields(cls)
    unknown = set(names) - set(fields)
    if unknown or len(set(names)) != len(names):
        raise ValueError(f"{cls.__name__} fields must be distinct and known, got {names}")
    assignments = "".join(f"    values[{fields.index(name)}] = {name}\n" for name in names)
    source = (f"def set_{'_'.join(names)}(record, {', '.join(names)}):\n"
              f"    values = list(record)\n{assignments}    return make(cls, values)\n")
    namespace: dict[str, Any] = {"make": tuple.__new__, "cls": cls}
    exec(source, namespace)  # noqa: S102 - the source is built from the record's own field names
    generated: Callable[..., Record] = namespace[f"set_{'_'.join(names)}"]
    return generated


evolve = _evolver(State)
evolve_firm = _evolver(Firm)
