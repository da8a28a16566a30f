"""R&D cards and market events: conditions, effects and capability at the showdown."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final, NamedTuple

from .effects import holds, weights_after
from .market import amd_efficiency, compute_and_amd_share, effective_compute
from .scenario import Condition, RDCard, Scenario
from .state import EXITED, Firm, State, new_record, setter

_event_revealed: Final = setter(State, "revealed", "price_factor", "supply_factor", "base_market", "compute_weight",
                                "amd_efficiency_delta")


class FirmFacts(NamedTuple):
    """What conditions on cards and events can test about one firm."""

    compute: float
    amd_share: float
    compute_leader: bool
    domains: tuple[str, ...]  # of the firm's R&D cards
    cash: int
    staked: int


def compute_leaders(state: State) -> frozenset[int]:
    """Seats with the highest effective compute among firms still in the race (none if all hold zero)."""
    return leaders_among(state.firms, amd_efficiency(state))


def leaders_among(firms: Sequence[Firm], amd_eff: float, computes: Sequence[float] | None = None) -> frozenset[int]:
    """`compute_leaders` of `firms` when an AMD H100e counts `amd_eff` (`computes`: each firm's
    effective compute, if already known)."""
    best = 0.0
    leaders: list[int] = []
    for seat, firm in enumerate(firms):
        if firm.status == EXITED or not firm.lots:
            continue
        compute = effective_compute(firm, amd_eff) if computes is None else computes[seat]
        if compute > best:
            best = compute
            leaders = [seat]
        elif compute == best and compute > 0:
            leaders.append(seat)
    return frozenset(leaders)


def firm_facts(state: State, seat: int, leaders: frozenset[int] | None = None) -> FirmFacts:
    firm = state.firms[seat]
    if leaders is None:
        leaders = compute_leaders(state)
    cards = state.scenario.rd_cards
    compute, share = compute_and_amd_share(firm.lots[firm.idle_lots:], amd_efficiency(state))
    # Built for every firm at every showdown: see new_record.
    return new_record(FirmFacts, (compute, share, seat in leaders,
                                  tuple([cards[card].domain for card in state.hands[seat]]), firm.cash,
                                  state.year_stakes[seat]))


class Scoring(NamedTuple):
    """How the revealed events change scoring this year, gathered once per showdown."""

    domain_factors: dict[str, float]  # card points in the domain are multiplied by this
    domain_bonuses: dict[str, float]  # ...then this is added per card of the domain
    firm_bonuses: tuple[tuple[float, Condition | None], ...]  # points for firms meeting the condition


def scoring(scenario: Scenario, events: Sequence[str]) -> Scoring:
    """How the face-up `events` change scoring."""
    factors: dict[str, float] = {}
    bonuses: dict[str, float] = {}
    firm_bonuses = []
    for event in events:
        for effect in scenario.events[event].effects:
            if effect.kind == "domain_factor":
                factors[effect.domain] = factors.get(effect.domain, 1.0) * effect.factor
            elif effect.kind == "domain_bonus":
                bonuses[effect.domain] = bonuses.get(effect.domain, 0.0) + effect.points
            elif effect.kind == "firm_bonus":
                firm_bonuses.append((effect.points, effect.condition))
    return Scoring(factors, bonuses, tuple(firm_bonuses))


def card_points(card: RDCard, facts: FirmFacts, rules: Scoring) -> float:
    """A card's points: its condition's points if that holds, times domain factors, plus domain bonuses."""
    points = card.points
    if card.condition is not None and holds(card.condition.tests, facts):
        points = card.condition_points
    return points * rules.domain_factors.get(card.domain, 1.0) + rules.domain_bonuses.get(card.domain, 0.0)


class Capability(NamedTuple):
    compute_points: float  # compute_weight × 10 × log10(effective compute)
    card_points: float  # both R&D cards, adjusted by the revealed events
    event_points: float  # firm bonuses and penalties from revealed events
    total: float


def capability(state: State, seat: int, leaders: frozenset[int] | None = None,
               rules: Scoring | None = None) -> Capability:
    """The seat's capability now. `leaders` and `rules` may be passed in when scoring several
    firms of the same state."""
    if rules is None:
        rules = scoring(state.scenario, state.year_events[:state.revealed])
    facts = firm_facts(state, seat, leaders)
    return score_hand(state.scenario, facts, state.hands[seat], rules, state.compute_weight)


def score_hand(scenario: Scenario, facts: FirmFacts, hand: Sequence[str], rules: Scoring,
               compute_weight: float) -> Capability:
    """compute_weight × 10 × log10(max(1, effective compute)) + card points + event bonuses.

    The total is rounded to 6 decimals so that equal positions tie exactly.
    """
    compute_points = compute_weight * 10.0 * math.log10(max(1.0, facts.compute))
    cards = scenario.rd_cards
    from_cards = 0.0
    for card in hand:
        from_cards += card_points(cards[card], facts, rules)
    from_events = 0.0
    for points, condition in rules.firm_bonuses:
        if condition is None or holds(condition.tests, facts):
            from_events += points
    total = round(compute_points + from_cards + from_events, 6)
    return new_record(Capability, (compute_points, from_cards, from_events, total))


def reveal_events(state: State, count: int) -> State:
    """Turn events face up until `count` are, applying what acts at once: prices, supply, market
    size, weights (in reveal order; one new state however many events turn)."""
    price = list(state.price_factor)
    supply = list(state.supply_factor)
    base_market = state.base_market
    weight = state.compute_weight
    amd_delta = state.amd_efficiency_delta
    for event_id in state.year_events[state.revealed:count]:
        effects = state.scenario.events[event_id].effects
        for effect in effects:
            if effect.kind == "price":
                price[effect.vendor] *= effect.factor
            elif effect.kind == "supply":
                supply[effect.vendor] *= effect.factor
            elif effect.kind == "market":
                base_market = int(round(base_market * effect.factor))
        weight, amd_delta = weights_after(effects, weight, amd_delta)
    return _event_revealed(state, count, (price[0], price[1]), (supply[0], supply[1]), base_market, weight, amd_delta)
