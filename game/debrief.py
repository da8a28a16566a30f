"""The debrief (DESIGN.md §6): what happened in a game, year by year, from its hand history.

Everything here is public information (DESIGN.md §1.10): cash, chips, effective compute, the
money flows and the cards shown at showdowns. R&D cards that were folded or never shown stay
private even after the game, so *capability* in the debrief is the **public capability**: the
scaling-law term ``compute_weight × 10 × log10(max(1, effective compute))``, or, in a year
the firm showed its cards at the showdown, the capability it showed there (cards and events
included).

`build_debrief` replays a history once and returns a `Debrief`:

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

The export (`export_debrief`, `run_debrief`) writes CSV files (UTF-8 with a byte-order mark so
spreadsheets read accents, a header row, one row per firm-year / action / ...), the charts as
PNG (matplotlib, imported only there) and the hand history as JSON.

>>> from game.content import load_scenario
>>> from game.core import new_game, history_of
>>> state = new_game(load_scenario("classic"), ["atlas", "borealis"], seed=3)
>>> rows = yearly_snapshots(history_of(state))
>>> [(row["year"], row["point"], row["firm"], row["cash"], row["compute"]) for row in rows]
[(2024, 'start', 'Atlas AI', 7200, 0.0), (2024, 'start', 'Borealis Labs', 7200, 0.0)]
>>> herfindahl([50.0, 50.0]), herfindahl([1.0, 0.0]), herfindahl([0.0, 0.0])
(5000.0, 10000.0, None)

`yearly_snapshots` walks the action log with `apply_action` from `new_game` and takes a
snapshot of every firm at the first decision of each year (``phase == "ante"``: income paid,
old chips retired, before any ante) and, once the game is over, at its end. A year in which no
firm could decide anything (every firm forced to sit out) has no start snapshot.

This module imports no pygame; matplotlib only inside the chart export.
"""

from __future__ import annotations

import csv
import math
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from game.core import (
    History, IllegalActionError, SetupError, State, apply_action, new_game, observe, standings, to_json,
)
from game.content import text as fmt
from game.content.locale import ui_locale
from game.core import events as ev
from game.core.funding import founders_claim, grown_preference
from game.core.market import book_value, effective_compute
from game.core.rules import Standing
from game.core.state import ANTE, EXITED, SITTING_OUT, Lot
from game.content.saves import (
    REPLAY_FAILURES, RESULT_MISMATCH, SaveError, action_does_not_replay, read_game_file, replay_problem,
)

START = "start"  # the first decision of a year
END = "end"  # the game is over
NOW = "now"  # the last state of a game still running (a replay of an unfinished save)

Row = dict[str, Any]


# --------------------------------------------------------------------------- the real world

# Epoch AI (January 2026): the five largest hyperscalers hold about 71 % of the world's AI
# compute, counted in H100-equivalents (shared/research/chip_economics.md A8, source [S90]).
REAL_WORLD_TOP_N = 5
REAL_WORLD_TOP_SHARE = 71.0  # percent
REAL_WORLD_SOURCE = "Epoch AI, January 2026 [S90]"

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
                 "spent": "spent_total", "won": "won_total"}


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
    top_n_share: float | None  # percent held by the top N (Totals.top_n)

    @property
    def dissipation(self) -> float | None:
        """Spend ÷ prize in percent (None without a prize)."""
        return 100.0 * self.spent / self.prize if self.prize else None


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
    top_n: int  # the top-N shares are for this N: the top half of the table (`top_n_for`)
    top_n_share: float | None  # percent

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
        (cumulative) or "won" (cumulative), each at the end of the year. A firm's line stops in
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


def top_n_for(seats: int) -> int:
    """The N of the "top-N share" shown beside the real world's top 5: the top half of the table,
    at most five (at a table of six the top five would hold nearly everything, always).

    >>> [top_n_for(seats) for seats in (2, 4, 6, 8)]
    [1, 2, 3, 4]
    """
    return max(1, min(REAL_WORLD_TOP_N, seats // 2))


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


class _Replay:
    """Replays a history once, keeping every firm's books in step with the core's public events
    (tests check them against the core's own state after every action)."""

    def __init__(self, history: History) -> None:
        self.history = history
        self.scenario = scenario = history.scenario
        try:
            state = new_game(scenario, history.seats, history.seed)
        except SetupError as error:
            raise SaveError(None, replay_problem(error)) from None
        self.state = state
        self.firms = list(state.firms)  # the books: cash, lots, idle lots, ownership, status
        self.top_n = top_n_for(len(state.firms))
        self.year = state.year
        # new_game hands back no events: the first year's income and opex are in the running totals
        self.drafts = {seat: self._first_draft(firm) for seat, firm in enumerate(state.firms)}
        self.revealed: list[str] = []
        self.prize = 0
        self.book_before = [book_value(firm, state.year, scenario.lifetime) for firm in state.firms]
        self.spent_total = [0] * len(state.firms)
        self.won_total = [0] * len(state.firms)
        self.firm_years: list[FirmYear] = []
        self.years: list[TableYear] = []
        self.actions: list[ActionRow] = []

    @staticmethod
    def _first_draft(firm) -> _Draft:
        draft = _Draft(firm.cash - firm.income_total + firm.opex_total)
        draft.income, draft.opex = firm.income_total, firm.opex_total
        draft.sat_out = firm.status == SITTING_OUT
        return draft

    def run(self) -> State:
        for action in self.history.actions:
            self.step(action)
        if not self.state.is_over:
            self.close_year(complete=False, vendor_take=0)
        return self.state

    def step(self, action) -> None:
        """Apply the next action of the history and keep the books."""
        before = self.state
        number = len(self.actions) + 1
        try:
            self.state, events = apply_action(before, action)
        except IllegalActionError as error:
            raise SaveError(None, action_does_not_replay(number, action, error)) from None
        paid, h100e = 0, 0.0
        for event in events:
            if isinstance(event, ev.Acted):
                paid += event.paid
            elif isinstance(event, ev.ChipsBought):
                h100e += event.h100e
            self.apply(event)
        seat = before.to_act
        self.actions.append(ActionRow(number, before.year, before.phase, before.quarter, seat,
                                      before.firms[seat].name, action.kind, action.amount, paid, h100e))

    def apply(self, event) -> None:
        """Keep the books: one public event."""
        kind = type(event)
        if kind is ev.Acted:
            draft = self.drafts[event.seat]
            draft.spent += event.paid
            self._cash(event.seat, -event.paid)
            if event.action.kind == "sit_in":
                draft.sat_in = True
            elif event.action.kind == "fold":
                draft.folded = True
        elif kind is ev.ChipsBought:
            firm = self.firms[event.seat]
            self.firms[event.seat] = firm._replace(lots=_with_purchase(firm.lots, self.year, event))
        elif kind is ev.FundsRaised:
            self.drafts[event.seat].raised += event.amount
            self._cash(event.seat, event.amount)
            self.firms[event.seat] = self.firms[event.seat]._replace(ownership=event.ownership,
                                                                     preference=event.preference)
        elif kind is ev.AgiPrizeAwarded:
            self.drafts[event.seat].agi_prize += event.amount
            self._cash(event.seat, event.amount)
        elif kind is ev.IncomePaid:
            self.drafts[event.seat].income += event.amount
            self._cash(event.seat, event.amount)
        elif kind is ev.OpexPaid:
            self.drafts[event.seat].opex += event.amount
            self._cash(event.seat, -event.amount)
            self.firms[event.seat] = self.firms[event.seat]._replace(idle_lots=event.idle_lots)
        elif kind is ev.LotsRetired:
            firm = self.firms[event.seat]
            self.firms[event.seat] = firm._replace(lots=firm.lots[event.lots:])
        elif kind is ev.SatOut:
            self.drafts[event.seat].sat_out = True
        elif kind is ev.Exited:
            self.drafts[event.seat].left = True
            self.firms[event.seat] = self.firms[event.seat]._replace(status=EXITED, exit_year=self.year)
        elif kind is ev.PotAwarded:
            self.prize += event.amount
            for seat, share in zip(event.winners, event.shares, strict=True):
                self.drafts[seat].won += share
                self._cash(seat, share)
        elif kind is ev.CardsShown:
            draft = self.drafts[event.seat]
            draft.shown, draft.shown_capability = tuple(event.cards), event.capability
        elif kind is ev.EventRevealed:
            self.revealed.append(event.event)
        elif kind is ev.YearEnded:
            self.close_year(complete=True, vendor_take=event.vendor_take)
        elif kind is ev.YearStarted:
            self.year = event.year
            self.revealed = []
            self.prize = 0
            self.drafts = {}
            return_bp = self.scenario.investor_return_bp
            for seat, firm in enumerate(self.firms):
                if firm.status != EXITED:
                    self.firms[seat] = firm._replace(idle_lots=0,
                                                     preference=grown_preference(firm.preference, return_bp))
                    self.drafts[seat] = _Draft(firm.cash)

    def _cash(self, seat: int, change: int) -> None:
        firm = self.firms[seat]
        self.firms[seat] = firm._replace(cash=firm.cash + change)

    def _weights(self) -> tuple[float, float]:
        """compute_weight and AMD efficiency with this year's face-up events (as the core applies them)."""
        scenario = self.scenario
        weight, amd_delta = scenario.compute_weight, 0.0
        for event in self.revealed:
            for effect in scenario.events[event].effects:
                if effect.kind == "compute_weight":
                    weight = max(0.0, weight + effect.delta)
                elif effect.kind == "amd_efficiency":
                    amd_delta += effect.delta
        amd = max(0.0, scenario.amd_efficiency[self.year - scenario.first_year] + amd_delta)
        return weight, amd

    def close_year(self, *, complete: bool, vendor_take: int) -> None:
        """The statements of the year that just ended (or of the year being played)."""
        weight, amd_eff = self._weights()
        lifetime = self.scenario.lifetime
        in_race: list[float] = []
        seated = spent = 0
        for seat, draft in sorted(self.drafts.items()):
            firm = self.firms[seat]
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
                ownership_end=firm.ownership, preference_end=firm.preference, compute_end=compute, capability=capability, shown=draft.shown,
                spent_total=self.spent_total[seat], won_total=self.won_total[seat], fleet=_fleet(firm.lots)))
            self.book_before[seat] = book
            seated += draft.sat_in
            spent += draft.spent
        base = self.prize - (spent - vendor_take) if complete else 0
        self.years.append(TableYear(self.year, complete, seated, spent, self.prize, base, vendor_take,
                                    herfindahl(in_race), top_share(in_race, 1), top_share(in_race, self.top_n)))


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
    replay = _Replay(history)
    try:
        state = replay.run()
    except SaveError:
        raise
    except REPLAY_FAILURES as error:
        raise SaveError(None, replay_problem(error)) from None
    ranked = standings(state)
    if history.result and tuple(history.result) != ranked:
        raise SaveError(None, RESULT_MISMATCH)
    if players is not None and len(players) != len(state.firms):
        raise ValueError(f"{len(players)} players for a game of {len(state.firms)} seats")
    firms = tuple(FirmInfo(seat, firm.name, firm.profile, players[seat].name if players else "",
                           players[seat].bot if players else None) for seat, firm in enumerate(state.firms))
    finished = [year for year in replay.years if year.complete]
    final = [rows[-1] for rows in _by_seat(replay.firm_years, len(state.firms)) if rows]  # each firm's last year
    in_race = [row for row in final if state.firms[row.seat].status != EXITED]
    compute = [row.compute_end for row in in_race]
    largest = max(in_race, key=lambda row: row.compute_end, default=None)
    top_n = replay.top_n
    totals = Totals(
        years=len(finished), spent=sum(year.spent for year in finished), prize=sum(year.prize for year in finished),
        base_market=sum(year.base_market for year in finished),
        vendor_take=sum(year.vendor_take for year in finished),
        book_value_end=sum(row.book_value_end for row in final), firms_counted=len(in_race),
        hhi=herfindahl(compute), largest_seat=largest.seat if largest and largest.compute_end > 0 else None,
        largest_share=top_share(compute, 1), top_n=top_n, top_n_share=top_share(compute, top_n))
    return Debrief(history, firms, tuple(replay.firm_years), tuple(replay.actions), tuple(replay.years), totals,
                   ranked, state.is_over, state.over_reason, state.year)


# --------------------------------------------------------------------------- reading a file

def load_debrief(path: str | os.PathLike) -> Debrief:
    """`build_debrief` of a save or hand-history file; every problem is a `SaveError` naming the
    file. A save's bots are not built: a save whose bot file has gone still has a debrief."""
    game = read_game_file(path)
    try:
        return build_debrief(game.history, game.players)
    except SaveError as error:
        raise SaveError(path, error.reason or error.problem) from None


# --------------------------------------------------------------------------- CSV

FIRM_YEAR_COLUMNS = (
    "year", "complete", "seat", "firm", "profile", "player", "outcome",
    "cash_start_usd_m", "income_usd_m", "raised_usd_m", "opex_usd_m", "spent_on_chips_usd_m", "market_won_usd_m",
    "agi_prize_usd_m", "cash_end_usd_m", "depreciation_usd_m", "book_value_end_usd_m", "net_worth_end_usd_m",
    "ownership_end_pct", "investors_preference_end_usd_m", "score_end_usd_m", "effective_compute_end_h100e", "compute_share_end_pct", "capability_public",
    "capability_shown_at_showdown", "cards_shown", "spent_cumulative_usd_m", "won_cumulative_usd_m", "fleet",
)
ACTION_COLUMNS = ("number", "year", "phase", "quarter", "seat", "firm", "player", "action", "amount",
                  "paid_usd_m", "h100e_bought")
FLEET_COLUMNS = ("year", "seat", "firm", "vendor", "chip", "h100e")
YEAR_COLUMNS = ("year", "complete", "firms_seated", "spent_on_chips_usd_m", "markets_paid_usd_m",
                "base_market_paid_usd_m", "stakes_share_paid_usd_m", "vendor_take_usd_m", "rent_dissipation_pct",
                "hhi_compute", "largest_firm_compute_pct", "top_n_compute_pct")
TOTAL_COLUMNS = ("years_finished", "spent_on_chips_usd_m", "markets_paid_usd_m", "base_market_paid_usd_m",
                 "stakes_share_paid_usd_m", "vendor_take_usd_m", "vendor_take_pct_of_spend", "rent_dissipation_pct",
                 "chips_book_value_end_usd_m", "firms_in_race_end", "hhi_compute_end", "largest_firm",
                 "largest_firm_compute_pct", "top_n", "top_n_compute_pct", "real_world_top_5_pct",
                 "real_world_source")
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark: spreadsheets then read accents and umlauts right


def _blank(value: float | None, digits: int) -> float | str:
    return "" if value is None else round(value, digits)


def firm_year_rows(debrief: Debrief) -> list[dict[str, Any]]:
    """One dict per firm and year, keyed by FIRM_YEAR_COLUMNS."""
    shares: dict[tuple[int, int], float] = {}
    for year in {row.year for row in debrief.firm_years}:
        rows = [row for row in debrief.firm_years if row.year == year and row.outcome != LEFT]
        total = sum(row.compute_end for row in rows)
        shares.update({(year, row.seat): 100.0 * row.compute_end / total for row in rows if total > 0})
    out = []
    for row in debrief.firm_years:
        firm = debrief.firms[row.seat]
        out.append({
            "year": row.year, "complete": int(row.complete), "seat": row.seat, "firm": row.firm,
            "profile": firm.profile, "player": firm.player, "outcome": row.outcome,
            "cash_start_usd_m": row.cash_start, "income_usd_m": row.income, "raised_usd_m": row.raised,
            "opex_usd_m": row.opex, "spent_on_chips_usd_m": row.spent, "market_won_usd_m": row.won,
            "agi_prize_usd_m": row.agi_prize, "cash_end_usd_m": row.cash_end, "depreciation_usd_m": row.depreciation,
            "book_value_end_usd_m": row.book_value_end, "net_worth_end_usd_m": row.net_worth_end,
            "ownership_end_pct": round(100 * row.ownership_end, 2),
            "investors_preference_end_usd_m": row.preference_end, "score_end_usd_m": row.score_end,
            "effective_compute_end_h100e": round(row.compute_end, 1),
            "compute_share_end_pct": _blank(shares.get((row.year, row.seat)), 2),
            "capability_public": round(row.capability, 2), "capability_shown_at_showdown": int(bool(row.shown)),
            "cards_shown": " + ".join(row.shown), "spent_cumulative_usd_m": row.spent_total,
            "won_cumulative_usd_m": row.won_total,
            "fleet": "; ".join(f"{vendor} {chip}: {round(h100e, 1)}" for vendor, chip, h100e in row.fleet),
        })
    return out


def action_rows(debrief: Debrief) -> list[dict[str, Any]]:
    return [{"number": row.number, "year": row.year, "phase": row.phase, "quarter": row.quarter, "seat": row.seat,
             "firm": row.firm, "player": debrief.firms[row.seat].player, "action": row.action,
             "amount": "" if row.amount is None else row.amount, "paid_usd_m": row.paid,
             "h100e_bought": round(row.h100e, 1)} for row in debrief.actions]


def fleet_rows(debrief: Debrief) -> list[dict[str, Any]]:
    return [{"year": row.year, "seat": row.seat, "firm": row.firm, "vendor": vendor, "chip": chip,
             "h100e": round(h100e, 1)} for row in debrief.firm_years for vendor, chip, h100e in row.fleet]


def year_rows(debrief: Debrief) -> list[dict[str, Any]]:
    return [{"year": year.year, "complete": int(year.complete), "firms_seated": year.seated,
             "spent_on_chips_usd_m": year.spent, "markets_paid_usd_m": year.prize,
             "base_market_paid_usd_m": year.base_market, "stakes_share_paid_usd_m": year.prize - year.base_market,
             "vendor_take_usd_m": year.vendor_take, "rent_dissipation_pct": _blank(year.dissipation, 2),
             "hhi_compute": _blank(year.hhi, 0), "largest_firm_compute_pct": _blank(year.largest_share, 2),
             "top_n_compute_pct": _blank(year.top_n_share, 2)}
            for year in debrief.years]


def total_row(debrief: Debrief) -> dict[str, Any]:
    totals = debrief.totals
    return {"years_finished": totals.years, "spent_on_chips_usd_m": totals.spent,
            "markets_paid_usd_m": totals.prize, "base_market_paid_usd_m": totals.base_market,
            "stakes_share_paid_usd_m": totals.stakes_share, "vendor_take_usd_m": totals.vendor_take,
            "vendor_take_pct_of_spend": _blank(totals.vendor_share, 2),
            "rent_dissipation_pct": _blank(totals.dissipation, 2), "chips_book_value_end_usd_m": totals.book_value_end,
            "firms_in_race_end": totals.firms_counted, "hhi_compute_end": _blank(totals.hhi, 0),
            "largest_firm": "" if totals.largest_seat is None else debrief.firms[totals.largest_seat].name,
            "largest_firm_compute_pct": _blank(totals.largest_share, 2), "top_n": totals.top_n,
            "top_n_compute_pct": _blank(totals.top_n_share, 2), "real_world_top_5_pct": REAL_WORLD_TOP_SHARE,
            "real_world_source": REAL_WORLD_SOURCE}


def write_csv(path: str | os.PathLike, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    """A CSV file with a header row (UTF-8 with BOM, comma-separated, one record a line)."""
    path = Path(path)
    with path.open("w", encoding=CSV_ENCODING, newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


# --------------------------------------------------------------------------- export

CSV_FILES = {"firm_years.csv": (FIRM_YEAR_COLUMNS, firm_year_rows), "actions.csv": (ACTION_COLUMNS, action_rows),
             "fleet.csv": (FLEET_COLUMNS, fleet_rows), "years.csv": (YEAR_COLUMNS, year_rows),
             "totals.csv": (TOTAL_COLUMNS, lambda debrief: [total_row(debrief)])}
HISTORY_FILE = "history.json"
README_FILE = "README.txt"

Text = Callable[..., str]  # a UI phrase by key, e.g. game.content.locale.ui_locale("de").text


def ui_text(lang: str) -> Text:
    """The UI phrases of `lang` (assets/locale/ui/<lang>/*.toml) as a function of key and values."""
    return ui_locale(lang).text


def export_debrief(debrief: Debrief, folder: str | os.PathLike, lang: str = "en", *,
                   text: Text | None = None) -> list[Path]:
    """Write the debrief into `folder` (created if needed): the CSV files, the hand history as
    JSON, every chart as PNG and a README that says what each file holds. Returns the files
    written. Raises `OSError` if the folder cannot be written."""
    from game import charts  # matplotlib: only here
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = text or ui_text(lang)
    written = [write_csv(folder / name, columns, rows(debrief)) for name, (columns, rows) in CSV_FILES.items()]
    history = folder / HISTORY_FILE
    history.write_text(to_json(debrief.history, indent=1) + "\n", encoding="utf-8", newline="\n")
    written.append(history)
    written.extend(charts.save_pngs(debrief, folder, text, lang))
    readme = folder / README_FILE
    readme.write_text(readme_text(debrief, text, lang), encoding="utf-8", newline="\n")
    written.append(readme)
    return written


def readme_text(debrief: Debrief, text: Text, lang: str) -> str:
    """What the export folder holds and what its figures mean, in the UI language."""
    scenario = debrief.scenario
    title = scenario.title.get(lang) or scenario.title.get("en") or scenario.id
    lines = [text("debrief.readme_title", scenario=title, first=scenario.first_year, last=debrief.year_reached), "",
             text("debrief.readme_units"), ""]
    for name in (*CSV_FILES, HISTORY_FILE):
        key = name.split(".")[0]
        lines.append(f"{name}: {text(f'debrief.file_{key}')}")
    lines.append(f"*.png: {text('debrief.file_charts')}")
    lines.append("")
    share = number_text(100 * debrief.market_share, lang)
    explained = (("label_spent", "explain_spent"), ("label_prize", "explain_prize"), ("label_take", "explain_take"),
                 ("label_dissipation", "explain_dissipation"), ("label_hhi", "explain_hhi"),
                 ("row_capability", "explain_capability"), ("row_depreciation", "explain_depreciation"))
    for label, key in explained:
        lines.append(f"• {text(f'debrief.{label}')}: {text(f'debrief.{key}', share=share)}")
    lines.append("• " + text("debrief.real_world_line", real=number_text(REAL_WORLD_TOP_SHARE, lang),
                             source=text("debrief.real_world_source")))
    return "\n".join(lines) + "\n"


def number_text(value: float, lang: str) -> str:
    return fmt.number(value, lang)


def export_name(scenario_id: str, source: str | os.PathLike | None = None, when=None) -> str:
    """A folder name for an export: the save's file name, else the scenario and the time."""
    if source is not None:
        return Path(source).stem
    from datetime import datetime
    return f"{scenario_id}_{(when or datetime.now()).strftime('%Y-%m-%d_%H-%M-%S')}"


def run_debrief(path: str, out_dir: str, lang: str = "en") -> int:
    """The headless debrief (``python main.py --debrief SAVE_OR_HISTORY --out DIR``): read a save
    or hand history, write the export into `out_dir`, print what was written. Returns 0, or 2
    with one line on stderr naming the file and the problem."""
    try:
        text = ui_text(lang)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        debrief = load_debrief(path)
    except SaveError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        print(f"error: {out}: exists and is not a folder", file=sys.stderr)
        return 2
    try:
        written = export_debrief(debrief, out, lang, text=text)
    except OSError as error:
        print(f"error: {error.filename or out}: cannot be written: {error.strerror or error}", file=sys.stderr)
        return 2
    print(summary_text(debrief, text, lang))
    print(text("debrief.exported", count=len(written), folder=str(out)))
    return 0


def summary_text(debrief: Debrief, text: Text, lang: str) -> str:
    """The table totals in a few lines of plain text."""
    totals = debrief.totals
    lines = [text("debrief.summary_spent", spent=fmt.money(totals.spent, lang), prize=fmt.money(totals.prize, lang),
                  years=totals.years),
             text("debrief.summary_take", take=fmt.money(totals.vendor_take, lang),
                  share=_percent_text(totals.vendor_share, lang)),
             text("debrief.summary_dissipation", value=_percent_text(totals.dissipation, lang)),
             text("debrief.summary_hhi", hhi=_number_or_dash(totals.hhi, lang), n=totals.top_n,
                  share=_percent_text(totals.top_n_share, lang), top=REAL_WORLD_TOP_N,
                  real=number_text(REAL_WORLD_TOP_SHARE, lang), source=text("debrief.real_world_source"))]
    return "\n".join(lines)


def _number_or_dash(value: float | None, lang: str) -> str:
    return "–" if value is None else number_text(round(value), lang)


def _percent_text(value: float | None, lang: str) -> str:
    return "–" if value is None else fmt.percent(round(value, 1), lang)


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
    """
    state = new_game(history.scenario, history.seats, history.seed)
    rows: list[Row] = []
    seen_year = -1
    last_snapshot_at = -1
    for number, action in enumerate((None, *history.actions)):
        if action is not None:
            state = apply_action(state, action).state
        if state.phase == ANTE and state.year_index != seen_year:
            seen_year = state.year_index
            last_snapshot_at = number
            rows.extend(snapshot(state, START))
    if state.is_over:
        rows.extend(snapshot(state, END))
    elif last_snapshot_at != len(history.actions):
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
