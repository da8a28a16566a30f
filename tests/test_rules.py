"""One test per rule clause of DESIGN.md §1, named after it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.content import load_scenario
from game.core import (
    IllegalActionError, ScenarioError, SetupError, all_in, apply_action, bet, call, capability, check, fold,
    hand_capability, legal_actions,
    new_game, observe, raise_funds, raise_to, set_mix, sit_in, sit_out, standings,
)
from game.core import events as ev
from game.core.actions import Action
from game.core.cards import compute_leaders
from game.core.market import book_value, effective_compute, price_per_h100e
from game.core.legal import pot_shown
from game.core.market import amd_efficiency
from game.core.observation import FirmView, Observation
from game.core.state import Firm, State, evolve
from game.core.pots import seats_from_button
from game.core.scenario import parse_scenario
from support import make_scenario, play, scenario_data, start, with_firm

SIT_ALL_3 = (sit_in(), sit_in(), sit_in())


def betting(seats=3, **changes):
    """A game in Q1 with every firm seated (ante paid)."""
    state = start(seats, **changes)
    state, _ = play(state, *[sit_in()] * seats)
    assert state.phase == "betting" and state.quarter == 1
    return state


def check_round(state):
    """Everyone to act checks until the quarter changes."""
    quarter, year = state.quarter, state.year
    while state.quarter == quarter and state.year == year and not state.is_over:
        state, _ = apply_action(state, check())
    return state


# ----------------------------------------------------------------- 1.1 Units

def test_units_money_is_whole_millions():
    state = betting()
    for amount in (150.5, "150", True):
        with pytest.raises(IllegalActionError, match="whole numbers"):
            apply_action(state, Action("bet", amount))
    after, _ = play(state, bet(150))
    assert all(isinstance(firm.cash, int) for firm in after.firms)


def test_units_compute_is_h100e_float():
    state = betting()
    lot = state.firms[0].lots[0]
    assert isinstance(lot.h100e, float) and lot.h100e == pytest.approx(100.0)  # $100M at $1M per H100e


# ----------------------------------------------------------------- 1.2 Firms

def test_firms_start_from_their_profile_with_full_ownership():
    data = with_firm(scenario_data(), 1, cash=2500, income=300, income_growth=0.1, amd_pct=40)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1"], seed=3)
    firm = state.firms[1]
    assert (firm.name, firm.ownership, firm.amd_pct) == ("Firm 1", 1.0, 40)
    assert firm.cash == 2500 + 300  # income of the first year is paid at once
    assert firm.lots == ()


def test_firms_classic_starts_equal():
    scenario = load_scenario("classic")
    assert len(scenario.profiles) == 8
    assert {(p.cash, p.income[0], p.income[1]) for p in scenario.profiles} == {(6000, 1200, 1380)}
    assert all(p.lots == () for p in scenario.profiles)


def test_firms_status_runs_through_every_value():
    state = start(4)
    assert {firm.status for firm in state.firms} == {"active"}
    state, _ = play(state, sit_in(), sit_in(), sit_in(), sit_out())
    assert state.firms[3].status == "sitting_out"
    state, _ = play(state, all_in())
    assert state.firms[0].status == "all_in"
    state, _ = play(state, fold())
    assert state.firms[1].status == "folded"
    state, _ = play(state, call())  # seat 2 calls: nobody left to bet against, the year runs out
    assert state.year == 2025
    state, _ = play(state, sit_in(), sit_in(), sit_out())  # 2025 starts at seat 1; seat 3 sits out again
    assert state.firms[3].status == "exited"


# ----------------------------------------------------------------- 1.3 Chips and the market

def test_purchase_is_a_lot_of_dollars_over_price():
    state = start(2, market__nvidia={"scarcity": 0.0, "supply": [1e6] * 3})
    state, events = play(state, sit_in())
    bought = [e for e in events if isinstance(e, ev.ChipsBought)]
    assert bought == [ev.ChipsBought(0, "nvidia", "nvidia-2024", 100.0, 100, 1_000_000.0)]
    assert state.firms[0].lots[0] == (2024, "nvidia", "nvidia-2024", 100.0, 100)


def test_vendor_efficiency_counts_amd_at_its_factor():
    state = start(2)
    state, _ = play(state, set_mix(100), sit_in(), sit_in())
    view = observe(state, None)
    assert view.firms[0].effective_compute == pytest.approx(50.0)  # 100 spec H100e × 0.5
    assert view.firms[1].effective_compute == pytest.approx(100.0)


def dollars_along_the_curve(start_price, slope, h100e):
    """US$ that buy `h100e` from marginal price `start_price` when each H100e bought adds `slope` to the price."""
    return start_price * h100e + slope * h100e ** 2 / 2


def test_scarcity_pricing_raises_price_with_what_the_table_bought():
    state = start(3, market__nvidia={"scarcity": 0.5, "supply": [1000.0] * 3})
    slope = 1_000_000 * 0.5 / 1000  # base × scarcity / supply: $ per H100e added by every H100e bought
    state, events = play(state, sit_in())
    first = state.bought[0]
    assert dollars_along_the_curve(1_000_000, slope, first) == pytest.approx(100e6)  # $100M along the curve
    # price = base × (1 + scarcity × bought / supply): the marginal price after the purchase
    assert price_per_h100e(state, 0) == pytest.approx(1_000_000 * (1 + 0.5 * first / 1000))
    state, events = play(state, sit_in())
    second = [e.h100e for e in events if isinstance(e, ev.ChipsBought)][0]
    assert second < first
    assert dollars_along_the_curve(price_per_h100e(start(3), 0) + slope * first, slope, second) == (
        pytest.approx(100e6))


def test_scarcity_prices_reset_next_year():
    state = start(2, market__nvidia={"scarcity": 0.5, "supply": [1000.0] * 3})
    state, _ = play(state, sit_in(), sit_in())
    assert price_per_h100e(state, 0) > 1_000_000
    state = check_round(check_round(check_round(check_round(state))))
    assert state.year == 2025 and state.phase == "ante"
    assert price_per_h100e(state, 0) == pytest.approx(1_000_000)


def test_procurement_mix_splits_every_staked_dollar():
    state = start(2)
    state, events = play(state, set_mix(30), sit_in())
    parts = {e.vendor: e.cost for e in events if isinstance(e, ev.ChipsBought)}
    assert parts == {"nvidia": 70, "amd": 30}


def test_set_mix_is_free_and_the_turn_goes_on():
    state = betting()
    seat = state.to_act
    after, _ = play(state, set_mix(80))
    assert after.to_act == seat and after.firms[seat].amd_pct == 80 and after.firms[seat].cash == state.firms[seat].cash
    with pytest.raises(IllegalActionError, match="percentage"):
        apply_action(state, set_mix(101))


def test_lots_retire_after_their_lifetime():
    state = start(2, rules__chip_lifetime_years=2)
    state, _ = play(state, sit_in(), sit_in())  # lots of 2024
    for _ in range(4):
        state = check_round(state)
    assert state.year == 2025 and [lot.year for lot in state.firms[0].lots] == [2024]  # counts 2024 and 2025
    state, _ = play(state, sit_in(), sit_in())
    for _ in range(3):
        state = check_round(state)
    state, events = play(state, check(), check())  # end of 2025 -> 2026 starts
    assert [e for e in events if isinstance(e, ev.LotsRetired)] == [ev.LotsRetired(0, 100.0, 1),
                                                                   ev.LotsRetired(1, 100.0, 1)]
    assert [lot.year for lot in state.firms[0].lots] == [2025]


def test_book_value_falls_straight_line_over_the_lifetime():
    state = start(2, rules__chip_lifetime_years=4)
    state, _ = play(state, sit_in())
    firm = state.firms[0]
    assert [book_value(firm, year, 4) for year in range(2024, 2029)] == [100, 75, 50, 25, 0]


def test_effective_compute_sums_working_lots():
    state = start(2)
    state, _ = play(state, sit_in(), sit_in(), set_mix(50), bet(200))
    # seat 0: ante 100 on Nvidia, then 200 split 100/100: 200 Nvidia + 100 AMD × 0.5
    assert observe(state, None).firms[0].effective_compute == pytest.approx(250.0)


def export_controls_data(**changes):
    """The test scenario with seat 1 (f1) export-restricted and an export-grade chip per
    vendor and year: 0.25 H100e for $500k (2M $ per H100e, twice the flagship's price)."""
    data = scenario_data(**changes)
    data["market"]["chips"] += [
        {"vendor": vendor, "year": 2024 + i, "name": f"{vendor}-export-{2024 + i}", "h100e": 0.25,
         "price_usd": 500_000, "power_w": 400, "first_year": 2024, "tier": "export"}
        for vendor in ("nvidia", "amd") for i in range(3)]
    return with_firm(data, 1, export_restricted=True)


def test_export_restricted_firm_buys_the_export_grade_chip_instead_of_the_flagship():
    scenario = parse_scenario(export_controls_data(), "t.toml")
    state = new_game(scenario, ["f0", "f1"], seed=1)
    state, events = play(state, sit_in(), sit_in())  # the ante: $100M each
    bought = [e for e in events if isinstance(e, ev.ChipsBought)]
    assert bought == [ev.ChipsBought(0, "nvidia", "nvidia-2024", 100.0, 100, 1_000_000.0),
                      ev.ChipsBought(1, "nvidia", "nvidia-export-2024", 50.0, 100, 2_000_000.0)]
    assert state.firms[1].lots == ((2024, "nvidia", "nvidia-export-2024", 50.0, 100),)


def test_export_grade_chips_share_the_vendors_events_and_scarcity():
    data = export_controls_data(market__nvidia={"scarcity": 0.5, "supply": [1000.0] * 3})
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1"], seed=1)
    state, _ = play(state, sit_in())  # seat 0 buys flagship H100e: Nvidia's price rises
    flagship = state.bought[0]
    markup = 1 + 0.5 * flagship / 1000
    assert price_per_h100e(state, 0, export=True) == pytest.approx(2_000_000 * markup)
    state, events = play(state, sit_in())  # export-grade H100e count against the supply too
    (bought,) = [e for e in events if isinstance(e, ev.ChipsBought)]
    assert dollars_along_the_curve(2_000_000 * markup, 2_000_000 * 0.5 / 1000, bought.h100e) == pytest.approx(100e6)
    assert state.bought[0] == pytest.approx(flagship + bought.h100e)


def test_export_restricted_firm_stakes_everything_with_the_vendor_that_sells_it_a_chip():
    data = export_controls_data()
    data["market"]["chips"] = [chip for chip in data["market"]["chips"] if not (
        chip.get("tier") == "export" and chip["vendor"] == "amd" and chip["year"] == 2024)]
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1"], seed=1)
    state, events = play(state, set_mix(50), sit_in(), set_mix(50), sit_in())
    parts = [(e.seat, e.vendor, e.cost) for e in events if isinstance(e, ev.ChipsBought)]
    assert parts == [(0, "nvidia", 50), (0, "amd", 50), (1, "nvidia", 100)]  # AMD sells f1 no export chip in 2024


def test_export_restricted_firm_needs_an_export_grade_chip_every_year():
    data = export_controls_data()
    data["market"]["chips"] = [chip for chip in data["market"]["chips"]
                               if not (chip.get("tier") == "export" and chip["year"] == 2025)]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data, "t.toml")
    assert caught.value.field == "firms[1].export_restricted"
    assert "no vendor sells an export-grade chip" in caught.value.problem and "2025" in caught.value.problem
    data["firms"][1]["export_restricted"] = False  # without a restricted firm the export chips are optional
    parse_scenario(data, "t.toml")


def test_export_restriction_is_public():
    scenario = parse_scenario(export_controls_data(), "t.toml")
    state = new_game(scenario, ["f0", "f1", "f2"], seed=1)
    for viewer in (None, 0, 1, 2):
        view = observe(state, viewer)
        assert [firm.export_restricted for firm in view.firms] == [False, True, False]
        assert view.export_prices == (pytest.approx(2e6), pytest.approx(2e6))
        assert view.prices_for(1) == view.export_prices and view.prices_for(0) == view.prices


# ----------------------------------------------------------------- 1.4 The year

def test_income_paid_every_year_to_firms_not_exited():
    data = scenario_data()
    for firm in data["firms"]:
        firm.update(income=200, income_growth=0.5)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    assert [f.cash for f in state.firms] == [1200] * 3
    state, _ = play(state, sit_out(), sit_in(), sit_in())
    for _ in range(4):
        state = check_round(state)
    assert state.year == 2025 and [f.income_total for f in state.firms] == [500] * 3
    state, _ = play(state, sit_in(), sit_in(), sit_out())  # 2025 starts left of the button (seat 0): 1, 2, 0
    assert state.firms[0].status == "exited"  # its second sit-out in a row
    for _ in range(4):
        state = check_round(state)
    # 2026 pays the others 450 and the exited firm nothing
    assert state.year == 2026
    assert [f.income_total for f in state.firms] == [500, 950, 950]


def test_opex_is_paid_and_unpaid_lots_stand_idle():
    data = scenario_data(opex={"enabled": True, "usd_per_h100e_year": 1_000_000})
    # seat 0 holds two old lots: 300 H100e (2023) and 200 H100e (2022); opex is $1M per H100e
    data = with_firm(data, 0, cash=250, lots=[
        {"year": 2023, "vendor": "nvidia", "chip": "old", "h100e": 300.0, "cost": 300},
        {"year": 2022, "vendor": "nvidia", "chip": "older", "h100e": 200.0, "cost": 200}])
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1"], 1)
    firm = state.firms[0]
    # it cannot pay for both (500) or the newest (300), so both stand idle and it pays 0
    assert (firm.cash, firm.idle_lots, firm.opex_total) == (250, 2, 0)
    data = with_firm(data, 0, cash=350)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1"], 1)
    firm = state.firms[0]
    assert (firm.cash, firm.idle_lots, firm.opex_total) == (50, 1, 300)  # the newest lot runs, the oldest idles
    assert observe(state, None).firms[0].effective_compute == pytest.approx(300.0)


def test_funding_round_is_priced_at_net_worth_and_adds_to_the_preference():
    state = start(2, funding={"enabled": True, "max_raise_pct": 25, "hype_winner": 1.0, "hype_leader": 0.5,
                              "hype_other": 0.25})
    # net worth 1000, hype 0.25 (nobody holds compute): the round is priced at 1000, the cap is 25 % × 1.25 of it
    assert state.valuations[0] == 1000
    legal = legal_actions(state)
    assert legal.raise_funds_max == 312
    state, events = play(state, raise_funds(250))
    firm = state.firms[0]
    assert firm.cash == 1250 and firm.ownership == pytest.approx(1000 / 1250) and firm.preference == 250
    assert ev.FundsRaised(0, 250, 1000, pytest.approx(1000 / 1250), 250) in events
    with pytest.raises(IllegalActionError):
        apply_action(state, raise_funds(10))  # one round a year


def test_funding_hype_favours_last_winner_then_compute_leader():
    state = start(3, funding={"enabled": True, "max_raise_pct": 100, "hype_winner": 1.0, "hype_leader": 0.5,
                              "hype_other": 0.25})
    state, _ = play(state, sit_in(), sit_in(), sit_in(), bet(300), fold(), fold())  # seat 0 wins 2024
    assert state.year == 2025 and state.last_winners == (0,)
    worth = [firm.cash + book_value(firm, 2025, 5) for firm in state.firms]
    assert state.valuations == tuple(worth)  # hype never changes the price of a round...
    # ...only how much a firm may raise: seat 0 won last year (hype 1.0) and also leads in compute (0.5)
    assert state.funding_caps == (int(worth[0] * 2.0), int(worth[1] * 1.25), int(worth[2] * 1.25))
    state, _ = play(state, sit_in(), sit_in(), sit_in(), bet(100), fold(), fold())  # 2025: seat 1 wins
    # seat 0 keeps the compute lead (400 + 100 H100e against 300 and 200)
    worth = [firm.cash + book_value(firm, 2026, 5) for firm in state.firms]
    assert state.last_winners == (1,)
    assert state.funding_caps == (int(worth[0] * 1.5), int(worth[1] * 2.0), int(worth[2] * 1.25))


def test_table_stakes_ante_buys_chips():
    state = start(2)
    state, events = play(state, sit_in())
    assert state.firms[0].cash == 900 and state.year_stakes[0] == 100
    assert any(isinstance(e, ev.ChipsBought) and e.cost == 100 for e in events)


def test_firm_that_cannot_pay_the_ante_sits_out():
    data = with_firm(scenario_data(), 1, cash=50)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, events = play(state, sit_in())
    assert ev.SatOut(1, forced=True) in events
    assert state.firms[1].status == "sitting_out" and state.to_act == 2


def test_sitting_out_two_years_running_exits_and_freezes_the_score():
    state = start(3)
    state, _ = play(state, sit_out(), sit_in(), sit_in())
    for _ in range(4):
        state = check_round(state)
    state, events = play(state, sit_in(), sit_in(), sit_out())  # 2025: seats 1, 2, then 0
    assert ev.Exited(0, 1000) in events
    assert state.firms[0].status == "exited" and state.firms[0].exit_year == 2025
    assert standings(state)[-1] == (3, 0, "Firm 0", 1000, 1000, 1.0, 0, False, True)
    for _ in range(4):  # a year later its score has not moved
        state = check_round(state)
    assert [row for row in standings(state) if row.seat == 0][0].score == 1000


def test_deal_gives_two_private_cards_to_each_seated_firm():
    state = start(3)
    state, events = play(state, sit_in(), sit_out(), sit_in())
    assert [len(hand) for hand in state.hands] == [2, 0, 2]
    assert ev.CardsDealt((0, 2)) in events


def test_events_revealed_two_then_one_then_one():
    state = betting()
    assert state.revealed == 0
    counts = []
    for _ in range(3):
        state = check_round(state)
        counts.append(state.revealed)
    assert counts == [2, 3, 4] and state.quarter == 4


def test_event_takes_effect_the_moment_it_is_revealed():
    events = [{"id": f"e{i}", "title": {"en": "Shortage", "de": "Mangel"},
               "effects": [{"kind": "price", "vendor": "nvidia", "factor": 2.0}]} for i in range(4)]
    state = betting(events=events)
    assert price_per_h100e(state, 0) == pytest.approx(1e6)
    state = check_round(state)  # two events revealed
    assert price_per_h100e(state, 0) == pytest.approx(4e6)
    state, happened = play(state, bet(400))
    assert [e.h100e for e in happened if isinstance(e, ev.ChipsBought)] == [pytest.approx(100.0)]


def test_everyone_folds_to_one_firm_it_wins_at_once_cards_hidden():
    state = betting()
    state, events = play(state, bet(200), fold(), fold())
    assert not any(isinstance(e, ev.CardsShown) for e in events)
    # pot: base 1000 + floor(0.5 × (300 + 200)) = 1250 for seat 0
    assert ev.PotAwarded(0, 1250, (0,), (1250,)) in events
    assert state.showdowns == () and state.year == 2025


def test_run_out_when_at_most_one_firm_can_act():
    state = betting(2)
    state, events = play(state, all_in(), call())
    revealed = [e for e in events if isinstance(e, ev.EventRevealed)]
    assert len(revealed) == 4 and not any(isinstance(e, ev.QuarterStarted) for e in events)
    assert any(isinstance(e, ev.CardsShown) for e in events) and state.year == 2025


# ----------------------------------------------------------------- 1.5 Betting

def test_button_moves_one_active_seat_left_each_year():
    state = start(4)
    assert state.button == 3 and state.to_act == 0
    state, _ = play(state, sit_out(), sit_in(), sit_in(), sit_in())
    for _ in range(4):
        state = check_round(state)
    assert state.button == 0 and state.to_act == 1
    state, _ = play(state, sit_in(), sit_in(), sit_in(), sit_out())  # seat 0 exits (second sit-out)
    for _ in range(4):
        state = check_round(state)
    assert state.firms[0].status == "exited"
    assert state.button == 1  # next active seat after 0


def test_first_to_act_each_quarter_is_left_of_the_button():
    state = start(4)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), sit_in())  # button 3
    assert state.to_act == 0
    state, _ = play(state, check(), check(), check(), check())
    assert state.quarter == 2 and state.to_act == 0
    state, _ = play(state, bet(100), fold(), call(), call())  # seat 1 folds
    assert state.quarter == 3 and state.to_act == 0


def test_every_stake_buys_chips_at_once():
    state = betting()
    before = state.firms[0].lots[0].h100e
    state, _ = play(state, bet(300))
    assert state.firms[0].lots[0].h100e == pytest.approx(before + 300)
    assert state.firms[0].cash == 600


def test_minimum_bet_is_the_years_ante():
    state = betting()
    legal = legal_actions(state)
    assert legal.bet_range == (100, 900)
    with pytest.raises(IllegalActionError, match="minimum bet is the year's ante"):
        apply_action(state, bet(99))


def test_minimum_raise_is_the_largest_of_last_increment_and_minimum_bet():
    state = betting(3)
    assert legal_actions(play(state, bet(100))[0]).raise_range == (200, 900)
    state, _ = play(state, bet(100), raise_to(350))
    assert legal_actions(state).raise_range == (600, 900)  # last increment 250 > ante 100
    with pytest.raises(IllegalActionError, match="minimum raise rule"):
        apply_action(state, raise_to(599))


def test_all_in_for_less_is_always_allowed():
    data = with_firm(scenario_data(), 1, cash=250)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), bet(500))
    legal = legal_actions(state)
    assert legal.call_amount == 150 and legal.can_all_in and not legal.can_raise
    state, _ = play(state, all_in())
    assert state.firms[1].status == "all_in" and state.firms[1].cash == 0


def test_all_in_for_less_than_a_full_raise_does_not_reopen_betting():
    data = with_firm(scenario_data(), 1, cash=550)  # 450 after the ante
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), bet(300), all_in())  # 450: a raise of only 150 < 300
    state, _ = play(state, call())  # seat 2 calls 450
    assert state.to_act == 0
    legal = legal_actions(state)
    assert legal.call_amount == 150 and not legal.can_raise and not legal.can_all_in
    with pytest.raises(IllegalActionError):
        apply_action(state, raise_to(900))


def test_a_full_all_in_raise_reopens_betting():
    data = with_firm(scenario_data(), 1, cash=600)  # 500 after the ante
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), bet(200), all_in(), call())  # 500: a raise of 300 >= 200
    assert state.to_act == 0 and legal_actions(state).raise_range == (800, 900)


def test_quarter_ends_when_everyone_acted_and_stakes_match():
    state = betting()
    state, _ = play(state, check(), bet(200), call())
    assert state.quarter == 1 and state.to_act == 0  # seat 0 checked before the bet
    state, _ = play(state, call())
    assert state.quarter == 2


def test_fold_is_refused_when_checking_is_free():
    state = betting()
    with pytest.raises(IllegalActionError, match="check instead"):
        apply_action(state, fold())


def test_pot_limit_caps_a_raise_at_the_pot_after_the_call():
    state = betting(3, rules__betting="pot_limit")
    # pot shown: 1000 + 0.5 × 300 = 1150; a bet is capped there (cash 900 is lower)
    assert legal_actions(state).bet_range == (100, 900)
    state = betting(3, rules__betting="pot_limit", schedules__base_market=[200] * 3)
    assert legal_actions(state).bet_range == (100, 350)  # 200 + 0.5 × 300
    state, _ = play(state, bet(200))
    # after calling 200 the pot shows 200 + 0.5 × (500 + 200) = 550 -> raise to at most 200 + 550
    assert legal_actions(state).raise_range == (400, 750)
    with pytest.raises(IllegalActionError, match="pot limit"):
        apply_action(state, raise_to(751))


def test_fixed_limit_bets_are_fixed_and_capped_at_four_a_quarter():
    data = scenario_data(rules__betting="fixed_limit")
    for firm in data["firms"]:
        firm["cash"] = 5000
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1"], 1)
    state, _ = play(state, sit_in(), sit_in())
    assert legal_actions(state).bet_range == (100, 100)
    state, _ = play(state, bet(100), raise_to(200), raise_to(300), raise_to(400))
    legal = legal_actions(state)
    assert not legal.can_raise and not legal.can_all_in and legal.call_amount == 100
    state, _ = play(state, call(), check(), check())  # Q2 done
    assert state.quarter == 3 and legal_actions(state).bet_range == (200, 200)  # twice the ante in Q3-Q4


# ----------------------------------------------------------------- 1.6 The pot

def test_pot_is_base_market_plus_market_share_of_stakes():
    state = betting()
    state, _ = play(state, bet(200), call(), call())
    assert observe(state, None).pot == 1000 + (300 + 600) // 2


def test_vendors_keep_the_rest_of_every_staked_dollar():
    state = betting()
    state, events = play(state, bet(201), fold(), fold())
    staked = 300 + 201
    assert state.vendor_take == staked - staked // 2 == 251
    assert ev.YearEnded(2024, 251, False) in events


def test_side_pots_give_an_all_in_firm_only_the_layers_it_matched():
    data = with_firm(scenario_data(), 0, cash=300)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), all_in(), call(), call())
    pots = observe(state, None).pots
    assert [(p.stakes, p.amount, p.eligible) for p in pots] == [(900, 1450, (0, 1, 2))]
    state, _ = play(state, bet(500), call())
    pots = observe(state, None).pots
    assert [(p.stakes, p.amount, p.eligible) for p in pots] == [(900, 1450, (0, 1, 2)), (1000, 500, (1, 2))]


def test_split_pot_odd_million_goes_to_first_winner_left_of_button():
    state = betting(3, schedules__base_market=[1001] * 3)  # equal compute, equal (blank) cards: a tie
    state = check_round(check_round(check_round(state)))
    state, events = play(state, check(), check(), check())
    awarded = [e for e in events if isinstance(e, ev.PotAwarded)]
    # 1001 + 0.5 × 300 = 1151 split three ways: 384 to seat 0 (left of the button at 2), 384 to 1, 383 to 2
    assert awarded == [ev.PotAwarded(0, 1151, (0, 1, 2), (384, 384, 383))]


@given(st.integers(2, 8).flatmap(lambda count: st.tuples(st.sets(st.integers(0, count - 1)), st.integers(0, count - 1),
                                                       st.just(count))))
def test_seats_from_button_go_round_the_table_from_the_seat_left_of_the_button(case):
    seats, button, count = case
    round_the_table = [(button + offset) % count for offset in range(1, count + 1)]
    assert seats_from_button(sorted(seats, reverse=True), button) == [seat for seat in round_the_table if seat in seats]


# ----------------------------------------------------------------- 1.7 Capability and the showdown

def test_capability_is_weighted_log_compute_plus_card_points():
    cards = [{"id": "plus3", "title": {"en": "P", "de": "P"}, "domain": "talent", "points": 3, "copies": 20}]
    state = betting(2, rd_cards=cards)
    result = capability(state, 0)
    assert result.compute_points == pytest.approx(10 * math.log10(100))
    assert result.card_points == 6 and result.total == pytest.approx(26.0)


def test_capability_card_conditions_and_event_adjustments():
    cards = [{"id": "rocm", "title": {"en": "R", "de": "R"}, "domain": "hardware", "points": 1, "copies": 20,
              "condition": {"amd_share_at_least": 50, "points": 4}}]
    events = [{"id": f"e{i}", "title": {"en": "E", "de": "E"},
               "effects": [{"kind": "domain_factor", "domain": "hardware", "factor": 2.0}]} for i in range(4)]
    state = start(2, rd_cards=cards, events=events)
    state, _ = play(state, set_mix(100), sit_in(), sit_in())
    assert capability(state, 0).card_points == 8 and capability(state, 1).card_points == 2
    state = check_round(state)  # two events: hardware × 2 × 2
    assert capability(state, 0).card_points == 32 and capability(state, 1).card_points == 8


def test_highest_capability_wins_each_pot_it_is_eligible_for():
    data = with_firm(scenario_data(), 0, cash=300)
    state = new_game(parse_scenario(data, "t.toml"), ["f0", "f1", "f2"], 1)
    state, _ = play(state, sit_in(), sit_in(), sit_in(), all_in(), call(), call(), bet(600), call())
    state = check_round(state)  # Q3 -> Q4
    state, events = play(state, check(), check())
    awarded = [e for e in events if isinstance(e, ev.PotAwarded)]
    # seats 1 and 2 hold 900 H100e each vs 300 for seat 0: they split both pots
    assert awarded == [ev.PotAwarded(0, 1450, (1, 2), (725, 725)), ev.PotAwarded(1, 600, (1, 2), (300, 300))]


def test_showdown_reveals_the_cards_of_firms_still_in_only():
    state = betting(3)
    state, events = play(state, bet(100), fold(), call())
    state = check_round(check_round(state))
    state, events = play(state, check(), check())
    shown = {e.seat for e in events if isinstance(e, ev.CardsShown)}
    assert shown == {0, 2} and {s.seat for s in state.showdowns} == {0, 2}


# ----------------------------------------------------------------- 1.8 Cards

def test_classic_decks_hold_40_rd_cards_and_24_events_within_the_point_range():
    scenario = load_scenario("classic")
    assert len(scenario.rd_deck) == 40 and len(scenario.event_deck) == 24
    for card in scenario.rd_cards.values():
        assert -4 <= card.points <= 6 and -4 <= (card.condition_points if card.condition else 0) <= 6
    assert {card.domain for card in scenario.rd_cards.values()} == {
        "algorithms", "data", "talent", "energy", "hardware"}


@pytest.mark.parametrize("effect, check_state", [
    ({"kind": "price", "vendor": "amd", "factor": 0.75},
     lambda s: price_per_h100e(s, 1) == pytest.approx(0.75e6)),
    ({"kind": "supply", "vendor": "nvidia", "factor": 0.5}, lambda s: s.supply_factor == (0.5, 1.0)),
    ({"kind": "market", "factor": 1.5}, lambda s: s.base_market == 1500),
    ({"kind": "compute_weight", "delta": -0.3}, lambda s: s.compute_weight == pytest.approx(0.7)),
    ({"kind": "amd_efficiency", "delta": 0.2}, lambda s: observe(s, None).amd_efficiency == pytest.approx(0.7)),
    ({"kind": "domain_factor", "domain": "algorithms", "factor": 2.0}, None),
    ({"kind": "domain_bonus", "domain": "algorithms", "points": 2}, None),
    ({"kind": "firm_bonus", "points": -2, "condition": {"lacks_domain": "energy"}}, None),
])
def test_each_event_effect_does_what_it_says(effect, check_state):
    cards = [{"id": "alg", "title": {"en": "A", "de": "A"}, "domain": "algorithms", "points": 3, "copies": 20}]
    events = [{"id": "e", "title": {"en": "E", "de": "E"}, "effects": [effect], "copies": 4}]
    state = betting(2, rd_cards=cards, events=events)
    before = capability(state, 0)
    state = evolve(state, revealed=0)
    from game.core.cards import reveal_events
    state = reveal_events(state, 1)  # exactly one event face up
    after = capability(state, 0)
    if check_state is not None:
        assert check_state(state)
    elif effect["kind"] == "domain_factor":
        assert after.card_points == 2 * before.card_points == 12
    elif effect["kind"] == "domain_bonus":
        assert after.card_points == before.card_points + 2 * 2
    else:
        assert after.event_points == -2


# ----------------------------------------------------------------- 1.9 End of the game and ranking

def test_game_ends_after_the_last_year():
    state = betting(2)
    for year in range(3):
        state = check_round(check_round(check_round(check_round(state))))
        if year < 2:
            state, _ = play(state, sit_in(), sit_in())
    assert state.is_over and state.over_reason == "last_year" and state.year == 2026
    assert legal_actions(state).kinds == ()
    with pytest.raises(IllegalActionError, match="over"):
        apply_action(state, check())


def test_game_ends_when_at_most_one_firm_has_not_exited():
    state = start(2)
    state, _ = play(state, sit_in(), sit_out())
    state, _ = play(state, sit_out(), sit_in())  # 2025 (seat 1 first): it exits; seat 0 wins alone
    assert state.is_over and state.over_reason == "one_firm_left"


def test_race_mode_agi_win_at_showdown_ends_the_game():
    state = betting(2, rules__race_mode=True, rules__agi_threshold_h100e=500.0)
    state, events = play(state, bet(400), call())
    state = check_round(check_round(check_round(state)))
    assert state.is_over and state.over_reason == "agi" and state.agi_winners == (0, 1)
    assert [row.agi_winner for row in standings(state)] == [True, True]


def test_agi_needs_a_showdown_not_a_fold():
    state = betting(2, rules__race_mode=True, rules__agi_threshold_h100e=500.0)
    state, _ = play(state, bet(400), fold())
    assert not state.is_over and state.agi_winners == ()


def test_standings_rank_by_the_founders_claim_on_net_worth():
    state = start(3, funding={"enabled": True, "max_raise_pct": 25, "hype_winner": 1.0, "hype_leader": 0.5,
                              "hype_other": 0.25})
    state, _ = play(state, raise_funds(300), sit_in(), sit_in(), sit_in(), bet(100), fold(), fold())
    rows = standings(state)
    firm0 = state.firms[0]
    worth0 = firm0.cash + book_value(firm0, state.year, 5)
    investors = max(firm0.preference, math.ceil((1 - firm0.ownership) * worth0))
    assert rows[0].seat == 0 and rows[0].score == worth0 - investors and rows[0].ownership < 1
    # seats 1 and 2 folded the same stakes: equal scores share rank 2
    assert [(row.seat, row.rank) for row in rows[1:]] == [(1, 2), (2, 2)] and rows[1].score == rows[2].score


def test_final_scores_count_the_last_years_depreciation():
    state = betting(2)
    state, _ = play(state, bet(400), call())
    for _ in range(3):
        state = check_round(state)
    for _ in range(2):  # 2025 and 2026 with checks only
        state, _ = play(state, sit_in(), sit_in())
        for _ in range(4):
            state = check_round(state)
    assert state.is_over and state.year == 2026
    firm = state.firms[0]
    # lots of 2024, 2025 and 2026 have all worked through 2026: valued as at the start of 2027
    assert standings(state)[0].net_worth == firm.cash + book_value(firm, 2027, 5) < firm.cash + book_value(
        firm, 2026, 5)


# ----------------------------------------------------------------- 1.10 Information

def test_observation_holds_the_seats_own_cards_only():
    state = betting(3)
    view = observe(state, 1)
    assert view.my_cards == state.hands[1]
    assert all(not hasattr(firm, "cards") for firm in view.firms)
    assert observe(state, None).my_cards == ()


def test_each_firm_view_field_holds_what_its_name_says():
    """observe builds FirmViews positionally (they are built on every decision): each field must be
    the firm's own value of that name, or what it is derived from."""
    state = betting(3)
    view = observe(state, None)
    for seat, (firm, shown) in enumerate(zip(state.firms, view.firms, strict=True)):
        for name in set(Firm._fields) & set(FirmView._fields):
            assert getattr(shown, name) == getattr(firm, name), name
        assert (shown.seat, shown.quarter_stake, shown.year_stake) == (seat, state.quarter_stakes[seat],
                                                                       state.year_stakes[seat])
        assert shown.effective_compute == effective_compute(firm, view.amd_efficiency)
        assert shown.book_value == book_value(firm, state.year, state.scenario.lifetime)
        assert shown.holds_cards == bool(state.hands[seat])
        assert shown.export_restricted == (firm.profile in state.scenario.export_restricted)
    assert view.compute_leaders == compute_leaders(state)


def test_each_observation_field_holds_what_its_name_says():
    """observe builds the Observation positionally too: each field is the state's value of that name,
    or what it is derived from."""
    state, _ = play(betting(3), bet(300))  # stakes unequal, so the stakes and the pot are not all alike
    view = observe(state, 2)
    for name in set(State._fields) & set(Observation._fields) - {"firms"}:  # firms: the test above
        assert getattr(view, name) == getattr(state, name), name
    assert (view.viewer, view.year, view.ante, view.pot) == (2, state.year, state.scenario.ante[state.year_index],
                                                             pot_shown(state))
    assert view.amd_efficiency == amd_efficiency(state) and view.compute_leaders == compute_leaders(state)
    assert view.prices == (price_per_h100e(state, 0), price_per_h100e(state, 1))
    assert view.export_prices == (price_per_h100e(state, 0, export=True), price_per_h100e(state, 1, export=True))
    assert view.revealed_events == state.year_events[:state.revealed]
    assert view.events_to_come == len(state.year_events) - state.revealed
    assert view.my_cards == state.hands[2] and len(view.firms) == len(state.firms)


def test_observation_hides_seed_deck_order_and_unrevealed_events():
    state = betting(3)
    view = observe(state, 0)
    assert not set(type(view)._fields) & {"seed", "year_events", "hands", "deck"}
    assert view.revealed_events == () and view.events_to_come == 4


def test_setup_refuses_bad_seats_and_seeds():
    scenario = make_scenario()
    for seats in (["f0"], ["f0"] * 9, ["f0", "nope"], ["f0", "f0"]):
        with pytest.raises(SetupError):
            new_game(scenario, seats, 1)
    with pytest.raises(SetupError, match="seed"):
        new_game(scenario, ["f0", "f1"], -1)


def test_hand_capability_from_an_observation_matches_the_showdown():
    cards = [{"id": "rocm", "title": {"en": "R", "de": "R"}, "domain": "hardware", "points": 1, "copies": 20,
              "condition": {"amd_share_at_least": 50, "points": 4}}]
    events = [{"id": "e", "title": {"en": "E", "de": "E"}, "copies": 4, "effects": [
        {"kind": "domain_factor", "domain": "hardware", "factor": 2.0}, {"kind": "compute_weight", "delta": 0.5}]}]
    state = start(2, rd_cards=cards, events=events)
    state, _ = play(state, set_mix(100), sit_in(), sit_in())
    view = observe(state, 0)
    assert hand_capability(view, 0, view.my_cards) == capability(state, 0)
    later = check_round(state)  # two events face up
    assert hand_capability(view, 0, view.my_cards, later.year_events[:2]) == capability(later, 0)
    assert hand_capability(observe(later, 0), 1, later.hands[1]) == capability(later, 1)
