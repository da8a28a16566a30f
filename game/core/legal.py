"""The one place that decides which actions are legal: what the seat to act may do now, as a
`LegalActions` query object (defined, with the refusals that say why an action is not legal, in
`legal_query.py`)."""

from __future__ import annotations

from typing import Final

from .actions import ALL_IN, BET, CALL, CHECK, FOLD, RAISE, RAISE_FUNDS, SET_MIX, SIT_IN, SIT_OUT
from .errors import Problem
from .funding import funding_left
from .legal_query import LegalActions, _Clause
from .pots import BASIS_POINTS
from .scenario import FIXED_LIMIT, NO_LIMIT
from .state import ANTE, BETTING, State, new_record

FIXED_LIMIT_CAP: Final = 4  # bets and raises per quarter in fixed-limit

# Why bet or raise is missing, when it does not depend on amounts (built once: this runs every decision).
_BETS_WAIT: Final = Problem.of("refusal.bets_wait", "bets wait until the firm has sat in")
_NOT_REOPENED: Final = Problem.of("refusal.not_reopened", "an all-in for less than a full raise does not reopen the "
                                  "betting for a firm that already acted")
_CAP_REACHED: Final = Problem.of("refusal.fixed_limit_capped", "fixed-limit allows {count} bets and raises a quarter, "
                                 "and they are made", count=FIXED_LIMIT_CAP)
# A firm too short to bet or raise, by the amount it lacks: built into a Problem only when asked for.
_COVER_FIXED_BET: Final = _Clause("refusal.cannot_cover_fixed_bet",
                                  "it cannot cover the fixed bet of {amount:,} (go all-in instead)")
_COVER_FIXED_RAISE: Final = _Clause("refusal.cannot_cover_fixed_raise",
                                    "it cannot cover the fixed raise to {amount:,} (go all-in instead)")
_COVER_MINIMUM_BET: Final = _Clause("refusal.cannot_cover_minimum_bet",
                                    "it cannot cover the minimum bet of {amount:,} (go all-in instead)")
_COVER_MINIMUM_RAISE: Final = _Clause("refusal.cannot_cover_minimum_raise",
                                      "it cannot cover the minimum raise to {amount:,} (go all-in instead)")
_ALREADY_A_BET: Final = Problem.of("refusal.already_a_bet", "there is already a bet this quarter (raise instead)")
_NO_BET_TO_RAISE: Final = Problem.of("refusal.no_bet_to_raise", "there is no bet to raise (bet instead)")


def pot_shown(state: State, extra: int = 0) -> int:
    """Base market plus the market share of this year's stakes (plus `extra` not yet staked)."""
    return state.base_market + (sum(state.year_stakes) + extra) * state.scenario.market_share_bp // BASIS_POINTS


_last: tuple[State | None, LegalActions] = (None, LegalActions(-1, "", ()))


def legal_actions(state: State) -> LegalActions:
    """What the seat to act may do now (no seat and no kinds once the game is over).

    The answer for the last state asked about is kept, because a caller usually asks
    and then applies an action to the same state (states and answers are immutable).
    """
    global _last
    last_state, last_legal = _last
    if last_state is state:
        return last_legal
    seat = state.to_act
    if seat < 0:
        legal = LegalActions(-1, "", (), structure=state.scenario.betting)
    elif state.phase == ANTE:
        firm = state.firms[seat]
        scenario = state.scenario
        ante = scenario.ante[state.year_index]
        funds = funding_left(scenario, state.funding_caps[seat], firm)
        legal = new_record(LegalActions, (seat, firm.name, _ANTE_KINDS[funds >= 1, firm.cash >= ante], 0, 0, 0, 0, 0,
                                          0, funds, ante, scenario.betting, _BETS_WAIT))
    else:
        legal = _betting_legal(state, seat)
    _last = (state, legal)
    return legal


# Every combination of legal kinds, built once (legal actions are asked for on every decision).
# The ante round, by (may raise funds, can pay the ante):
_ANTE_KINDS: Final = {(funds, pays): (SET_MIX, *((RAISE_FUNDS,) if funds else ()), *((SIT_IN,) if pays else ()),
                                      SIT_OUT)
                      for funds in (False, True) for pays in (False, True)}
# The betting, by (faces a bet, BET or RAISE or "" if neither is allowed, may go all-in):
_BETTING_KINDS: Final = {(facing, more, all_in): (SET_MIX, *((FOLD, CALL) if facing else (CHECK,)),
                                                  *((more,) if more else ()), *((ALL_IN,) if all_in else ()))
                         for facing in (False, True) for more in ("", BET, RAISE) for all_in in (False, True)}


def _betting_legal(state: State, seat: int) -> LegalActions:
    assert state.phase == BETTING
    firm = state.firms[seat]
    scenario = state.scenario
    ante = scenario.ante[state.year_index]
    cash = firm.cash
    stakes = state.quarter_stakes
    mine = stakes[seat]
    top = max(stakes)
    to_call = top - mine
    structure = scenario.betting
    bet_min = bet_max = raise_min = raise_max = 0
    limit = top  # highest quarter stake an all-in may reach
    # TDA 47A: a firm that already acted may raise again only after a full raise, or once the short
    # all-ins since it acted add up to one (they raised the top by what it now has to call).
    may_raise = not (state.acted >> seat) & 1 or to_call >= state.min_raise
    reason: Problem | tuple[_Clause, int] | str = ""
    if top and not may_raise:
        reason = _NOT_REOPENED
    elif structure == FIXED_LIMIT:
        size = ante if state.quarter <= 2 else 2 * ante
        if state.full_raises >= FIXED_LIMIT_CAP:
            reason = _CAP_REACHED
        elif top == 0:
            limit = size
            if cash >= size:
                bet_min = bet_max = size
            else:
                reason = (_COVER_FIXED_BET, size)
        else:
            limit = top + size
            if mine + cash >= top + size:
                raise_min = raise_max = top + size
            else:
                reason = (_COVER_FIXED_RAISE, top + size)
    elif top == 0:
        # The pot limit never falls below the minimum bet (a tiny base market would leave no bet at all).
        cap = cash if structure == NO_LIMIT else max(ante, pot_shown(state))
        limit = cap
        if cash >= ante:
            bet_min, bet_max = ante, min(cash, cap)
        else:
            reason = (_COVER_MINIMUM_BET, ante)
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
            reason = (_COVER_MINIMUM_RAISE, low)
    if top and not reason:
        reason = _ALREADY_A_BET
    elif not top and not reason:
        reason = _NO_BET_TO_RAISE
    kinds = _BETTING_KINDS[to_call > 0, BET if bet_max else RAISE if raise_max else "",
                           cash > 0 and (mine + cash <= top or mine + cash <= limit)]
    # Built on every decision: see new_record.
    return new_record(LegalActions, (seat, firm.name, kinds, min(to_call, cash), bet_min, bet_max, raise_min,
                                     raise_max, cash, 0, ante, structure, reason))
