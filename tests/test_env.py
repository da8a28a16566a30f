"""The RL environment (DESIGN.md §8, issue 15): PettingZoo's and Gymnasium's own checks, a mask that
never allows an illegal action, observations that hold nothing hidden, seeded episodes, rewards."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from pettingzoo.test import api_test, seed_test

from game.content import load_scenario
from game.core import new_game
from game.env import ACTIONS, SIZE, Encoder, IllegalAction, SingleSeatEnv, TableStakesEnv
from game.env.actions import FREE_KINDS, MIX_STEPS, action_mask, concrete
from game.match import Match

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")  # PettingZoo's advice on Dict observations


@pytest.mark.parametrize("seats", [2, 4, 8])
def test_pettingzoo_s_api_test_passes(seats):
    api_test(TableStakesEnv(seats=seats), num_cycles=300)


@pytest.mark.parametrize("reward", ["rank", "founders_claim", "market"])
def test_pettingzoo_s_seed_test_passes_for_every_reward(reward):
    seed_test(lambda: TableStakesEnv(seats=3, reward=reward), num_cycles=200)


def test_gymnasium_s_check_env_passes_for_one_seat_against_bots():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check_env(SingleSeatEnv(opponents=("random", "steady")), skip_render_check=True)


def random_games(games: int, seed: int, scenario: str = "classic", seats: int = 4):
    """Random masked play: yields (env, mask, index) before each step."""
    env = TableStakesEnv(scenario=scenario, seats=seats)
    rng = np.random.default_rng(seed)
    env.reset(seed=seed)
    played = 0
    while played < games:
        observation, _, terminated, truncated, _ = env.last()
        if terminated or truncated:
            env.step(None)
            if not env.agents:
                played += 1
                env.reset()
            continue
        mask = observation["action_mask"]
        index = int(rng.choice(np.flatnonzero(mask)))
        yield env, mask, index
        env.step(index)


SCENARIOS = [("classic", 4), ("classroom-45", 6), ("dollar-auction", 8), ("export-controls", 3),
             ("power-crunch", 5), ("seed-2024", 2)]


def only_legal_actions(games: int, seed: int, scenario: str, seats: int) -> int:
    """Random masked play: every index the mask allows is an action the rules accept now. The steps."""
    steps = 0
    for env, mask, _ in random_games(games, seed, scenario, seats):
        match = env.match
        view, legal = match.view(match.to_act), match.legal()
        offered = [concrete(index, view, legal) for index in range(len(ACTIONS))]
        for index, allowed in enumerate(mask):
            if allowed:
                assert offered[index] is not None and offered[index] in legal, (ACTIONS[index], offered[index])
        assert mask.any()
        steps += 1
    return steps


@pytest.mark.parametrize("scenario, seats", SCENARIOS)
def test_a_random_masked_agent_only_ever_takes_legal_actions(scenario, seats):
    assert only_legal_actions(60, 7, scenario, seats) > 500


@pytest.mark.soak
def test_ten_thousand_random_masked_games_take_only_legal_actions():
    """Issue 15's figure (python -m pytest --soak tests/test_env.py -k ten_thousand)."""
    assert sum(only_legal_actions(10_000 // len(SCENARIOS) + 1, 100 + number, *table)
               for number, table in enumerate(SCENARIOS)) > 100_000


def test_a_masked_action_is_refused_with_the_allowed_ones_named_and_changes_nothing():
    env = TableStakesEnv(seats=3)
    env.reset(seed=3)
    mask = env.last()[0]["action_mask"]
    forbidden = int(np.flatnonzero(mask == 0)[0])
    version = env.match.version
    with pytest.raises(IllegalAction, match="the mask allows"):
        env.step(forbidden)
    assert env.match.version == version


def test_a_free_action_is_offered_once_a_turn_so_no_episode_can_stall():
    env = TableStakesEnv(seats=3)
    env.reset(seed=5)
    mix = next(index for index in MIX_STEPS if env.last()[0]["action_mask"][index])
    seat = env.match.to_act
    env.step(mix)
    assert env.match.to_act == seat  # the same seat acts again
    mask = env.last()[0]["action_mask"]
    assert not any(mask[index] for index in MIX_STEPS) and mask.any()


def hidden_twins(seed: int):
    """Two matches whose states differ only in seat 0's and seat 1's R&D cards (swapped)."""
    scenario = load_scenario("classic")
    profiles = [profile.id for profile in scenario.profiles][:4]
    matches = [Match(new_game(scenario, profiles, seed), [f"p{seat}" for seat in range(4)]) for _ in range(2)]
    for match in matches:
        while match.state.hands[0] == ():  # everyone sits in: cards are dealt
            legal = match.legal()
            action = next(action for action in legal if action.kind == "sit_in")
            match.submit(match.to_act, action, match.version)
    hands = matches[1].state.hands
    assert hands[0] != hands[1]
    matches[1]._state = matches[1].state._replace(hands=(hands[1], hands[0], *hands[2:]))
    return matches


def test_encoded_observations_hold_nothing_hidden():
    """The leak test from network play, on the vectors: two games that differ only in two seats' hidden
    cards encode the same observation for every other seat, at every step until a showdown."""
    first, second = hidden_twins(seed=11)
    encoder = Encoder(first.state.scenario)
    rng = np.random.default_rng(2)
    compared = 0
    while not first.state.showdowns and first.state.year_index == 0:
        for seat in (2, 3):
            vectors = [encoder.encode(match.view(seat), None) for match in (first, second)]
            assert np.array_equal(*vectors)
            compared += 1
        own = [encoder.encode(match.view(0), None) for match in (first, second)]
        assert not np.array_equal(*own)  # seat 0's own cards did differ
        actions = list(first.legal())
        action = actions[rng.integers(len(actions))]
        if action.kind in FREE_KINDS:
            continue
        for match in (first, second):
            match.submit(match.to_act, action, match.version)
    assert compared >= 8


def test_the_observer_is_slot_0_and_the_layout_has_its_documented_size():
    env = TableStakesEnv(seats=5)
    env.reset(seed=1)
    observation = env.observe("player_3")["observation"]
    assert observation.shape == (SIZE,) == (316,) and observation.dtype == np.float32  # as docs/rl.md says
    cash = env.match.view(3).firms[3].cash
    from game.env.encoding import GLOBAL_FIELDS, MONEY_UNIT, SEAT_FIELDS
    first_seat = len(GLOBAL_FIELDS)
    assert observation[first_seat + SEAT_FIELDS.index("present")] == 1.0
    assert observation[first_seat + SEAT_FIELDS.index("cash")] == pytest.approx(cash / MONEY_UNIT)
    empty = first_seat + 5 * len(SEAT_FIELDS)  # seats 6 to 8 are padding
    assert not observation[empty:first_seat + 8 * len(SEAT_FIELDS)].any()


def test_rank_rewards_go_from_plus_one_for_the_winner_to_minus_one_for_the_last():
    env = TableStakesEnv(seats=4)
    totals = dict.fromkeys(env.possible_agents, 0.0)
    env.reset(seed=9)
    rng = np.random.default_rng(9)
    while env.agents:
        observation, _, terminated, truncated, _ = env.last()
        env.step(None if terminated or truncated else int(rng.choice(np.flatnonzero(observation["action_mask"]))))
        for agent, reward in env.rewards.items():
            totals[agent] += reward
    ranks = {standing.seat: standing.rank for standing in env.match.standings()}
    for agent, total in totals.items():
        assert total == pytest.approx(1.0 - 2.0 * (ranks[env.possible_agents.index(agent)] - 1) / 3)


def test_one_seat_against_bots_is_seeded_and_ends_each_episode():
    def episode(seed):
        env = SingleSeatEnv(opponents=("random", "calculator", "steady"))
        observation, _ = env.reset(seed=seed)
        rng = np.random.default_rng(seed)
        trajectory, done, reward = [observation], False, 0.0
        while not done:
            action = int(rng.choice(np.flatnonzero(env.action_masks())))
            observation, reward, done, truncated, _ = env.step(action)
            trajectory.append(observation)
        return trajectory, reward

    first, reward = episode(4)
    again, reward_again = episode(4)
    assert len(first) == len(again) and all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    assert reward == reward_again and any(reward == pytest.approx(rank) for rank in (1.0, 1 / 3, -1 / 3, -1.0))


def test_one_seat_that_ignores_the_mask_loses_the_episode():
    env = SingleSeatEnv(opponents=("random",))
    env.reset(seed=2)
    forbidden = int(np.flatnonzero(~env.action_masks())[0])
    _, reward, terminated, _, info = env.step(forbidden)
    assert terminated and reward == -1.0 and info["illegal_action"] == ACTIONS[forbidden]


def test_the_mask_covers_set_mix_to_the_share_it_already_has():
    scenario = load_scenario("classic")
    match = Match(new_game(scenario, [profile.id for profile in scenario.profiles][:2], 1), ["a", "b"])
    view, legal = match.view(match.to_act), match.legal()
    current = view.firms[legal.seat].amd_pct
    mask = action_mask(view, legal)
    for index, share in MIX_STEPS.items():
        assert mask[index] == (share != current)


class FirstAllowed:
    """A stand-in for a trained model: the first index the mask allows (a real one needs torch)."""

    def predict(self, observation, action_masks, deterministic):
        assert observation.shape == (SIZE,) and deterministic
        return int(np.flatnonzero(action_masks)[0]), None


def test_a_policy_plays_full_games_as_a_bot_taking_each_free_action_once_a_turn():
    from game.bots import make_bot_factory
    from game.env.policy import PolicyBot
    from game.match import TurnDriver

    scenario = load_scenario("classic")
    for seed in range(3):
        match = Match(new_game(scenario, [profile.id for profile in scenario.profiles][:3], seed), ["p", "r", "s"])
        factories = {0: lambda seed: PolicyBot(seed, FirstAllowed()), 1: make_bot_factory("random"),
                     2: make_bot_factory("steady")}
        driver = TurnDriver(match, factories, seed, None)
        while not match.is_over:
            turn = driver.step()
            assert turn.incident is None  # the referee never had to replace what the policy chose
        assert driver.referees[0].decisions > 10


def test_a_ppo_bot_that_cannot_load_says_why(tmp_path, monkeypatch):
    from game.bots import BotLoadError, make_bot_factory

    with pytest.raises(BotLoadError, match="not found"):
        make_bot_factory(f"ppo:{tmp_path / 'missing.zip'}")
    model = tmp_path / "model.zip"
    model.write_bytes(b"not a model")
    monkeypatch.setitem(sys.modules, "sb3_contrib", None)  # as without the [train] extra
    with pytest.raises(BotLoadError, match=r"needs the \[train\] extra"):
        make_bot_factory(f"ppo:{model}")
