"""The environment's fixed set of semantic actions and the mask over them (DESIGN.md §8).

An agent picks one of `ACTIONS` by index; `concrete` turns the index into the core's action through
the legal actions of the moment, so the environment and the rules can never disagree. Indices are
fixed and only ever appended, so a trained policy stays valid.

Sizing (in the spirit of RLCard's and PettingZoo's no-limit hold'em): "half pot" and "pot" add half
or all of the pot as shown after calling; a size below the minimum, at or above all-in, or equal to
a lower index's amount is masked (all-in and the minimum have their own indices). Checking is legal
when nothing is to call; folding then is still offered, as the rules allow it. Raising funds and the
AMD share are free actions (the same seat acts again): each may be taken once per turn, so an agent
cannot stall a game by repeating them; setting the share it already has is masked.
"""

from __future__ import annotations

import numpy as np

from game.core import Action, ActionKind, LegalActions, Observation

ACTIONS = (
    "fold",  # 0
    "check_call",  # 1
    "half_pot",  # 2: bet or raise by half the pot
    "pot",  # 3: bet or raise by the pot
    "all_in",  # 4
    "sit_in",  # 5
    "sit_out",  # 6
    "raise_funds_25",  # 7: a quarter of what it may raise this year
    "raise_funds_50",  # 8
    "raise_funds_100",  # 9
    "mix_0",  # 10: buy no AMD chips
    "mix_25",  # 11
    "mix_50",  # 12
    "mix_75",  # 13
    "mix_100",  # 14
    "min_raise",  # 15: the smallest bet or raise
)
FOLD, CHECK_CALL, HALF_POT, POT, ALL_IN, SIT_IN, SIT_OUT = range(7)
RAISE_FUNDS_STEPS = {7: 25, 8: 50, 9: 100}  # percent of the most it may raise
MIX_STEPS = {10: 0, 11: 25, 12: 50, 13: 75, 14: 100}  # percent AMD
MIN_RAISE = 15
FREE_KINDS = frozenset((ActionKind.RAISE_FUNDS, ActionKind.SET_MIX))  # the seat acts again after them


def free_used_after(used: frozenset[str], action: Action, acts_again: bool) -> frozenset[str]:
    """The free kinds a seat has taken this turn once `action` is applied: a free action adds its kind
    while the same seat acts again; any other action ends the turn."""
    return used | {action.kind} if action.kind in FREE_KINDS and acts_again else frozenset()


def _sizes(view: Observation, legal: LegalActions) -> dict[int, Action]:
    """The bet or raise each sizing index stands for now, where it is legal and distinct."""
    if ActionKind.BET in legal.kinds:
        kind, (low, high) = ActionKind.BET, legal.amount_range(ActionKind.BET)
        base = view.firms[legal.seat].quarter_stake
    elif ActionKind.RAISE in legal.kinds:
        kind, (low, high) = ActionKind.RAISE, legal.amount_range(ActionKind.RAISE)
        base = view.firms[legal.seat].quarter_stake + legal.call_amount  # the stake to match
    else:
        return {}
    pot = view.pot_with(legal.call_amount)
    all_in = legal.all_in_amount if ActionKind.ALL_IN in legal.kinds else None
    sizes: dict[int, Action] = {}
    seen: set[int] = set()
    for index, amount in ((HALF_POT, base + pot // 2), (POT, base + pot), (MIN_RAISE, low)):
        if low <= amount <= high and amount not in seen and (all_in is None or amount < all_in):
            sizes[index] = Action(kind, amount)
            seen.add(amount)
    return sizes


def concrete(index: int, view: Observation, legal: LegalActions) -> Action | None:
    """The core action `index` stands for now, or None when it is not legal."""
    kinds = legal.kinds
    if index == FOLD:
        return Action(ActionKind.FOLD) if ActionKind.FOLD in kinds else None
    if index == CHECK_CALL:
        if ActionKind.CHECK in kinds:
            return Action(ActionKind.CHECK)
        return Action(ActionKind.CALL) if ActionKind.CALL in kinds else None
    if index in (HALF_POT, POT, MIN_RAISE):
        return _sizes(view, legal).get(index)
    if index == ALL_IN:
        return Action(ActionKind.ALL_IN) if ActionKind.ALL_IN in kinds else None
    if index == SIT_IN:
        return Action(ActionKind.SIT_IN) if ActionKind.SIT_IN in kinds else None
    if index == SIT_OUT:
        return Action(ActionKind.SIT_OUT) if ActionKind.SIT_OUT in kinds else None
    if index in RAISE_FUNDS_STEPS:
        if ActionKind.RAISE_FUNDS not in kinds:
            return None
        amount = legal.raise_funds_max * RAISE_FUNDS_STEPS[index] // 100
        return Action(ActionKind.RAISE_FUNDS, amount) if amount >= 1 else None
    if index in MIX_STEPS:
        share = MIX_STEPS[index]
        if ActionKind.SET_MIX not in kinds or view.firms[legal.seat].amd_pct == share:
            return None
        return Action(ActionKind.SET_MIX, share)
    raise ValueError(f"no action {index!r}: the actions are 0 to {len(ACTIONS) - 1}")


def action_mask(view: Observation, legal: LegalActions, free_used: frozenset[str] = frozenset()) -> np.ndarray:
    """1 where an index is legal now (int8, one per action); `free_used`: the free kinds this seat has
    already taken this turn, masked so a turn always ends. An action two indices stand for belongs to
    the lower one. Each index's action is `concrete`'s (tests/test_env.py checks they agree)."""
    mask = [0] * len(ACTIONS)
    kinds = legal.kinds
    if ActionKind.FOLD in kinds:
        mask[FOLD] = 1
    if ActionKind.CHECK in kinds or ActionKind.CALL in kinds:
        mask[CHECK_CALL] = 1
    for index in _sizes(view, legal):
        mask[index] = 1
    if ActionKind.ALL_IN in kinds:
        mask[ALL_IN] = 1
    if ActionKind.SIT_IN in kinds:
        mask[SIT_IN] = 1
    if ActionKind.SIT_OUT in kinds:
        mask[SIT_OUT] = 1
    if ActionKind.RAISE_FUNDS in kinds and ActionKind.RAISE_FUNDS not in free_used:
        amounts = set()
        for index, percent in RAISE_FUNDS_STEPS.items():
            amount = legal.raise_funds_max * percent // 100
            if amount >= 1 and amount not in amounts:
                mask[index] = 1
                amounts.add(amount)
    if ActionKind.SET_MIX in kinds and ActionKind.SET_MIX not in free_used:
        current = view.firms[legal.seat].amd_pct
        for index, share in MIX_STEPS.items():
            mask[index] = share != current
    return np.array(mask, dtype=np.int8)
