#!/usr/bin/env python3
"""What a bot in its own process (`--isolate-bots`) costs per decision, against the same bot in process.

    python bench/isolated_bots.py --rounds 20 --games 10

Plays the same seeded games of docs/example_bot.py against `steady` and `random`, alternating
rounds in process and isolated (this machine is noisy, so the two are measured side by side),
and prints the median time per decision of the file bot as its referee sees it: asking the
bot, and for the isolated one sending the observation and reading the answer. Starting the
bot's process happens once per run and is printed apart.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.bots import make_bot_factory  # noqa: E402
from game.bots.isolated import IsolatedFactory  # noqa: E402
from game.content import load_scenario  # noqa: E402
from game.core import new_game  # noqa: E402
from game.match import Match, TurnDriver  # noqa: E402

SPEC = f"{ROOT / 'docs' / 'example_bot.py'}:MyBot"


def seconds_per_decision(factory, games: int, first_seed: int) -> tuple[float, int]:
    scenario = load_scenario("classic")
    others = [make_bot_factory("steady"), make_bot_factory("random")]
    seconds = decisions = 0
    for seed in range(first_seed, first_seed + games):
        match = Match(new_game(scenario, ["atlas", "borealis", "cygnus"], seed), ("bot", "steady", "random"))
        driver = TurnDriver(match, dict(enumerate([factory, *others])), seed, 1.0)
        while not match.is_over:
            driver.step()
        seconds += driver.referees[0].seconds
        decisions += driver.referees[0].decisions
    return seconds / decisions, decisions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--games", type=int, default=10, help="games per round")
    args = parser.parse_args()
    in_process = make_bot_factory(SPEC)
    start = time.perf_counter()
    isolated = IsolatedFactory(SPEC, 1.0)
    seconds_per_decision(isolated, 1, 0)  # starts the process
    started = time.perf_counter() - start
    local, remote, total = [], [], 0
    for round_ in range(args.rounds):
        first = 1000 + round_ * args.games
        local.append(seconds_per_decision(in_process, args.games, first)[0])
        per_decision, decisions = seconds_per_decision(isolated, args.games, first)
        remote.append(per_decision)
        total += decisions
    isolated.close()
    ratios = [b / a for a, b in zip(local, remote, strict=True)]
    print(f"{args.rounds} interleaved rounds of {args.games} three-seat games, {total:,} decisions of the file bot")
    print(f"in process: {statistics.median(local) * 1e3:.3f} ms/decision (median of rounds)")
    print(f"isolated:   {statistics.median(remote) * 1e3:.3f} ms/decision (median of rounds; "
          f"{statistics.median(ratios):.0f}× in process)")
    print(f"starting the bot's process (and its first game): {started * 1e3:.0f} ms, once per run and worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
