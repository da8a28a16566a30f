#!/usr/bin/env python3
"""Headless throughput and memory: six-seat games of the four rule-based personalities.

    python bench/headless_speed.py --games 10000 --jobs 1 2
    python bench/headless_speed.py --memory 100000

For each job count, plays the games through the same streamed run as
`python main.py --headless --out FILE` and prints wall time, games/s and decisions/s (every
bot decision, set_mix included), and checks the results files are byte-identical across job
counts. The issue's target: 10,000 games in at most 60 s with 2 jobs.

With `--memory GAMES` it plays one streamed run of GAMES games in this process (one job) and
prints its resident memory (now, and the peak so far) at 1,000 games and at every tenth of the
run: flat memory is what lets a million-game run stay under 150 MB.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.headless.runner import Run, RunConfig  # noqa: E402

SEATS = ("random", "cautious", "aggressive", "steady", "random", "steady")


def resident_mb() -> tuple[float, float]:
    """(resident memory now, peak resident memory) of this process in MB, from /proc (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def decisions_in(path: Path) -> int:
    with path.open(encoding="utf-8") as results:
        return sum(seat["decisions"] for line in results for seat in json.loads(line).get("seats", ()))


def throughput(config: RunConfig, job_counts: list[int], folder: Path) -> int:
    print(f"{config.games:,} six-seat 'classic' games: {', '.join(SEATS)}")
    print("| jobs | seconds | games/s | decisions/s |\n|---:|---:|---:|---:|")
    first = None
    for jobs in job_counts:
        out = folder / f"jobs-{jobs}.json"
        start = time.perf_counter()
        Run.open(config, out=str(out)).play(jobs)
        seconds = time.perf_counter() - start
        print(f"| {jobs} | {seconds:.1f} | {config.games / seconds:,.0f} | {decisions_in(out) / seconds:,.0f} |",
              flush=True)
        if first is None:
            first = out.read_bytes()
        elif out.read_bytes() != first:
            print("the results files differ between job counts!")
            return 1
    return 0


def memory(config: RunConfig, folder: Path) -> int:
    marks = sorted({1000, *(config.games * tenth // 10 for tenth in range(1, 11))})
    print(f"memory of one streamed run of {config.games:,} six-seat games, one job")
    print("| games | resident MB | peak MB | games/s so far |\n|---:|---:|---:|---:|")
    start = time.perf_counter()

    def sample(done: int) -> None:
        if done in marks:
            now, peak = resident_mb()
            print(f"| {done:,} | {now:.1f} | {peak:.1f} | {done / (time.perf_counter() - start):,.0f} |", flush=True)

    Run.open(config, out=str(folder / "memory.json")).play(1, progress=sample)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--games", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory", type=int, metavar="GAMES", help="measure the memory of one run of GAMES games")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="headless-speed-") as folder:
        if args.memory:
            return memory(RunConfig(seats=SEATS, games=args.memory, seed=args.seed, scenario="classic"), Path(folder))
        return throughput(RunConfig(seats=SEATS, games=args.games, seed=args.seed, scenario="classic"), args.jobs,
                          Path(folder))


if __name__ == "__main__":
    sys.exit(main())
