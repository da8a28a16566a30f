#!/usr/bin/env python3
"""Two builds of the window, measured interleaved: is the client slower after a change?

Like `ab_speed.py` for the engine: each build runs in its own long-lived worker process (its own
source tree on `sys.path`, the dummy video driver) and the coordinator alternates short slices
A, B, A, B, …, pairing each slice of B with the A slice just before it. Three workloads:

- draw: a mid-game six-seat table (Q3, stakes and events face up) fully redrawn, frames/s;
- play: six-bot games played through the table scene — each frame the app's step (events,
  the bot's turn through the session, the log, animations at instant pace, the summaries
  popped) and a full redraw — actions/s, a new game when one ends; the frame clock is not
  waited on, so the figure is the window's own work per action. Each slice plays a fixed number
  of actions and both builds play the same games (bots seeded as before issue 10), so a pair of
  slices compares the same work;
- launch: `python main.py` started until it logs its first frame, one launch per slice.

    git worktree add /tmp/before <commit>
    python bench/client_ab.py /tmp/before . --slices 15 --seconds 2

It prints each build's median and the median of the paired ratios B ÷ A (above 1: B is faster
for draw and play; for launch the ratio is of seconds, so above 1 means B is slower).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKER = r"""
import os, sys, tempfile, time
from pathlib import Path
tree = sys.argv[1]
sys.path[:0] = [tree, tree + "/tests"]
os.environ.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                  TABLE_STAKES_HOME=tempfile.mkdtemp())
from client_support import make_app
from game.client.scenes.table import TableScene
from game.content import load_scenario
try:
    from game.content.saves import SeatPlayer
except ImportError:  # builds before the save format moved to content/
    from game.session import SeatPlayer
from game.session import Session

try:  # the same games in both builds: bots seeded game_seed × 10 + seat, the rule before issue 10
    import game.match.driver as driver
    driver.bot_seed = lambda game_seed, seat, purpose="bot": game_seed * 10 + seat
except ImportError:  # a build from before the match seeds them that way already
    pass

BOTS = ("steady", "aggressive", "calculator", "cautious", "steady")


class NoWait:
    # the app's frame clock, without the wait for the next frame
    def tick(self, fps=0):
        return 16


def mid_game_table():
    app = make_app(Path(os.environ["TABLE_STAKES_HOME"]))
    app.clock = NoWait()
    players = [SeatPlayer("Ada")] + [SeatPlayer(f"Bot {n}", bot) for n, bot in enumerate(BOTS, 1)]
    session = Session.new(load_scenario("classic"), players, 3)
    app.push(TableScene(app, session))
    for _ in range(2000):  # play on (always check or call) until the human acts in Q3
        table = app.scene
        if isinstance(table, TableScene) and session.state.quarter >= 3 and table.buttons:
            return app, table
        if isinstance(table, TableScene) and table.buttons:
            table._press("sit_in" if "sit_in" in table.buttons else "check_call")
        elif not isinstance(table, TableScene):
            app.pop()
        app.step()
    raise SystemExit("no Q3 decision reached")


def bots_game(app, seed):
    players = [SeatPlayer(f"Bot {n}", bot) for n, bot in enumerate(("random",) + BOTS, 1)]
    session = Session.new(load_scenario("classic"), players, seed)
    while app.scenes:
        app.pop()
    app.push(TableScene(app, session))
    return session


mode = sys.argv[2]
app, table = mid_game_table()
seed = 100
session = bots_game(app, seed) if mode == "play" else None
import game
print("ready", game.__file__, flush=True)
for line in sys.stdin:
    # draw: frames for the given seconds; play: the given number of actions, the same ones in both
    # builds (the same games, slice by slice), so each pair of slices compares the same work
    amount = float(line)
    done, start = 0, time.perf_counter()
    while (time.perf_counter() - start < amount) if mode == "draw" else (done < amount):
        if mode == "draw":
            table.draw(app.screen)
            done += 1
            continue
        if not isinstance(app.scene, TableScene):
            if session.is_over:  # the game-over screen or the last year's summaries: a new game
                seed += 1
                session = bots_game(app, seed)
            else:  # a year's showdown or summary: dismiss it
                app.pop()
            continue
        actions = len(session.state.log)
        app.step()
        done += len(session.state.log) - actions
    print(done / (time.perf_counter() - start), flush=True)
"""


PLAY_ACTIONS_PER_SECOND = 50  # about the window's pace on this machine: a play slice is this many actions a second


def start_worker(tree: Path, mode: str) -> subprocess.Popen:
    worker = subprocess.Popen([sys.executable, "-c", WORKER, str(tree), mode], cwd=tree,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    answer = worker.stdout.readline().split()
    if answer[:1] != ["ready"] or not Path(answer[1]).is_relative_to(tree):
        raise SystemExit(f"the {mode} worker for {tree} did not start with that tree's game ({answer})")
    return worker


def slice_of(worker: subprocess.Popen, seconds: float) -> float:
    worker.stdin.write(f"{seconds}\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def launch_seconds(tree: Path) -> float:
    """Seconds from starting `python main.py` in `tree` to its first drawn frame (dummy driver)."""
    home = Path(tempfile.mkdtemp())
    log = home / "launch.log"
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           "TABLE_STAKES_HOME": str(home), "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(tree / "main.py"), "--size", "1280x720", "--e2e-log", str(log)],
                               env=env, cwd=tree, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < 30:
            if log.exists() and "first_frame" in log.read_text(encoding="utf-8"):
                return time.perf_counter() - start
            if process.poll() is not None:
                raise SystemExit(f"the game in {tree} exited with {process.returncode}")
            time.sleep(0.005)
        raise SystemExit(f"the game in {tree} drew no frame in 30 s")
    finally:
        process.kill()
        process.wait(timeout=10)


def compare(before: Path, after: Path, mode: str, slices: int, seconds: float) -> None:
    rates: dict[str, list[float]] = {"A": [], "B": []}
    ratios = []
    if mode == "launch":
        for _ in range(slices):
            a, b = launch_seconds(before), launch_seconds(after)
            rates["A"].append(a)
            rates["B"].append(b)
            ratios.append(b / a)
        unit = "s to first frame"
    else:
        workers = {"A": start_worker(before, mode), "B": start_worker(after, mode)}
        try:
            for _ in range(slices):
                amount = seconds if mode == "draw" else round(seconds * PLAY_ACTIONS_PER_SECOND)
                a, b = slice_of(workers["A"], amount), slice_of(workers["B"], amount)
                rates["A"].append(a)
                rates["B"].append(b)
                ratios.append(b / a)
        finally:
            for worker in workers.values():
                worker.stdin.close()
                worker.wait(timeout=30)
        unit = "frames/s" if mode == "draw" else "actions/s"
    print(f"{mode:6}  A {statistics.median(rates['A']):9.3f}  B {statistics.median(rates['B']):9.3f} {unit:17}"
          f"  B÷A median {statistics.median(ratios):.3f} (slices {min(ratios):.2f}…{max(ratios):.2f})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path, help="source tree of build A")
    parser.add_argument("after", type=Path, help="source tree of build B")
    parser.add_argument("--modes", default="draw,play,launch", help="comma-separated: draw, play, launch")
    parser.add_argument("--slices", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one slice (draw, play)")
    args = parser.parse_args()
    print(f"A = {args.before}\nB = {args.after}\nPython {sys.version.split()[0]}, dummy video driver, 1280x720")
    for mode in args.modes.split(","):
        if mode not in ("draw", "play", "launch"):
            parser.error(f"unknown mode '{mode}': choose from draw, play, launch")
        compare(args.before.resolve(), args.after.resolve(), mode, args.slices, args.seconds)


if __name__ == "__main__":
    main()
