#!/usr/bin/env python3
"""Client figures: launch to first frame, table render time, idle CPU and memory.

    python bench/client_speed.py

- launch to first frame: `python main.py` started as a process until it logs its first
  drawn frame, in a real window under Xvfb (if installed) and on the dummy driver;
  median of 5 launches.
- table render: a mid-game table (Q3, stakes, events face up, six seats) fully redrawn
  300 times at 1280x720 on the dummy driver: median and p95 ms per frame.
- idle CPU and memory: the game at the table, a human to act, nothing moving, for 10 s
  in a real window under Xvfb: CPU seconds used / wall seconds (from /proc), and the
  largest resident set size.

Targets (issue #4): first frame <= 1 s, render p95 <= 4 ms, idle CPU <= 3 % of a core,
memory <= 200 MB.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def wait_for_line(log: Path, word: str, process: subprocess.Popen, timeout: float = 30.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if log.exists() and word in log.read_text(encoding="utf-8"):
            return time.perf_counter()
        if process.poll() is not None:
            raise RuntimeError(f"the game exited with {process.returncode}")
        time.sleep(0.005)
    raise RuntimeError(f"no '{word}' in {log} after {timeout} s")


def launch(env: dict, home: Path, log: Path) -> tuple[subprocess.Popen, float]:
    log.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--size", "1280x720", "--e2e-log", str(log)],
                               env={**env, "TABLE_STAKES_HOME": str(home)}, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = wait_for_line(log, "first_frame", process)
    return process, first - start


def launch_times(env: dict, home: Path, repeats: int = 5) -> list[float]:
    times = []
    for index in range(repeats):
        process, seconds = launch(env, home, home / f"launch{index}.log")
        times.append(seconds)
        process.kill()
        process.wait(timeout=10)
    return times


def render_times(frames: int = 300) -> list[float]:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    home = Path(tempfile.mkdtemp())
    os.environ["TABLE_STAKES_HOME"] = str(home)
    from client_support import make_app, pump

    from game.client.scenes.table import TableScene
    from game.content import load_scenario
    from game.content.saves import SeatPlayer
    from game.session import Session
    app = make_app(home)
    players = [SeatPlayer("Ada")] + [SeatPlayer(f"Bot {n}", bot) for n, bot in
                                     enumerate(("steady", "aggressive", "calculator", "cautious", "steady"), 1)]
    session = Session.new(load_scenario("classic"), players, 3)
    app.push(TableScene(app, session))
    for _ in range(2000):  # play on (always check or call) until the human acts in Q3
        table = app.scene
        if isinstance(table, TableScene) and session.state.quarter >= 3 and table.buttons:
            break
        if isinstance(table, TableScene) and table.buttons:
            name = "sit_in" if "sit_in" in table.buttons else "check_call"
            table._press(name)
        elif not isinstance(table, TableScene):
            app.pop()
        pump(app, 1)
    table = app.scene
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        table.draw(app.screen)  # a full redraw: felt, seats, chips, cards, side panel, widgets
        times.append((time.perf_counter() - start) * 1000)
    return times


def proc_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def proc_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def idle_at_table(display: str, seconds: float = 10.0) -> tuple[float, float]:
    """(CPU share of one core, peak RSS in MB) of the game idle at the table in a real window."""
    from game.content import load_scenario
    from game.content.saves import SeatPlayer
    from game.session import Session
    home = Path(tempfile.mkdtemp())
    os.environ["TABLE_STAKES_HOME"] = str(home)
    from game.content.files import autosave_path
    session = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), SeatPlayer("Bot", "steady"),
                                                     SeatPlayer("Bot 2", "aggressive")], 5)
    session.save(autosave_path())
    env = {key: value for key, value in os.environ.items() if key != "SDL_VIDEODRIVER"}
    env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy")
    log = home / "idle.log"
    process, _ = launch(env, home, log)
    window = subprocess.run(["xdotool", "search", "--sync", "--pid", str(process.pid)], env=env,
                            capture_output=True, text=True, timeout=30).stdout.split()[0]
    widgets = [json.loads(line) for line in log.read_text().splitlines() if '"widgets"' in line][-1]["widgets"]
    x, y, width, height = widgets["buttons.continue"]
    subprocess.run(["xdotool", "mousemove", "--window", window, str(x + width // 2), str(y + height // 2),
                    "click", "1"], env=env, check=True)
    wait_for_line(log, '"table"', process)
    subprocess.run(["xdotool", "mousemove", "--window", window, "640", "300"], env=env, check=True)
    time.sleep(2.0)  # let the hand-over of the first frames and any tooltip settle
    cpu_before, wall_before = proc_cpu_seconds(process.pid), time.perf_counter()
    peak = proc_rss_mb(process.pid)
    while time.perf_counter() - wall_before < seconds:
        time.sleep(0.5)
        peak = max(peak, proc_rss_mb(process.pid))
    share = (proc_cpu_seconds(process.pid) - cpu_before) / (time.perf_counter() - wall_before)
    process.kill()  # a window close (SIGTERM) would ask whether to save first
    process.wait(timeout=10)
    return share, peak


def main() -> None:
    print(f"Python {sys.version.split()[0]}, 1280x720")
    home = Path(tempfile.mkdtemp())
    dummy = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    times = launch_times(dummy, home)
    print(f"launch to first frame, dummy driver: median {statistics.median(times):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in times)})")
    render = sorted(render_times())
    p95 = render[int(len(render) * 0.95) - 1]
    print(f"table full redraw, dummy driver, {len(render)} frames: median {statistics.median(render):.2f} ms, "
          f"p95 {p95:.2f} ms")
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("Xvfb/xdotool not installed: real-window figures skipped")
        return
    display = ":77"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {key: value for key, value in os.environ.items() if key != "SDL_VIDEODRIVER"}
        env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy")
        times = launch_times(env, home)
        print(f"launch to first frame, real window (Xvfb): median {statistics.median(times):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in times)})")
        share, peak = idle_at_table(display)
        print(f"idle at the table for 10 s (Xvfb): CPU {share:.1%} of a core; peak memory {peak:.0f} MB RSS")
    finally:
        server.kill()


if __name__ == "__main__":
    main()
