"""The debrief's model (DESIGN.md §6): what happened in a game, year by year, from its hand history.

Everything here is public information (DESIGN.md §1.10): cash, chips, effective compute, the
money flows and the cards shown at showdowns. R&D cards that were folded or never shown stay
private even after the game, so *capability* in the debrief is the **public capability**: the
scaling-law term ``compute_weight × 10 × log10(max(1, effective compute))``, or, in a year
the firm showed its cards at the showdown, the capability it showed there (cards and events
included).

`build_debrief` replays a history once (`game.debrief.replay.Replay`) and returns a `Debrief`,
built from the core's public events and public views (`observe(state, None)`): each year's
flows are the events' amounts, each firm's position at the year's end is its public view
(see `_YearEnd` for the year's end, which happens inside an action):

- ``firm_years``: a yearly statement per firm (`FirmYear`): cash at the start, income, funds
  raised, opex, spend on chips (antes and stakes), market won, cash at the end, depreciation
  (book value lost that year), book value and net worth at the end, ownership, effective
  compute, public capability and the fleet by chip generation (spec H100e per vendor and
  chip). Values "at the end" of a year are taken after its showdown, before the next year's
  income; chips are valued as `standings` values them (they have worked through the year).
- ``actions``: every action of the history (`ActionRow`) with the year, quarter and $M paid.
- ``years`` and ``totals`` (`TableYear`, `Totals`): the table's money flows. The **total prize**
  is everything the markets paid out: the base markets plus the market's share of every staked
  dollar. The **vendors' take** is the rest of the staked dollars. **Rent dissipation** is total
  spend ÷ total prize. Concentration of compute is the **Herfindahl–Hirschman index** (HHI) of
  the firms' effective compute (firms still in the race), 0–10,000.

>>> from game.content import load_scenario
>>> from game.core import new_game, history_of
>>> state = new_game(load_scenario("classic"), ["atlas", "borealis"], seed=3)
>>> rows = yearly_snapshots(history_of(state))
>>> [(row["year"], row["point"], row["firm"], row["cash"], row["compute"]) for row in rows]
[(2024, 'start', 'Atlas AI', 7200, 0.0), (2024, 'start', 'Borealis Labs', 7200, 0.0)]
>>> herfindahl([50.0, 50.0]), herfindahl([1.0, 0.0]), herfindahl([0.0, 0.0])
(5000.0, 10000.0, None)

`yearly_snapshots` replays the history and takes a snapshot of every firm at the first
decision of each year (``phase == "ante"``: income paid, old chips retired, before any ante)
and, once the game is over, at its end. A year in which no firm could decide anything (every
firm forced to sit out) has no start snapshot.

This module imports neither pygame nor matplotlib.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from game.content.saves import RESULT_MISMATCH, SaveError, read_game_file
from game.core import ActionKind, FirmView, History, State, observe, standings
from game.core import events as ev
from game.core.effects import weights_after
from game.core.funding import founders_claim, grown_preference
from game.core.market import book_value, effective_compute
from game.core.rules import Standing
from game.core.state import ANTE, EXITED, SITTING_OUT, Lot

from .replay import Replay

START = "start"  # the first decision of a year
END = "end"  # the game is over
NOW = "now"  # the last state of a game still running (a replay of an unfinished save)

Row = dict[str, Any]


# --------------------------------------------------------------------------- a fair reference

# A table of four is never a market of hundreds: its concentration is read against what the same
# number of equal firms would give (10,000 / n), not against the world's top five. The US
# agencies' line for "highly concentrated" is shown beside it (U.S. DOJ and FTC, Merger
# Guidelines 2023, section 2.1: https://www.justice.gov/atr/2023-merger-guidelines): a table of
# five or fewer firms is above it by arithmetic alone.
HIGHLY_CONCENTRATED_HHI = 1_800

# How a year went for a firm (FirmYear.outcome).
WON = "won"  # won a pot (at the showdown, or because every other firm folded)
LOST = "lost"  # showed its cards at the showdown and won nothing
FOLDED = "folded"
SAT_OUT = "sat_out"
LEFT = "left"  # sat out a second year running: left the race this year
PLAYING = "playing"  # the year is still being played (an unfinished game)
OUTCOMES = (WON, LOST, FOLDED, SAT_OUT, LEFT, PLAYING)

# The per-firm series a chart can show, by name: FirmYear field.
SERIES_FIELDS = {"cash": "cash_end", "compute": "compute_end", "capability": "capability",
                 "spent": "spent_total", "won": "won_total", "score": "score_end", "ownership": "ownership_end",
                 "preference": "preference_end"}


class FirmInfo(NamedTuple):
    seat: int
    name: str  # the firm's name
    profile: str
    player: str  # who played it ("" when a bare hand history does not say)
    bot: str | None  # the bot spec; None for a human or when unknown


class FirmYear(NamedTuple):
    """One firm's statement for one year ($M unless said otherwise).

    ``cash_end == cash_start + income + raised - opex - spent + won + agi_prize``, and
    ``depreciation`` is the book value the chips lost this year: last year's closing book value
    plus this year's purchases (``spent``) minus this year's closing book value.
    """

    year: int
    seat: int
    firm: str
    outcome: str  # one of OUTCOMES
    complete: bool  # False for a year still being played
    cash_start: int  # before this year's income
    income: int
    raised: int  # sold equity in the funding round
    opex: int
    spent: int  # on chips: the ante and every stake
    won: int  # markets won
    agi_prize: int  # the others' net worth an AGI winner adds to its own in the year it wins the race
    cash_end: int
    depreciation: int
    book_value_end: int  # chips at book value after the year
    ownership_end: float  # 0-1: the founders' share
    preference_end: int  # the investors' preference after the year
    compute_end: float  # effective H100e
    capability: float  # public: shown at the showdown, else the compute term alone
    shown: tuple[str, ...]  # R&D card ids shown at this year's showdown (empty: none shown)
    spent_total: int  # since the start of the game
    won_total: int
    fleet: tuple[tuple[str, str, float], ...]  # (vendor, chip, spec H100e) per chip generation held

    @property
    def net_worth_end(self) -> int:
        return self.cash_end + self.book_value_end

    @property
    def score_end(self) -> int:
        """The founders' claim on net worth, as `standings` scores it."""
        return founders_claim(self.net_worth_end, self.ownership_end, self.preference_end)


class ActionRow(NamedTuple):
    number: int  # 1 = the history's first action
    year: int
    phase: str  # "ante" (funding round and table stakes) or "betting"
    quarter: int  # 1-4 while betting, 0 in the ante round
    seat: int
    firm: str
    action: str  # the action's kind: sit_in, call, raise, ...
    amount: int | None  # bet and raise_funds in $M, raise as the quarter stake raised to, set_mix in % AMD
    paid: int  # $M this action staked on chips
    h100e: float  # spec H100e it bought


class TableYear(NamedTuple):
    """The whole table in one year ($M)."""

    year: int
    complete: bool
    seated: int  # firms that paid the table stakes
    spent: int  # on chips, all firms
    prize: int  # the markets paid out: base market plus the market's share of the stakes
    base_market: int  # of which the base market
    vendor_take: int  # staked dollars kept by the chip vendors
    hhi: float | None  # concentration of effective compute at the year's end (firms in the race)
    largest_share: float | None  # percent of that compute held by the largest firm
    firms_in_race: int  # at the year's end: the n of the equal-shares reference 10,000 / n

    @property
    def dissipation(self) -> float | None:
        """Spend ÷ prize in percent (None without a prize)."""
        return 100.0 * self.spent / self.prize if self.prize else None

    @property
    def hhi_equal(self) -> float | None:
        """The index if the firms in the race held equal shares: the fair reference for `hhi`."""
        return equal_shares_hhi(self.firms_in_race)


class Totals(NamedTuple):
    """The table over the whole game ($M). Flows count finished years only."""

    years: int  # finished years counted
    spent: int
    prize: int
    base_market: int
    vendor_take: int
    book_value_end: int  # chips still on the books at the end, all firms
    firms_counted: int  # firms still in the race at the end: the concentration figures are theirs
    hhi: float | None
    largest_seat: int | None
    largest_share: float | None  # percent

    @property
    def stakes_share(self) -> int:
        """What the markets paid out of the staked dollars."""
        return self.prize - self.base_market

    @property
    def dissipation(self) -> float | None:
        """Rent dissipation: total spend ÷ total prize, in percent."""
        return 100.0 * self.spent / self.prize if self.prize else None

    @property
    def vendor_share(self) -> float | None:
        """The vendors' take as a percent of the spend."""
        return 100.0 * self.vendor_take / self.spent if self.spent else None

    @property
    def hhi_equal(self) -> float | None:
        """The index if the firms still in the race held equal shares: the fair reference."""
        return equal_shares_hhi(self.firms_counted)

    @property
    def equivalent_firms(self) -> float | None:
        """How many equal firms would be as concentrated as this table (10,000 / HHI)."""
        return equivalent_firms(self.hhi)


@dataclass(frozen=True)
class Debrief:
    history: History
    firms: tuple[FirmInfo, ...]
    firm_years: tuple[FirmYear, ...]  # year order, then seat order
    actions: tuple[ActionRow, ...]
    years: tuple[TableYear, ...]
    totals: Totals
    standings: tuple[Standing, ...]  # as the game stands at the end of the history
    over: bool
    over_reason: str  # "last_year", "one_firm_left", "agi"; "" while the game runs
    year_reached: int
    by_seat: dict[int, tuple[FirmYear, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_seat: dict[int, list[FirmYear]] = {firm.seat: [] for firm in self.firms}
        for row in self.firm_years:
            by_seat[row.seat].append(row)
        object.__setattr__(self, "by_seat", {seat: tuple(rows) for seat, rows in by_seat.items()})

    @property
    def scenario(self):
        return self.history.scenario

    @property
    def market_share(self) -> float:
        """The share of every staked dollar the market pays out (0-1)."""
        return self.scenario.market_share_bp / 10_000

    def of_firm(self, seat: int) -> tuple[FirmYear, ...]:
        return self.by_seat[seat]

    def series(self, name: str) -> dict[int, tuple[list[int], list[float]]]:
        """Per seat, (years, values) of a chart series: "cash", "compute", "capability", "spent"
        (cumulative), "won" (cumulative), "score", "ownership" (the founders' share, 0-1) or
        "preference" (the investors'), each at the end of the year. A firm's line stops in
        the year it left the race."""
        name = SERIES_FIELDS[name]
        return {seat: ([row.year for row in rows], [float(getattr(row, name)) for row in rows])
                for seat, rows in self.by_seat.items()}

    def chip_generations(self, seat: int) -> list[tuple[str, str]]:
        """The (vendor, chip) pairs a firm held at some year's end, in the order first held."""
        seen: dict[tuple[str, str], None] = {}
        for row in self.by_seat[seat]:
            for vendor, chip, _ in row.fleet:
                seen.setdefault((vendor, chip), None)
        return list(seen)


# --------------------------------------------------------------------------- concentration

def herfindahl(values: Sequence[float]) -> float | None:
    """The Herfindahl–Hirschman index of `values` (shares in percent, squared and summed):
    10,000 when one holds everything, 10,000 / n for n equal holders; None if all are zero.

    >>> herfindahl([1, 1, 1, 1])
    2500.0
    """
    total = sum(values)
    if total <= 0:
        return None
    return sum((100.0 * value / total) ** 2 for value in values)


def top_share(values: Sequence[float], n: int) -> float | None:
    """The percent of the total held by the `n` largest values (None if all are zero).

    >>> top_share([10, 30, 60], 2)
    90.0
    """
    total = sum(values)
    if total <= 0:
        return None
    return 100.0 * sum(sorted(values, reverse=True)[:n]) / total


def equal_shares_hhi(firms: int) -> float | None:
    """The Herfindahl index of `firms` equal firms, the least a table of that size can have.

    >>> [equal_shares_hhi(n) for n in (1, 4, 8)]
    [10000.0, 2500.0, 1250.0]
    """
    return 10_000 / firms if firms > 0 else None


def equivalent_firms(hhi: float | None) -> float | None:
    """The number of equal firms that would give this index (10,000 / HHI): a table of four
    whose compute is as concentrated as 2.5 equal firms has an HHI of 4,000.

    >>> equivalent_firms(4000.0)
    2.5
    """
    return None if not hhi else 10_000 / hhi


# --------------------------------------------------------------------------- building it

class _Draft:
    """One firm's year while it is being replayed."""

    __slots__ = ("cash_start", "income", "raised", "opex", "spent", "won", "agi_prize", "sat_in", "sat_out",
                 "folded", "left", "shown", "shown_capability")

    def __init__(self, cash_start: int) -> None:
        self.cash_start = cash_start
        self.income = self.raised = self.opex = self.spent = self.won = self.agi_prize = 0
        self.sat_in = self.sat_out = self.folded = self.left = False
        self.shown: tuple[str, ...] = ()
        self.shown_capability: float | None = None

    def outcome(self, complete: bool) -> str:
        if self.left:
            return LEFT
        if self.sat_out:
            return SAT_OUT
        if not complete:
            return PLAYING
        if self.won:
            return WON
        if self.folded:
            return FOLDED
        return LOST if self.sat_in else SAT_OUT


class _YearEnd:
    """The firms' public view carried through the public events of one action.

    The core settles a year and opens the next inside one action, so no state, and no
    observation, shows a year's end. Its figures are those of the public view before that action
    carried through the action's events up to `YearEnded` (and on, in the rare action that also
    opens and settles a year in which no firm could act). The events keep the fields they change
    current (cash, lots, idle lots, ownership, preference, status, exit year); figures derived
    from them are computed again at the year's end. Tests check that the carried view lands on
    the core's own view after every action.
    """

    def __init__(self, replay: Replay, step: int) -> None:
        view = replay.observation(step - 1, None)
        self.scenario = view.scenario
        self.year = view.year
        self.firms = list(view.firms)
        self.revealed = list(view.revealed_events)  # this year's face-up events

    def apply(self, event) -> None:
        kind = type(event)
        if kind is ev.Acted:
            self._cash(event.seat, -event.paid)
        elif kind is ev.ChipsBought:
            firm = self.firms[event.seat]
            self.firms[event.seat] = firm._replace(lots=_with_purchase(firm.lots, self.year, event))
        elif kind is ev.FundsRaised:
            self._cash(event.seat, event.amount)
            self.firms[event.seat] = self.firms[event.seat]._replace(ownership=event.ownership,
                                                                     preference=event.preference)
        elif kind is ev.AgiPrizeAwarded or kind is ev.IncomePaid:
            self._cash(event.seat, event.amount)
        elif kind is ev.PotAwarded:
            for seat, share in zip(event.winners, event.shares, strict=True):
                self._cash(seat, share)
        elif kind is ev.EventRevealed:
            self.revealed.append(event.event)
        elif kind is ev.Exited:
            self.firms[event.seat] = self.firms[event.seat]._replace(status=EXITED, exit_year=self.year)
        elif kind is ev.YearStarted:
            self.year = event.year
            self.revealed = []
            return_bp = self.scenario.investor_return_bp
            for seat, firm in enumerate(self.firms):
                if firm.status != EXITED:
                    self.firms[seat] = firm._replace(idle_lots=0,
                                                     preference=grown_preference(firm.preference, return_bp))
        elif kind is ev.LotsRetired:
            firm = self.firms[event.seat]
            self.firms[event.seat] = firm._replace(lots=firm.lots[event.lots:])
        elif kind is ev.OpexPaid:
            self._cash(event.seat, -event.amount)
            self.firms[event.seat] = self.firms[event.seat]._replace(idle_lots=event.idle_lots)

    def _cash(self, seat: int, change: int) -> None:
        firm = self.firms[seat]
        self.firms[seat] = firm._replace(cash=firm.cash + change)

    def weights(self) -> tuple[float, float]:
        """compute_weight and AMD efficiency with this year's face-up events, as the core applies them
        (the showdown turns the last ones face up inside the action that ends the year)."""
        scenario = self.scenario
        effects = [effect for event in self.revealed for effect in scenario.events[event].effects]
        weight, amd_delta = weights_after(effects, scenario.compute_weight, 0.0)
        return weight, max(0.0, scenario.amd_efficiency[self.year - scenario.first_year] + amd_delta)


class _Statements:
    """The statements of a replayed game: each firm's flows in a year are tallied from the public
    events, its position at the year's end is read from the public view (`_YearEnd`)."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.scenario = replay.scenario
        start = replay.observation(0, None)
        self.year = start.year
        # new_game hands back no events: the first year's income and opex are in the running totals
        self.drafts = {firm.seat: self._first_draft(firm) for firm in start.firms}
        self.prize = 0
        self.book_before = [firm.book_value for firm in start.firms]
        self.spent_total = [0] * len(start.firms)
        self.won_total = [0] * len(start.firms)
        self.firm_years: list[FirmYear] = []
        self.years: list[TableYear] = []
        self.actions: list[ActionRow] = []

    @staticmethod
    def _first_draft(firm: FirmView) -> _Draft:
        draft = _Draft(firm.cash - firm.income_total + firm.opex_total)
        draft.income, draft.opex = firm.income_total, firm.opex_total
        draft.sat_out = firm.status == SITTING_OUT
        return draft

    def run(self) -> None:
        replay = self.replay
        for step in range(1, replay.length + 1):
            self.step(step)
        if not replay.state(replay.length).is_over:
            last = replay.observation(replay.length, None)
            self.close_year(last.firms, last.compute_weight, last.amd_efficiency, complete=False, vendor_take=0)

    def step(self, step: int) -> None:
        """Tally the public events of action `step` (1 = the first)."""
        before = self.replay.state(step - 1)  # when, and who acted: public fields (no view needs building)
        events = self.replay.events(step)
        year_end = _YearEnd(self.replay, step) if any(type(event) is ev.YearEnded for event in events) else None
        paid, h100e = 0, 0.0
        for event in events:
            if year_end is not None:
                year_end.apply(event)
            if isinstance(event, ev.Acted):
                paid += event.paid
            elif isinstance(event, ev.ChipsBought):
                h100e += event.h100e
            self.tally(event, year_end)
        seat = before.to_act
        action = self.replay.history.actions[step - 1]
        self.actions.append(ActionRow(step, before.year, before.phase, before.quarter, seat,
                                      before.firms[seat].name, action.kind, action.amount, paid, h100e))

    def tally(self, event, year_end: _YearEnd | None) -> None:
        """One public event into the year's flows; at `YearEnded` the year's statements."""
        kind = type(event)
        if kind is ev.Acted:
            draft = self.drafts[event.seat]
            draft.spent += event.paid
            if event.action.kind == ActionKind.SIT_IN:
                draft.sat_in = True
            elif event.action.kind == ActionKind.FOLD:
                draft.folded = True
        elif kind is ev.FundsRaised:
            self.drafts[event.seat].raised += event.amount
        elif kind is ev.AgiPrizeAwarded:
            self.drafts[event.seat].agi_prize += event.amount
        elif kind is ev.IncomePaid:
            self.drafts[event.seat].income += event.amount
        elif kind is ev.OpexPaid:
            self.drafts[event.seat].opex += event.amount
        elif kind is ev.SatOut:
            self.drafts[event.seat].sat_out = True
        elif kind is ev.Exited:
            self.drafts[event.seat].left = True
        elif kind is ev.PotAwarded:
            self.prize += event.amount
            for seat, share in zip(event.winners, event.shares, strict=True):
                self.drafts[seat].won += share
        elif kind is ev.CardsShown:
            draft = self.drafts[event.seat]
            draft.shown, draft.shown_capability = tuple(event.cards), event.capability
        elif kind is ev.YearEnded:
            self.close_year(year_end.firms, *year_end.weights(), complete=True, vendor_take=event.vendor_take)
        elif kind is ev.YearStarted:
            self.year = event.year
            self.prize = 0
            self.drafts = {firm.seat: _Draft(firm.cash) for firm in year_end.firms if firm.status != EXITED}

    def close_year(self, firms: Sequence[FirmView], weight: float, amd_eff: float, *, complete: bool,
                   vendor_take: int) -> None:
        """The statements of the year that just ended (or of the year being played), from the firms'
        public view at that moment and the weights of the year's face-up events."""
        lifetime = self.scenario.lifetime
        in_race: list[float] = []
        seated = spent = 0
        for seat, draft in sorted(self.drafts.items()):
            firm = firms[seat]
            if firm.status == EXITED:
                valued = firm.exit_year
            else:
                valued = self.year + 1 if complete else self.year
            book = book_value(firm, valued, lifetime)
            compute = effective_compute(firm, amd_eff)
            if firm.status != EXITED:
                in_race.append(compute)
            self.spent_total[seat] += draft.spent
            self.won_total[seat] += draft.won
            capability = (draft.shown_capability if draft.shown_capability is not None
                          else public_capability(compute, weight))
            self.firm_years.append(FirmYear(
                year=self.year, seat=seat, firm=firm.name, outcome=draft.outcome(complete), complete=complete,
                cash_start=draft.cash_start, income=draft.income, raised=draft.raised, opex=draft.opex,
                spent=draft.spent, won=draft.won, agi_prize=draft.agi_prize, cash_end=firm.cash,
                depreciation=self.book_before[seat] + draft.spent - book, book_value_end=book,
                ownership_end=firm.ownership, preference_end=firm.preference, compute_end=compute,
                capability=capability, shown=draft.shown, spent_total=self.spent_total[seat],
                won_total=self.won_total[seat], fleet=_fleet(firm.lots)))
            self.book_before[seat] = book
            seated += draft.sat_in
            spent += draft.spent
        base = self.prize - (spent - vendor_take) if complete else 0
        self.years.append(TableYear(self.year, complete, seated, spent, self.prize, base, vendor_take,
                                    herfindahl(in_race), top_share(in_race, 1), len(in_race)))


def _with_purchase(lots: tuple, year: int, bought: ev.ChipsBought) -> tuple:
    """The lots after a purchase, merged per year and vendor as the core's market merges them."""
    lots = list(lots)
    for index in range(len(lots) - 1, -1, -1):
        lot = lots[index]
        if lot.year != year:
            break
        if lot.vendor == bought.vendor:
            lots[index] = Lot(year, lot.vendor, lot.chip, lot.h100e + bought.h100e, lot.cost + bought.cost)
            return tuple(lots)
    lots.append(Lot(year, bought.vendor, bought.chip, bought.h100e, bought.cost))
    return tuple(lots)


def _fleet(lots: Iterable) -> tuple[tuple[str, str, float], ...]:
    """Spec H100e per (vendor, chip), idle lots included, in the order first bought."""
    fleet: dict[tuple[str, str], float] = {}
    for lot in lots:
        fleet[(lot.vendor, lot.chip)] = fleet.get((lot.vendor, lot.chip), 0.0) + lot.h100e
    return tuple((vendor, chip, h100e) for (vendor, chip), h100e in fleet.items())


def _by_seat(rows: Iterable[FirmYear], seats: int) -> list[list[FirmYear]]:
    grouped: list[list[FirmYear]] = [[] for _ in range(seats)]
    for row in rows:
        grouped[row.seat].append(row)
    return grouped


def build_debrief(history: History, players: Sequence | None = None) -> Debrief:
    """Replay `history` once and gather the debrief. `players` (objects with ``name`` and
    ``bot``, e.g. the session's `SeatPlayer`s) name who played each seat.

    Raises `SaveError` (with no file named) if the history does not replay or its recorded
    result differs from the replayed game.
    """
    replay = Replay(history, players)
    if not replay.result_matches:
        raise SaveError(None, RESULT_MISMATCH)
    statements = _Statements(replay)
    statements.run()
    state = replay.state(replay.length)
    firms = tuple(FirmInfo(seat, firm.name, firm.profile, players[seat].name if players else "",
                           players[seat].bot if players else None) for seat, firm in enumerate(state.firms))
    finished = [year for year in statements.years if year.complete]
    final = [rows[-1] for rows in _by_seat(statements.firm_years, len(state.firms)) if rows]  # each firm's last year
    in_race = [row for row in final if state.firms[row.seat].status != EXITED]
    compute = [row.compute_end for row in in_race]
    largest = max(in_race, key=lambda row: row.compute_end, default=None)
    totals = Totals(
        years=len(finished), spent=sum(year.spent for year in finished), prize=sum(year.prize for year in finished),
        base_market=sum(year.base_market for year in finished),
        vendor_take=sum(year.vendor_take for year in finished),
        book_value_end=sum(row.book_value_end for row in final), firms_counted=len(in_race),
        hhi=herfindahl(compute), largest_seat=largest.seat if largest and largest.compute_end > 0 else None,
        largest_share=top_share(compute, 1))
    return Debrief(history, firms, tuple(statements.firm_years), tuple(statements.actions), tuple(statements.years),
                   totals, standings(state), state.is_over, state.over_reason, state.year)


# --------------------------------------------------------------------------- reading a file

def load_debrief(path: str | os.PathLike) -> Debrief:
    """`build_debrief` of a save or hand-history file; every problem is a `SaveError` naming the
    file. A save's bots are not built: a save whose bot file has gone still has a debrief."""
    game = read_game_file(path)
    try:
        return build_debrief(game.history, game.players)
    except SaveError as error:
        raise SaveError(path, error.reason or error.problem) from None


# --------------------------------------------------------------------------- snapshots

def public_capability(compute: float, compute_weight: float) -> float:
    """The scaling-law part of capability, the part everyone can see: ten times the compute adds
    10 points (× compute_weight).

    >>> public_capability(100_000, 1.0), public_capability(0, 1.0), round(public_capability(2, 1.0), 2)
    (50.0, 0.0, 3.01)
    """
    return compute_weight * 10.0 * math.log10(max(1.0, compute))


def snapshot(state: State, point: str) -> list[Row]:
    """One row per firm of `state`, seat order (see `yearly_snapshots` for the fields)."""
    view = observe(state, None)
    ranked = {standing.seat: standing for standing in standings(state)}
    rows = []
    for firm in view.firms:
        standing = ranked[firm.seat]
        rows.append({
            "year": view.year,
            "point": point,
            "seat": firm.seat,
            "firm": firm.name,
            "profile": firm.profile,
            "status": firm.status,
            "cash": firm.cash,
            "compute": firm.effective_compute,
            "capability": public_capability(firm.effective_compute, view.compute_weight),
            "book_value": firm.book_value,
            "net_worth": standing.net_worth,
            "ownership": firm.ownership,
            "preference": firm.preference,
            "score": standing.score,
            "income_total": firm.income_total,
            "raised_total": firm.raised_total,
            "opex_total": firm.opex_total,
            "spent_total": firm.spent_total,
            "won_total": firm.won_total,
        })
    return rows


def yearly_snapshots(history: History) -> list[Row]:
    """Every firm at the start of every year played, and at the end of the game.

    One row per firm and snapshot, in time order then seat order. Each row is a plain dict:

    - ``year``: the year of the snapshot; ``point``: "start" (the year's first decision),
      "end" (the game is over: after the last showdown of ``year``) or "now" (the last state
      of an unfinished game, when it is not a year's start);
    - ``seat``, ``firm`` (its name), ``profile``, ``status``;
    - ``cash`` ($M), ``compute`` (effective H100e), ``capability`` (the public, compute-only
      capability), ``book_value`` ($M of chips), ``ownership`` (0–1);
    - ``net_worth`` and ``score`` ($M, as `standings` values them: frozen at exit, and at
      the end of the game the chips have depreciated through the last year);
    - running totals in $M: ``income_total``, ``raised_total``, ``opex_total``,
      ``spent_total`` (staked on chips, antes included), ``won_total`` (markets won).

    Raises `SaveError` (with no file named) if the history does not replay.
    """
    replay = Replay(history)
    rows: list[Row] = []
    seen_year = -1
    last_snapshot_at = -1
    for step in range(replay.length + 1):
        state = replay.state(step)
        if state.phase == ANTE and state.year_index != seen_year:
            seen_year = state.year_index
            last_snapshot_at = step
            rows.extend(snapshot(state, START))
    if state.is_over:
        rows.extend(snapshot(state, END))
    elif last_snapshot_at != replay.length:
        rows.extend(snapshot(state, NOW))
    return rows


def chart_position(row: Row) -> float:
    """Where a row sits on a time axis in years: a year's start at the year, the end of the
    game at the start of the following year, a running game's last state mid-year."""
    if row["point"] == START:
        return float(row["year"])
    return row["year"] + (1.0 if row["point"] == END else 0.5)


def series(rows: Sequence[Row], field: str) -> dict[int, tuple[list[float], list[float]]]:
    """Per seat, the (positions, values) of `field` over time, for a chart.

    A firm's line stops at its first snapshot after it left the race (its score is frozen).
    """
    lines: dict[int, tuple[list[float], list[float]]] = {}
    gone: set[int] = set()
    for row in rows:
        seat = row["seat"]
        xs, ys = lines.setdefault(seat, ([], []))
        if seat in gone:
            continue
        if row["status"] == "exited":
            gone.add(seat)
        xs.append(chart_position(row))
        ys.append(float(row[field]))
    return lines
