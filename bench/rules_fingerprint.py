#!/usr/bin/env python3
"""One hash over many seeded games: run it before and after a change to the rules core that
should not change the rules (a speed-up, a refactoring). The same hash means the same games.

Every scenario, every betting structure, 2 to 8 seats, 12 seeds each; random legal play
(the engine benchmark's policy, plus an occasional procurement-mix change). Hashed: every
legal-action answer, every step's events, samples of the public and a seat's observation,
the final state's JSON and the standings.

    python bench/rules_fingerprint.py
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine_speed import random_action  # noqa: E402

from game.content import list_scenarios, load_scenario  # noqa: E402
from game.core import (  # noqa: E402
    Action, apply_action, default_seats, legal_actions, new_game, observe, standings, to_json,
)

STRUCTURES = ("no_limit", "pot_limit", "fixed_limit")
SEEDS = 12


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
                        digest.update(repr(legal).encode())
                        digest.update(repr(tuple(legal)).encode())
                        if rng.random() < 0.05:
                            action = Action("set_mix", rng.randint(0, 100))
                        else:
                            action = random_action(legal, rng)
                        step = apply_action(state, action)
                        digest.update(repr(step.events).encode())
                        state = step.state
                        if rng.random() < 0.2:
                            digest.update(repr(observe(state, None)).encode())
                            digest.update(repr(observe(state, 0)).encode())
                    digest.update(to_json(state).encode())
                    digest.update(repr(standings(state)).encode())
                    games += 1
    return games, digest.hexdigest()


def main() -> int:
    games, digest = fingerprint()
    print(f"{games} games: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
