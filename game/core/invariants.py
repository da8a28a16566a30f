"""Invariants every reachable state keeps; used by the property tests and the soak run."""

from __future__ import annotations

from .funding import under_water
from .market import net_worth
from .pots import side_pots
from .rules import IN_HAND, REVEALED_BY_QUARTER
from .state import ACTIVE, ALL_IN, ANTE, BETTING, EXITED, OVER, State


def violations(state: State) -> list[str]:
    """Every broken invariant of `state`, as sentences (empty when all hold)."""
    problems: list[str] = []
    scenario = state.scenario
    money = {"vendor_take": state.vendor_take, "base_paid": state.base_paid, "base_market": state.base_market,
             "agi_prize": state.agi_prize}
    for seat, firm in enumerate(state.firms):
        for name in ("cash", "preference", "income_total", "raised_total", "opex_total", "spent_total", "won_total"):
            money[f"firms[{seat}].{name}"] = getattr(firm, name)
        if not 0 < firm.ownership <= 1:
            problems.append(f"firms[{seat}].ownership is {firm.ownership}")
        if firm.preference < firm.raised_total:
            problems.append(f"firms[{seat}].preference {firm.preference} is below the {firm.raised_total} raised")
        if state.phase == ANTE and firm.status != EXITED and under_water(
                net_worth(firm, state.year, scenario.lifetime), firm.preference):
            problems.append(f"firms[{seat}] is still in the race at or below its investors' preference")
        for lot in firm.lots:
            if not isinstance(lot.cost, int) or lot.cost < 0 or lot.h100e <= 0:
                problems.append(f"firms[{seat}] holds a bad lot {lot}")
    for seat, (quarter, year) in enumerate(zip(state.quarter_stakes, state.year_stakes, strict=True)):
        money[f"quarter_stakes[{seat}]"] = quarter
        money[f"year_stakes[{seat}]"] = year
        if quarter > year:
            problems.append(f"seat {seat} staked {quarter} this quarter but only {year} this year")
    for name, value in money.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(f"{name} is {value!r}, not a whole number of $M ≥ 0")

    # Money is conserved to the $M: what firms hold plus what left them equals what came in.
    in_flight = 0 if state.phase == OVER else sum(state.year_stakes)
    firms = state.firms
    held = sum(f.cash for f in firms) + state.vendor_take + sum(f.opex_total for f in firms) + in_flight
    came_in = (sum(scenario.profiles_by_id[f.profile].cash for f in firms) + sum(f.income_total for f in firms)
               + sum(f.raised_total for f in firms) + state.base_paid + state.agi_prize)
    if held != came_in:
        problems.append(f"money not conserved: firms, vendors, opex and stakes hold {held}, but {came_in} came in")

    in_hand = [seat for seat, firm in enumerate(firms) if firm.status in IN_HAND]
    if state.phase != OVER and in_hand:
        pots = side_pots(state.year_stakes, in_hand, scenario.market_share_bp, state.base_market)
        if sum(pot.stakes for pot in pots) != sum(state.year_stakes):
            problems.append("side pots do not add up to the year's stakes")
    if state.phase == BETTING:
        for seat, firm in enumerate(firms):
            if firm.status == ALL_IN and firm.cash != 0:
                problems.append(f"seat {seat} is all-in with {firm.cash} left")
            if firm.status == ACTIVE and firm.cash == 0:
                problems.append(f"seat {seat} is active with no cash")
        if state.revealed != REVEALED_BY_QUARTER[state.quarter]:
            problems.append(f"{state.revealed} events face up in Q{state.quarter}")
        if state.to_act >= 0 and firms[state.to_act].status != ACTIVE:
            problems.append(f"seat {state.to_act} is to act but is {firms[state.to_act].status}")
    if state.phase in (ANTE, BETTING) and not 0 <= state.to_act < len(firms):
        problems.append(f"nobody is to act in phase {state.phase}")
    if state.phase == OVER and state.to_act != -1:
        problems.append("someone is to act after the game is over")
    return problems
