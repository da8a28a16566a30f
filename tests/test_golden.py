"""Golden transcripts of tricky hands: every action, every event, every seat's view.

Each hand is replayed and its transcript compared with `tests/golden/<name>.txt`.
A transcript was read and checked by hand when it was written; after an intended rule
change, regenerate with `UPDATE_GOLDEN=1 pytest tests/test_golden.py` and read the diff.
Each hand also asserts the one thing it is about, so a regenerated file cannot hide a
broken rule.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import pytest

from game.core import (
    IllegalActionError, all_in, apply_action, bet, call, check, fold, observe, parse_scenario, raise_funds, raise_to,
    set_mix, sit_in, sit_out, standings,
)
from game.core import events as ev
from game.core import new_game
from support import scenario_data, with_firm

GOLDEN = Path(__file__).parent / "golden"


class Refused(NamedTuple):
    """An action the transcript tries and the rules must refuse."""

    action: object
FUNDING = {"enabled": True, "max_raise_pct": 25, "hype_winner": 1.0, "hype_leader": 0.5, "hype_other": 0.25}


def describe(event) -> str:
    name = type(event).__name__
    fields = ", ".join(f"{key}={_short(value)}" for key, value in event._asdict().items())
    return f"{name}({fields})"


def _short(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return "(" + ", ".join(_short(v) for v in value) + ")"
    if hasattr(value, "_fields"):  # an Action
        return str(value)
    return repr(value)


def summary(state) -> str:
    view = observe(state, None)
    cash = " ".join(f"{firm.cash}" for firm in view.firms)
    status = " ".join(firm.status for firm in view.firms)
    compute = " ".join(f"{firm.effective_compute:.6g}" for firm in view.firms)
    pots = " + ".join(f"{pot.amount}{list(pot.eligible)}" for pot in view.pots) or "-"
    where = f"{view.year} {view.phase}" + (f" Q{view.quarter}" if view.quarter else "")
    turn = f"seat {view.to_act}" if view.to_act >= 0 else "nobody"
    return (f"    = {where}, {turn} to act | cash {cash} | compute {compute} | status {status}\n"
            f"      stakes Q {list(state.quarter_stakes)} Y {list(state.year_stakes)} | pots {pots} | "
            f"vendors {view.vendor_take}")


def transcript(data: dict, seats: int, seed: int, actions) -> tuple[str, object, list]:
    scenario = parse_scenario(data, "golden.toml")
    state = new_game(scenario, [f"f{i}" for i in range(seats)], seed)
    lines = [f"seats {seats}, seed {seed}, betting {scenario.betting}", summary(state)]
    everything = []
    for action in actions:
        seat = state.to_act
        if isinstance(action, Refused):
            with pytest.raises(IllegalActionError) as refused:
                apply_action(state, action.action)
            lines.append(f"> seat {seat}: {action.action} -- refused: {refused.value}")
            continue
        state, events = apply_action(state, action)
        everything.extend(events)
        lines.append(f"> seat {seat}: {action}")
        for event in events:
            lines.append(f"  {describe(event)}")
            if isinstance(event, ev.CardsDealt):
                for viewer in event.seats:
                    lines.append(f"    seat {viewer} sees its cards {list(observe(state, viewer).my_cards)}")
        lines.append(summary(state))
    if state.is_over:
        lines.append("standings: " + "; ".join(f"{row.rank}. seat {row.seat} score {row.score}"
                                               f"{' AGI' if row.agi_winner else ''}" for row in standings(state)))
    return "\n".join(lines) + "\n", state, everything


def cards(*points_by_domain):
    return [{"id": f"c{i}", "title": {"en": "C", "de": "C"}, "domain": domain, "points": points, "copies": 10}
            for i, (domain, points) in enumerate(points_by_domain)]


def awarded(events):
    return [(e.pot, e.amount, e.winners, e.shares) for e in events if isinstance(e, ev.PotAwarded)]


def hand_several_side_pots():
    # Capability from cards alone (compute weight 0), so short stacks can win their layers.
    data = scenario_data(rules__compute_weight=0.0, rd_cards=[
        {"id": f"p{points}", "title": {"en": "P", "de": "P"}, "domain": "talent", "points": points}
        for points in range(-4, 7)])
    data = with_firm(with_firm(data, 0, cash=300), 1, cash=600)
    actions = [sit_in(), sit_in(), sit_in(), sit_in(), all_in(), all_in(), call(), call(), bet(200), call(),
               *[check()] * 4]

    def verify(state, events):
        # Layers over the stakes [300, 600, 800, 800]: 4 × 300 -> 1000 + 600 for everyone, 3 × 300 -> 450 for
        # seats 1-3, 2 × 200 -> 200 for seats 2-3; each goes to the best cards among its eligible firms.
        shown = {e.seat: sum(int(card[1:]) for card in e.cards) for e in events if isinstance(e, ev.CardsShown)}
        best = [max(seats, key=lambda s: shown[s]) for seats in ((0, 1, 2, 3), (1, 2, 3), (2, 3))]
        assert [(pot, amount, winners) for pot, amount, winners, _ in awarded(events)] == [
            (0, 1600, (best[0],)), (1, 450, (best[1],)), (2, 200, (best[2],))]
        assert len(set(best)) >= 2  # the seed makes the pots go to different firms
    return data, 4, 5, actions, verify


def hand_all_in_for_less_does_not_reopen():
    data = with_firm(scenario_data(), 1, cash=550)

    def verify(state, events):
        by_seat_0 = [e.action for e in events if isinstance(e, ev.Acted) and e.seat == 0]
        assert by_seat_0[:2] == [sit_in(), bet(300)] and by_seat_0[2] == call()  # only call or fold was left
    # seat 1 (450 left after the ante) goes all-in over a 300 bet: a raise of 150, less than a full raise
    actions = [sit_in(), sit_in(), sit_in(), bet(300), all_in(), call(), Refused(raise_to(900)), call(),
               *[check()] * 6]
    return data, 3, 2, actions, verify


def hand_split_pot_odd_million():
    data = scenario_data(schedules__base_market=[1001] * 3)

    def verify(state, events):
        assert awarded(events) == [(0, 1151, (0, 1, 2), (384, 384, 383))]
    return data, 3, 3, [sit_in(), sit_in(), sit_in(), *[check()] * 12], verify


def hand_everyone_folds_to_one():
    def verify(state, events):
        assert not any(isinstance(e, ev.CardsShown) for e in events)
        assert awarded(events) == [(0, 1250, (2,), (1250,))]
    return scenario_data(), 3, 4, [sit_in(), sit_in(), sit_in(), check(), check(), bet(200), fold(), fold()], verify


def hand_run_out_with_all_ins():
    data = scenario_data(rd_cards=cards(("talent", 2), ("data", -1)))

    def verify(state, events):
        assert sum(isinstance(e, ev.EventRevealed) for e in events) == 4
        assert not any(isinstance(e, ev.QuarterStarted) and e.quarter > 1 for e in events)
    return data, 3, 6, [sit_in(), sit_in(), sit_in(), all_in(), all_in(), all_in()], verify


def hand_sit_out_then_exit():
    def verify(state, events):
        assert ev.Exited(1, 1000) in events and state.firms[1].status == "exited"
    actions = [sit_in(), sit_out(), sit_in(), bet(100), fold(),  # 2024: seat 1 sits out
               sit_out(), sit_in(), sit_in(), check(), check(), *[check()] * 6]  # 2025: seat 1 sits out again
    return scenario_data(), 3, 7, actions, verify


def hand_funding_dilution():
    def verify(state, events):
        # rounds are priced at net worth (1000), whatever the hype; every dollar raised is preference
        raised = [e for e in events if isinstance(e, ev.FundsRaised)]
        assert [(e.amount, e.valuation, e.preference) for e in raised] == [(300, 1000, 300), (100, 1000, 100)]
        assert state.firms[0].ownership == pytest.approx(1000 / 1300)
    actions = [raise_funds(300), sit_in(), raise_funds(100), sit_in(), sit_in(), bet(1000), call(), fold()]
    return scenario_data(funding=FUNDING), 3, 8, actions, verify


def hand_agi_win():
    data = scenario_data(rules__race_mode=True, rules__agi_threshold_h100e=800.0,
                         rd_cards=cards(("energy", 3), ("talent", -2)))

    def verify(state, events):
        assert state.is_over and state.over_reason == "agi" and len(state.agi_winners) == 1
        (winner,) = state.agi_winners
        loser = 1 - winner
        rows = {row.seat: row for row in standings(state)}
        # the winner adds the loser's whole net worth (agi_prize_share defaults to 1.0)
        assert state.agi_prize == rows[loser].net_worth > 0
        assert ev.AgiPrizeAwarded(winner, state.agi_prize) in events
    return data, 2, 9, [sit_in(), sit_in(), bet(800), call(), check(), check(), check(), check(), check(),
                        check()], verify


def hand_lots_retiring():
    data = scenario_data(rules__chip_lifetime_years=1)

    def verify(state, events):
        # lifetime 1: the 2024 lots (ante + bet merged for seat 0) retire when 2025 begins
        assert ev.LotsRetired(0, 200.0, 1) in events and ev.LotsRetired(1, 100.0, 1) in events
        assert state.firms[0].lots == () and state.year == 2025
    return data, 2, 10, [sit_in(), sit_in(), bet(100), fold()], verify


def hand_scarcity_pricing():
    data = scenario_data()
    data["market"]["nvidia"] = {"scarcity": 0.5, "supply": [1000.0] * 3}

    def verify(state, events):
        # each purchase pays the average price along the curve: above the price before it, rising
        prices = [e.usd_per_h100e for e in events if isinstance(e, ev.ChipsBought) and e.vendor == "nvidia"]
        assert prices == sorted(prices) and 1e6 < prices[0] < 1.05e6 and prices[-1] > 1.2e6
        amd = [e for e in events if isinstance(e, ev.ChipsBought) and e.vendor == "amd"]
        assert amd and amd[0].usd_per_h100e == pytest.approx(1e6)  # AMD's price does not move with Nvidia's
    return data, 3, 11, [sit_in(), sit_in(), set_mix(50), sit_in(), bet(400), call(), call()], verify


def hand_pot_limit_cap():
    data = scenario_data(rules__betting="pot_limit", schedules__base_market=[200] * 3)
    for firm in data["firms"]:
        firm["cash"] = 5000
    # Q1: bet the pot (200 + 0.5 × 300 = 350); raise to 350 + (200 + 0.5 × 1000) = 1050; fold;
    # re-raise to 1050 + (200 + 0.5 × 2400) = 2450, one more refused; call.
    actions = [sit_in(), sit_in(), sit_in(), Refused(bet(351)), bet(350), Refused(raise_to(1051)), raise_to(1050),
               fold(), Refused(raise_to(2451)), raise_to(2450), call(), *[check()] * 6]

    def verify(state, events):
        stakes = [e for e in events if isinstance(e, ev.Acted) and e.action.kind in ("bet", "raise")]
        assert [(e.action.kind, e.action.amount) for e in stakes] == [("bet", 350), ("raise", 1050), ("raise", 2450)]
    return data, 3, 12, actions, verify


def hand_fixed_limit_cap():
    data = scenario_data(rules__betting="fixed_limit")
    for firm in data["firms"]:
        firm["cash"] = 5000

    def verify(state, events):
        kinds = [e.action.kind for e in events if isinstance(e, ev.Acted) and e.action.kind in ("bet", "raise")]
        assert kinds[:4] == ["bet", "raise", "raise", "raise"]
        assert state.year == 2025
    actions = [sit_in(), sit_in(), Refused(bet(150)), bet(100), raise_to(200), raise_to(300), raise_to(400),
               Refused(raise_to(500)), call(), check(), check(), bet(200), call(), check(), check()]
    return data, 2, 13, actions, verify


def hand_takeover():
    # Chips live one year; seat 1 starts with a big fleet. Seat 0 raises the most it may, stakes it all and
    # loses: at the start of 2025 its net worth (0) is below its preference (312 grown by 15 % = 359).
    data = scenario_data(funding=FUNDING, rules__chip_lifetime_years=1)
    data = with_firm(data, 1, cash=5000, lots=[{"year": 2024, "vendor": "nvidia", "chip": "old", "h100e": 1e6,
                                                "cost": 0}])

    def verify(state, events):
        assert ev.TakenOver(0, 0, 359) in events and state.firms[0].status == "exited"
        assert [row.score for row in standings(state) if row.seat == 0] == [0]
    actions = [raise_funds(312), sit_in(), sit_in(), sit_in(), all_in(), call(), fold()]
    return data, 3, 14, actions, verify


def hand_short_all_ins_reopen():
    # Seats 1 and 2 hold 150 and 210 after the ante. Over seat 0's bet of 100 they go all-in to 150 and 210:
    # each is short of a full raise, but together they raise by 110 since seat 0 acted: it may raise again.
    data = with_firm(with_firm(scenario_data(), 1, cash=250), 2, cash=310)
    actions = [sit_in(), sit_in(), sit_in(), sit_in(), bet(100), all_in(), all_in(), call(), Refused(raise_to(309)),
               raise_to(310), call(), *[check()] * 6]

    def verify(state, events):
        raises = [e.action for e in events if isinstance(e, ev.Acted) and e.seat == 0]
        assert raises[:3] == [sit_in(), bet(100), raise_to(310)]
    return data, 4, 15, actions, verify


HANDS = {
    "takeover": hand_takeover,
    "short_all_ins_reopen": hand_short_all_ins_reopen,
    "several_side_pots": hand_several_side_pots,
    "all_in_for_less_does_not_reopen": hand_all_in_for_less_does_not_reopen,
    "split_pot_odd_million": hand_split_pot_odd_million,
    "everyone_folds_to_one": hand_everyone_folds_to_one,
    "run_out_with_all_ins": hand_run_out_with_all_ins,
    "sit_out_then_exit": hand_sit_out_then_exit,
    "funding_dilution": hand_funding_dilution,
    "agi_win": hand_agi_win,
    "lots_retiring": hand_lots_retiring,
    "scarcity_pricing": hand_scarcity_pricing,
    "pot_limit_cap": hand_pot_limit_cap,
    "fixed_limit_cap": hand_fixed_limit_cap,
}


@pytest.mark.parametrize("name", sorted(HANDS))
def test_golden_transcript(name):
    data, seats, seed, actions, verify = HANDS[name]()
    text, state, events = transcript(data, seats, seed, actions)
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    verify(state, events)
    assert path.read_text(encoding="utf-8") == text
