"""Economy v2 (DESIGN.md §1.3, §1.4 step 3, §1.5, §1.9 as revised): one test per clause, named after it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.content import load_scenario
from game.core import (
    IllegalActionError, ScenarioError, all_in, apply_action, bet, call, check, fold, hand_capability, legal_actions,
    new_game, observe, parse_scenario, raise_funds, raise_to, set_mix, sit_in, sit_out, standings,
)
from game.core import events as ev
from game.core.funding import (
    diluted, founders_claim, funding_round, grown_preference, investors_claim, under_water,
)
from game.core.invariants import violations
from game.core.market import along_the_curve, book_value, price_per_h100e
from game.core.observation import stake_h100e
from game.core.pots import side_pots, split_pot
from game.core.state import evolve, evolve_firm
from support import play, scenario_data, start, with_firm

FUNDING = {"enabled": True, "max_raise_pct": 25, "hype_winner": 1.0, "hype_leader": 0.5, "hype_other": 0.25,
           "investor_return": 0.15}


def play_out_with_checks(state):
    """Check (or call, when a check is not free) until the year changes or the game ends."""
    year = state.year
    while state.year == year and not state.is_over:
        legal = legal_actions(state)
        if legal.can_sit_in:
            action = sit_in()
        elif legal.can_check:
            action = check()
        else:
            action = call()
        state, _ = apply_action(state, action)
    return state


# ----------------------------------------------------------------- funding at net worth (§1.4 step 3)

def test_funding_round_multiplies_ownership_by_net_worth_over_net_worth_plus_raise():
    assert diluted(1.0, 1000, 250) == pytest.approx(0.8)
    assert diluted(0.8, 1500, 500) == pytest.approx(0.6)


def test_funding_hype_decides_how_much_a_firm_may_raise_not_its_price():
    state = start(3, funding=FUNDING)
    # first year, nobody holds compute: everyone gets hype_other (0.25): 25 % × 1.25 × 1000
    assert state.valuations == (1000, 1000, 1000) and state.funding_caps == (312, 312, 312)


def test_funding_raising_costs_the_founders_nothing_on_the_day():
    state = start(2, funding=FUNDING)
    before = observe(state, None).firms[0].founders_claim
    state, _ = play(state, raise_funds(300))
    firm = observe(state, None).firms[0]
    assert firm.cash == 1300 and firm.preference == 300
    assert firm.founders_claim == before == 1000


def test_investors_preference_grows_by_the_investor_return_each_year():
    assert grown_preference(250, 1500) == 288  # 250 × 1.15 = 287.5, rounded up
    assert grown_preference(0, 1500) == 0
    state = start(3, funding=FUNDING)
    state, _ = play(state, raise_funds(250))
    state = play_out_with_checks(state)
    assert state.year == 2025 and state.firms[0].preference == 288
    state = play_out_with_checks(state)
    assert state.year == 2026 and state.firms[0].preference == 332  # 288 × 1.15 = 331.2, rounded up


def test_firm_at_or_below_its_preference_cannot_raise():
    scenario = parse_scenario(scenario_data(funding=FUNDING), "t.toml")
    state = new_game(scenario, ["f0", "f1"], 1)
    firms = (evolve_firm(state.firms[0], preference=1000), evolve_firm(state.firms[1], preference=999))
    values, caps = funding_round(scenario, firms, (1000, 1000), (), 0.5)
    assert values == (1000, 1000) and caps == (0, 312)
    assert under_water(1000, 1000) and not under_water(1000, 999) and not under_water(0, 0)


def under_water_scenario(seats: int = 3):
    """Chips live one year (so a lost stake leaves no book value), and seat 1 starts with a big fleet."""
    data = scenario_data(funding=FUNDING, rules__chip_lifetime_years=1)
    data = with_firm(data, 1, cash=5000, lots=[{"year": 2024, "vendor": "nvidia", "chip": "old", "h100e": 1e6,
                                                "cost": 0}])
    return new_game(parse_scenario(data, "t.toml"), [f"f{i}" for i in range(seats)], 1)


def test_takeover_when_net_worth_is_at_or_below_the_preference_at_the_start_of_a_year():
    state = under_water_scenario()
    # seat 0 raises 312, stakes everything and loses to seat 1's far bigger fleet
    state, _ = play(state, raise_funds(312), sit_in(), sit_in(), sit_in(), all_in(), call(), fold())
    state = play_out_with_checks(state) if state.year == 2024 else state
    assert state.year == 2025
    firm = state.firms[0]
    assert firm.status == "exited" and firm.exit_year == 2025 and firm.preference == 359  # 312 × 1.15, rounded up
    row = [row for row in standings(state) if row.seat == 0][0]
    assert row.exited and row.score == 0
    assert observe(state, None).firms[0].taken_over


def test_takeover_is_announced_and_the_firm_exits_with_score_zero():
    state = under_water_scenario()
    events = []
    for action in (raise_funds(312), sit_in(), sit_in(), sit_in(), all_in(), call(), fold()):
        state, happened = apply_action(state, action)
        events.extend(happened)
    while state.year == 2024:
        state, happened = apply_action(state, check())
        events.extend(happened)
    # (events are tuples: compare their types too, or IncomePaid(0, 0) would equal Exited(0, 0))
    typed = [(type(event), event) for event in events]
    taken, exited = typed.index((ev.TakenOver, (0, 0, 359))), typed.index((ev.Exited, (0, 0)))
    assert taken + 1 == exited
    assert not violations(state)


# ----------------------------------------------------------------- score = founders' claim (§1.9)

def test_score_is_net_worth_minus_the_larger_of_preference_and_investors_share():
    assert investors_claim(1000, 0.8, 150) == 200 and founders_claim(1000, 0.8, 150) == 800
    assert investors_claim(1000, 0.8, 350) == 350 and founders_claim(1000, 0.8, 350) == 650


def test_investors_claim_is_capped_at_net_worth_and_rounded_up():
    assert investors_claim(300, 0.5, 1000) == 300 and founders_claim(300, 0.5, 1000) == 0
    assert investors_claim(1001, 0.5, 0) == 501  # 500.5 rounded up to whole $M
    assert investors_claim(1000, 1 - 0.3, 0) == 300  # float noise in the share costs no whole $M


def test_firm_that_never_raised_scores_its_net_worth():
    state = start(3)
    state = play_out_with_checks(state)
    for row in standings(state):
        assert row.score == row.net_worth and row.preference == 0 and row.ownership == 1.0


def test_ties_in_score_rank_by_net_worth():
    state = start(3, funding=FUNDING)
    firms = list(state.firms)
    firms[0] = evolve_firm(firms[0], cash=1200, preference=200, ownership=0.9)  # claim 1200 - 200 = 1000
    firms[1] = evolve_firm(firms[1], cash=1000)  # never raised: 1000
    firms[2] = evolve_firm(firms[2], cash=1100, preference=100, ownership=0.95)  # 1100 - 100 = 1000
    rows = standings(evolve(state, firms=tuple(firms)))
    assert [(row.seat, row.rank, row.score, row.net_worth) for row in rows] == [
        (0, 1, 1000, 1200), (2, 2, 1000, 1100), (1, 3, 1000, 1000)]


def test_standings_during_the_game_use_the_same_formula():
    state = start(3, funding=FUNDING)
    state, _ = play(state, raise_funds(300), sit_in())
    view = observe(state, None)
    rows = {row.seat: row for row in standings(state)}
    for firm in view.firms:
        assert rows[firm.seat].score == firm.founders_claim


# ----------------------------------------------------------------- the AGI prize (§1.9)

def agi_race(prize_share: float, *funding_actions):
    state = start(3, funding=FUNDING, rules__race_mode=True, rules__agi_threshold_h100e=500.0,
                  rules__agi_prize_share=prize_share)
    state, _ = play(state, *funding_actions, sit_in(), sit_in(), sit_in(), bet(600), call(), fold())
    while not state.is_over:
        state, _ = apply_action(state, check())
    return state


def test_agi_winner_adds_the_prize_to_its_net_worth():
    state = agi_race(1.0)
    assert state.over_reason == "agi" and state.agi_winners == (0, 1)
    rows = {row.seat: row for row in standings(state)}
    # seat 2 folded: its cash and its ante's chips (valued as at the end) are the prize, split between the winners
    loser = rows[2].net_worth
    assert state.agi_prize == loser
    without = start(3).firms[0].cash  # what the winners would hold without the prize: same for both
    assert rows[0].net_worth + rows[1].net_worth - loser > 0
    assert abs(rows[0].net_worth - rows[1].net_worth) <= 1 and without
    assert not violations(state)


def test_agi_prize_is_a_share_of_the_other_firms_net_worth():
    assert agi_race(0.5).agi_prize == agi_race(1.0).agi_prize // 2
    assert agi_race(0.0).agi_prize == 0


def test_agi_winner_who_sold_most_of_the_firm_may_not_come_first():
    state = agi_race(0.0, raise_funds(312))  # seat 0 sold shares before reaching AGI; no prize
    rows = standings(state)
    assert {rows[0].seat, rows[1].seat} == {0, 1} and state.agi_winners == (0, 1)
    assert rows[0].seat == 1 and rows[0].agi_winner  # ranked by the founders' claim, not by reaching AGI


# ----------------------------------------------------------------- scarcity along the curve (§1.3)

@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 5_000), min_size=1, max_size=8), st.floats(0.0, 3.0), st.floats(10.0, 1e6))
def test_scarcity_one_big_order_buys_what_the_same_dollars_buy_in_steps(steps, scarcity, supply):
    state = start(2, market__nvidia={"scarcity": scarcity, "supply": [supply] * 3})
    chip = state.scenario.chips[0][0]

    def h100e_for(usd):
        return along_the_curve(state.scenario, 0, 0, chip, 1.0, 1.0, state.bought[0], usd)
    at_once = h100e_for(sum(steps) * 1e6)
    in_steps = 0.0
    for step in steps:
        h100e = h100e_for(step * 1e6)
        in_steps += h100e
        state = evolve(state, bought=(state.bought[0] + h100e, state.bought[1]))
    assert in_steps == pytest.approx(at_once, rel=1e-9)


def test_scarcity_price_shown_after_a_purchase_is_the_new_marginal_price():
    state = start(2, market__nvidia={"scarcity": 0.5, "supply": [1000.0] * 3})
    state, events = play(state, sit_in())
    (bought,) = [e for e in events if isinstance(e, ev.ChipsBought)]
    marginal = 1e6 * (1 + 0.5 * bought.h100e / 1000)
    assert observe(state, None).prices[0] == pytest.approx(marginal) == price_per_h100e(state, 0)
    # the average price paid lies between the price before and the price after
    assert 1e6 < bought.usd_per_h100e < marginal


def test_scarcity_one_stake_costs_the_same_whether_staked_at_once_or_in_steps():
    seats = ("f0", "f1")
    whole = start(2, market__nvidia={"scarcity": 0.5, "supply": [1000.0] * 3})
    whole, _ = play(whole, sit_in(), sit_in(), bet(600), call())
    steps = start(2, market__nvidia={"scarcity": 0.5, "supply": [1000.0] * 3})
    steps, _ = play(steps, sit_in(), sit_in(), bet(100), call(), bet(200), call(), bet(300), call())
    assert steps.seats == whole.seats == seats
    assert sum(whole.bought) == pytest.approx(sum(steps.bought), rel=1e-9)


# ----------------------------------------------------------------- book value (§1.3)

def test_book_value_never_falls_below_zero():
    state = start(2)
    state, _ = play(state, sit_in())
    firm = state.firms[0]
    assert [book_value(firm, year, 5) for year in (2024, 2028, 2029, 2035)] == [100, 20, 0, 0]


def test_exited_firm_keeps_the_frozen_value_of_its_lots():
    # The repro: classic, seed 1; everyone sits in for 2024 and checks it out; the third firm
    # sits out 2025 and 2026 and exits; in 2028 its book value was negative and its net worth below its cash.
    scenario = load_scenario("classic")
    state = new_game(scenario, ["atlas", "borealis", "cygnus"], 1)
    state = play_out_with_checks(state)
    for _ in (2025, 2026):  # seat 2 sits out both years
        while state.phase == "ante":
            state, _ = apply_action(state, sit_out() if state.to_act == 2 else sit_in())
        state = play_out_with_checks(state)
    assert state.firms[2].status == "exited" and state.firms[2].exit_year == 2026
    frozen = observe(state, None).firms[2]
    while state.year < 2028:
        state = play_out_with_checks(state)
    later = observe(state, None).firms[2]
    assert later.book_value == frozen.book_value >= 0
    assert later.net_worth == frozen.net_worth >= later.cash
    assert [row.net_worth for row in standings(state) if row.seat == 2] == [frozen.net_worth]


# ----------------------------------------------------------------- short all-ins (§1.5, TDA 47A)

def short_stacks(**changes):
    """Four seats in Q1 of 2024, ante 100: seats 1 and 2 hold 150 and 210 after the ante."""
    data = scenario_data(**changes)
    data = with_firm(with_firm(data, 1, cash=250), 2, cash=310)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2", "f3"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), sit_in())
    assert state.phase == "betting" and state.to_act == 0
    return state


def test_short_all_ins_that_add_up_to_a_full_raise_reopen_the_betting():
    state = short_stacks()
    state, _ = play(state, bet(100), all_in(), all_in(), call())  # 100, then short all-ins to 150 and 210
    assert state.to_act == 0 and state.min_raise == 100  # neither all-in was a full raise on its own
    legal = legal_actions(state)
    assert legal.can_raise and legal.raise_min == 310  # 50 + 60 = 110 since seat 0 acted: a full raise


def test_short_all_ins_short_of_a_full_raise_together_do_not_reopen():
    data = with_firm(with_firm(scenario_data(), 1, cash=250), 2, cash=280)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2", "f3"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), sit_in(), bet(100), all_in(), all_in(), call())
    legal = legal_actions(state)  # 50 + 30 = 80 since seat 0 acted: less than the full raise of 100
    assert legal.can_call and not legal.can_raise and not legal.can_all_in
    with pytest.raises(IllegalActionError, match="does not reopen"):
        apply_action(state, raise_to(300))


def test_fixed_limit_short_all_in_is_not_a_full_bet_in_q3_and_q4():
    data = with_firm(scenario_data(rules__betting="fixed_limit"), 1, cash=250)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in())
    for _ in range(2):  # Q1 and Q2 checked through
        for _ in range(3):
            state, _ = apply_action(state, check())
    assert state.quarter == 3 and state.min_raise == 200  # Q3: the fixed size is twice the ante
    state, _ = play(state, check(), all_in())  # seat 1 is all-in for 150: short of the fixed bet of 200
    assert state.full_raises == 0 and state.min_raise == 200
    legal = legal_actions(state)  # seat 2 has not acted: it may raise to 150 + 200
    assert legal.raise_range == (350, 350)
    state, _ = play(state, call())
    legal = legal_actions(state)  # seat 0 checked before the short all-in: it may only call or fold
    assert legal.can_call and not legal.can_raise


def test_fixed_limit_short_all_in_does_not_count_toward_the_bet_and_three_raises():
    data = with_firm(scenario_data(rules__betting="fixed_limit"), 1, cash=150)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), bet(100), all_in())  # seat 1: all-in for 50 more
    assert state.full_raises == 1


# ----------------------------------------------------------------- pot limit (§1.5)

def test_pot_limit_cap_is_never_below_the_minimum_bet():
    state = start(2, rules__betting="pot_limit", rules__market_share_of_spend=0.0, schedules__base_market=[0] * 3)
    state, _ = play(state, sit_in(), sit_in())
    legal = legal_actions(state)
    assert legal.bet_range == (100, 100)  # the pot shows 0: the cap is lifted to the minimum bet
    assert not legal.can_all_in  # 900 would be more than the limit allows


def test_pot_limit_cap_is_never_below_the_minimum_raise():
    state = start(2, rules__betting="pot_limit", rules__market_share_of_spend=0.0, schedules__base_market=[0] * 3)
    state, _ = play(state, sit_in(), sit_in(), bet(100))
    legal = legal_actions(state)
    assert legal.raise_range == (200, 200)
    state, _ = play(state, raise_to(200))
    assert state.quarter_stakes == (100, 200)


# ----------------------------------------------------------------- market share exactly (§1.6)

def test_market_share_with_more_than_four_decimals_is_refused():
    with pytest.raises(ScenarioError, match="more than 4 decimals") as caught:
        parse_scenario(scenario_data(rules__market_share_of_spend=0.33333), "t.toml")
    assert "rules.market_share_of_spend" in str(caught.value)
    assert parse_scenario(scenario_data(rules__market_share_of_spend=0.3333), "t.toml").market_share_bp == 3333


def test_investor_return_is_exact_to_a_basis_point_and_defaults_to_15_percent():
    data = scenario_data(funding={k: v for k, v in FUNDING.items() if k != "investor_return"})
    assert parse_scenario(data, "t.toml").investor_return_bp == 1500
    with pytest.raises(ScenarioError, match="funding.investor_return"):
        parse_scenario(scenario_data(funding={**FUNDING, "investor_return": 0.123456}), "t.toml")


# ----------------------------------------------------------------- rules that already held (kept tested)

def test_button_moves_to_the_next_seat_that_has_not_exited():
    state = under_water_scenario(4)
    state, _ = play(state, raise_funds(312), sit_in(), sit_in(), sit_in(), sit_in())
    assert state.button == 3
    state, _ = play(state, all_in(), call(), fold(), fold())
    state = play_out_with_checks(state) if state.year == 2024 else state
    assert state.firms[0].status == "exited"  # taken over at the start of 2025
    assert state.button == 1  # the button skips seat 0, which left the race


def test_only_firm_to_sit_in_wins_the_base_market_at_once():
    state = start(3)
    state, events = play(state, sit_in(), sit_out(), sit_out())
    assert [e for e in events if isinstance(e, ev.PotAwarded)] == [ev.PotAwarded(0, 1000 + 50, (0,), (1050,))]
    assert state.year == 2025 and state.phase == "ante"


def test_folding_when_a_check_is_free_is_refused():
    state = start(2)
    state, _ = play(state, sit_in(), sit_in())
    with pytest.raises(IllegalActionError, match="nothing to call"):
        apply_action(state, fold())


def test_a_stake_no_one_matched_is_a_top_layer_only_its_firm_can_win():
    state = start(3)
    state, events = play(state, sit_in(), sit_in(), sit_in(), bet(500), fold(), fold())
    (award,) = [e for e in events if isinstance(e, ev.PotAwarded)]
    # the stakes are 600 + 100 + 100: the market pays half of every staked dollar, the unmatched 400 included
    assert award == ev.PotAwarded(0, 1000 + 400, (0,), (1400,))


def test_odd_millions_go_one_each_from_the_button_and_each_pot_is_split_on_its_own():
    pots = side_pots([301, 301, 101], [0, 1, 2], 5000, 1000)
    assert [pot.amount for pot in pots] == [1000 + 151, 200]
    assert split_pot(pots[0].amount, [0, 1, 2], button=0) == [(1, 384), (2, 384), (0, 383)]
    assert split_pot(pots[1].amount, [0, 1], button=0) == [(1, 100), (0, 100)]


def test_income_then_opex_then_preference_then_takeover_order_at_the_start_of_a_year():
    # A firm whose income alone lifts it above water is not taken over.
    data = scenario_data(funding=FUNDING, rules__chip_lifetime_years=1)
    data = with_firm(data, 0, income=400)
    data = with_firm(data, 1, cash=5000, lots=[{"year": 2024, "vendor": "nvidia", "chip": "old", "h100e": 1e6,
                                                "cost": 0}])
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, raise_funds(312), sit_in(), sit_in(), sit_in(), all_in(), call(), fold())
    state = play_out_with_checks(state) if state.year == 2024 else state
    assert state.firms[0].status != "exited"  # 400 income > 359 preference
    assert state.firms[0].cash == 400 and state.firms[0].preference == 359
    assert math.isclose(state.firms[0].ownership, 1400 / 1712)


# ----------------------------------------------------------------- what bots can work out from an observation

@pytest.mark.parametrize("mix", [0, 30, 100])
def test_stake_h100e_is_what_a_stake_buys(mix):
    state = start(2, market__nvidia={"scarcity": 0.5, "supply": [1000.0] * 3},
                  market__amd={"scarcity": 0.8, "supply": [500.0] * 3})
    state, _ = play(state, set_mix(mix), sit_in(), set_mix(50), sit_in())  # seat 1's purchase moves both prices
    expected = stake_h100e(observe(state, 0), 0, 400)
    state, events = play(state, bet(400))
    bought = {e.vendor: e.h100e for e in events if isinstance(e, ev.ChipsBought)}
    assert expected == pytest.approx((bought.get("nvidia", 0.0), bought.get("amd", 0.0)), rel=1e-12)


def test_hand_capability_counts_a_purchase_being_thought_of():
    data = scenario_data(rd_cards=[{"id": "rocm", "title": {"en": "R", "de": "R"}, "domain": "hardware",
                                    "points": 1, "condition": {"amd_share_at_least": 50, "points": 4},
                                    "copies": 20}])
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1"], 1)
    state, _ = play(state, sit_in(), sit_in())  # 100 Nvidia H100e each
    view = observe(state, 0)
    now = hand_capability(view, 0, view.my_cards)
    assert now.card_points == 2  # both cards unconditioned: no AMD
    after = hand_capability(view, 0, view.my_cards, bought=(0.0, 300.0), spent=300)
    # 300 AMD H100e at efficiency 0.5 = 150 effective against 100 Nvidia: 60 % AMD, so both cards pay 4
    assert after.card_points == 8
    assert after.compute_points == pytest.approx(10 * math.log10(250))
