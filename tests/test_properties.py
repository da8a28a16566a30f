"""Properties checked after every action of random games (DESIGN.md §1, issue #2).

Seeded random play over every shipped scenario, 2-8 seats and all three betting
structures, plus hypothesis-driven games on the test scenario that shrink to a
minimal failing sequence of choices.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content import list_scenarios, load_scenario
from game.core import (
    Action, IllegalActionError, apply_action, clone, default_seats, from_json, history_of, legal_actions,
    new_game, observe, parse_scenario, replay, to_json,
)
from game.core.invariants import violations
from game.core.state import evolve
from support import random_action, scenario_data

STRUCTURES = ("no_limit", "pot_limit", "fixed_limit")
SHRINK_ORDER = ("sit_out", "fold", "check", "call", "sit_in", "all_in", "bet", "raise", "raise_funds", "set_mix")
MAX_ACTIONS = 5_000  # no game comes near this; reaching it means the game does not end


def with_structure(scenario, structure: str):
    data = dict(scenario.source)
    data["rules"] = {**data["rules"], "betting": structure}
    return parse_scenario(data, f"{scenario.id}+{structure}")


def illegal_variants(state) -> list[Action]:
    """Actions the rules must refuse in `state`."""
    legal = legal_actions(state)
    wrong = [Action("bogus"), Action("set_mix", 101), Action("set_mix", -1)]
    for kind in ("fold", "check", "call", "all_in", "sit_in", "sit_out"):
        if kind not in legal.kinds:
            wrong.append(Action(kind))
    for kind in ("bet", "raise", "raise_funds"):
        if kind not in legal.kinds:
            wrong.append(Action(kind, 100))
    if legal.can_bet:
        wrong += [Action("bet", legal.bet_min - 1), Action("bet", legal.bet_max + 1), Action("bet", 1.5)]
    if legal.can_raise:
        wrong += [Action("raise", legal.raise_min - 1), Action("raise", legal.raise_max + 1)]
    if legal.can_raise_funds:
        wrong += [Action("raise_funds", 0), Action("raise_funds", legal.raise_funds_max + 1)]
    return wrong


def hidden_changed(state, seat: int, rng: random.Random):
    """`state` with everything `seat` may not know replaced: seed, other hands, unrevealed events."""
    scenario = state.scenario
    hands = tuple(hand if other == seat or not hand else tuple(rng.choice(scenario.rd_deck) for _ in hand)
                  for other, hand in enumerate(state.hands))
    events = state.year_events[:state.revealed] + tuple(
        rng.choice(scenario.event_deck) for _ in state.year_events[state.revealed:])
    return evolve(state, seed=state.seed + 7919, hands=hands, year_events=events)


def check_state(state, rng: random.Random, *, deep: bool) -> None:
    assert violations(state) == []
    assert clone(state) == state
    for seat in range(len(state.firms)):
        assert observe(hidden_changed(state, seat, rng), seat) == observe(state, seat), f"seat {seat} sees hidden"
    assert observe(hidden_changed(state, -1, rng), None) == observe(state, None)
    if deep:
        assert from_json(to_json(state)) == state
        before = to_json(state)
        for action in illegal_variants(state):
            with pytest.raises(IllegalActionError):
                apply_action(state, action)
        assert to_json(state) == before


def play_checked(scenario, seats, seed: int, *, deep_every: int) -> object:
    rng = random.Random(seed)
    state = new_game(scenario, seats, seed)
    for number in range(MAX_ACTIONS):
        check_state(state, rng, deep=number % deep_every == 0)
        if state.is_over:
            break
        state = apply_action(state, random_action(state, rng)).state
    else:
        pytest.fail(f"game did not end within {MAX_ACTIONS} actions")
    check_state(state, rng, deep=True)
    assert replay(scenario, seats, seed, [entry.action for entry in state.log]) == state
    assert history_of(state).replay() == state
    assert from_json(to_json(history_of(state))) == history_of(state)
    return state


@pytest.mark.parametrize("structure", STRUCTURES)
@pytest.mark.parametrize("name", list_scenarios())
def test_random_play_keeps_every_invariant(name, structure):
    scenario = with_structure(load_scenario(name), structure)
    for seats in range(2, min(8, len(scenario.profiles)) + 1):
        for seed in (seats, 100 + seats):
            play_checked(scenario, default_seats(scenario, seats), seed, deep_every=7)


def test_random_play_on_the_test_table_with_every_option_on():
    data = scenario_data(funding={"enabled": True, "max_raise_pct": 40, "hype_winner": 1.0, "hype_leader": 0.5,
                                  "hype_other": 0.25},
                         opex={"enabled": True, "usd_per_h100e_year": 400_000},
                         rules__race_mode=True, rules__agi_threshold_h100e=2_000.0, rules__chip_lifetime_years=2)
    data["market"]["nvidia"]["scarcity"] = 0.5
    data["market"]["nvidia"]["supply"] = [500.0] * 3
    for firm in data["firms"]:
        firm["income"] = 300
    for structure in STRUCTURES:
        data["rules"]["betting"] = structure
        scenario = parse_scenario(data, "options.toml")
        for seats in range(2, 9):
            play_checked(scenario, [f"f{i}" for i in range(seats)], seats * 31, deep_every=1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seats=st.integers(2, 8), seed=st.integers(0, 2**32), structure=st.sampled_from(STRUCTURES),
       data=st.data())
def test_hypothesis_games_keep_every_invariant(seats, seed, structure, data):
    scenario = parse_scenario(scenario_data(rules__betting=structure, funding={
        "enabled": True, "max_raise_pct": 30, "hype_winner": 1.0, "hype_leader": 0.5, "hype_other": 0.25}),
        "hypothesis.toml")
    state = new_game(scenario, [f"f{i}" for i in range(seats)], seed)
    rng = random.Random(seed)
    for _ in range(MAX_ACTIONS):
        check_state(state, rng, deep=True)
        if state.is_over:
            break
        legal = legal_actions(state)
        # Shrinking tends to the first kind: put those that move the game on first, set_mix last.
        kind = data.draw(st.sampled_from(sorted(legal.kinds, key=SHRINK_ORDER.index)))
        if kind == "bet":
            action = Action(kind, data.draw(st.integers(legal.bet_min, legal.bet_max)))
        elif kind == "raise":
            action = Action(kind, data.draw(st.integers(legal.raise_min, legal.raise_max)))
        elif kind == "raise_funds":
            action = Action(kind, data.draw(st.integers(1, legal.raise_funds_max)))
        elif kind == "set_mix":
            action = Action(kind, data.draw(st.integers(0, 100)))
        else:
            action = Action(kind)
        state = apply_action(state, action).state
    assert state.is_over
    assert history_of(state).replay() == state
