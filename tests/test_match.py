"""The match: the one authority over a running game (DESIGN.md §3), its turn driver and the hot-seat policy."""

from __future__ import annotations

import pytest

from game.bots import make_bot_factory
from game.content import load_scenario
from game.core import (
    Action, apply_action, bet, call, check, default_seats, legal_actions, new_game, observe, sit_in, sit_out, to_json,
)
from game.match import HOST, PUBLIC, HotSeat, Match, MatchRefusal, TurnDriver


def new_match(seats: int = 3, seed: int = 7) -> Match:
    scenario = load_scenario("classic")
    names = ["Ada", "Bo", "Cy", "Di"][:seats]
    return Match(new_game(scenario, default_seats(scenario, seats), seed), names)


def refused(match: Match, seat, action: Action, version) -> str:
    before = (match.version, to_json(match.history()))
    with pytest.raises(MatchRefusal) as refusal:
        match.submit(seat, action, version)
    assert (match.version, to_json(match.history())) == before  # the game is unchanged
    return refusal.value.reason.key


def test_submit_accepts_the_seat_to_act_against_the_current_version():
    match = new_match()
    accepted = match.submit(0, sit_in(), 0)
    assert (accepted.seat, accepted.version, match.version, match.to_act) == (0, 1, 1, 1)
    assert any(type(event).__name__ == "ChipsBought" for event in accepted.events)


def test_a_match_without_events_plays_the_same_game_and_refuses_the_same_actions():
    scenario = load_scenario("classic")
    seats = default_seats(scenario, 4)
    specs = ("calculator", "steady", "aggressive", "random")
    matches = [Match(new_game(scenario, seats, 5), specs, events=flag) for flag in (True, False)]
    drivers = [TurnDriver(match, {seat: make_bot_factory(spec) for seat, spec in enumerate(specs)}, 5, None)
               for match in matches]
    while not matches[0].is_over:
        with_events, without = (driver.step().submitted for driver in drivers)
        assert with_events.events and without.events == ()
        assert (with_events.seat, with_events.action, with_events.version) == (without.seat, without.action,
                                                                               without.version)
    assert matches[1].is_over and to_json(matches[0].state) == to_json(matches[1].state)
    assert refused(matches[1], matches[1].to_act, sit_in(), matches[1].version) == "match.game_over"
    fresh = [Match(new_game(scenario, seats, 5), specs, events=flag) for flag in (True, False)]
    assert refused(fresh[0], 0, bet(1), 0) == refused(fresh[1], 0, bet(1), 0) != "match.game_over"


def test_submit_refuses_out_of_turn_stale_unknown_seat_and_illegal_actions():
    match = new_match()
    assert refused(match, 1, sit_in(), 0) == "match.not_your_turn"
    assert refused(match, 0, sit_in(), 5) == "match.stale"
    assert refused(match, 0, sit_in(), "0") == "match.stale"
    assert refused(match, 7, sit_in(), 0) == "match.no_such_seat"
    assert refused(match, True, sit_in(), 0) == "match.no_such_seat"
    assert refused(match, 0, bet(100), 0) == "refusal.not_now"  # the rules' own reason
    assert refused(match, 0, Action("dance"), 0) == "refusal.unknown_action"


def test_a_stale_action_is_refused_even_when_it_would_still_be_legal():
    match = new_match()
    for _ in range(3):
        match.submit(match.to_act, sit_in(), match.version)
    first = match.to_act
    chosen_on = match.version
    match.submit(first, check(), chosen_on)  # the turn passes; the next seat chose on the old view
    assert refused(match, match.to_act, check(), chosen_on) == "match.stale"


def test_a_second_device_of_the_seat_that_just_acted_is_told_its_view_is_stale():
    match = new_match()
    match.submit(0, sit_in(), 0)  # the team's first device; its teammate's phone chose on version 0 too
    assert refused(match, 0, sit_in(), 0) == "match.stale"


def test_submit_after_the_game_is_over_is_refused():
    match = new_match(2)
    while not match.is_over:
        legal = match.legal()
        if legal.is_ante_round:
            action = sit_in() if legal.can_sit_in else sit_out()
        else:
            action = check() if legal.can_check else call()
        match.submit(match.to_act, action, match.version)
    assert match.to_act is None
    assert refused(match, 0, check(), match.version) == "match.game_over"


def test_each_viewer_gets_only_its_own_view():
    match = new_match()
    for _ in range(3):
        match.submit(match.to_act, sit_in(), match.version)
    own = match.view(1)
    assert own.viewer == 1 and len(own.my_cards) == 2
    for viewer in (PUBLIC, HOST):
        public = match.view(viewer)
        assert public.viewer is None and public.my_cards == ()
    for viewer in (3, -1, "host2", True):
        with pytest.raises(ValueError):
            match.view(viewer)


def test_the_turn_driver_plays_the_bots_through_their_referees_as_the_core_would():
    scenario = load_scenario("classic")
    seats = default_seats(scenario, 4)
    specs = ("calculator", "steady", "aggressive", "cautious")
    match = Match(new_game(scenario, seats, 21), specs)
    driver = TurnDriver(match, {seat: make_bot_factory(spec) for seat, spec in enumerate(specs)}, 21, None)
    while driver.bot_to_act:
        assert driver.step().incident is None
    assert match.is_over
    # the same bots, built from the driver's seeds, asked directly through the core, play the same game
    state = new_game(scenario, seats, 21)
    bots = {seat: type(referee.bot)(referee.bot.seed) for seat, referee in driver.referees.items()}
    while not state.is_over:
        seat = state.to_act
        state = apply_action(state, bots[seat].act(observe(state, seat), legal_actions(state))).state
    assert to_json(state) == to_json(match.history().replay())


def test_a_failing_bot_costs_only_its_decision():
    class Broken:
        def __init__(self, seed):
            self.seed = seed

        def act(self, observation, legal):
            raise RuntimeError("boom")

    match = new_match(2)
    driver = TurnDriver(match, {0: Broken, 1: make_bot_factory("steady")}, 7, None)
    turn = driver.step()
    assert turn.incident == "raised" and turn.submitted.action == Action("sit_out")


def test_hot_seat_hides_the_screen_between_two_people_and_never_for_one():
    match = new_match(3)
    two = HotSeat([0, 1])
    view = match.view(PUBLIC)
    assert two.needs_handover(view, None)  # nobody's view is on the screen yet
    assert not two.needs_handover(view, 0) and two.screen_seat(view, 0) == 0  # Ada confirmed
    match.submit(0, sit_in(), match.version)
    view = match.view(PUBLIC)
    assert two.needs_handover(view, 0) and two.screen_seat(view, 1) == 1  # Bo's turn: hide Ada's cards first
    match.submit(1, sit_in(), match.version)
    view = match.view(PUBLIC)  # a bot (seat 2) acts: the screen keeps whichever view it showed
    assert not two.needs_handover(view, 1) and two.screen_seat(view, 1) == 1
    one = HotSeat([2])
    assert not one.needs_handover(view, None) and one.screen_seat(view, None) == 2
    assert HotSeat([]).screen_seat(view, None) is None  # bots only: the public view
