"""Soak run: many random years across every shipped scenario, checking every invariant.

Each game draws its scenario, betting structure, seat count (2-8) and seed from one
seeded generator, is played by random bots through the match and its turn driver, and is
checked after every action by `game.core.invariants.violations`; every finished game must
also replay exactly.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.bots import RandomBot
from game.content import list_scenarios, load_scenario
from game.core import Betting, default_seats, history_of, new_game, parse_scenario
from game.core.invariants import violations
from game.core.scenario import MAX_SEATS, MIN_SEATS
from game.match import Match, TurnDriver


@dataclass
class SoakResult:
    years: int = 0
    games: int = 0
    actions: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # the first few violations, with where they happened
    violation_count: int = 0


def soak(years: int, seed: int, progress: Callable[[SoakResult], None] | None = None) -> SoakResult:
    """Play random games until `years` years have been played; count invariant violations."""
    rng = random.Random(seed)
    scenarios = []
    for name in list_scenarios():
        base = load_scenario(name)
        for structure in Betting:
            data = dict(base.source)
            data["rules"] = {**data["rules"], "betting": structure}
            scenarios.append(parse_scenario(data, f"{name}+{structure}"))
    result = SoakResult()
    start = time.perf_counter()
    while result.years < years:
        scenario = rng.choice(scenarios)
        seats = default_seats(scenario, rng.randint(MIN_SEATS, min(MAX_SEATS, len(scenario.profiles))))
        game_seed = rng.getrandbits(32)
        match = Match(new_game(scenario, seats, game_seed), [f"random {seat}" for seat in range(len(seats))])
        driver = TurnDriver(match, dict.fromkeys(range(len(seats)), RandomBot), game_seed, None)
        first_year = match.state.year
        while True:
            state = match.state  # the hidden state too: the invariants are about all of it
            found = violations(state)
            if found:
                result.violation_count += len(found)
                if len(result.problems) < 20:
                    result.problems += [f"{scenario.id} seats {len(seats)} seed {game_seed} "
                                        f"action {len(state.log)}: {problem}" for problem in found]
            if state.is_over:
                break
            driver.step()
            result.actions += 1
        if history_of(state).replay() != state:
            result.violation_count += 1
            result.problems.append(f"{scenario.id} seats {len(seats)} seed {game_seed}: replay differs")
        result.games += 1
        result.years += state.year - first_year + 1
        if progress is not None:
            progress(result)
    result.seconds = time.perf_counter() - start
    return result
