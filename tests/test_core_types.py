"""The public boundary refuses a wrong type by its rule, never with a TypeError: in the pure build and
in the compiled one (`make fast`), where compiled functions check their annotations at run time."""

from __future__ import annotations

import pytest

from game.content import load_scenario
from game.core import (
    Action, ActionKind, IllegalActionError, SetupError, advance, apply_action, default_seats, legal_actions, new_game,
    observe, replay,
)


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("classic")


@pytest.fixture(scope="module")
def state(scenario):
    return new_game(scenario, default_seats(scenario, 3), 5)


WRONG_ACTIONS = [
    (Action("raise_funds", 1.5), "refusal.amount_not_whole"),
    (Action("raise_funds", True), "refusal.amount_not_whole"),
    (Action("raise_funds", "500"), "refusal.amount_not_whole"),
    (Action("raise_funds", None), "refusal.amount_not_whole"),
    (Action("set_mix", 50.0), "refusal.amount_not_whole"),
    (Action("sit_in", 0), "refusal.takes_no_amount"),
    (Action("sit_in", 1.5), "refusal.takes_no_amount"),
    (Action("dance"), "refusal.unknown_action"),
    (Action(5), "refusal.unknown_action"),
    (Action(None, None), "refusal.unknown_action"),
    ("sit_in", "refusal.not_an_action"),
    (None, "refusal.not_an_action"),
    (("sit_in", None), "refusal.not_an_action"),
    (7, "refusal.not_an_action"),
]


@pytest.mark.parametrize(("action", "key"), WRONG_ACTIONS, ids=[repr(action) for action, _ in WRONG_ACTIONS])
def test_an_action_of_the_wrong_type_is_refused_by_its_rule(state, action, key):
    for play in (apply_action, advance):
        with pytest.raises(IllegalActionError) as refused:
            play(state, action)
        assert refused.value.reason is not None and refused.value.reason.key == key
    legal = legal_actions(state)
    assert action not in legal
    assert legal.refusal(action).key == key


def test_a_plain_text_kind_is_the_same_action_as_the_member(state):
    assert apply_action(state, Action("sit_in")).state == apply_action(state, Action(ActionKind.SIT_IN)).state


@pytest.mark.parametrize("seed", [1.5, "7", True, -1, None])
def test_a_seed_of_the_wrong_type_is_a_setup_error(scenario, seed):
    with pytest.raises(SetupError) as refused:
        new_game(scenario, default_seats(scenario, 3), seed)
    assert refused.value.reason.key == "setup_problem.bad_seed"
    with pytest.raises(SetupError):
        replay(scenario, default_seats(scenario, 3), seed, [])


@pytest.mark.parametrize("seat", ["0", 1.5, 3, -1])
def test_observing_a_seat_that_is_not_one_is_a_value_error(state, seat):
    with pytest.raises(ValueError, match="no seat"):
        observe(state, seat)
