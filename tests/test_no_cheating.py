"""Bots cannot cheat through what they are given (DESIGN.md §1.10): nothing reachable from an
observation changes the game, and a bot's seed reveals nothing of the game's seed."""

from __future__ import annotations

from pathlib import Path

from game.bots import bot_seed, make_bot_factory
from game.content import load_scenario
from game.core import (
    apply_action, default_seats, from_json, history_of, legal_actions, new_game, observe, sit_in, standings, to_json,
)

CHEATER = Path(__file__).parent / "data" / "bots" / "cheater.py"


def test_a_bot_cannot_change_the_game_through_its_observation():
    scenario = load_scenario("classic")
    before = scenario.data()
    cheater = make_bot_factory(f"{CHEATER}:CheatingBot")(1)
    others = [make_bot_factory(name)(seat) for seat, name in enumerate(("calculator", "steady"), start=1)]
    for seed in range(3):
        state = new_game(scenario, default_seats(scenario, 3), seed)
        while not state.is_over:
            seat = state.to_act
            bot = cheater if seat == 0 else others[seat - 1]
            state = apply_action(state, bot.act(observe(state, seat), legal_actions(state))).state
        assert cheater.worked == []
        # the game it played replays, from its history, to the same result
        history = from_json(to_json(history_of(state)))
        assert standings(history.replay()) == standings(state)
    assert scenario.data() == before and scenario == load_scenario("classic")


def dealt_hands(scenario, seed: int) -> tuple:
    state = new_game(scenario, default_seats(scenario, 3), seed)
    while state.phase == "ante":
        state = apply_action(state, sit_in()).state
    return state.hands


def test_a_bots_seed_reveals_nothing_of_the_game_seed():
    scenario = load_scenario("classic")
    game_seed, seat = 123_456, 1
    real = dealt_hands(scenario, game_seed)
    # The old rule (game seed × 10 + seat) let a bot work the game seed out and replay the deal:
    old_bot_seed = game_seed * 10 + seat
    assert dealt_hands(scenario, (old_bot_seed - seat) // 10) == real
    # A hash of (game seed, seat, purpose) does not:
    seed = bot_seed(game_seed, seat)
    assert dealt_hands(scenario, (seed - seat) // 10) != real
    assert len({bot_seed(game_seed, other) - bot_seed(game_seed + 1, other) for other in range(6)}) == 6
    assert bot_seed(game_seed, seat, "coach") != seed
    view = observe(new_game(scenario, default_seats(scenario, 3), game_seed), seat)
    assert "seed" not in view._fields and game_seed not in view  # nor does its observation
