#!/usr/bin/env python3
"""One hash over many seeded games: run it before and after a change to the rules core that
should not change the rules (a speed-up, a refactoring). The same hash means the same games.

Every scenario, every betting structure, 2 to 8 seats, 12 seeds each; random legal play
(the engine benchmark's policy, plus an occasional procurement-mix change). Hashed: every
legal-action answer, every step's events, samples of the public and a seat's observation,
the final state's JSON and the standings — each in a canonical form (records as their type name
and fields, enumerations as their values, the scenario as its id: its data is in the final JSON),
so that how a value is spelled in Python (a plain string or an enum member) does not change the
hash; only what the games did does.

    python bench/rules_fingerprint.py
"""

from __future__ import annotations

import dataclasses
import hashlib
from enum import Enum
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine_speed import random_action  # noqa: E402

from game.content import list_scenarios, load_scenario  # noqa: E402
from game.core import (  # noqa: E402
    Action, Scenario, apply_action, default_seats, legal_actions, new_game, observe, standings, to_json,
)

STRUCTURES = ("no_limit", "pot_limit", "fixed_limit")
SEEDS = 12


def canonical(value):
    """`value` as plain nested data: a record as its type name and fields, an enum member as its value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return (type(value).__name__, tuple((name, canonical(getattr(value, name))) for name in value._fields))
    if isinstance(value, (tuple, list)):
        return tuple(canonical(item) for item in value)
    if isinstance(value, frozenset):
        return ("frozenset", tuple(sorted(canonical(item) for item in value)))
    if isinstance(value, Scenario):  # the same for every step of a game: its data is hashed with the final state
        return ("Scenario", value.id)
    return value


def _hash(digest, value) -> None:
    digest.update(repr(canonical(value)).encode())


def fingerprint() -> tuple[int, str]:
    """(games played, SHA-256 of everything they did)."""
    digest = hashlib.sha256()
    games = 0
    for name in list_scenarios():
        base = load_scenario(name)
        for structure in STRUCTURES:
            scenario = dataclasses.replace(base, betting=structure)
            for seat_count in range(2, min(8, len(scenario.profiles)) + 1):
                seats = default_seats(scenario, seat_count)
                for seed in range(SEEDS):
                    rng = random.Random(seed * 31 + seat_count)
                    state = new_game(scenario, seats, seed)
                    while not state.is_over:
                        legal = legal_actions(state)
                        _hash(digest, legal)
                        if rng.random() < 0.05:
                            action = Action("set_mix", rng.randint(0, 100))
                        else:
                            action = random_action(legal, rng)
                        step = apply_action(state, action)
                        _hash(digest, step.events)
                        state = step.state
                        if rng.random() < 0.2:
                            _hash(digest, observe(state, None))
                            _hash(digest, observe(state, 0))
                    digest.update(to_json(state).encode())
                    _hash(digest, standings(state))
                    games += 1
    return games, digest.hexdigest()


def main() -> int:
    games, digest = fingerprint()
    print(f"{games} games: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
