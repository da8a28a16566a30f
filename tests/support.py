"""A small, fully controllable scenario for rule tests, and helpers to play it.

Defaults make outcomes easy to compute by hand: three years, ante $100M, base market
$1,000M, half of every staked dollar goes to the market, Nvidia sells 1 H100e for
$1M and AMD 1 (spec) H100e for $1M at efficiency 0.5, no scarcity, every R&D card
worth 0 points and every event a no-op, so capability is the compute term alone.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from game.core import Action, apply_action, legal_actions, new_game, parse_scenario

YEARS = 3


def scenario_data(**changes: Any) -> dict:
    """The test scenario as a mapping; `changes` are dotted paths, e.g. rules__betting="pot_limit"."""
    data: dict[str, Any] = {
        "format": 1,
        "id": "test",
        "title": {"en": "Test table", "de": "Testtisch"},
        "notes": {"en": ["A table for tests."], "de": ["Ein Tisch für Tests."]},
        "years": {"first": 2024, "last": 2024 + YEARS - 1},
        "rules": {"betting": "no_limit", "race_mode": False, "agi_threshold_h100e": 1e12,
                  "chip_lifetime_years": 5, "market_share_of_spend": 0.5, "compute_weight": 1.0},
        "funding": {"enabled": False, "max_raise_pct": 25, "hype_winner": 1.0, "hype_leader": 0.5,
                    "hype_other": 0.25},
        "opex": {"enabled": False, "usd_per_h100e_year": 1_000_000},
        "schedules": {"ante": [100] * YEARS, "base_market": [1000] * YEARS, "amd_efficiency": [0.5] * YEARS},
        "market": {
            "chips": [
                {"vendor": vendor, "year": 2024 + i, "name": f"{vendor}-{2024 + i}", "h100e": 1.0,
                 "price_usd": 1_000_000, "power_w": 700, "first_year": 2024}
                for vendor in ("nvidia", "amd") for i in range(YEARS)
            ],
            "nvidia": {"scarcity": 0.0, "supply": [1e6] * YEARS},
            "amd": {"scarcity": 0.0, "supply": [1e6] * YEARS},
        },
        "firms": [{"id": f"f{i}", "name": f"Firm {i}", "cash": 1000, "income": 0, "income_growth": 0.0}
                  for i in range(8)],
        "rd_cards": [{"id": "blank", "title": {"en": "Blank", "de": "Leer"}, "domain": "algorithms", "points": 0,
                      "copies": 10},
                     {"id": "blank2", "title": {"en": "Blank 2", "de": "Leer 2"}, "domain": "data", "points": 0,
                      "copies": 10}],
        "events": [{"id": f"quiet{i}", "title": {"en": "Quiet", "de": "Ruhig"},
                    "effects": [{"kind": "market", "factor": 1.0}]} for i in range(4)],
    }
    for path, value in changes.items():
        target = data
        keys = path.split("__")
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value
    return data


def make_scenario(**changes: Any):
    return parse_scenario(scenario_data(**changes), "test.toml")


def start(seats: int = 3, seed: int = 1, **changes: Any):
    """A new game of the test scenario with `seats` firms f0, f1, ..."""
    scenario = make_scenario(**changes)
    return new_game(scenario, [f"f{i}" for i in range(seats)], seed)


def play(state, *actions: Action):
    """Apply actions in order; returns the final state and all events that happened."""
    events = []
    for action in actions:
        state, happened = apply_action(state, action)
        events.extend(happened)
    return state, events


def with_firm(data: dict, index: int, **fields: Any) -> dict:
    data = copy.deepcopy(data)
    data["firms"][index].update(fields)
    return data


def random_action(state, rng: random.Random) -> Action:
    """Kind-uniform random legal action (set_mix included now and then)."""
    legal = legal_actions(state)
    kind = rng.choice(legal.kinds)
    if kind == "bet":
        return Action(kind, rng.randint(legal.bet_min, legal.bet_max))
    if kind == "raise":
        return Action(kind, rng.randint(legal.raise_min, legal.raise_max))
    if kind == "raise_funds":
        return Action(kind, rng.randint(1, legal.raise_funds_max))
    if kind == "set_mix":
        return Action(kind, rng.choice((0, 25, 50, 100)))
    return Action(kind)
