"""The `calculator` bot: its vectorised capability equals the core's, its estimates are sane,
its decisions are deterministic, legal and quick, and it beats random play."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest

from game.bots import calculator as calc
from game.bots.calculator import CalculatorBot, capability_model
from game.bots.random_bot import RandomBot
from game.content import load_scenario
from game.core import (
    Action, apply_action, default_seats, hand_capability, legal_actions, new_game, observe, parse_scenario, sit_in,
    standings,
)
from game.core.state import Lot


def _title(text: str) -> dict:
    return {"en": text, "de": text}


def _testing_scenario(betting: str = "no_limit"):
    """`classic` plus cards and events that use every condition test and effect layering the shipped
    scenarios do not: domain tests on R&D cards, cash and stake tests, several effects of one kind in
    one event, a compute weight clamped at zero, event copies."""
    data = load_scenario("classic").data()
    data["id"] = "calculator-test"
    data["rules"]["betting"] = betting
    data["rd_cards"] += [
        {"id": "grid_synergy", "title": _title("Grid synergy"), "domain": "hardware", "points": 0,
         "condition": {"has_domain": "energy", "points": 5}, "copies": 2},
        {"id": "lonely_data", "title": _title("Lonely data"), "domain": "data", "points": 2,
         "condition": {"lacks_domain": "talent", "cash_at_least": 3000, "points": -3}},
        {"id": "all_in_lab", "title": _title("All-in lab"), "domain": "talent", "points": -1,
         "condition": {"staked_at_least": 1000, "compute_below": 40_000, "points": 4}},
        {"id": "self_data", "title": _title("Own data"), "domain": "data", "points": 1,
         "condition": {"has_domain": "data", "points": 3}},
    ]
    data["events"] += [
        {"id": "double_wall", "title": _title("Double wall"), "copies": 2, "effects": [
            {"kind": "compute_weight", "delta": -0.7},
            {"kind": "compute_weight", "delta": -0.4},
            {"kind": "domain_factor", "domain": "energy", "factor": 1.5},
            {"kind": "domain_factor", "domain": "data", "factor": 0.5},
            {"kind": "amd_efficiency", "delta": 0.2},
            {"kind": "amd_efficiency", "delta": -0.05},
        ]},
        {"id": "rebound", "title": _title("Rebound"), "effects": [
            {"kind": "compute_weight", "delta": 0.6},
            {"kind": "domain_bonus", "domain": "talent", "points": 1.5},
            {"kind": "domain_bonus", "domain": "talent", "points": -0.25},
            {"kind": "firm_bonus", "points": 2.5,
             "condition": {"has_domain": "hardware", "compute_at_least": 12_000, "amd_share_below": 60}},
            {"kind": "firm_bonus", "points": -1},
        ]},
        {"id": "rich_get_richer", "title": _title("Rich get richer"), "effects": [
            {"kind": "firm_bonus", "points": 1, "condition": {"cash_at_least": 5000, "staked_at_least": 500}},
            {"kind": "firm_bonus", "points": -2, "condition": {"compute_below": 11_000, "compute_leader": False}},
        ]},
    ]
    return parse_scenario(data, "calculator-test.toml")


def _random_states(scenario, seats: int, seed: int, keep: float = 0.35, bots=None):
    """States reached by random play (with bots for some seats if given), a share of them kept."""
    rng = random.Random(seed)
    players = [RandomBot(seed * 31 + seat) for seat in range(seats)]
    for seat, bot in (bots or {}).items():
        players[seat] = bot
    state = new_game(scenario, default_seats(scenario, seats), seed)
    while state.phase != "over":
        if rng.random() < keep:
            yield state
        legal = legal_actions(state)
        action = players[state.to_act].act(observe(state, state.to_act), legal)
        state = apply_action(state, action).state


def _random_worlds(model, observation, seats, rng, worlds):
    """Any hands (each world a draw without replacement from the deck) and events (the face-up
    ones, then draws from the rest of the deck)."""
    deck = model.deck
    order = np.argsort(rng.random((worlds, len(deck))), axis=1)[:, :2 * len(seats)]
    hands = deck[order].reshape(worlds, len(seats), 2)
    revealed = [model.event_index[e] for e in observation.revealed_events]
    rest = list(model.event_deck)
    for e in revealed:
        rest.remove(e)
    unseen = 4 - len(revealed)
    events = np.array([revealed + list(rng.choice(rest, unseen, replace=False)) for _ in range(worlds)],
                      dtype=np.intp).reshape(worlds, 4)
    return hands, events


# ---------------------------------------------------------------------- the correctness anchor

@pytest.mark.parametrize("scenario_name", ["classic", "seed-2024", "testing"])
def test_vectorised_capability_equals_the_cores_hand_capability(scenario_name):
    scenario = _testing_scenario() if scenario_name == "testing" else load_scenario(scenario_name)
    model = capability_model(scenario)
    rng = np.random.default_rng(5)
    checked = 0
    for game in range(16):
        for state in _random_states(scenario, 2 + game % 7, 100 + game, keep=0.3):
            if state.phase != "betting":
                continue
            observation = observe(state, state.to_act)
            seats = [f.seat for f in observation.firms if f.status in ("active", "all_in") and f.holds_cards]
            hands, events = _random_worlds(model, observation, seats, rng, 6)
            ours = model.capabilities(observation, seats, hands, events)
            for world in range(hands.shape[0]):
                event_ids = [model.event_ids[e] for e in events[world]]
                for column, seat in enumerate(seats):
                    hand = [model.card_ids[c] for c in hands[world, column]]
                    expected = hand_capability(observation, seat, hand, event_ids).total
                    assert ours[world, column] == pytest.approx(expected, abs=1e-6), (seat, hand, event_ids)
                    checked += 1
    assert checked > 400


def test_the_true_hands_score_as_the_core_scores_them():
    """With the dealt hands and this year's events (read from the hidden state, as only a test may),
    the model agrees with `hand_capability` for every firm in the hand."""
    scenario = _testing_scenario()
    model = capability_model(scenario)
    for game in range(6):
        for state in _random_states(scenario, 6, 300 + game, keep=0.3):
            if state.phase != "betting":
                continue
            observation = observe(state, None)
            seats = [s for s, f in enumerate(observation.firms) if f.status in ("active", "all_in") and f.holds_cards]
            hands = np.array([[[model.card_index[c] for c in state.hands[s]] for s in seats]], dtype=np.intp)
            events = np.array([[model.event_index[e] for e in state.year_events]], dtype=np.intp)
            ours = model.capabilities(observation, seats, hands, events)[0]
            for column, seat in enumerate(seats):
                expected = hand_capability(observation, seat, state.hands[seat], state.year_events).total
                assert ours[column] == pytest.approx(expected, abs=1e-6)


def test_sampled_worlds_are_consistent_with_the_observation():
    scenario = _testing_scenario()
    model = capability_model(scenario)
    copies = np.bincount(model.deck, minlength=len(model.card_ids))
    event_copies = np.bincount(model.event_deck, minlength=len(model.event_ids))
    rng = np.random.default_rng(3)
    for state in _random_states(scenario, 6, 17, keep=0.5):
        if state.phase != "betting":
            continue
        observation = observe(state, state.to_act)
        seats = calc._in_hand(observation)
        hands, events = model.sample_worlds(observation, seats, observation.my_cards, rng, 200)
        mine = [model.card_index[c] for c in observation.my_cards]
        assert (hands[:, 0, :] == mine).all()
        revealed = [model.event_index[e] for e in observation.revealed_events]
        assert events.shape == (200, 4)
        assert (events[:, :len(revealed)] == revealed).all()
        for world in range(200):
            assert (np.bincount(hands[world].ravel(), minlength=len(copies)) <= copies).all()
            assert (np.bincount(events[world], minlength=len(event_copies)) <= event_copies).all()


# ---------------------------------------------------------------------- estimates

def _heads_up(cards, compute_factor: float):
    """Seat 0's view, heads-up in Q1 of classic, holding `cards` with `compute_factor` × seat 1's compute."""
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 2), 11)
    while state.phase != "betting":
        state = apply_action(state, sit_in()).state
    observation = observe(state, 0)
    firms = list(observation.firms)
    other = firms[1].effective_compute
    lot = Lot(2024, "nvidia", "H100 SXM", other * compute_factor, 1)
    firms[0] = firms[0]._replace(lots=(lot,), effective_compute=lot.h100e)
    leaders = frozenset({0} if compute_factor > 1 else {1})
    return observation._replace(my_cards=tuple(cards), firms=tuple(firms), compute_leaders=leaders)


def test_best_cards_with_most_compute_win_often_worst_rarely():
    bot = CalculatorBot(1)
    best = bot.win_chance(_heads_up(("new_architecture", "test_time_reasoning"), 10.0))
    worst = bot.win_chance(_heads_up(("copyright_suit", "team_poached"), 0.1))
    middling = bot.win_chance(_heads_up(("phd_pipeline", "heat_reuse"), 1.0))
    assert best > 0.95
    assert worst < 0.05
    assert worst < middling < best


def test_more_opponents_lower_the_chance_before_the_deal():
    scenario = load_scenario("classic")
    chances = []
    for seats in (2, 4, 8):
        state = new_game(scenario, default_seats(scenario, seats), 3)
        chances.append(CalculatorBot(2).win_chance(observe(state, state.to_act)))
    assert chances[0] == pytest.approx(1 / 2, abs=0.08)
    assert chances[1] == pytest.approx(1 / 4, abs=0.08)
    assert chances[2] == pytest.approx(1 / 8, abs=0.06)


# ---------------------------------------------------------------------- decisions

def test_same_seed_same_observation_same_action():
    scenario = load_scenario("classic")
    checked = 0
    for game in range(4):
        for state in _random_states(scenario, 6, 40 + game, keep=0.5):
            observation = observe(state, state.to_act)
            legal = legal_actions(state)
            first = CalculatorBot(99).act(observation, legal)
            again = CalculatorBot(99)
            assert again.act(observation, legal) == first
            assert again.act(observation, legal) == first  # and the same bot, asked twice
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("scenario_name,betting", [
    ("classic", "no_limit"), ("seed-2024", "no_limit"), ("testing", "pot_limit"), ("testing", "fixed_limit"),
])
def test_every_action_is_legal(scenario_name, betting):
    scenario = _testing_scenario(betting) if scenario_name == "testing" else load_scenario(scenario_name)
    decisions = 0
    for game in range(10):
        seats = 2 + game % 7
        bots = {seat: CalculatorBot(game * 10 + seat) for seat in range(0, seats, 2)}  # every other seat
        players = [bots.get(seat) or RandomBot(game * 10 + seat) for seat in range(seats)]
        state = new_game(scenario, default_seats(scenario, seats), 500 + game)
        while state.phase != "over":
            seat = state.to_act
            legal = legal_actions(state)
            action = players[seat].act(observe(state, seat), legal)
            if seat in bots:
                assert legal.refusal(action) is None, (action, legal)
                assert not (action.kind == "fold" and legal.can_check)
                decisions += 1
            state = apply_action(state, action).state
    assert decisions > 100


def test_never_sits_out_into_an_exit_when_it_can_pay():
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 3), 8)
    observation = observe(state, state.to_act)
    me = observation.to_act
    firms = list(observation.firms)
    firms[me] = firms[me]._replace(last_sat_out=observation.year - 1)
    observation = observation._replace(firms=tuple(firms))
    bot = CalculatorBot(4)
    legal = legal_actions(state)
    for _ in range(3):
        action = bot.act(observation, legal)
        assert action.kind in ("sit_in", "set_mix")
        if action.kind == "sit_in":
            break


def _classic(**rules) -> object:
    data = load_scenario("classic").data()
    for path, value in rules.items():
        section, key = path.split("__")
        data[section][key] = value
    years = data["years"]["last"] - data["years"]["first"] + 1
    data["schedules"]["amd_efficiency"] = data["schedules"]["amd_efficiency"][:years]
    data["market"]["chips"] = [chip for chip in data["market"]["chips"] if chip["year"] <= data["years"]["last"]]
    return parse_scenario(data, "classic-variant.toml")


def _ante_decision(scenario, seed: int = 8):
    """The calculator's first action as the first seat of a new 4-seat game, and the legal actions."""
    state = new_game(scenario, default_seats(scenario, 4), seed)
    legal = legal_actions(state)
    return CalculatorBot(3).act(observe(state, state.to_act), legal), legal, state


def test_raises_nothing_when_the_stakes_are_paid_and_years_are_left():
    action, legal, _ = _ante_decision(load_scenario("classic"))
    assert legal.can_raise_funds and action.kind != "raise_funds"


def test_raises_what_the_ante_needs_when_short():
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 4), 8)
    firms = list(state.firms)
    firms[state.to_act] = firms[state.to_act]._replace(cash=300, last_sat_out=state.year - 1)  # must sit in
    state = state._replace(firms=tuple(firms))
    action = CalculatorBot(3).act(observe(state, state.to_act), legal_actions(state))
    assert action == Action("raise_funds", scenario.ante[0] - 300)


def test_raises_the_most_it_may_in_the_last_two_years():
    action, legal, _ = _ante_decision(_classic(years__last=2025))  # the preference grows once more at most
    assert action == Action("raise_funds", legal.raise_funds_max)


def test_raises_the_most_it_may_when_that_takes_it_past_the_agi_threshold_this_year():
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 4), 8)
    view = observe(state, state.to_act)
    me, most = view.me, legal_actions(state).raise_funds_max
    bot = CalculatorBot(3)
    reach_now, reach_raised = bot._reach(view, me.cash), bot._reach(view, me.cash + most)
    assert reach_now < reach_raised
    between = _classic(rules__agi_threshold_h100e=(reach_now + reach_raised) / 2)
    action, legal, _ = _ante_decision(between)
    assert action == Action("raise_funds", most)
    beyond = _classic(rules__agi_threshold_h100e=reach_raised * 1.01)
    assert _ante_decision(beyond)[0].kind != "raise_funds"


def test_mix_buys_amd_while_it_is_cheaper_per_effective_h100e_then_nvidia():
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 4), 8)
    view = observe(state, state.to_act)
    assert calc._best_mix(view, 10) == 100  # a small stake: AMD is cheaper per effective H100e in 2024
    mixed = calc._best_mix(view, 3000)  # a big one drives AMD's price past Nvidia's: split it
    assert 0 < mixed < 100
    crowded = view._replace(bought=(0.0, 5 * scenario.supply[1][0]))  # the table has bought much AMD already
    assert calc._best_mix(crowded, 100) == 0


def test_mix_follows_a_card_that_pays_for_an_amd_share():
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 4), 8)
    view = observe(state, state.to_act)._replace(phase="betting")
    crowded = view._replace(bought=(0.0, scenario.supply[1][0] / 2))  # AMD a little dearer than Nvidia
    assert calc._best_mix(crowded._replace(my_cards=("mixture_of_experts", "licensed_archive")), 500) == 0
    assert calc._best_mix(crowded._replace(my_cards=("rocm_tuning", "licensed_archive")), 500) >= 50


def test_beats_random_heads_up_and_at_a_full_table():
    scenario = load_scenario("classic")
    for seats, games, at_least in ((2, 40, 0.7), (6, 30, 0.4)):
        wins = 0.0
        for game in range(games):
            mine = game % seats
            players = [CalculatorBot(game) if seat == mine else RandomBot(game * 7 + seat) for seat in range(seats)]
            state = new_game(scenario, default_seats(scenario, seats), 900 + game)
            while state.phase != "over":
                state = apply_action(state, players[state.to_act].act(observe(state, state.to_act),
                                                                     legal_actions(state))).state
            top = [row.seat for row in standings(state) if row.rank == 1]
            wins += top.count(mine) / len(top)
        assert wins / games >= at_least, (seats, wins / games)


# ---------------------------------------------------------------------- speed guard

def test_no_decision_is_pathologically_slow():
    """Not a benchmark (bench/calculator_speed.py is): every decision, including the first one on a
    new scenario (tables and deck orders built then), stays under 50 ms of this process's CPU time
    (not wall time: a busy machine must not fail it)."""
    scenario = _testing_scenario()
    calc._MODELS.clear()
    slowest = 0.0
    for game in range(3):
        bots = {seat: CalculatorBot(seat) for seat in range(8)}
        for state in _random_states(scenario, 8, 700 + game, keep=1.0, bots=bots):
            observation = observe(state, state.to_act)
            legal = legal_actions(state)
            bot = CalculatorBot(1)
            start = time.process_time()
            bot.act(observation, legal)
            slowest = max(slowest, time.process_time() - start)
    assert slowest < 0.050, f"slowest decision took {slowest * 1000:.1f} ms"
