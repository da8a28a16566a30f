"""Actions a firm can take, as small immutable values.

>>> bet(800)
Action(kind='bet', amount=800)
>>> raise_to(2_000).amount
2000
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Word(StrEnum):
    """A word of the rules' vocabulary. A member equals its text ("fold"), so a word read from a
    file or a message compares and hashes as the member does, and it shows as its text in the
    records that hold it."""

    def __repr__(self) -> str:
        return repr(self.value)


class ActionKind(Word):
    """What an action does."""

    FOLD = "fold"
    CHECK = "check"
    CALL = "call"
    BET = "bet"
    RAISE = "raise"
    ALL_IN = "all_in"
    SET_MIX = "set_mix"
    RAISE_FUNDS = "raise_funds"
    SIT_IN = "sit_in"
    SIT_OUT = "sit_out"


FOLD, CHECK, CALL, BET, RAISE, ALL_IN = (ActionKind.FOLD, ActionKind.CHECK, ActionKind.CALL, ActionKind.BET,
                                         ActionKind.RAISE, ActionKind.ALL_IN)
SET_MIX, RAISE_FUNDS = ActionKind.SET_MIX, ActionKind.RAISE_FUNDS
SIT_IN, SIT_OUT = ActionKind.SIT_IN, ActionKind.SIT_OUT
KINDS = tuple(ActionKind)
# Kinds that carry an amount: bet and raise_funds in $M, raise as the quarter stake
# to raise to in $M, set_mix as the AMD percentage.
KINDS_WITH_AMOUNT = frozenset((BET, RAISE, SET_MIX, RAISE_FUNDS))


class Action(NamedTuple):
    kind: str  # an ActionKind; its text ("fold") is the same action, as a member equals its text
    amount: int | None = None

    def __str__(self) -> str:
        return self.kind if self.amount is None else f"{self.kind} {self.amount}"


def fold() -> Action:
    return Action(FOLD)


def check() -> Action:
    return Action(CHECK)


def call() -> Action:
    return Action(CALL)


def bet(amount: int) -> Action:
    return Action(BET, amount)


def raise_to(amount: int) -> Action:
    return Action(RAISE, amount)


def all_in() -> Action:
    return Action(ALL_IN)


def set_mix(amd_pct: int) -> Action:
    return Action(SET_MIX, amd_pct)


def raise_funds(amount: int) -> Action:
    return Action(RAISE_FUNDS, amount)


def sit_in() -> Action:
    return Action(SIT_IN)


def sit_out() -> Action:
    return Action(SIT_OUT)


def parse_action(text: str) -> Action:
    """Read an action as written by `str(action)`, e.g. ``"raise 1200"``.

    >>> parse_action("raise 1200")
    Action(kind='raise', amount=1200)
    """
    parts = text.split()
    if not parts or parts[0] not in KINDS:
        raise ValueError(f"unknown action '{text}'; actions are: {', '.join(KINDS)}")
    kind = parts[0]
    kind = ActionKind(kind)
    if kind in KINDS_WITH_AMOUNT:
        if len(parts) != 2 or not parts[1].lstrip("-").isdigit():
            raise ValueError(f"'{kind}' needs a whole number, e.g. '{kind} 500'")
        return Action(kind, int(parts[1]))
    if len(parts) != 1:
        raise ValueError(f"'{kind}' takes no amount")
    return Action(kind)
