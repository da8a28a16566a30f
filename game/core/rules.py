"""The rulebook (DESIGN.md §1) as pure functions: new game, apply an action, standings.

`apply_action` checks the action against `legal_actions`, applies it, then runs every
automatic step up to the next decision (end of a quarter, event reveals, showdown,
the next year's income, opex and ante round). `advance` does the same without recording
the events on the way, for callers that never read them.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Sequence
from typing import Final, NamedTuple, TypeVar

from . import events as ev
from .actions import ALL_IN, CALL, CHECK, FOLD, RAISE_FUNDS, SET_MIX, SIT_IN, Action
from .cards import capability, compute_leaders, reveal_events, scoring
from .errors import IllegalActionError, Problem, SetupError
from .funding import diluted, founders_claim, funding_left, funding_round, grown_preference, under_water
from .legal import GAME_OVER, legal_actions
from .market import USD_PER_MILLION, amd_efficiency, buy_chips, effective_compute, net_worth
from .pots import Pot, seats_from_button, side_pots, split_pot
from .scenario import EVENTS_PER_YEAR, FIXED_LIMIT, MAX_SEATS, MIN_SEATS, Scenario
from .state import (
    ACTIVE, ALL_IN as ALL_IN_STATUS, ANTE, BETTING, EXITED, FOLDED, OVER, SITTING_OUT, ActionLog, Firm, LogEntry,
    Lot, Showdown, State, evolve, evolve_firm, new_record, setter,
)

T = TypeVar("T")
# Where the rules note what happens, in order; None on the simulation path (`advance`), which builds no records.
Events = list[ev.Event] | None
REVEALED_BY_QUARTER: Final = (0, 0, 2, 3, 4)  # events face up during quarter q (index q)
IN_HAND: Final = (ACTIVE, ALL_IN_STATUS)
IN_RACE: Final = (ACTIVE, ALL_IN_STATUS, FOLDED, SITTING_OUT)  # every status but EXITED
# The seats after each seat in turn order, round the table, by table size: the turn passes on every
# action, and reading the order is cheaper than computing (seat + offset) % count for each seat passed.
_TURN_ORDER: Final = {count: tuple(tuple((after + offset) % count for offset in range(1, count + 1))
                                   for after in range(count))
                      for count in range(MIN_SEATS, MAX_SEATS + 1)}

# The new state after a decision, built in one step (these run on every action). Module names the rules read
# on every action are Final: a compiled build keeps them in C statics instead of looking them up by name.
_after_ante_decision: Final = setter(State, "firms", "acted", "log", "bought", "year_stakes", "to_act")
_after_bet: Final = setter(State, "firms", "quarter_stakes", "year_stakes", "bought", "acted", "min_raise",
                           "full_raises", "log", "to_act")
_after_check: Final = setter(State, "acted", "log", "to_act")
_set_to_act: Final = setter(State, "to_act")
_market_won: Final = setter(Firm, "cash", "won_total")
_funds_raised: Final = setter(Firm, "cash", "ownership", "preference", "raised_this_year", "raised_total")
_sat_out_once: Final = setter(Firm, "status", "last_sat_out")
_folded: Final = setter(Firm, "status")
_dealt: Final = setter(State, "phase", "hands", "year_events")
_quarter_opened: Final = setter(State, "quarter", "quarter_stakes", "acted", "min_raise", "full_raises", "to_act")
# A year settles and the next one opens in one new state: what settled the last year, then the new year's start.
_year_turned: Final = setter(State, "vendor_take", "vendor_take_by_year", "base_paid", "last_winners", "agi_winners",
                             "showdowns", "year_index", "phase", "quarter", "button", "to_act", "firms", "acted",
                             "quarter_stakes", "year_stakes", "min_raise", "full_raises", "hands", "year_events",
                             "revealed", "price_factor", "supply_factor", "bought", "base_market", "compute_weight",
                             "amd_efficiency_delta", "valuations", "funding_caps")
_year_opened: Final = setter(Firm, "lots", "cash", "income_total", "opex_total", "status", "raised_this_year",
                             "idle_lots", "preference")
# A firm as it sits down, before its profile's name, cash, chips and procurement mix are filled in.
_NEW_FIRM: Final = Firm(profile="", name="", cash=0, ownership=1.0, preference=0, lots=(), amd_pct=0, status=ACTIVE,
                        last_sat_out=0, raised_this_year=0, idle_lots=0, exit_year=0, income_total=0, raised_total=0,
                        opex_total=0, spent_total=0, won_total=0)
_starting_firm: Final = setter(Firm, "profile", "name", "cash", "lots", "amd_pct")


class _Settled(NamedTuple):
    """What settling a year changes in the state (besides the firms)."""

    vendor_take: int
    vendor_take_by_year: tuple[int, ...]
    base_paid: int
    last_winners: tuple[int, ...]
    agi_winners: tuple[int, ...]
    showdowns: tuple[Showdown, ...]


class Step(NamedTuple):
    """The result of `apply_action`: the next state and what happened on the way."""

    state: State
    events: tuple[ev.Event, ...]


class Standing(NamedTuple):
    rank: int  # 1 = best; equal results share a rank
    seat: int
    name: str
    score: int  # $M: the founders' claim on net worth (frozen at exit)
    net_worth: int  # AGI prize included
    ownership: float
    preference: int  # the investors' preference ($M)
    agi_winner: bool
    exited: bool


# --------------------------------------------------------------------------- setup

def default_seats(scenario: Scenario, count: int) -> list[str]:
    """The first `count` firm profiles of the scenario, one per seat."""
    if not MIN_SEATS <= count <= min(MAX_SEATS, len(scenario.profiles)):
        raise SetupError(Problem.of("setup_problem.seats_in_scenario", "scenario '{scenario}' seats {least} to "
                                    "{most} firms, not {count}", scenario=scenario.id, least=MIN_SEATS,
                                    most=min(MAX_SEATS, len(scenario.profiles)), count=count))
    return [profile.id for profile in scenario.profiles[:count]]


def new_game(scenario: Scenario, seats: Sequence[str], seed: object) -> State:
    """A new game at its first decision. `seats` are firm profile ids, one per seat; `seed` a whole number
    ≥ 0 (anything else is refused with a `SetupError`)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise SetupError(Problem.of("setup_problem.bad_seed", "the seed must be a whole number ≥ 0, got {given}",
                                    given=repr(seed)))
    if isinstance(seats, str) or not MIN_SEATS <= len(seats) <= MAX_SEATS:
        raise SetupError(Problem.of("setup_problem.seat_count", "a game has {least} to {most} seats, got {given}",
                                    least=MIN_SEATS, most=MAX_SEATS, given=repr(seats)))
    if 2 * len(seats) > len(scenario.rd_deck):
        raise SetupError(Problem.of("setup_problem.too_few_cards", "scenario '{scenario}' has {cards} R&D cards: "
                                    "too few to deal two to each of {count} seats", scenario=scenario.id,
                                    cards=len(scenario.rd_deck), count=len(seats)))
    firms = []
    for seat, profile_id in enumerate(seats):
        profile = scenario.profile(profile_id)
        if profile is None:
            raise SetupError(Problem.of("setup_problem.unknown_firm", "seat {seat}: scenario '{scenario}' has no "
                                        "firm '{firm}' (firms: {firms})", seat=seat, scenario=scenario.id,
                                        firm=profile_id, firms=tuple(p.id for p in scenario.profiles)))
        if profile_id in seats[:seat]:
            raise SetupError(Problem.of("setup_problem.firm_twice", "seat {seat}: firm '{firm}' already sits at seat "
                                        "{other}", seat=seat, firm=profile_id, other=list(seats).index(profile_id)))
        lots = tuple(Lot(lot.year, lot.vendor, lot.chip, lot.h100e, lot.cost)
                     for lot in sorted(profile.lots, key=lambda lot: lot.year))
        firms.append(_starting_firm(_NEW_FIRM, profile.id, profile.name, profile.cash, lots, profile.amd_pct))
    count = len(firms)
    state = State(
        scenario=scenario, seed=seed, year_index=0, phase=ANTE, quarter=0, button=count - 1, to_act=-1,
        firms=tuple(firms), acted=0, quarter_stakes=(0,) * count, year_stakes=(0,) * count, min_raise=0,
        full_raises=0, hands=((),) * count, year_events=(), revealed=0, price_factor=(1.0, 1.0),
        supply_factor=(1.0, 1.0), bought=(0.0, 0.0), base_market=0, compute_weight=scenario.compute_weight,
        amd_efficiency_delta=0.0, vendor_take=0, vendor_take_by_year=(), base_paid=0, last_winners=(),
        valuations=(0,) * count, funding_caps=(0,) * count, agi_winners=(), agi_prize=0, over_reason="",
        log=ActionLog(),
        showdowns=(),
    )
    return _begin_year(state, 0, None, state.firms, _Settled(0, (), 0, (), (), ()), first=True)


def _draw(state: State, label: str, decks: Sequence[tuple[Sequence[str], int]]) -> list[list[str]]:
    """The top cards of freshly shuffled decks: `count` cards from each (deck, count).

    Randomness comes from SHAKE-256 of the hidden seed, the year and `label`, read as
    32-bit numbers for a partial Fisher-Yates shuffle: stable across Python versions
    and platforms, and independent for every year.
    """
    needed = sum([count for _, count in decks])
    stream = hashlib.shake_256(f"table-stakes:{state.seed}:{state.year}:{label}".encode()).digest(4 * needed)
    numbers = struct.unpack(f">{needed}I", stream)
    used = 0
    hands = []
    for items, count in decks:
        deck = list(items)
        size = len(deck)
        for i, number in enumerate(numbers[used:used + count]):
            j = i + number % (size - i)
            deck[i], deck[j] = deck[j], deck[i]
        used += count
        hands.append(deck[:count])
    return hands


# --------------------------------------------------------------------------- the year

def _begin_year(state: State, year_index: int, events: Events, firms_settled: tuple[Firm, ...], settled: _Settled,
                *, first: bool = False) -> State:
    """Open year `year_index` after the last one settled (`firms_settled`, `settled`): retire old lots,
    pay income and opex, grow the investors' preferences, let investors take over the firms under
    water, fix the funding round, open the ante round."""
    scenario = state.scenario
    count = len(firms_settled)
    year = scenario.first_year + year_index
    opening = 0 if events is None else len(events)  # YearStarted goes here once the button is known (after takeovers)
    amd_eff = scenario.amd_efficiency[year_index]
    lifetime = scenario.lifetime
    profiles = scenario.profiles_by_id
    funding = scenario.funding
    firms = []
    worths = []  # net worth at the funding round (0 out of the race)
    for seat, firm in enumerate(firms_settled):
        if firm.status == EXITED:
            firms.append(firm)
            worths.append(0)
            continue
        live = firm.lots
        if live and year - live[0].year >= lifetime:  # lots are oldest first: the retired ones lead
            retired = 1
            while retired < len(live) and year - live[retired].year >= lifetime:
                retired += 1
            h100e = 0.0
            for lot in live[:retired]:
                h100e += lot.h100e
            if events is not None:
                events.append(new_record(ev.LotsRetired, (seat, h100e, retired)))
            live = live[retired:]
        income = profiles[firm.profile].income[year_index]
        cash = firm.cash + income
        opex = idle = 0
        if scenario.opex:
            opex, idle = _opex_due(live, cash, amd_eff, scenario.opex_usd_per_h100e)
        if events is not None:
            events.append(new_record(ev.IncomePaid, (seat, income)))
            if scenario.opex:
                events.append(new_record(ev.OpexPaid, (seat, opex, idle)))
        preference = firm.preference
        if preference:
            preference = grown_preference(preference, scenario.investor_return_bp)
        # One new firm for the year's opening: chips retired, income in, opex out, a fresh status and round.
        firm = _year_opened(firm, live, cash - opex, firm.income_total + income, firm.opex_total + opex, ACTIVE, 0,
                            idle, preference)
        worth = net_worth(firm, year, lifetime) if funding or preference else 0
        if preference and under_water(worth, preference):
            if events is not None:
                events.append(new_record(ev.TakenOver, (seat, worth, preference)))
                events.append(new_record(ev.Exited, (seat, 0)))
            firm = evolve_firm(firm, status=EXITED, exit_year=year)
            worth = 0
        firms.append(firm)
        worths.append(worth)
    button = state.button
    if (not first or firms[button].status == EXITED) and any([firm.status != EXITED for firm in firms]):
        button = _next_seat(firms, button, IN_RACE)
    if events is not None:
        events.insert(opening, new_record(ev.YearStarted, (year, button)))
    no_stakes = (0,) * count
    if funding:
        valuations = funding_round(scenario, firms, worths, settled.last_winners, max(0.0, amd_eff))
    else:
        valuations = state.valuations, state.funding_caps
    # The first firm left of the button opens the ante round (unless it cannot pay: _next_in_ante sees to that).
    state = _year_turned(state, *settled, year_index, ANTE, 0, button, _next_undecided(firms, 0, button),
                         tuple(firms), 0, no_stakes, no_stakes, scenario.ante[year_index], 0, ((),) * count, (), 0,
                         (1.0, 1.0), (1.0, 1.0), (0.0, 0.0), scenario.base_market[year_index],
                         scenario.compute_weight, 0.0, *valuations)
    return _next_in_ante(state, events)


def _opex_due(lots: tuple[Lot, ...], cash: int, amd_eff: float, usd_per_h100e: float) -> tuple[int, int]:
    """(opex paid, lots left idle): power and operations are paid for the newest lots first, as far
    as `cash` goes; the oldest lots it cannot pay for stand idle."""
    cost = 0
    kept = 0
    compute = 0.0
    for lot in reversed(lots):
        compute += lot.h100e * (amd_eff if lot.vendor == "amd" else 1.0)
        needed = int(round(compute * usd_per_h100e / USD_PER_MILLION))
        if needed > cash:
            break
        cost = needed
        kept += 1
    return cost, len(lots) - kept


def _can_pay_ante(state: State, seat: int, firm: Firm) -> bool:
    """Whether `firm` (at `seat`) can pay the ante, raising funds first if it still may."""
    ante = state.scenario.ante[state.year_index]
    return firm.cash >= ante or firm.cash + funding_left(state.scenario, state.funding_caps[seat], firm) >= ante


def _next_undecided(firms: Sequence[Firm], acted: int, after: int) -> int:
    """The first firm after seat `after` still in the race that has not decided this ante round; -1 if none."""
    count = len(firms)
    for seat in _TURN_ORDER[count][after % count]:
        if firms[seat].status != EXITED and not (acted >> seat) & 1:
            return seat
    return -1


def _next_in_ante(state: State, events: Events) -> State:
    """The next firm left of the button still to decide; firms that cannot pay sit out."""
    while True:
        seat = _next_undecided(state.firms, state.acted, state.button)
        if seat < 0:
            return _deal(state, events)
        if _can_pay_ante(state, seat, state.firms[seat]):
            return state if state.to_act == seat else _set_to_act(state, seat)
        if events is not None:
            events.append(new_record(ev.SatOut, (seat, True)))
        state = evolve(state, firms=_put(state.firms, seat, _sat_out(state, seat, events)),
                       acted=state.acted | (1 << seat))


def _sat_out(state: State, seat: int, events: Events) -> Firm:
    """The firm after sitting out this year: a second year running, it exits and its score freezes."""
    firm = state.firms[seat]
    if firm.last_sat_out == state.year - 1:
        firm = evolve_firm(firm, status=EXITED, exit_year=state.year)
        if events is not None:
            events.append(new_record(ev.Exited, (seat, _score(state, firm))))
        return firm
    return _sat_out_once(firm, SITTING_OUT, state.year)


def _deal(state: State, events: Events) -> State:
    seated = seats_from_button([seat for seat, firm in enumerate(state.firms) if firm.status in IN_HAND],
                               state.button)
    if not seated:
        return _end_year(state, events, main_winners=[], showdown=False, take=0, firms=state.firms,
                         vendor_take=state.vendor_take, base_paid=state.base_paid, agi_winners=state.agi_winners,
                         showdowns=state.showdowns)
    scenario = state.scenario
    year_events, deck = _draw(state, "deal", [(scenario.event_deck, EVENTS_PER_YEAR),
                                             (scenario.rd_deck, 2 * len(seated))])
    hands: list[tuple[str, ...]] = [()] * len(state.firms)
    for position, seat in enumerate(seated):
        hands[seat] = (deck[position], deck[position + len(seated)])
    if events is not None:
        events.append(new_record(ev.CardsDealt, (tuple(seated),)))
    state = _dealt(state, BETTING, tuple(hands), tuple(year_events))
    if len(seated) == 1:
        return _award_uncontested(state, events)
    return _start_quarter(state, 1, events)


def _reveal(state: State, count: int, events: Events) -> State:
    """Events face up until `count` are."""
    if state.revealed >= count:
        return state
    if events is not None:
        for event_id in state.year_events[state.revealed:count]:
            events.append(new_record(ev.EventRevealed, (event_id,)))
    return reveal_events(state, count)


def _start_quarter(state: State, quarter: int, events: Events) -> State:
    firms = state.firms
    if [firm.status for firm in firms].count(ACTIVE) <= 1:
        return _showdown(state, events)  # nobody left to bet against: run out the events
    state = _reveal(state, REVEALED_BY_QUARTER[quarter], events)
    if events is not None:
        events.append(new_record(ev.QuarterStarted, (quarter,)))
    scenario = state.scenario
    min_raise = scenario.ante[state.year_index]
    if scenario.betting == FIXED_LIMIT and quarter > 2:
        min_raise *= 2  # a full bet or raise is the quarter's fixed size: twice the ante in Q3-Q4
    return _quarter_opened(state, quarter, (0,) * len(firms), 0, min_raise, 0,
                           _next_seat(firms, state.button, (ACTIVE,)))


def _next_seat(firms: Sequence[Firm], after: int, statuses: tuple[str, ...]) -> int:
    """The first seat after `after` whose firm has one of `statuses`."""
    count = len(firms)
    for seat in _TURN_ORDER[count][after % count]:
        if firms[seat].status in statuses:
            return seat
    raise AssertionError("no seat qualifies")  # callers check that one does


# --------------------------------------------------------------------------- actions

def apply_action(state: State, action: object) -> Step:
    """Apply `action` for the seat to act and run the game on to the next decision.

    Raises `IllegalActionError` (saying which rule refused it) and leaves `state`
    unchanged if the action is not legal now.
    """
    events: list[ev.Event] = []
    return new_record(Step, (_play(state, action, events), tuple(events)))


def advance(state: State, action: object) -> State:
    """The state `apply_action` gives, without the events on the way: the simulation path for bots,
    environments and runners that read states or observations, not events (building the event
    records is about a tenth of the work). Refuses an illegal action as `apply_action` does.

    >>> from game.content import load_scenario
    >>> from game.core import sit_in
    >>> start = new_game(load_scenario("classic"), ["atlas", "borealis"], seed=1)
    >>> advance(start, sit_in()) == apply_action(start, sit_in()).state
    True
    """
    return _play(state, action, None)


def _play(state: State, action: object, events: Events) -> State:
    """The next state after `action`, noting what happens in `events` unless it is None.

    `action` may be anything a caller hands in (an action of the wrong type is refused by its rule,
    as any other illegal action is), so it is typed `object` until the refusal check has passed it.
    """
    if state.phase == OVER:
        raise IllegalActionError(GAME_OVER)
    legal = legal_actions(state)
    refused = legal.refusal(action)
    if refused is not None:
        raise IllegalActionError(refused)
    assert isinstance(action, Action)  # refusal() passed it
    seat = state.to_act
    kind = action.kind
    log = state.log.appended(new_record(LogEntry, (seat, action)))
    if kind == SET_MIX:
        if events is not None:
            events.append(new_record(ev.Acted, (seat, action, 0)))
        firm = evolve_firm(state.firms[seat], amd_pct=action.amount)
        return evolve(state, firms=_put(state.firms, seat, firm), log=log)
    if state.phase == ANTE:
        return _ante_decision(state, seat, action, log, events)
    return _bet_action(state, seat, action, legal.call_amount, log, events)


def _ante_decision(state: State, seat: int, action: Action, log: ActionLog, events: Events) -> State:
    """Raise funds (the firm then decides again), sit in or sit out; then the turn passes on,
    building the next state once when the next firm can pay the ante."""
    kind = action.kind
    firm = state.firms[seat]
    acted = state.acted | (1 << seat)
    bought = state.bought
    year_stakes = state.year_stakes
    ante = state.scenario.ante[state.year_index]
    if events is not None:
        events.append(new_record(ev.Acted, (seat, action, ante if kind == SIT_IN else 0)))
    if kind == RAISE_FUNDS:
        amount = action.amount
        assert amount is not None  # refusal() let only a whole number through
        value = state.valuations[seat]
        ownership = diluted(firm.ownership, value, amount)
        preference = firm.preference + amount
        firm = _funds_raised(firm, firm.cash + amount, ownership, preference, amount, firm.raised_total + amount)
        if events is not None:
            events.append(new_record(ev.FundsRaised, (seat, amount, value, ownership, preference)))
        acted = state.acted
    elif kind == SIT_IN:
        firm, bought = buy_chips(state, seat, firm, ante, events)
        year_stakes = _put(year_stakes, seat, ante)
    else:  # sit out
        firm = _sat_out(state, seat, events)
    firms = _put(state.firms, seat, firm)
    # The firms from the button up to this one have all decided: look on from here.
    next_seat = _next_undecided(firms, acted, seat - 1)
    if next_seat < 0:  # every firm has decided
        return _deal(_after_ante_decision(state, firms, acted, log, bought, year_stakes, seat), events)
    if _can_pay_ante(state, next_seat, firms[next_seat]):
        return _after_ante_decision(state, firms, acted, log, bought, year_stakes, next_seat)
    return _next_in_ante(_after_ante_decision(state, firms, acted, log, bought, year_stakes, seat), events)


def _bet_action(state: State, seat: int, action: Action, call_amount: int, log: ActionLog,
                events: Events) -> State:
    """Fold, check, call, bet, raise or all-in; builds the next state in one step when the turn passes."""
    kind = action.kind
    firms = state.firms
    stakes = state.quarter_stakes
    year_stakes = state.year_stakes
    bought = state.bought
    min_raise = state.min_raise
    full_raises = state.full_raises
    bit = 1 << seat
    acted = state.acted | bit
    if kind == FOLD:
        if events is not None:
            events.append(new_record(ev.Acted, (seat, action, 0)))
        firms = _put(firms, seat, _folded(firms[seat], FOLDED))
        statuses = [firm.status for firm in firms]
        if statuses.count(ACTIVE) + statuses.count(ALL_IN_STATUS) == 1:
            return _award_uncontested(evolve(state, firms=firms, acted=acted, log=log), events)
    elif kind == CHECK:
        if events is not None:
            events.append(new_record(ev.Acted, (seat, action, 0)))
        next_seat = _next_to_act(firms, stakes, acted, seat)
        if next_seat >= 0:
            return _after_check(state, acted, log, next_seat)
    else:
        mine = stakes[seat]
        top = max(stakes)
        if kind == CALL:
            target = mine + call_amount
        elif kind == ALL_IN:
            target = mine + firms[seat].cash
        else:  # BET amount and RAISE to-amount are both the quarter stake after the action
            assert action.amount is not None  # refusal() let only a whole number through
            target = action.amount
        paid = target - mine
        if events is not None:
            events.append(new_record(ev.Acted, (seat, action, paid)))
        firm, bought = buy_chips(state, seat, firms[seat], paid, events)
        if target > top and target - top >= min_raise:
            # A full bet or raise reopens the betting for everyone else.
            acted = bit
            min_raise = target - top
            full_raises += 1
        firms = _put(firms, seat, firm)
        stakes = _put(stakes, seat, target)
        year_stakes = _put(year_stakes, seat, year_stakes[seat] + paid)
    next_seat = _next_to_act(firms, stakes, acted, seat)
    state = _after_bet(state, firms, stakes, year_stakes, bought, acted, min_raise, full_raises, log, next_seat)
    if next_seat >= 0:
        return state
    if state.quarter == 4:
        return _showdown(state, events)
    return _start_quarter(state, state.quarter + 1, events)


def _next_to_act(firms: tuple[Firm, ...], stakes: tuple[int, ...], acted: int, seat: int) -> int:
    """The next active firm after `seat` that has not acted since the last full raise or
    has not matched the top stake; -1 if none (the quarter is over)."""
    top = max(stakes)
    for other in _TURN_ORDER[len(firms)][seat]:
        if firms[other].status == ACTIVE and (not (acted >> other) & 1 or stakes[other] < top):
            return other
    return -1


# --------------------------------------------------------------------------- settling

def _award_uncontested(state: State, events: Events) -> State:
    """Every firm but one folded (or only one sat in): it wins at once, cards hidden."""
    winner = [firm.status in IN_HAND for firm in state.firms].index(True)
    pots = side_pots(state.year_stakes, [winner], state.scenario.market_share_bp, state.base_market)
    return _pay(state, pots, lambda pot: [winner], events, showdown=False, showdowns=state.showdowns)


def _showdown(state: State, events: Events) -> State:
    state = _reveal(state, EVENTS_PER_YEAR, events)
    in_hand = seats_from_button([seat for seat, firm in enumerate(state.firms) if firm.status in IN_HAND],
                                state.button)
    leaders = compute_leaders(state)
    rules = scoring(state.scenario, state.year_events[:state.revealed])
    year = state.year
    scores = {}
    shown = []
    for seat in in_hand:
        result = capability(state, seat, leaders, rules)
        scores[seat] = result.total
        cards = state.hands[seat]
        if events is not None:
            events.append(new_record(ev.CardsShown, (seat, cards, result.total, result.compute_points,
                                                     result.card_points, result.event_points)))
        shown.append(new_record(Showdown, (year, seat, cards, result.total)))
    pots = side_pots(state.year_stakes, sorted(in_hand), state.scenario.market_share_bp, state.base_market)

    def best(pot: Pot) -> list[int]:
        top = max([scores[seat] for seat in pot.eligible])
        return [seat for seat in pot.eligible if scores[seat] == top]

    return _pay(state, pots, best, events, showdown=True, showdowns=state.showdowns + tuple(shown))


def _pay(state: State, pots: list[Pot], winners_of: Callable[[Pot], list[int]], events: Events, *, showdown: bool,
         showdowns: tuple[Showdown, ...]) -> State:
    """Pay each pot to its winners, note AGI wins at a showdown, then close the year."""
    firms = list(state.firms)
    paid_from_stakes = 0
    main_winners: list[int] = []
    agi: list[int] = []
    scenario = state.scenario
    race = showdown and scenario.race_mode
    amd_eff = amd_efficiency(state) if race else 0.0
    for index, pot in enumerate(pots):
        winners = winners_of(pot)
        if index == 0:
            main_winners = winners
        shares = split_pot(pot.amount, winners, state.button)
        for seat, share in shares:
            winner = firms[seat]
            firms[seat] = _market_won(winner, winner.cash + share, winner.won_total + share)
            if (race and seat not in agi
                    and effective_compute(firms[seat], amd_eff) >= scenario.agi_threshold_h100e):
                agi.append(seat)
        seats, amounts = zip(*shares, strict=True)
        if events is not None:
            events.append(new_record(ev.PotAwarded, (index, pot.amount, seats, amounts)))
        paid_from_stakes += pot.amount - (state.base_market if index == 0 else 0)
    take = sum(state.year_stakes) - paid_from_stakes
    return _end_year(state, events, main_winners=main_winners, showdown=showdown, take=take, firms=tuple(firms),
                     vendor_take=state.vendor_take + take, base_paid=state.base_paid + state.base_market,
                     agi_winners=tuple(sorted(agi)), showdowns=showdowns)


_year_closed: Final = setter(State, "firms", "vendor_take", "vendor_take_by_year", "base_paid", "last_winners",
                             "agi_winners", "showdowns")
_game_over: Final = setter(State, "phase", "quarter", "to_act", "over_reason", "agi_prize")


def _end_year(state: State, events: Events, main_winners: list[int], showdown: bool, take: int,
              firms: tuple[Firm, ...], vendor_take: int, base_paid: int, agi_winners: tuple[int, ...],
              showdowns: tuple[Showdown, ...]) -> State:
    """Record the year as settled (an AGI win adds its prize first), then start the next year or end the game."""
    agi_prize = 0
    if agi_winners:
        firms, agi_prize = _award_agi_prize(state, firms, agi_winners, events)
    if events is not None:
        events.append(new_record(ev.YearEnded, (state.year, take, showdown)))
    settled = new_record(_Settled, (vendor_take, state.vendor_take_by_year + (take,), base_paid,
                                    tuple(sorted(main_winners)), agi_winners, showdowns))
    if agi_winners:
        reason = "agi"
    elif state.year_index == state.scenario.years - 1:
        reason = "last_year"
    elif len(firms) - [firm.status for firm in firms].count(EXITED) <= 1:
        reason = "one_firm_left"
    else:
        return _begin_year(state, state.year_index + 1, events, firms, settled)
    if events is not None:
        events.append(ev.GameOver(reason, agi_winners))
    return _game_over(_year_closed(state, firms, *settled), OVER, 0, -1, reason, agi_prize)


def _award_agi_prize(state: State, firms: tuple[Firm, ...], winners: tuple[int, ...],
                     events: Events) -> tuple[tuple[Firm, ...], int]:
    """The race is won: the AGI winners add `agi_prize_share` × the other firms' net worth (valued as
    the final standings value it) to their own, split as a pot is split. Returns the firms and the prize."""
    lifetime = state.scenario.lifetime
    others = 0
    for seat, firm in enumerate(firms):
        if seat not in winners:
            others += net_worth(firm, _valued_in(state, firm, over=True), lifetime)
    prize = int(state.scenario.agi_prize_share * others)
    changed = list(firms)
    for seat, share in split_pot(prize, winners, state.button):
        changed[seat] = evolve_firm(changed[seat], cash=changed[seat].cash + share)
        if events is not None:
            events.append(ev.AgiPrizeAwarded(seat, share))
    return tuple(changed), prize


# --------------------------------------------------------------------------- results

def _valued_in(state: State, firm: Firm, *, over: bool) -> int:
    """The year whose book values count for a firm's net worth: the year it exited (its cash and
    chips stand still after it leaves, so its score is frozen); once the game is `over`, the year
    after the last one played (its chips have worked, and depreciated, through that year); else now."""
    if firm.status == EXITED:
        return firm.exit_year
    return state.year + 1 if over else state.year


def _score(state: State, firm: Firm) -> int:
    worth = net_worth(firm, _valued_in(state, firm, over=False), state.scenario.lifetime)
    return founders_claim(worth, firm.ownership, firm.preference)


def standings(state: State) -> tuple[Standing, ...]:
    """Firms ranked by score, the founders' claim on net worth (frozen at exit; an AGI winner's net
    worth includes its prize), then by net worth; firms equal in both share a rank."""
    rows = []
    lifetime = state.scenario.lifetime
    over = state.phase == OVER
    for seat, firm in enumerate(state.firms):
        worth = net_worth(firm, _valued_in(state, firm, over=over), lifetime)
        rows.append(Standing(0, seat, firm.name, founders_claim(worth, firm.ownership, firm.preference), worth,
                             firm.ownership, firm.preference, seat in state.agi_winners, firm.status == EXITED))
    rows.sort(key=lambda row: (-row.score, -row.net_worth, row.seat))
    ranked: list[Standing] = []
    for position, row in enumerate(rows):
        previous = ranked[-1] if ranked else None
        if previous is not None and (previous.score, previous.net_worth) == (row.score, row.net_worth):
            ranked.append(row._replace(rank=previous.rank))
        else:
            ranked.append(row._replace(rank=position + 1))
    return tuple(ranked)


def does_not_replay(number: int, action: object, error: IllegalActionError) -> Problem:
    """Why a recorded action does not replay: its number (from 0), the action and the rule that refused it."""
    return Problem.of("refusal.does_not_replay", "action {number} ({action}) does not replay: {why}", number=number,
                      action=str(action), why=error.reason or str(error))


def replay(scenario: Scenario, seats: Sequence[str], seed: object, actions: Sequence[object]) -> State:
    """The state reached by applying `actions` in order to a new game."""
    state = new_game(scenario, seats, seed)
    for number, action in enumerate(actions):
        try:
            state = advance(state, action)
        except IllegalActionError as error:
            raise IllegalActionError(does_not_replay(number, action, error)) from None
    return state


def _put(values: tuple[T, ...], index: int, value: T) -> tuple[T, ...]:
    """A copy of `values` with `values[index]` replaced (fewer allocations than slicing)."""
    changed = list(values)
    changed[index] = value
    return tuple(changed)
