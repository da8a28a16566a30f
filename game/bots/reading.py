"""What the rule-based bots read off an observation: a quick win-chance estimate and pot odds."""

from __future__ import annotations

import math
from functools import lru_cache

from game.core import (
    Action, LegalActions, Observation, Scenario, Status, all_in, bet, call, check, fold, hand_capability, raise_to,
)

WORLDS = 1024  # the worlds the calculator (and the coach through it) samples per decision


@lru_cache(maxsize=32)
def _deck_points(scenario: Scenario) -> tuple[float, float]:
    """Mean and variance of one R&D card's printed points over the deck."""
    points = [scenario.rd_cards[card].points for card in scenario.rd_deck]
    mean = sum(points) / len(points)
    return mean, sum((p - mean) ** 2 for p in points) / len(points)


def opponents_in_hand(observation: Observation) -> list[int]:
    return [firm.seat for firm in observation.firms
            if firm.seat != observation.viewer and firm.status in (Status.ACTIVE, Status.ALL_IN)]


def win_chance(observation: Observation) -> float:
    """A quick estimate (no sampling) that the viewer's hand beats every other firm still in.

    Each rival is modelled as its known compute term plus two unknown cards of average
    points, spread by the deck's variance and the events still to come (normal
    approximation, rivals independent).
    """
    me = observation.viewer
    rivals = opponents_in_hand(observation)
    if me is None or not observation.my_cards:
        return 0.0
    if not rivals:
        return 1.0
    mine = hand_capability(observation, me, observation.my_cards).total
    mean, variance = _deck_points(observation.scenario)
    spread = math.sqrt(2 * variance + 2.0 * observation.events_to_come) or 1.0
    weight = observation.compute_weight * 10.0
    chance = 1.0
    for rival in rivals:
        expected = weight * math.log10(max(1.0, observation.firms[rival].effective_compute)) + 2 * mean
        chance *= 0.5 * (1 + math.erf((mine - expected) / (spread * math.sqrt(2))))
    return chance


def pot_after_call(observation: Observation, legal: LegalActions) -> int:
    """The pot shown once the viewer has called (base market plus market share of stakes)."""
    return observation.pot_with(legal.call_amount)


def retained_share(observation: Observation) -> float:
    """The share of a stake staked now that is still on the books when the game ends: a stake
    buys chips, which depreciate straight-line over their lifetime, this year included."""
    scenario = observation.scenario
    years_to_depreciate = scenario.last_year - observation.year + 1
    return max(0, scenario.lifetime - years_to_depreciate) / scenario.lifetime


def required_chance(observation: Observation, legal: LegalActions) -> float:
    """Pot odds: the win chance at which calling breaks even. What a call really costs is the
    part of it that depreciates away before the game ends; the pot is what the caller can win."""
    if not legal.call_amount:
        return 0.0
    cost = legal.call_amount * (1 - retained_share(observation))
    return min(1.0, cost / pot_after_call(observation, legal))


def aggressive_action(legal: LegalActions, amount: int) -> Action:
    """Bet or raise about `amount` (the stake this quarter after acting), kept in the legal range;
    all-in when no bet or raise is open but an all-in is."""
    if legal.can_bet:
        return bet(max(legal.bet_min, min(legal.bet_max, amount)))
    if legal.can_raise:
        return raise_to(max(legal.raise_min, min(legal.raise_max, amount)))
    if legal.can_all_in:
        return all_in()
    return call() if legal.can_call else check()


def passive_action(legal: LegalActions) -> Action:
    return check() if legal.can_check else fold()
