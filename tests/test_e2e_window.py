"""End to end in a real X11 window (Xvfb), driven by xdotool like a person with a mouse.

The game writes one JSON line per notable moment (--e2e-log): scenes entered, where each
named widget is, table turns, saves. The test reads that log to know where to click.
Skipped only where Xvfb or xdotool is not installed; `.ci/run` installs both and sets
TABLE_STAKES_E2E=1, which turns a missing tool into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = shutil.which("Xvfb") and shutil.which("xdotool")
REQUIRED = os.environ.get("TABLE_STAKES_E2E") == "1"

if not TOOLS and REQUIRED:
    pytest.fail("TABLE_STAKES_E2E=1 but Xvfb or xdotool is missing (apt-get install xvfb xdotool)",
                pytrace=False)
pytestmark = pytest.mark.skipif(not TOOLS, reason="needs Xvfb and xdotool (apt-get install xvfb xdotool)")


def xvfb(number: int, screen: str):
    """An Xvfb display `:number` of `screen` (e.g. "1600x900x24") for as long as the generator runs."""
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", screen, "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    name = f":{number}"
    deadline = time.monotonic() + 10
    while subprocess.run(["xdotool", "getdisplaygeometry"], env={**os.environ, "DISPLAY": name},
                         capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            server.kill()
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    yield name
    server.kill()
    server.wait()


@pytest.fixture
def display():
    yield from xvfb(90 + os.getpid() % 100, "1600x900x24")


class Window:
    """The game running in a real window, and what its log says about it."""

    def __init__(self, display: str, home: Path, log: Path, size: str = "1280x720") -> None:
        self.log_path = log
        log.write_text("", encoding="utf-8")
        self.env = {key: value for key, value in os.environ.items() if key != "SDL_VIDEODRIVER"}
        self.env.update(DISPLAY=display, SDL_AUDIODRIVER="dummy", TABLE_STAKES_HOME=str(home))
        self.process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--size", size,
                                         "--e2e-log", str(log), "--screenshots", str(home / "shots")],
                                        env=self.env, cwd=ROOT)
        found = subprocess.run(["xdotool", "search", "--sync", "--pid", str(self.process.pid)], env=self.env,
                               capture_output=True, text=True, timeout=30)
        self.window = found.stdout.split()[0]
        self.wait_for(lambda entry: entry["event"] == "first_frame")

    def entries(self) -> list[dict]:
        """The log's complete lines: the game may be halfway through writing the last one."""
        complete = self.log_path.read_text(encoding="utf-8").split("\n")[:-1]
        return [json.loads(line) for line in complete if line]

    def wait_for(self, test, timeout: float = 20.0) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for entry in reversed(self.entries()):
                if test(entry):
                    return entry
            if self.process.poll() is not None:
                raise AssertionError(f"the game exited (status {self.process.returncode}) while waiting")
            time.sleep(0.05)
        raise AssertionError(f"timed out; the log ends with {self.entries()[-5:]}")

    def scene(self) -> str:
        return [entry for entry in self.entries() if entry["event"] == "scene"][-1]["name"]

    def widgets(self, scene: str) -> dict:
        return [entry for entry in self.entries()
                if entry["event"] == "widgets" and entry["scene"] == scene][-1]["widgets"]

    def xdotool(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=10)

    def click(self, scene: str, widget: str, *, answered: bool = True) -> None:
        """Click `widget` where the log last placed it. If the click should change the screen
        (`answered`), wait until the game logs something new, so that a slow machine never
        gets a second click on a stale position that now holds something else."""
        self.wait_for(lambda entry: entry["event"] == "widgets" and entry["scene"] == scene
                      and widget in entry["widgets"])
        x, y, width, height = self.widgets(scene)[widget]
        before = len(self.entries())
        self.xdotool("mousemove", "--window", self.window, str(x + width // 2), str(y + height // 2), "click", "1")
        if answered:
            self.wait_for_news(before)
        else:
            time.sleep(0.15)

    def wait_for_news(self, seen: int, timeout: float = 20.0) -> None:
        """Wait until the log holds more than `seen` entries (or the game has ended)."""
        deadline = time.monotonic() + timeout
        while len(self.entries()) <= seen:
            if self.process.poll() is not None:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the game did not answer; the log ends with {self.entries()[-5:]}")
            time.sleep(0.05)

    def key(self, name: str) -> None:
        self.xdotool("key", "--window", self.window, name)
        time.sleep(0.15)

    def retype_seat_name(self, seat: int, name: str, attempts: int = 3) -> None:
        """Replace the focused seat name with `name`. xdotool types a non-ASCII letter by remapping
        a spare key for a moment, and on a loaded machine that letter is sometimes lost before it
        reaches the window, so a wrong name is typed again; a game that dropped the letter itself
        fails every attempt."""
        for _ in range(attempts):
            self.key("ctrl+a")
            self.key("BackSpace")
            self.xdotool("type", "--delay", "100", "--window", self.window, name)
            deadline = time.monotonic() + 2.0
            while time.monotonic() < deadline:
                typed = [entry["name"] for entry in self.entries()
                         if entry["event"] == "seat_name" and entry["seat"] == seat]
                if typed and typed[-1] == name:
                    return
                time.sleep(0.1)
        raise AssertionError(f"seat {seat} is named {typed[-1] if typed else None!r}, not {name!r}")


def test_set_up_three_seats_play_a_year_save_quit_and_continue(display, tmp_path):
    home = tmp_path / "home"
    game = Window(display, home, tmp_path / "first.log")
    game.wait_for(lambda entry: entry["event"] == "scene" and entry["name"] == "TitleScene")
    game.key("F12")
    game.click("TitleScene", "buttons.new_game")
    game.wait_for(lambda entry: entry["event"] == "scene" and entry["name"] == "SetupScene")
    game.click("SetupScene", "seat_controls.remove_4")  # four seats by default: three remain
    game.click("SetupScene", "seat_controls.name_1", answered=False)  # focuses the name: nothing to log
    game.retype_seat_name(0, "Jörg")
    game.key("F12")
    game.click("SetupScene", "start_button")
    game.wait_for(lambda entry: entry["event"] == "game_started" or entry["event"] == "table")
    first = game.wait_for(lambda entry: entry["event"] == "table")
    assert first["year"] == 2024
    # play the year: sit in, check or call, read the summaries, until 2025 begins
    for _ in range(200):
        entries = game.entries()
        if any(entry["event"] == "table" and entry["year"] == 2025 for entry in entries):
            break
        scene = game.scene()
        if scene == "TableScene":
            buttons = game.widgets("TableScene")
            for wanted in ("buttons.sit_in", "buttons.check_call", "buttons.sit_out"):
                if wanted in buttons:
                    game.click("TableScene", wanted)
                    break
            else:
                time.sleep(0.2)  # the bots' turn
        elif scene in ("ShowdownScene", "YearSummaryScene"):
            game.click(scene, "next_button")
        else:
            time.sleep(0.1)
    else:
        raise AssertionError("the first year did not end")
    game.wait_for(lambda entry: entry["event"] == "table" and entry["year"] == 2025)
    started = [entry for entry in game.entries() if entry["event"] == "game_started"]
    assert started and started[-1]["players"][0] == "Jörg"
    game.key("F12")
    game.key("Escape")
    game.click("PauseScene", "buttons.save")
    saved = game.wait_for(lambda entry: entry["event"] == "saved")
    assert Path(saved["path"]).exists()
    game.click("PauseScene", "buttons.quit")
    game.process.wait(timeout=10)
    assert game.process.returncode == 0
    shots = list((home / "shots").glob("*.png"))
    assert len(shots) == 3

    again = Window(display, home, tmp_path / "second.log")
    again.click("TitleScene", "buttons.continue")
    resumed = again.wait_for(lambda entry: entry["event"] == "table")
    assert resumed["year"] == 2025 and again.scene() in ("TableScene", "HandOverScene")
    again.key("Escape")
    again.click("PauseScene", "buttons.quit")
    again.process.wait(timeout=10)
    assert again.process.returncode == 0


@pytest.fixture
def large_display():
    yield from xvfb(190 + os.getpid() % 100, "1920x1080x24")


def test_in_a_large_window_the_screens_are_scaled_and_clicks_on_the_announced_places_land(large_display, tmp_path):
    """At 1920×1080 every screen is drawn at 150 %: the log gives widgets in window pixels, so xdotool
    clicks where a person would (it gave the layout's pixels, and a click hit the wrong button)."""
    game = Window(large_display, tmp_path / "home", tmp_path / "large.log", size="1920x1080")
    try:
        settings = game.widgets("TitleScene")["buttons.settings"]
        assert settings[2] >= 1.5 * 340 - 1  # the title's buttons, 340 pixels wide, drawn 510 wide
        game.click("TitleScene", "buttons.settings")
        game.wait_for(lambda entry: entry["event"] == "scene" and entry["name"] == "SettingsScene")
        game.click("SettingsScene", "back_button")
        game.wait_for(lambda entry: entry["event"] == "scene" and entry["name"] == "TitleScene")
    finally:
        game.process.kill()
        game.process.wait(timeout=10)
