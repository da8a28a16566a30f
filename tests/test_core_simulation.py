"""The simulation path: `advance` reaches the very states `apply_action` does, without the events."""

from __future__ import annotations

import random

import pytest

from game.content import list_scenarios, load_scenario
from game.core import (
    Action, IllegalActionError, advance, apply_action, default_seats, legal_actions, new_game, raise_to,
)


@pytest.mark.parametrize("name", list_scenarios())
def test_advance_plays_the_same_games_as_apply_action(name):
    scenario = load_scenario(name)
    for seed in range(3):
        rng = random.Random(seed)
        fast = slow = new_game(scenario, default_seats(scenario, min(4, len(scenario.profiles))), seed)
        while not slow.is_over:
            action = rng.choice(list(legal_actions(slow)))
            slow = apply_action(slow, action).state
            fast = advance(fast, action)
            assert fast == slow


def test_advance_refuses_what_apply_action_refuses():
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 3), 5)
    for action in (raise_to(10**9), Action("bet", 1.5), "sit_in"):
        with pytest.raises(IllegalActionError) as slow:
            apply_action(state, action)
        with pytest.raises(IllegalActionError) as fast:
            advance(state, action)
        assert str(fast.value) == str(slow.value)
