"""The one place that decides which actions are legal, and why others are not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple, NoReturn

from .actions import (
    ALL_IN, BET, CALL, CHECK, FOLD, KINDS, KINDS_WITH_AMOUNT, RAISE, RAISE_FUNDS, SET_MIX, SIT_IN,
    SIT_OUT, Action,
)
from .errors import Money, Problem
from .legality import FIXED_LIMIT_CAP, REASONS, legal_record
from .legality import pot_shown as pot_shown  # the pot a seat sees, asked for with what is legal
from .scenario import FIXED_LIMIT, NO_LIMIT, POT_LIMIT
from .state import State, new_record


class _Clause(NamedTuple):
    key: str
    template: str  # English, with {amount}


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
    # Why bet or raise is missing from `kinds`, when it is: a `Problem`, or (_Clause, amount) that
    # `no_raise_reason` makes into one (building a Problem every decision slows the engine noticeably).
    why_no_raise: Problem | tuple[_Clause, int] | str = ""


class LegalActions(_LegalFields):
    """What the seat to act may do now: kinds, call amount and amount ranges — a query object.

    Immutable. Ranges are inclusive and matter only for the kinds listed in `kinds`.
    `bet` amounts and `raise` to-amounts are the firm's stake this quarter after the
    action; `all_in_amount` is what going all-in stakes. `action in legal` says whether an
    action is legal; iterating gives every legal action without an amount and, for each kind
    that takes one, the action at each end of its range (`len` counts them). It is not a
    sequence: read its fields by name.

    >>> from game.content import load_scenario
    >>> from game.core import new_game
    >>> legal = legal_actions(new_game(load_scenario("classic"), ["atlas", "borealis"], 1))
    >>> legal.is_ante_round, [str(action) for action in legal]
    (True, ['set_mix 0', 'set_mix 100', 'raise_funds 1', 'raise_funds 2250', 'sit_in', 'sit_out'])
    """

    __slots__ = ()

    def __iter__(self) -> Iterator[Action]:  # type: ignore[override]  # a query object: it iterates its actions
        for kind in self.kinds:
            if kind not in KINDS_WITH_AMOUNT:
                yield Action(kind)
                continue
            low, high = self.amount_range(kind)
            yield Action(kind, low)
            if high != low:
                yield Action(kind, high)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    # NamedTuple's own versions iterate the record, which here gives actions: read the fields instead
    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, tuple.__iter__(self), strict=True))

    def _replace(self, **changes: Any) -> LegalActions:
        values = self._asdict()
        unknown = set(changes) - set(values)
        if unknown:
            raise ValueError(f"LegalActions has no field {sorted(unknown)[0]!r}")
        return new_record(type(self), tuple({**values, **changes}.values()))

    def __getitem__(self, index: object) -> NoReturn:
        raise TypeError("LegalActions is a query object, not a sequence: read its fields by name, ask "
                        "`action in legal`, or iterate over the legal actions")

    @property
    def is_ante_round(self) -> bool:
        """The start of a year: raise funds, then sit in or sit out (no betting yet)."""
        return SIT_OUT in self.kinds

    def amount_range(self, kind: str) -> tuple[int, int]:
        """The inclusive range of amounts `kind` takes now ($M; the quarter stake to raise to for a
        raise; percent AMD for set_mix). Only for a kind with an amount that is legal now."""
        if kind == BET:
            return self.bet_min, self.bet_max
        if kind == RAISE:
            return self.raise_min, self.raise_max
        if kind == RAISE_FUNDS:
            return 1, self.raise_funds_max
        if kind == SET_MIX:
            return 0, 100
        raise ValueError(f"{kind} takes no amount")

    can_fold = property(lambda self: FOLD in self.kinds)
    can_check = property(lambda self: CHECK in self.kinds)
    can_call = property(lambda self: CALL in self.kinds)
    can_bet = property(lambda self: BET in self.kinds)
    can_raise = property(lambda self: RAISE in self.kinds)
    can_all_in = property(lambda self: ALL_IN in self.kinds)
    can_sit_in = property(lambda self: SIT_IN in self.kinds)
    can_raise_funds = property(lambda self: RAISE_FUNDS in self.kinds)

    @property
    def no_raise_reason(self) -> Problem | str:
        """Why bet or raise is missing from `kinds`, when it is ("" once the game is over)."""
        reason = self.why_no_raise
        if isinstance(reason, (Problem, str)):  # a str: read back from a view document
            return reason
        (key, template), amount = reason
        return Problem.of(key, template, amount=Money(amount))

    @property
    def bet_range(self) -> tuple[int, int] | None:
        return (self.bet_min, self.bet_max) if BET in self.kinds else None

    @property
    def raise_range(self) -> tuple[int, int] | None:
        return (self.raise_min, self.raise_max) if RAISE in self.kinds else None

    def __contains__(self, action: object) -> bool:
        return isinstance(action, Action) and self.refusal(action) is None

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

    def refusal(self, action: object) -> Problem | None:
        """None if `action` is legal, else the rule that refuses it as a `Problem` (its key and values,
        for a client to say it in its language; `str()` gives the English sentence). Anything may be
        given: what is not an `Action` of a known kind with a whole amount is refused by its rule."""
        if not isinstance(action, Action):
            return Problem.of("refusal.not_an_action", "expected an Action, got {type}", type=type(action).__name__)
        fields: tuple[object, ...] = action  # read as given: an Action's fields may hold anything until checked
        kind, amount = fields
        # The common case, a kind legal now: only a missing, extra or out-of-range amount can refuse it.
        if isinstance(kind, str) and kind in self.kinds:
            if amount is None:
                if kind not in KINDS_WITH_AMOUNT:
                    return None
            elif type(amount) is int and kind in KINDS_WITH_AMOUNT:
                return self._range_refusal(kind, amount)
        who = self.name
        if not isinstance(kind, str) or kind not in KINDS:
            return Problem.of("refusal.unknown_action", "unknown action '{given}'; actions are: {kinds}",
                              given=kind, kinds=KINDS)
        if self.seat < 0:
            return GAME_OVER
        if kind not in KINDS_WITH_AMOUNT:
            if amount is not None:
                return Problem.of("refusal.takes_no_amount", "{kind} takes no amount (got {given})", kind=kind,
                                  given=repr(amount))
            return self._not_now(kind)  # a kind legal now without an amount was accepted above
        if isinstance(amount, bool) or not isinstance(amount, int):
            return Problem.of("refusal.amount_not_whole", "{who} cannot {kind} {given}: amounts are whole "
                              "numbers ($M, or percent for set_mix)", who=who, kind=kind, given=repr(amount))
        if kind not in self.kinds:
            return self._not_now(kind)
        return self._range_refusal(kind, amount)

    def _not_now(self, kind: str) -> Problem:
        return Problem.of("refusal.not_now", "{who} cannot {kind} now: {why}; legal now: {kinds}", who=self.name,
                          kind=kind, why=_why_kind_missing(self, kind), kinds=self.kinds)

    def _range_refusal(self, kind: str, amount: int) -> Problem | None:
        """None if `amount` is in the range allowed for `kind` (a kind legal now), else the rule it breaks."""
        who = self.name
        if kind == BET and not self.bet_min <= amount <= self.bet_max:
            return Problem.of("refusal.bet_out_of_range", "{who} cannot bet {amount:,}: {rule}", who=who,
                              amount=Money(amount), rule=_range_rule(self, BET, self.bet_min, self.bet_max))
        if kind == RAISE and not self.raise_min <= amount <= self.raise_max:
            return Problem.of("refusal.raise_out_of_range", "{who} cannot raise to {amount:,}: {rule}", who=who,
                              amount=Money(amount), rule=_range_rule(self, RAISE, self.raise_min, self.raise_max))
        if kind == SET_MIX and not 0 <= amount <= 100:
            return Problem.of("refusal.mix_out_of_range", "{who} cannot set the AMD share to {percent}: it is a "
                              "percentage from 0 to 100", who=who, percent=amount)
        if kind == RAISE_FUNDS and not 1 <= amount <= self.raise_funds_max:
            return Problem.of("refusal.funds_out_of_range", "{who} cannot raise {amount:,}: investors put in "
                              "from 1 up to {most:,} (the funding cap is a share of the firm's net worth, larger with "
                              "more hype)",
                              who=who, amount=Money(amount), most=Money(self.raise_funds_max))
        return None


GAME_OVER = Problem.of("refusal.game_over", "the game is over: no action is legal")
# Why bet or raise is missing, when it does not depend on amounts (built once: this runs every decision).
_BETS_WAIT = Problem.of("refusal.bets_wait", "bets wait until the firm has sat in")
_NOT_REOPENED = Problem.of("refusal.not_reopened", "an all-in for less than a full raise does not reopen the "
                           "betting for a firm that already acted")
_CAP_REACHED = Problem.of("refusal.fixed_limit_capped", "fixed-limit allows {count} bets and raises a quarter, "
                          "and they are made", count=FIXED_LIMIT_CAP)
# A firm too short to bet or raise, by the amount it lacks: built into a Problem only when asked for.
_COVER_FIXED_BET = _Clause("refusal.cannot_cover_fixed_bet", "it cannot cover the fixed bet of {amount:,} "
                           "(go all-in instead)")
_COVER_FIXED_RAISE = _Clause("refusal.cannot_cover_fixed_raise", "it cannot cover the fixed raise to {amount:,} "
                             "(go all-in instead)")
_COVER_MINIMUM_BET = _Clause("refusal.cannot_cover_minimum_bet", "it cannot cover the minimum bet of {amount:,} "
                             "(go all-in instead)")
_COVER_MINIMUM_RAISE = _Clause("refusal.cannot_cover_minimum_raise", "it cannot cover the minimum raise to "
                               "{amount:,} (go all-in instead)")
_ALREADY_A_BET = Problem.of("refusal.already_a_bet", "there is already a bet this quarter (raise instead)")
_NO_BET_TO_RAISE = Problem.of("refusal.no_bet_to_raise", "there is no bet to raise (bet instead)")
# The same, in the order of legality's reason numbers (BETS_WAIT, NOT_REOPENED, …), which compute them.
_WHY_NO_RAISE = (_BETS_WAIT, _NOT_REOPENED, _CAP_REACHED, _ALREADY_A_BET, _NO_BET_TO_RAISE, _COVER_FIXED_BET,
                 _COVER_FIXED_RAISE, _COVER_MINIMUM_BET, _COVER_MINIMUM_RAISE)
assert len(_WHY_NO_RAISE) == REASONS


# The allowed range of a bet or raise, by kind and betting structure (fixed-limit has one amount).
_RANGES: dict[tuple[str, str], tuple[str, str]] = {
    (BET, NO_LIMIT): ("refusal.range_bet_no_limit",
                        "it may bet {low:,} to {high:,} (minimum bet is the year's ante; its cash caps it)"),
    (BET, POT_LIMIT): ("refusal.range_bet_pot_limit",
                         "it may bet {low:,} to {high:,} (minimum bet is the year's ante; the pot limit caps it)"),
    (RAISE, NO_LIMIT): ("refusal.range_raise_no_limit",
                          "it may raise to {low:,} to {high:,} (minimum raise rule; its cash caps it)"),
    (RAISE, POT_LIMIT): ("refusal.range_raise_pot_limit",
                           "it may raise to {low:,} to {high:,} (minimum raise rule; the pot limit caps it)"),
}


def _range_rule(legal: LegalActions, kind: str, low: int, high: int) -> Problem:
    if legal.structure == FIXED_LIMIT:
        return Problem.of("refusal.fixed_limit_exactly", "fixed-limit allows exactly {amount:,}", amount=Money(low))
    key, template = _RANGES[kind, legal.structure]
    return Problem.of(key, template, low=Money(low), high=Money(high))


def _why_kind_missing(legal: LegalActions, kind: str) -> Problem | str:
    in_ante_round = legal.is_ante_round
    if kind in (SIT_IN, SIT_OUT, RAISE_FUNDS):
        if not in_ante_round:
            return Problem.of("refusal.start_of_year", "that is decided at the start of a year")
        if kind == SIT_IN:
            return Problem.of("refusal.cannot_pay_ante", "the ante is {ante:,} and it cannot pay it",
                              ante=Money(legal.ante))
        return Problem.of("refusal.no_funding", "funding is off, already used this year, or the firm's net worth does "
                          "not exceed its investors' preference")
    if in_ante_round:
        return Problem.of("refusal.sit_in_first", "it must first sit in or sit out for this year")
    if kind == FOLD:
        return Problem.of("refusal.nothing_to_fold", "nothing to call, so there is nothing to fold to (check instead)")
    if kind == CHECK:
        return Problem.of("refusal.faces_call", "it faces {amount:,} to call", amount=Money(legal.call_amount))
    if kind == CALL:
        return Problem.of("refusal.no_bet_to_call", "there is no bet to call")
    if kind in (BET, RAISE):
        return legal.no_raise_reason
    return Problem.of("refusal.all_in_is_raise", "going all-in now would be a raise the rules do not allow ({why})",
                      why=legal.no_raise_reason)


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
    if state.to_act < 0:
        legal = LegalActions(-1, "", (), structure=state.scenario.betting)
    else:
        legal = legal_record(state, LegalActions, _WHY_NO_RAISE)
    _last = (state, legal)
    return legal
