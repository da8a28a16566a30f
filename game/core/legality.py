"""The arithmetic of what is legal now: the kinds, the call amount and the amount ranges, and which rule
stops a bet or raise. Compiled in the fast build; `legal.legal_actions` hands it the query object's record
type and the refusals, which are worded in legal.py (the one place that says why an action is illegal).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, TypeVar

from .actions import ALL_IN, BET, CALL, CHECK, FOLD, RAISE, RAISE_FUNDS, SET_MIX, SIT_IN, SIT_OUT
from .funding import funding_left
from .pots import BASIS_POINTS
from .scenario import FIXED_LIMIT, NO_LIMIT
from .state import ANTE, BETTING, State, new_record

Legal = TypeVar("Legal", bound=tuple[Any, ...])

FIXED_LIMIT_CAP: Final = 4  # bets and raises per quarter in fixed-limit

# Why bet or raise is missing from the kinds: the position of its refusal in the `why` that
# `legal_record` is given. The ones from COVER_FIXED_BET on are a clause that takes the amount the firm lacks.
BETS_WAIT: Final = 0
NOT_REOPENED: Final = 1
CAP_REACHED: Final = 2
ALREADY_A_BET: Final = 3
NO_BET_TO_RAISE: Final = 4
COVER_FIXED_BET: Final = 5
COVER_FIXED_RAISE: Final = 6
COVER_MINIMUM_BET: Final = 7
COVER_MINIMUM_RAISE: Final = 8
REASONS: Final = 9

# Every combination of legal kinds, built once (legal actions are asked for on every decision).
# The ante round, by (may raise funds, can pay the ante):
_ANTE_KINDS: Final = {(funds, pays): (SET_MIX, *((RAISE_FUNDS,) if funds else ()), *((SIT_IN,) if pays else ()),
                                      SIT_OUT)
                      for funds in (False, True) for pays in (False, True)}
# The betting, by (faces a bet, BET or RAISE or "" if neither is allowed, may go all-in):
_BETTING_KINDS: Final = {(facing, more, all_in): (SET_MIX, *((FOLD, CALL) if facing else (CHECK,)),
                                                  *((more,) if more else ()), *((ALL_IN,) if all_in else ()))
                         for facing in (False, True) for more in ("", BET, RAISE) for all_in in (False, True)}


def pot_shown(state: State, extra: int = 0) -> int:
    """Base market plus the market share of this year's stakes (plus `extra` not yet staked)."""
    return state.base_market + (sum(state.year_stakes) + extra) * state.scenario.market_share_bp // BASIS_POINTS


def legal_record(state: State, record: type[Legal], why: Sequence[object]) -> Legal:
    """The fields of `LegalActions` for the seat to act in `state` (not over), as a `record`; why bet or
    raise is missing is `why[reason]`, or `(why[reason], amount)` for a clause that takes the amount."""
    seat = state.to_act
    firm = state.firms[seat]
    scenario = state.scenario
    ante = scenario.ante[state.year_index]
    cash = firm.cash
    structure = scenario.betting
    if state.phase == ANTE:
        funds = funding_left(scenario, state.funding_caps[seat], firm)
        return new_record(record, (seat, firm.name, _ANTE_KINDS[funds >= 1, cash >= ante], 0, 0, 0, 0, 0, 0, funds,
                                   ante, structure, why[BETS_WAIT]))
    assert state.phase == BETTING
    stakes = state.quarter_stakes
    mine = stakes[seat]
    top = max(stakes)
    to_call = top - mine
    bet_min = bet_max = raise_min = raise_max = 0
    limit = top  # highest quarter stake an all-in may reach
    # TDA 47A: a firm that already acted may raise again only after a full raise, or once the short
    # all-ins since it acted add up to one (they raised the top by what it now has to call).
    may_raise = not (state.acted >> seat) & 1 or to_call >= state.min_raise
    reason = -1
    short = 0  # the amount a firm too short to bet or raise cannot cover
    if top and not may_raise:
        reason = NOT_REOPENED
    elif structure == FIXED_LIMIT:
        size = ante if state.quarter <= 2 else 2 * ante
        if state.full_raises >= FIXED_LIMIT_CAP:
            reason = CAP_REACHED
        elif top == 0:
            limit = size
            if cash >= size:
                bet_min = bet_max = size
            else:
                reason, short = COVER_FIXED_BET, size
        else:
            limit = top + size
            if mine + cash >= top + size:
                raise_min = raise_max = top + size
            else:
                reason, short = COVER_FIXED_RAISE, top + size
    elif top == 0:
        # The pot limit never falls below the minimum bet (a tiny base market would leave no bet at all).
        cap = cash if structure == NO_LIMIT else max(ante, pot_shown(state))
        limit = cap
        if cash >= ante:
            bet_min, bet_max = ante, min(cash, cap)
        else:
            reason, short = COVER_MINIMUM_BET, ante
    else:
        low = top + state.min_raise
        if structure == NO_LIMIT:
            limit = mine + cash
        else:  # nor below the minimum raise
            limit = max(low, top + pot_shown(state, to_call))
        high = min(mine + cash, limit)
        if high >= low:
            raise_min, raise_max = low, high
        else:
            reason, short = COVER_MINIMUM_RAISE, low
    if reason < 0:
        reason = ALREADY_A_BET if top else NO_BET_TO_RAISE
    kinds = _BETTING_KINDS[to_call > 0, BET if bet_max else RAISE if raise_max else "",
                           cash > 0 and (mine + cash <= top or mine + cash <= limit)]
    why_no_raise = (why[reason], short) if reason >= COVER_FIXED_BET else why[reason]
    return new_record(record, (seat, firm.name, kinds, min(to_call, cash), bet_min, bet_max, raise_min, raise_max,
                               cash, 0, ante, structure, why_no_raise))
