#!/usr/bin/env python3
"""kill -9 a headless run at random moments and check nothing finished is lost.

    python bench/kill_headless.py --kills 50

First plays the run uninterrupted, for reference. Then starts the same run, kills it with SIGKILL
after a random delay, and starts it again with `--resume`, until it has been killed `--kills`
times (a run that finishes before its kill is checked and started afresh). After every kill the
results file's whole lines must be the reference's first lines and never fewer than before; after
every finished run the results file, the CSV and every hand history must be byte-identical to the
reference's, with no temporary file left anywhere. Prints a summary; exit status 1 on any loss.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def command(folder: Path, args: argparse.Namespace) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--headless", "--quiet", "--seats", args.seats,
            "--games", str(args.games), "--seed", "3", "--jobs", str(args.jobs), "--out", str(folder / "r.json"),
            "--csv", str(folder / "r.csv"), "--histories", str(folder / "histories")]


def whole_lines(path: Path) -> list[bytes]:
    if not path.exists():
        return []
    return path.read_bytes().split(b"\n")[:-1]


def same_as_reference(folder: Path, reference: Path) -> list[str]:
    """What differs between a finished run's files and the reference's (nothing: [])."""
    problems = [name for name in ("r.json", "r.csv") if (folder / name).read_bytes() != (reference / name).read_bytes()]
    theirs = sorted(path.name for path in (folder / "histories").iterdir())
    ours = sorted(path.name for path in (reference / "histories").iterdir())
    if theirs != ours:
        problems.append(f"histories: {len(theirs)} files, expected {len(ours)}")
    else:
        problems += [name for name in ours
                     if (folder / "histories" / name).read_bytes() != (reference / "histories" / name).read_bytes()]
    problems += [str(path) for path in folder.rglob("*.tmp")]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--games", type=int, default=400)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seats", default="steady,aggressive,cautious,random")
    parser.add_argument("--seed", type=int, default=1, help="seed of the kill moments")
    args = parser.parse_args()
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="kill-headless-") as base:
        reference, folder = Path(base) / "reference", Path(base) / "killed"
        reference.mkdir()
        start = time.perf_counter()
        subprocess.run(command(reference, args), check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        print(f"reference: {args.games} games of {args.seats}, {args.jobs} jobs, {seconds:.1f} s")
        folder.mkdir()
        kills = finished = starts = 0
        kept_before, problems = 0, []
        lines = whole_lines(reference / "r.json")
        while kills < args.kills:
            resume = (folder / "r.json").exists()
            process = subprocess.Popen(command(folder, args) + (["--resume"] if resume else []),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            starts += 1
            try:
                _, errors = process.communicate(timeout=chance.uniform(0.1, seconds))
            except subprocess.TimeoutExpired:
                process.send_signal(signal.SIGKILL)
                process.wait()
                kills += 1
                kept = whole_lines(folder / "r.json")
                if kept != lines[:len(kept)]:
                    problems.append(f"kill {kills}: the results file's whole lines are not the reference's")
                if len(kept) < kept_before:
                    problems.append(f"kill {kills}: {kept_before - len(kept)} finished lines lost")
                kept_before = len(kept)
                continue
            if process.returncode != 0:
                problems.append(f"start {starts}: exit status {process.returncode}: {errors.decode()[-300:]}")
                break
            finished += 1
            problems += [f"finished run {finished}: {problem}" for problem in same_as_reference(folder, reference)]
            shutil.rmtree(folder)
            folder.mkdir()
            kept_before = 0
        if (folder / "r.json").exists():
            done = subprocess.run(command(folder, args) + ["--resume"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
            if done.returncode != 0:
                problems.append(f"the last resume: exit status {done.returncode}: {done.stderr.decode()[-300:]}")
            else:
                finished += 1
                problems += [f"the last resume: {problem}" for problem in same_as_reference(folder, reference)]
        print(f"{kills} kills -9 over {starts} starts; {finished} runs finished and compared with the reference")
        for problem in problems:
            print("PROBLEM:", problem)
        print("no finished game lost, no temporary file left, every resume clean" if not problems else
              f"{len(problems)} problems")
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
