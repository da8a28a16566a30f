#!/usr/bin/env python3
"""Client feel (issue 13): launch, frame time during the showdown, idle CPU and memory after the debrief.

    python bench/client_speed.py [--size 1920x1080]

Everything that a newcomer sees runs in a real window under Xvfb (if installed), started as
`python main.py` is:

- launch to a drawn title screen: `python main.py` started as a process until it logs its first
  drawn frame (the title with its buttons: the first frame of a scene has them, issue 13 bug 1).
  Cold: the first launch with an empty bytecode cache (every module compiled, as after an
  install); warm: the median of the next five launches.
- showdown frames: a four-seat classic game at Normal speed, bots only, in a real window; the
  loop's step (events, update, draw, flip) timed while the year's showdown animates on the
  table: median and p95 ms per frame.
- idle CPU: the game at the table, a human to act, nothing moving, for 10 s: CPU seconds used /
  wall seconds (from /proc).
- memory after the debrief: a finished game continued from its autosave, the game-over screen
  (with its charts) and then the debrief opened by a click: resident set size (RSS) in MB.
- and, on the dummy driver: the table fully redrawn 300 times (median, p95 ms).

Targets (issue 13): launch <= 0.5 s warm, showdown frame p95 <= 4 ms, idle CPU <= 1 % of a core,
memory <= 200 MB after the debrief.

--size sets the window (default 1280x720; the Xvfb screen is at least 1600x900 and as large as the
window). At 1920x1080 every screen is laid out and drawn at 1280x720 and scaled up 1.5 times; while
the showdown counts, only the places that moved are scaled and sent to the screen (game/client/app.py).
On the shared 2-core machine another process's load shows as p95s of 4-5 ms at either size: compare
runs made while `uptime` shows a load below 1.
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
TARGETS = {"launch": 0.5, "frame_p95": 4.0, "idle_cpu": 0.01, "memory": 200.0}
SIZE = "1280x720"  # the window's size (--size): at 1920x1080 every frame is drawn at 1280x720 and scaled up


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
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--size", SIZE, "--e2e-log", str(log)],
                               env={**env, "TABLE_STAKES_HOME": str(home)}, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = wait_for_line(log, "first_frame", process)
    return process, first - start


def launch_times(env: dict, home: Path, repeats: int = 5) -> tuple[float, list[float]]:
    """(cold, warm): the first launch with an empty bytecode cache, then `repeats` launches with it filled."""
    cache = Path(tempfile.mkdtemp(prefix="pycache-"))
    # bytecode is written, as Python does by default (a CI may turn it off), into a cache that starts empty
    env = {**{key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"},
           "PYTHONPYCACHEPREFIX": str(cache)}
    times = []
    for index in range(repeats + 1):
        process, seconds = launch(env, home, home / f"launch{index}.log")
        times.append(seconds)
        process.kill()
        process.wait(timeout=10)
    shutil.rmtree(cache, ignore_errors=True)
    return times[0], times[1:]


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
    app = make_app(home, window_size=tuple(int(side) for side in SIZE.split("x")))
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
        table.draw(app.canvas)  # a full redraw: felt, seats, chips, cards, side panel, widgets
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


SHOWDOWN_FRAMES = r"""
import json, os, sys, tempfile, time
sys.path[:0] = [sys.argv[1], sys.argv[1] + "/tests"]
os.environ["TABLE_STAKES_HOME"] = tempfile.mkdtemp()
from pathlib import Path
import game.client.app as app_module
from game.client.app import App
app_module.FPS = 0  # no frame cap: a step's time is its own work (events, update, draw, flip)
from game.client.settings import Settings
from game.client.scenes.table import TableScene
from game.content import load_scenario
from game.content.saves import SeatPlayer
from game.session import Session
size = tuple(int(side) for side in sys.argv[2].split("x"))
app = App(Settings(language="en", animation_speed="normal", bot_delay=0.0, sound=False, window_size=size),
          data_dir=Path(os.environ["TABLE_STAKES_HOME"]))
players = [SeatPlayer(name, bot) for name, bot in (("A", "steady"), ("B", "aggressive"), ("C", "steady"),
                                                  ("D", "cautious"))]
app.push(TableScene(app, Session.new(load_scenario("classic"), players, 5, time_limit=None)))
table, frames, showdowns = app.scene, [], 0
while showdowns < 3:  # the first three showdowns, each counted up on the table until it is over
    scene = app.scene
    if scene is table:
        app.step()
    elif type(scene).__name__ == "ShowdownScene" and scene.busy():
        start = time.perf_counter()
        app.step()
        frames.append((time.perf_counter() - start) * 1000)
    else:
        showdowns += type(scene).__name__ == "ShowdownScene"
        app.pop()  # a page between years, read at once
print(json.dumps(frames))
"""


def showdown_frames(env: dict) -> list[float]:
    """ms per loop turn while showdowns animate, in a real window (see SHOWDOWN_FRAMES)."""
    result = subprocess.run([sys.executable, "-c", SHOWDOWN_FRAMES, str(ROOT), SIZE], env=env, capture_output=True,
                            text=True, timeout=300, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def memory_after_debrief(env: dict) -> float:
    """RSS in MB of `python main.py` once a finished game's debrief is open (continued from its autosave)."""
    from game.content.files import autosave_path
    from scene_gallery import finished_session
    home = Path(tempfile.mkdtemp())
    os.environ["TABLE_STAKES_HOME"] = str(home)
    finished_session().save(autosave_path())
    log = home / "debrief.log"
    process, _ = launch(env, home, log)
    try:
        window = subprocess.run(["xdotool", "search", "--sync", "--pid", str(process.pid)], env=env,
                                capture_output=True, text=True, timeout=30).stdout.split()[0]
        for scene, widget in (("TitleScene", "buttons.continue"), ("GameOverScene", "debrief_button")):
            wait_for_line(log, f'"scene": "{scene}", "widgets"', process)
            found = [json.loads(line) for line in log.read_text().splitlines()
                     if f'"scene": "{scene}", "widgets"' in line][-1]["widgets"]
            x, y, width, height = found[widget]
            time.sleep(1.0)  # the game-over screen draws its charts first
            subprocess.run(["xdotool", "mousemove", "--window", window, str(x + width // 2), str(y + height // 2),
                            "click", "1"], env=env, check=True)
        wait_for_line(log, '"scene": "DebriefScene", "widgets"', process)
        time.sleep(3.0)  # its charts are drawn
        return proc_rss_mb(process.pid)
    finally:
        process.kill()
        process.wait(timeout=10)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def verdict(value: float, target: str) -> str:
    return f"{value / TARGETS[target]:.2f}× the target {TARGETS[target]:g}"


def main() -> None:
    global SIZE
    if "--size" in sys.argv:
        SIZE = sys.argv[sys.argv.index("--size") + 1]
    print(f"Python {sys.version.split()[0]}, {SIZE}")
    home = Path(tempfile.mkdtemp())
    dummy = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    cold, warm = launch_times(dummy, home)
    print(f"launch to the title, dummy driver: cold {cold:.2f} s, warm median {statistics.median(warm):.2f} s "
          f"({', '.join(f'{t:.2f}' for t in warm)})")
    render = render_times()
    print(f"table full redraw, dummy driver, {len(render)} frames: median {statistics.median(render):.2f} ms, "
          f"p95 {p95(render):.2f} ms")
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        print("Xvfb/xdotool not installed: real-window figures skipped")
        return
    display = ":77"
    width, height = (int(side) for side in SIZE.split("x"))
    screen = f"{max(width, 1600)}x{max(height, 900)}x24"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", screen, "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        env = {key: value for key, value in os.environ.items() if key != "SDL_VIDEODRIVER"}
        env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy")
        cold, warm = launch_times(env, home)
        print(f"launch to the title, real window (Xvfb): cold {cold:.2f} s, warm median "
              f"{statistics.median(warm):.2f} s ({', '.join(f'{t:.2f}' for t in warm)}); warm "
              f"{verdict(statistics.median(warm), 'launch')} s")
        frames = showdown_frames(env)
        if frames:
            print(f"showdown animation, real window: {len(frames)} frames, median {statistics.median(frames):.2f} ms, "
                  f"p95 {p95(frames):.2f} ms; p95 {verdict(p95(frames), 'frame_p95')} ms")
        share, peak = idle_at_table(display)
        print(f"idle at the table for 10 s (Xvfb): CPU {share:.1%} of a core, {verdict(share, 'idle_cpu')}; "
              f"peak memory {peak:.0f} MB RSS")
        memory = memory_after_debrief(env)
        print(f"memory after the debrief (Xvfb): {memory:.0f} MB RSS, {verdict(memory, 'memory')} MB")
    finally:
        server.kill()


if __name__ == "__main__":
    main()
