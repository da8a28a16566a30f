#!/usr/bin/env python3
"""kill -9 the game window at random moments and check that nothing finished is lost.

    python bench/kill_window.py [--kills 50] [--seed 1]

Each round starts `python main.py` in a real window under Xvfb (driven with xdotool, as a
player would), continues the autosaved game (or starts a quick game when there is none or it
is over), plays it (the person's keys: sit in, check or call, now and then bet, fold or go all
in; the bots at once) and kills the process with SIGKILL at a random moment, often in the
middle of an autosave. The game logs every applied action (`--e2e-log`, "applied" lines) right
after its autosave was written. The next round's start then checks:

- no finished action lost: the autosave holds every action the log said was applied, the
  same actions, and loads (its history replays);
- no temporary file left: none under the data folder once the window is up (killed writes
  leave them; the start removes them);
- a clean start: the title screen with nothing to report, nothing on stderr.

Needs Xvfb and xdotool (apt-get install xvfb xdotool). Prints one line per round and a summary;
exits 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.saves import SaveError, read_save  # noqa: E402

# the person's keys: sit in (often), check or call (mostly), bet, fold, all in, now and then raise
# funds or sit out (a firm short of cash can do nothing else)
KEYS = ("i", "i", "c", "c", "c", "c", "b", "f", "a", "r", "o")
SETTINGS = {"language": "en", "animation_speed": "instant", "bot_delay": 0.0, "sound": False}


@dataclass
class Round:
    number: int
    applied: int = 0  # the game's length in actions when the log last said one was applied (and autosaved)
    held: int = 0  # actions the autosave held at the next start
    temp_left_by_kill: int = 0  # temporary files the kill left (before the next start)
    problems: list[str] = field(default_factory=list)


class Window:
    """One run of `python main.py` in the Xvfb display, and its e2e log."""

    def __init__(self, display: str, home: Path, log: Path) -> None:
        self.log = log
        self.env = {key: value for key, value in os.environ.items() if key != "SDL_VIDEODRIVER"}
        self.env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy", TABLE_STAKES_HOME=str(home))
        self.stderr = log.with_suffix(".stderr")
        with open(self.stderr, "wb") as errors:
            self.process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--size", "1280x720",
                                             "--e2e-log", str(log)], env=self.env, cwd=ROOT,
                                            stdout=subprocess.DEVNULL, stderr=errors)
        self.window = self._find_window(time.monotonic() + 60)

    def _find_window(self, deadline: float) -> str:
        """The window's id, once it is mapped (a loaded machine may take its time); says why if it never is."""
        while time.monotonic() < deadline and self.process.poll() is None:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                                   env=self.env, capture_output=True, text=True, timeout=30)
            if found.stdout.split():
                return found.stdout.split()[0]
            time.sleep(0.2)
        raise RuntimeError(f"the window of process {self.process.pid} never appeared (exit status "
                           f"{self.process.poll()}): {self.stderr.read_text(errors='replace')[-2000:]}")

    def entries(self) -> list[dict]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").split("\n")[:-1]  # the last may be half written
        return [json.loads(line) for line in lines if line]

    def wait_for(self, test, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for entry in reversed(self.entries()):
                if test(entry):
                    return entry
            if self.process.poll() is not None:
                raise RuntimeError(f"the game exited ({self.process.returncode}) while waiting")
            time.sleep(0.03)
        raise RuntimeError(f"timed out; the log ends with {self.entries()[-3:]}")

    def scene(self) -> str | None:
        scenes = [entry["name"] for entry in self.entries() if entry["event"] == "scene"]
        return scenes[-1] if scenes else None

    def click(self, scene: str, widget: str) -> None:
        entry = self.wait_for(lambda e: e["event"] == "widgets" and e["scene"] == scene and widget in e["widgets"])
        x, y, width, height = entry["widgets"][widget]
        self.xdotool("mousemove", "--window", self.window, str(x + width // 2), str(y + height // 2), "click", "1")

    def key(self, name: str) -> None:
        self.xdotool("key", "--window", self.window, name)

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=False, timeout=10, capture_output=True)

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


def temp_files(home: Path) -> list[Path]:
    return sorted(home.rglob("*.tmp"))


def applied_actions(entries: list[dict]) -> list[dict]:
    return [entry for entry in entries if entry["event"] == "applied"]


def check_start(window: Window, home: Path, previous: list[dict], report: Round) -> bool:
    """The checks at a start after a kill; True if the autosave's game can be continued."""
    start = window.wait_for(lambda e: e["event"] == "start")
    window.wait_for(lambda e: e["event"] == "widgets" and e["scene"] == "TitleScene")
    left = temp_files(home)
    if left:
        report.problems.append(f"temporary files left after the start: {[str(path) for path in left]}")
    if start["data_folder_problem"] or start["settings_note"]:
        report.problems.append(f"the start reported {start['data_folder_problem'] or start['settings_note']}")
    time.sleep(0.2)
    if window.scene() != "TitleScene":
        report.problems.append(f"the start shows {window.scene()}, not the title screen")
    autosave = home / "autosave.json"
    if not previous:
        return autosave.exists()
    try:
        record = read_save(autosave)
        record.history.replay()
    except (SaveError, Exception) as error:  # any failure to read it back is a lost game
        report.problems.append(f"the autosave does not load: {error}")
        return False
    actions = [str(action) for action in record.history.actions]
    report.held = len(actions)
    last = previous[-1]
    if len(actions) < last["version"]:
        report.problems.append(f"lost actions: the log applied {last['version']}, the autosave holds {len(actions)}")
    for entry in previous:
        if entry["version"] <= len(actions) and actions[entry["version"] - 1] != entry["action"]:
            report.problems.append(f"action {entry['version']} is {actions[entry['version'] - 1]} in the autosave, "
                                   f"{entry['action']} in the log")
            break
    return not record.over


def play_until_killed(window: Window, rng: random.Random, seconds: float) -> None:
    """Press the person's keys (or Enter on a summary) until `seconds` have passed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        scene = window.scene()
        if scene == "TableScene":
            window.key(rng.choice(KEYS))
        elif scene in ("ShowdownScene", "YearSummaryScene"):
            window.key("Return")
        time.sleep(rng.uniform(0.02, 0.08))


def run_round(number: int, display: str, home: Path, logs: Path, rng: random.Random,
              previous: list[dict]) -> tuple[Round, list[dict]]:
    report = Round(number, applied=previous[-1]["version"] if previous else 0,
                   temp_left_by_kill=len(temp_files(home)))
    log = logs / f"round-{number:03d}.log"
    window = Window(display, home, log)
    try:
        can_continue = check_start(window, home, previous, report)
        if not can_continue:
            previous = []  # a new game: its versions count from 1 again
        started = len(window.entries())
        window.click("TitleScene", "buttons.continue" if can_continue else "buttons.quick_game")
        window.wait_for(lambda e: e["event"] == "table")
        if len(window.entries()) <= started:
            report.problems.append("the game did not start")
        play_until_killed(window, rng, rng.uniform(0.2, 3.0))
    finally:
        if window.process.poll() is None:
            window.kill()
    errors = window.stderr.read_text(encoding="utf-8", errors="replace").strip()
    if errors:
        report.problems.append(f"stderr: {errors[-300:]}")
    applied = applied_actions(window.entries())
    return report, applied or previous


def kill_rounds(kills: int, seed: int, display: str, work: Path, echo=print) -> list[Round]:
    """`kills` rounds of start, check, play, kill -9; then one last start to check the last kill."""
    home, logs = work / "home", work / "logs"
    home.mkdir()
    logs.mkdir()
    (home / "settings.json").write_text(json.dumps(SETTINGS), encoding="utf-8")
    rng = random.Random(seed)
    rounds: list[Round] = []
    applied: list[dict] = []
    for number in range(1, kills + 2):
        if number == kills + 1:  # the start after the last kill: check it, then quit
            report = Round(number, applied=applied[-1]["version"] if applied else 0,
                           temp_left_by_kill=len(temp_files(home)))
            window = Window(display, home, logs / "last.log")
            try:
                check_start(window, home, applied, report)
            finally:
                window.kill()
        else:
            report, applied = run_round(number, display, home, logs, rng, applied)
        rounds.append(report)
        echo(f"start {number:3d}: {report.applied:4d} actions applied before the kill, {report.held:4d} in the "
             f"autosave, {report.temp_left_by_kill} temporary files left by the kill"
             + (f"  PROBLEMS: {report.problems}" if report.problems else ""))
    return rounds


def start_display() -> tuple[subprocess.Popen, str]:
    number = 150 + os.getpid() % 100
    name = f":{number}"
    server = subprocess.Popen(["Xvfb", name, "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while subprocess.run(["xdotool", "getdisplaygeometry"], env={**os.environ, "DISPLAY": name},
                         capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            server.kill()
            raise RuntimeError("Xvfb did not start")
        time.sleep(0.05)
    return server, name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    server, display = start_display()
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="kill-window-") as work:
            rounds = kill_rounds(args.kills, args.seed, display, Path(work))
    finally:
        server.kill()
        server.wait()
    failed = [report for report in rounds if report.problems]
    checked = rounds[1:]  # the first start follows no kill
    print(f"\n{args.kills} kills in {time.monotonic() - started:.0f} s: after each, the autosave checked against "
          f"the game's logged actions ({sum(report.applied for report in checked)} in all, up to "
          f"{max((report.applied for report in checked), default=0)} in one game); "
          f"{sum(1 for report in checked if report.temp_left_by_kill)} kills landed during a write and left a "
          f"temporary file (removed at the next start unless listed below); {len(failed)} starts with problems")
    for report in failed:
        print(f"  start {report.number}: {report.problems}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
