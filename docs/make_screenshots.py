#!/usr/bin/env python3
"""Regenerate docs/screenshots/: every scene at 1280x720, headless (dummy video driver).

    .venv/bin/python docs/make_screenshots.py

The game is played by clicking, as a person would, with fixed seeds so the pictures are
the same every time. Setup, settings, load, game over and how-to-play pictures are written
by their scene tests (tests/test_client_setup.py and tests/test_client_endings.py with
TABLE_STAKES_SCREENSHOT_DIR set); this script writes the rest.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ["TABLE_STAKES_HOME"] = tempfile.mkdtemp()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from client_support import click, make_app, pump  # noqa: E402

from game.client.scenes.table import TableScene  # noqa: E402
from game.client.scenes.title import TitleScene  # noqa: E402
from game.content import load_scenario  # noqa: E402
from game.session import SeatPlayer, Session  # noqa: E402


def shoot(app, name: str) -> None:
    pump(app, 1)
    app.screenshot(name)
    print(f"docs/screenshots/{name}")


def main() -> None:
    home = Path(os.environ["TABLE_STAKES_HOME"])
    app = make_app(home)
    app.screenshot_dir = OUT
    app.push(TitleScene(app))
    pump(app, 2)
    shoot(app, "title.png")

    players = [SeatPlayer("Ada"), SeatPlayer("Grace"), SeatPlayer("Bot A", "steady"),
               SeatPlayer("Bot B", "aggressive"), SeatPlayer("Bot C", "calculator"), SeatPlayer("Bot D", "cautious")]
    session = Session.new(load_scenario("classic"), players, 5)
    app.reset_to(TableScene(app, session))
    pump(app, 2)
    shoot(app, "handover.png")
    wanted = {"table_ante": False, "table_betting": False, "showdown": False, "year_summary": False}
    for _ in range(4000):
        scene = app.scene
        name = type(scene).__name__
        if name == "HandOverScene":
            click(app, scene.ready)
        elif name == "ShowdownScene":
            if not wanted["showdown"]:
                shoot(app, "showdown.png")
                wanted["showdown"] = True
            click(app, scene.next_button)
        elif name == "YearSummaryScene":
            if not wanted["year_summary"]:
                shoot(app, "year_summary.png")
                wanted["year_summary"] = True
            click(app, scene.next_button)
        elif name == "TableScene" and scene.buttons:
            if "sit_in" in scene.buttons and not wanted["table_ante"]:
                shoot(app, "table_ante.png")
                wanted["table_ante"] = True
            if session.state.quarter >= 3 and scene.viewer == 0 and not wanted["table_betting"]:
                shoot(app, "table_betting.png")
                wanted["table_betting"] = True
            click(app, scene.buttons["sit_in" if "sit_in" in scene.buttons else "check_call"])
        else:
            pump(app, 1)
        if all(wanted.values()):
            break
    app.scene.on_escape()
    pump(app, 2)
    shoot(app, "pause.png")
    app.apply_settings(app.settings.replace(colour_blind=True))
    app.pop()
    pump(app, 2)
    shoot(app, "table_colour_blind.png")


if __name__ == "__main__":
    main()
