#!/usr/bin/env python3
"""The debrief's speed: a 7-year six-seat classic game between bots, debriefed.

    python bench/debrief_speed.py [--repeats 7]

Measures, median of repeats, on the dummy video driver at 1280x720:

- data: `build_debrief` (one replay of the hand history, the statements, totals and action rows);
- charts: the seven debrief charts drawn with matplotlib into Surfaces;
- first frame: data + `DebriefScene` pushed (it draws its charts) + the first frame drawn:
  what a player waits for after pressing Debrief. "warm" is in a process that has drawn
  charts before (matplotlib imported, as after the game-over screen); "cold" is a fresh
  process each time, the matplotlib import included;
- export: every CSV, PNG and JSON file written (information only).

Target (issue #5): the debrief of a 7-year six-seat game renders in <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TABLE_STAKES_HOME", tempfile.mkdtemp(prefix="table-stakes-bench-"))

BOTS = ("steady", "aggressive", "cautious", "random", "steady", "aggressive")
TARGET_S = 2.0


def seven_year_game(first_seed: int = 1):
    """The history of the first six-seat classic game from `first_seed` on that plays all seven years."""
    from game.content import load_scenario
    from game.content.saves import SeatPlayer
    from game.session import Session
    for seed in range(first_seed, first_seed + 200):
        players = [SeatPlayer(f"Bot {index + 1}", bot) for index, bot in enumerate(BOTS)]
        session = Session.new(load_scenario("classic"), players, seed, time_limit=None)
        while not session.is_over:
            session.bot_step()
        state = session.state
        if state.over_reason == "last_year" and state.year - state.scenario.first_year + 1 == 7:
            return session.history(), players, seed
    raise RuntimeError("no seven-year game found")


def first_frame(history, players) -> dict[str, float]:
    """One debrief opened from scratch: seconds for the data, the scene with its charts, the first frame."""
    from client_support import make_app

    from game.client.scenes.debrief import DebriefScene
    from game.debrief import build_debrief
    app = make_app(Path(os.environ["TABLE_STAKES_HOME"]))
    started = time.perf_counter()
    debrief = build_debrief(history, players)
    data = time.perf_counter()
    app.push(DebriefScene(app, debrief))
    pushed = time.perf_counter()
    app.draw()
    drawn = time.perf_counter()
    charts_ms = app.scene.chart_ms
    while app.scenes:
        app.scenes.pop().close()
    return {"data": data - started, "scene": pushed - data, "charts": charts_ms / 1000, "draw": drawn - pushed,
            "total": drawn - started}


def cold_child(path: str) -> None:
    import numpy  # noqa: F401  a player's process has loaded it (bots, the coach) long before a debrief opens
    from game.content.saves import SeatPlayer
    from game.core import from_json
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    history = from_json(json.dumps(document["history"]))
    players = [SeatPlayer(name, bot) for name, bot in document["players"]]
    started = time.perf_counter()
    result = first_frame(history, players)
    result["process"] = time.perf_counter() - started
    print(json.dumps(result))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--cold-child", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child(args.cold_child)
        return 0

    from game.core import to_json
    from game.debrief import build_debrief, export_debrief

    history, players, seed = seven_year_game()
    print(f"game: classic, six bots ({', '.join(BOTS)}), seed {seed}, {len(history.actions)} actions, 7 years")

    data = []
    for _ in range(max(args.repeats, 20)):
        started = time.perf_counter()
        build_debrief(history, players)
        data.append(time.perf_counter() - started)
    print(f"data (build_debrief):            median {statistics.median(data) * 1000:7.1f} ms")

    first_frame(history, players)  # warm up: matplotlib imported, fonts cached
    warm = [first_frame(history, players) for _ in range(args.repeats)]
    print(f"charts (7, matplotlib, warm):    median {statistics.median(r['charts'] for r in warm) * 1000:7.1f} ms")
    print(f"first frame, warm:               median {statistics.median(r['total'] for r in warm) * 1000:7.1f} ms "
          f"(data + scene with charts + first frame)")

    with tempfile.TemporaryDirectory() as folder:
        game_file = Path(folder) / "game.json"
        game_file.write_text(json.dumps({"history": json.loads(to_json(history)),
                                         "players": [[p.name, p.bot] for p in players]}), encoding="utf-8")
        cold = []
        for _ in range(args.repeats):
            out = subprocess.run([sys.executable, __file__, "--cold-child", str(game_file)], capture_output=True,
                                 text=True, check=True, env=os.environ.copy())
            cold.append(json.loads(out.stdout.strip().splitlines()[-1]))
        exports = []
        debrief = build_debrief(history, players)
        for index in range(3):
            started = time.perf_counter()
            export_debrief(debrief, Path(folder) / f"export{index}", "en")
            exports.append(time.perf_counter() - started)
    cold_total = statistics.median(r["total"] for r in cold)
    print(f"first frame, cold (new process): median {cold_total * 1000:7.1f} ms "
          f"(charts {statistics.median(r['charts'] for r in cold) * 1000:.0f} ms, matplotlib import included)")
    print(f"export (5 CSV, 7 PNG, JSON):     median {statistics.median(exports) * 1000:7.1f} ms")
    worst = max(cold_total, statistics.median(r["total"] for r in warm))
    verdict = "meets" if worst <= TARGET_S else "MISSES"
    print(f"target <= {TARGET_S:.0f} s: {verdict} ({worst:.2f} s, the slower of cold and warm)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
