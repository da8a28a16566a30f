#!/usr/bin/env python3
"""Two builds of the engine, measured interleaved: is a change slower, and by how much?

This machine is shared and noisy: two sittings one after the other can differ by 2×. So both
builds run side by side, each in its own long-lived worker process (its own source tree on
`sys.path`), and the coordinator alternates short slices — A, B, A, B, … — pairing each slice
of B with the A slice just before it. It prints the median decisions/s of each and the median
of the paired ratios B ÷ A. The workload is `engine_speed.py`'s (seeded random legal play,
full 6-seat games); each worker uses its own tree's copy of that file. With `--workload headless`
it is the runner of `--headless` instead (the bots of `headless_speed.py`, their referee and the
records), one run of about a slice's length per slice, decisions/s; with `--workload stream` the
same games through the whole command line, `main.py --headless --out FILE`, writing included.

    git worktree add /tmp/before <commit>
    python bench/ab_speed.py /tmp/before . --slices 20 --seconds 2

With `--instructions GAMES` it also counts the machine instructions each build executes per
decision over the same seeded games, under valgrind's callgrind (which counts instructions, not
seconds, so the figure repeats whatever else the machine is doing): each build is run with 2 × GAMES
games and with GAMES (the same first games), and the difference is divided by the decisions of the
second GAMES games, so start-up and reading the scenario cancel out.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from interleave import Worker, spread

WORKER = r"""
import sys
tree = sys.argv[1]
sys.path[:0] = [tree, tree + "/bench"]
from engine_speed import measure
from game.content import load_scenario
from game.core import default_seats
import game.core.rules
scenario = load_scenario(sys.argv[2])
seats = default_seats(scenario, int(sys.argv[3]))
seed = 1234
measure(scenario, seats, 1.0, seed)  # warm-up
print("ready", game.core.rules.__file__, flush=True)  # which build of the core: rules.py or a compiled .so
for line in sys.stdin:
    rate, _, seed = measure(scenario, seats, float(line), seed)
    print(rate, flush=True)
"""


HEADLESS_SETUP = r"""
import sys, time
tree = sys.argv[1]
sys.path[:0] = [tree, tree + "/bench"]
from headless_speed import SEATS
from game.headless.runner import RunConfig, run_games
if sys.argv[4] == "old-bot-seeds":  # the same games in both builds: bots seeded game_seed × 10 + seat
    try:
        import game.match.driver as driver
        driver.bot_seed = lambda game_seed, seat, purpose="bot": game_seed * 10 + seat
    except ImportError:  # a build from before the match: it seeds them that way already
        pass
seats = (SEATS * 2)[:int(sys.argv[3])]
# every run of the worker plays the same scenario object, as one long run does: a scenario read
# again is equal but not identical, and the bots' caches keyed by it would compare it in full
import functools
import game.headless.runner as runner
runner.load_scenario = functools.cache(runner.load_scenario)


def decisions_of(games, run_seed):
    config = RunConfig(seats=seats, games=games, seed=run_seed, scenario=sys.argv[2], time_limit=1.0)
    return sum(seat["decisions"] for record in run_games(config) for seat in record["seats"])
"""

HEADLESS_WORKER = HEADLESS_SETUP + r"""
run_seed, games_per_second = 0, 10.0


def measure(seconds):
    # one run per slice, sized from the rate so far to last about `seconds`: the scenario is read
    # once per run, as in a real run, not once per game
    global run_seed, games_per_second
    games = max(1, round(seconds * games_per_second))
    start = time.perf_counter()
    decisions = decisions_of(games, run_seed)
    elapsed = time.perf_counter() - start
    run_seed += 1
    games_per_second = games / elapsed
    return decisions / elapsed

measure(1.0)  # warm-up (and the first estimate of games/s)
measure(1.0)
print("ready", flush=True)
for line in sys.stdin:
    print(measure(float(line)), flush=True)
"""


# The whole command line instead: `main.py --headless --out FILE` as each build has it (one results
# document written at the end before issue 11, JSON lines streamed as games finish since).
STREAM_WORKER = HEADLESS_SETUP + r"""
import contextlib, io, json, os, tempfile
from game.cli import main
out = os.path.join(tempfile.mkdtemp(prefix="ab-stream-"), "results.json")
run_seed, games_per_second = 0, 10.0


def decisions_in_file():
    text = open(out, encoding="utf-8").read()
    try:
        records = json.loads(text)["games"]  # one document
    except ValueError:
        records = [json.loads(line) for line in text.splitlines()]  # JSON lines
    return sum(seat["decisions"] for record in records for seat in record.get("seats", ()))


def measure(seconds):
    global run_seed, games_per_second
    games = max(1, round(seconds * games_per_second))
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        main(["--headless", "--quiet", "--seats", ",".join(seats), "--games", str(games), "--seed", str(run_seed),
              "--scenario", sys.argv[2], "--out", out])
    elapsed = time.perf_counter() - start
    run_seed += 1
    games_per_second = games / elapsed
    return decisions_in_file() / elapsed

measure(1.0)
measure(1.0)
print("ready", flush=True)
for line in sys.stdin:
    print(measure(float(line)), flush=True)
"""
WORKERS = {"engine": WORKER, "headless": HEADLESS_WORKER, "stream": STREAM_WORKER}


def start_worker(tree: Path, scenario: str, seats: int, workload: str = "engine",
                 old_bot_seeds: bool = False) -> Worker:
    return Worker([sys.executable, "-c", WORKERS[workload], str(tree), scenario, str(seats),
                   "old-bot-seeds" if old_bot_seeds else "bot-seeds"], str(tree), cwd=tree)


COUNTED = r"""
import sys
tree = sys.argv[1]
sys.path[:0] = [tree, tree + "/bench"]
from engine_speed import play
from game.content import load_scenario
from game.core import default_seats
scenario = load_scenario(sys.argv[2])
seats = default_seats(scenario, int(sys.argv[3]))
print("decisions", sum(play(scenario, seats, seed) for seed in range(1000, 1000 + int(sys.argv[5]))))
"""

HEADLESS_COUNTED = HEADLESS_SETUP + r"""
print("decisions", decisions_of(int(sys.argv[5]), 0))
"""


def instructions(tree: Path, games: int, scenario: str, seats: int, workload: str = "engine",
                 old_bot_seeds: bool = False) -> tuple[int, int]:
    """(instructions executed, decisions played) for `games` games of `tree`'s workload, under callgrind."""
    code = HEADLESS_COUNTED if workload == "headless" else COUNTED
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c",
                          code, str(tree), scenario, str(seats), "old-bot-seeds" if old_bot_seeds else "bot-seeds",
                          str(games)], cwd=tree, capture_output=True, text=True, check=True)
    counted = re.search(r"Collected : (\d+)", run.stderr)
    decisions = re.search(r"decisions (\d+)", run.stdout)
    if counted is None or decisions is None:
        raise SystemExit(f"callgrind gave no count for {tree}:\n{run.stderr[-500:]}")
    return int(counted.group(1)), int(decisions.group(1))


def per_decision(tree: Path, games: int, scenario: str, seats: int, workload: str = "engine",
                 old_bot_seeds: bool = False) -> float:
    """Instructions per decision of the games from `games` to 2 × `games`: the difference of two runs
    whose first `games` games are the same, so start-up and reading the scenario cancel out."""
    total, decisions = instructions(tree, 2 * games, scenario, seats, workload, old_bot_seeds)
    start_up, first_decisions = instructions(tree, games, scenario, seats, workload, old_bot_seeds)
    decisions -= first_decisions
    return (total - start_up) / decisions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="source tree of build A (e.g. a git worktree)")
    parser.add_argument("after", type=Path, help="source tree of build B")
    parser.add_argument("--slices", type=int, default=20, help="slices per build (default 20)")
    parser.add_argument("--seconds", type=float, default=2.0, help="seconds per slice (default 2)")
    parser.add_argument("--workload", choices=("engine", "headless", "stream"), default="engine",
                        help="engine: random legal play (engine_speed.py); headless: the runner of --headless with "
                        "the bots of headless_speed.py, one run per slice, referee and records included; stream: "
                        "the same through the whole command line with --out FILE, results file written included")
    parser.add_argument("--old-bot-seeds", action="store_true", help="headless: seed bots game_seed × 10 + seat in "
                        "both builds (the rule before issue 10), so both play the same games")
    parser.add_argument("--scenario", default="classic")
    parser.add_argument("--seats", type=int, default=6)
    parser.add_argument("--instructions", type=int, metavar="GAMES", help="also count instructions per decision "
                        "over GAMES games under valgrind's callgrind")
    args = parser.parse_args()
    for tree in (args.before, args.after):
        if not (tree / "game" / "core").is_dir() or not (tree / "bench" / "engine_speed.py").is_file():
            parser.error(f"{tree} is not a Table Stakes source tree (no game/core or bench/engine_speed.py)")
    a = start_worker(args.before.resolve(), args.scenario, args.seats, args.workload, args.old_bot_seeds)
    b = start_worker(args.after.resolve(), args.scenario, args.seats, args.workload, args.old_bot_seeds)
    rates_a, rates_b, ratios = [], [], []
    for _ in range(args.slices):
        rate_a = a.slice(args.seconds)
        rate_b = b.slice(args.seconds)
        rates_a.append(rate_a)
        rates_b.append(rate_b)
        ratios.append(rate_b / rate_a)
    for worker in (a, b):
        worker.stop()
    print(f"{args.workload}: {args.slices} interleaved slices of {args.seconds:g} s each, {args.seats} seats, "
          f"'{args.scenario}'")
    for label, tree, worker, rates in (("A", args.before, a, rates_a), ("B", args.after, b, rates_b)):
        print(f"{label} {tree}: {statistics.median(rates):,.0f} decisions/s (median)"
              + (f"; core {worker.info}" if worker.info else ""))
    print(f"B ÷ A: {spread(ratios)}, median of paired slices")
    if args.instructions:
        if shutil.which("valgrind") is None:
            parser.error("--instructions needs valgrind (apt-get install valgrind)")
        counts = [per_decision(tree.resolve(), args.instructions, args.scenario, args.seats, args.workload,
                               args.old_bot_seeds)
                  for tree in (args.before, args.after)]
        print(f"instructions per decision over {args.instructions} games (callgrind): A {counts[0]:,.0f}, "
              f"B {counts[1]:,.0f}; B ÷ A in time ≈ {counts[0] / counts[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
