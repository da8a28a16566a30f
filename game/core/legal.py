"""The one place that decides which actions are legal, and why others are not."""

from __future__ import annotations

from typing import NamedTuple

from .actions import (
    ALL_IN, BET, CALL, CHECK, FOLD, KINDS, KINDS_WITH_AMOUNT, RAISE, RAISE_FUNDS, SET_MIX, SIT_IN,
    SIT_OUT, Action,
)
from .cards import compute_leaders
from .market import net_worth
from .pots import BASIS_POINTS
from .scenario import Scenario
from .state import ANTE, BETTING, EXITED, Firm, State

FIXED_LIMIT_CAP = 4  # bets and raises per quarter in fixed-limit


class _LegalFields(NamedTuple):
    seat: int
    name: str
    kinds: tuple[str, ...]
    call_amount: int = 0
    bet_min: int = 0
    bet_max: int = 0
    raise_min: int = 0
    raise_max: int = 0
    all_in_amount: int = 0
    raise_funds_max: int = 0
    ante: int = 0
    structure: str = ""
    no_raise_reason: str = ""  # why bet or raise is missing from `kinds`, when it is


class LegalActions(_LegalFields):
    """What the seat to act may do now: kinds, call amount and amount ranges.

    Immutable. Ranges are inclusive and matter only for the kinds listed in `kinds`.
    `bet` amounts and `raise` to-amounts are the firm's stake this quarter after the
    action; `all_in_amount` is what going all-in stakes.
    """

    __slots__ = ()

    can_fold = property(lambda self: FOLD in self.kinds)
    can_check = property(lambda self: CHECK in self.kinds)
    can_call = property(lambda self: CALL in self.kinds)
    can_bet = property(lambda self: BET in self.kinds)
    can_raise = property(lambda self: RAISE in self.kinds)
    can_all_in = property(lambda self: ALL_IN in self.kinds)
    can_sit_in = property(lambda self: SIT_IN in self.kinds)
    can_raise_funds = property(lambda self: RAISE_FUNDS in self.kinds)

    @property
    def bet_range(self) -> tuple[int, int] | None:
        return (self.bet_min, self.bet_max) if BET in self.kinds else None

    @property
    def raise_range(self) -> tuple[int, int] | None:
        return (self.raise_min, self.raise_max) if RAISE in self.kinds else None

    def __contains__(self, action: object) -> bool:
        return isinstance(action, Action) and self.why_illegal(action) is None

    def __repr__(self) -> str:
        parts = []
        for kind in self.kinds:
            if kind == CALL:
                parts.append(f"call {self.call_amount}")
            elif kind == BET:
                parts.append(f"bet {self.bet_min}-{self.bet_max}")
            elif kind == RAISE:
                parts.append(f"raise to {self.raise_min}-{self.raise_max}")
            elif kind == ALL_IN:
                parts.append(f"all_in {self.all_in_amount}")
            elif kind == RAISE_FUNDS:
                parts.append(f"raise_funds 1-{self.raise_funds_max}")
            elif kind == SET_MIX:
                parts.append("set_mix 0-100")
            else:
                parts.append(kind)
        return f"<LegalActions seat {self.seat}: {', '.join(parts)}>"

    def why_illegal(self, action: Action) -> str | None:
        """None if `action` is legal, else a sentence naming the rule that refuses it."""
        if not isinstance(action, Action):
            return f"expected an Action, got {type(action).__name__}"
        kind, amount = action
        if amount is None and kind in self.kinds and kind not in KINDS_WITH_AMOUNT:
            return None  # the common case: a legal action without an amount
        who = self.name
        if kind not in KINDS:
            return f"unknown action '{kind}'; actions are: {', '.join(KINDS)}"
        if self.seat < 0:
            return "the game is over: no action is legal"
        if kind in KINDS_WITH_AMOUNT:
            if isinstance(amount, bool) or not isinstance(amount, int):
                return f"{who} cannot {kind} {amount!r}: amounts are whole numbers ($M, or percent for set_mix)"
        elif amount is not None:
            return f"{kind} takes no amount (got {amount!r})"
        if kind not in self.kinds:
            return f"{who} cannot {kind} now: {_why_kind_missing(self, kind)}; legal now: {', '.join(self.kinds)}"
        if kind == BET and not self.bet_min <= amount <= self.bet_max:
            return f"{who} cannot bet {amount:,}: {_range_rule(self, 'bet', self.bet_min, self.bet_max)}"
        if kind == RAISE and not self.raise_min <= amount <= self.raise_max:
            return f"{who} cannot raise to {amount:,}: {_range_rule(self, 'raise to', self.raise_min, self.raise_max)}"
        if kind == SET_MIX and not 0 <= amount <= 100:
            return f"{who} cannot set the AMD share to {amount}: it is a percentage from 0 to 100"
        if kind == RAISE_FUNDS and not 1 <= amount <= self.raise_funds_max:
            return (f"{who} cannot raise {amount:,}: investors put in from 1 up to {self.raise_funds_max:,} "
                    f"(the funding cap is a share of the firm's valuation)")
        return None


def _range_rule(legal: LegalActions, what: str, low: int, high: int) -> str:
    if legal.structure == "fixed_limit":
        return f"fixed-limit allows exactly {low:,}"
    rule = "minimum bet is the year's ante" if what == "bet" else "minimum raise rule"
    cap = {"pot_limit": "the pot limit", "no_limit": "its cash"}[legal.structure]
    return f"it may {what} {low:,} to {high:,} ({rule}; {cap} caps it)"


def _why_kind_missing(legal: LegalActions, kind: str) -> str:
    in_ante_round = SIT_OUT in legal.kinds
    if kind in (SIT_IN, SIT_OUT, RAISE_FUNDS):
        if not in_ante_round:
            return "that is decided at the start of a year"
        if kind == SIT_IN:
            return f"the ante is {legal.ante:,} and it cannot pay it"
        return "funding is off, already used this year, or the firm has no valuation"
    if in_ante_round:
        return "it must first sit in or sit out for this year"
    if kind == FOLD:
        return "nothing to call, so there is nothing to fold to (check instead)"
    if kind == CHECK:
        return f"it faces {legal.call_amount:,} to call"
    if kind == CALL:
        return "there is no bet to call"
    if kind in (BET, RAISE):
        return legal.no_raise_reason
    return f"going all-in now would be a raise the rules do not allow ({legal.no_raise_reason})"


def pot_shown(state: State, extra: int = 0) -> int:
    """Base market plus the market share of this year's stakes (plus `extra` not yet staked)."""
    return state.base_market + (sum(state.year_stakes) + extra) * state.scenario.market_share_bp // BASIS_POINTS


def hype(state: State, seat: int, leaders: frozenset[int]) -> float:
    """Investors' enthusiasm: last year's market winner, then the compute leader, then the rest
    (a firm that is both gets the higher)."""
    scenario = state.scenario
    value = scenario.hype_other
    if seat in state.last_winners and scenario.hype_winner > value:
        value = scenario.hype_winner
    if seat in leaders and scenario.hype_leader > value:
        value = scenario.hype_leader
    return value


def valuations(state: State) -> tuple[int, ...]:
    """$M per seat: net worth × (1 + hype), as the funding round sees it at the start of a year."""
    leaders = compute_leaders(state)
    year, lifetime = state.year, state.scenario.lifetime
    values = []
    for seat, firm in enumerate(state.firms):
        worth = 0 if firm.status == EXITED else net_worth(firm, year, lifetime)
        values.append(int(worth * (1.0 + hype(state, seat, leaders))) if worth else 0)
    return tuple(values)


def funding_left(scenario: Scenario, valuation: int, firm: Firm) -> int:
    """$M a firm valued at `valuation` may still raise this year (0 if funding is off or used)."""
    if not scenario.funding or firm.raised_this_year:
        return 0
    return valuation * scenario.max_raise_pct // 100


def max_raise(state: State, seat: int) -> int:
    """$M the seat may still raise in this year's funding round."""
    return funding_left(state.scenario, state.valuations[seat], state.firms[seat])


_last: tuple[State | None, LegalActions | None] = (None, None)


def legal_actions(state: State) -> LegalActions:
    """What the seat to act may do now (no seat and no kinds once the game is over).

    The answer for the last state asked about is kept, because a caller usually asks
    and then applies an action to the same state (states and answers are immutable).
    """
    global _last
    last_state, last_legal = _last
    if last_state is state:
        return last_legal
    legal = _compute_legal(state)
    _last = (state, legal)
    return legal


def _compute_legal(state: State) -> LegalActions:
    seat = state.to_act
    if seat < 0:
        return LegalActions(-1, "", (), structure=state.scenario.betting)
    firm = state.firms[seat]
    scenario = state.scenario
    ante = scenario.ante[state.year_index]
    if state.phase == ANTE:
        kinds = [SET_MIX]
        funds = max_raise(state, seat)
        if funds >= 1:
            kinds.append(RAISE_FUNDS)
        if firm.cash >= ante:
            kinds.append(SIT_IN)
        kinds.append(SIT_OUT)
        return LegalActions(seat, firm.name, tuple(kinds), 0, 0, 0, 0, 0, 0, funds, ante, scenario.betting,
                            "bets wait until the firm has sat in")
    assert state.phase == BETTING
    cash = firm.cash
    stakes = state.quarter_stakes
    mine = stakes[seat]
    top = max(stakes)
    to_call = top - mine
    structure = scenario.betting
    kinds = [SET_MIX]
    if to_call > 0:
        kinds += (FOLD, CALL)
    else:
        kinds.append(CHECK)
    bet_min = bet_max = raise_min = raise_max = 0
    limit = top  # highest quarter stake an all-in may reach
    may_raise = not (state.acted >> seat) & 1
    reason = ""
    if top and not may_raise:
        reason = "an all-in for less than a full raise does not reopen the betting for a firm that already acted"
    elif structure == "fixed_limit":
        size = ante if state.quarter <= 2 else 2 * ante
        if state.full_raises >= FIXED_LIMIT_CAP:
            reason = f"fixed-limit allows {FIXED_LIMIT_CAP} bets and raises a quarter, and they are made"
        elif top == 0:
            limit = size
            if cash >= size:
                bet_min = bet_max = size
            else:
                reason = f"it cannot cover the fixed bet of {size:,} (go all-in instead)"
        else:
            limit = top + size
            if mine + cash >= top + size:
                raise_min = raise_max = top + size
            else:
                reason = f"it cannot cover the fixed raise to {top + size:,} (go all-in instead)"
    elif top == 0:
        cap = cash if structure == "no_limit" else pot_shown(state)
        limit = cap
        if cash >= ante and cap >= ante:
            bet_min, bet_max = ante, min(cash, cap)
        else:
            reason = f"it cannot cover the minimum bet of {ante:,} (go all-in instead)"
    else:
        if structure == "no_limit":
            limit = mine + cash
        else:
            limit = top + pot_shown(state, to_call)
        low = top + state.min_raise
        high = min(mine + cash, limit)
        if high >= low:
            raise_min, raise_max = low, high
        else:
            reason = f"it cannot cover the minimum raise to {low:,} (go all-in instead)"
    if top and not reason:
        reason = "there is already a bet this quarter (raise instead)"
    elif not top and not reason:
        reason = "there is no bet to raise (bet instead)"
    if bet_max:
        kinds.append(BET)
    if raise_max:
        kinds.append(RAISE)
    if cash > 0 and (mine + cash <= top or mine + cash <= limit):
        kinds.append(ALL_IN)
    # Positional arguments: this runs on every decision and keywords cost twice as much.
    return LegalActions(seat, firm.name, tuple(kinds), min(to_call, cash), bet_min, bet_max, raise_min, raise_max,
                        cash, 0, ante, structure, reason)
