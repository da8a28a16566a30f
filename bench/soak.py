#!/usr/bin/env python3
"""Soak the rules core: N random years with every invariant checked after every action.

    python bench/soak.py --years 1000000 --seed 1

Prints the years, games and actions played, the time it took and the violations
found (the run's exit status is 1 if there are any).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.soak import soak  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    last = [time.perf_counter()]

    def progress(result) -> None:
        now = time.perf_counter()
        if now - last[0] >= 60:
            last[0] = now
            print(f"  {result.years:,} years, {result.games:,} games, {result.violation_count} violations",
                  file=sys.stderr, flush=True)

    result = soak(args.years, args.seed, progress)
    print(f"{result.years:,} random years in {result.games:,} games ({result.actions:,} actions) "
          f"in {result.seconds:,.1f} s: {result.violation_count} invariant violations")
    for problem in result.problems:
        print(f"  {problem}")
    return 1 if result.violation_count else 0


if __name__ == "__main__":
    sys.exit(main())
