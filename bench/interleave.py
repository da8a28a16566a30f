"""Interleaved measuring, shared by ab_speed.py and engine_speed.py: on a shared, noisy machine two
sittings one after the other can differ by 2×, so each contender runs in its own long-lived worker
process and the coordinator alternates short slices between them, comparing slices side by side.

A worker prints `ready` (and, on the same line, what it is: a file, a version) once warmed up, then
answers each line of seconds on its standard input with the rate it measured over that long.
"""

from __future__ import annotations

import math
import statistics
import subprocess
import sys
from pathlib import Path

# Run by any interpreter (`python -c`): one line that says which interpreter and build ran.
DESCRIBE = r"""
import platform, sys, sysconfig
flags = " ".join(str(sysconfig.get_config_var(name) or "") for name in ("CONFIG_ARGS", "PY_CFLAGS_NODIST", "OPT"))
built = [name for name, marks in (("PGO", ("--enable-optimizations", "-fprofile-use")),
                                  ("LTO", ("--with-lto", "-flto"))) if any(mark in flags for mark in marks)]
opt = next((word for word in str(sysconfig.get_config_var("OPT") or "").split() if word.startswith("-O")), "-O?")
print(f"{sys.executable}: {platform.python_implementation()} {platform.python_version()}, "
      f"{platform.python_compiler()}, {opt}, {'+'.join(built) or 'no PGO, no LTO'}")
"""


def describe(python: str = sys.executable) -> str:
    """Which interpreter `python` is: path, version, compiler, optimisation level, PGO/LTO."""
    return subprocess.run([python, "-c", DESCRIBE], capture_output=True, text=True, check=True).stdout.strip()


class Worker:
    """A long-lived measuring process: `Worker([python, "-c", code, ...])`, then `worker.slice(seconds)`."""

    def __init__(self, argv: list[str], name: str, cwd: Path | None = None) -> None:
        self.name = name
        self.process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        answer = self.process.stdout.readline().strip()
        if answer.split(" ", 1)[0] != "ready":
            self.process.kill()
            raise SystemExit(f"the worker for {name} did not start")
        self.info = answer[len("ready"):].strip()  # what the worker says it is

    def slice(self, seconds: float) -> float:
        self.process.stdin.write(f"{seconds}\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def alternate(ours: dict[str, Worker], peers: dict[str, Worker], slices: int, seconds: float):
    """Slices ours, peer 1, ours, peer 2, ours, … (`slices` per peer; each of our workers runs every
    slice of ours): each peer slice is paired with the geometric mean of our slices either side of it.
    Returns the rates by worker name and the paired ratios ours ÷ peer by (our name, peer name)."""
    rates: dict[str, list[float]] = {name: [] for name in [*ours, *peers]}
    ratios: dict[tuple[str, str], list[float]] = {(label, name): [] for label in ours for name in peers}

    def ours_slice() -> dict[str, float]:
        rate = {label: worker.slice(seconds) for label, worker in ours.items()}
        for label, value in rate.items():
            rates[label].append(value)
        return rate

    before = ours_slice()
    for _ in range(slices):
        for name, peer in peers.items():
            rate = peer.slice(seconds)
            rates[name].append(rate)
            after = ours_slice()
            for label in ours:
                ratios[label, name].append(geometric_mean(before[label], after[label]) / rate)
            before = after
    for worker in [*ours.values(), *peers.values()]:
        worker.stop()
    return rates, ratios


def geometric_mean(a: float, b: float) -> float:
    return math.sqrt(a * b)


def spread(ratios: list[float]) -> str:
    """The median of paired ratios and their quartiles."""
    if len(ratios) < 2:
        return f"{statistics.median(ratios):.3f}"
    low, _, high = statistics.quantiles(ratios, n=4)
    return f"{statistics.median(ratios):.3f} (quartiles {low:.3f}–{high:.3f})"
