#!/usr/bin/env python3
"""Headless throughput: six-seat games of the four rule-based personalities.

    python bench/headless_speed.py --games 10000 --jobs 1 2

For each job count, plays the games through the same runner as
`python main.py --headless` and prints wall time, games/s and decisions/s (every
bot decision, set_mix included), and checks the records are identical across job
counts. The issue's target: 10,000 games in at most 60 s with 2 jobs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.headless.runner import RunConfig, run_games  # noqa: E402

SEATS = ("random", "cautious", "aggressive", "steady", "random", "steady")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    config = RunConfig(seats=SEATS, games=args.games, seed=args.seed, scenario="classic")
    print(f"{args.games:,} six-seat 'classic' games: {', '.join(SEATS)}")
    print("| jobs | seconds | games/s | decisions/s |\n|---:|---:|---:|---:|")
    first = None
    for jobs in args.jobs:
        start = time.perf_counter()
        records = run_games(config, jobs=jobs)
        seconds = time.perf_counter() - start
        decisions = sum(seat["decisions"] for record in records for seat in record["seats"])
        print(f"| {jobs} | {seconds:.1f} | {args.games / seconds:,.0f} | {decisions / seconds:,.0f} |", flush=True)
        if first is None:
            first = records
        elif records != first:
            print("records differ between job counts!")
            sys.exit(1)


if __name__ == "__main__":
    main()
