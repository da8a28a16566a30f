#!/usr/bin/env python3
"""Regenerate docs/screenshots/: every scene at 1280x720, headless (dummy video driver).

    .venv/bin/python docs/make_screenshots.py                # English, into docs/screenshots/
    .venv/bin/python docs/make_screenshots.py --language de  # German, into docs/screenshots/de/

The game is played by clicking, as a person would, with fixed seeds so the pictures are
the same every time. Ada raises funds before her first table stakes, so the table shows her
investors' preference (and its tooltip, table_preference.png). The German set adds a call to
answer, a later showdown, a table with a firm that left the race, game over and the how-to-play
pages. The English setup, settings, load, game over and how-to-play pictures are written by
their scene tests (tests/test_client_setup.py and tests/test_client_endings.py with
TABLE_STAKES_SCREENSHOT_DIR set), the replay, coach and glossary pictures by theirs
(tests/test_replay_viewer.py, tests/test_glossary_coach.py); this script writes the rest, in English
also the question before selling shares, a hand-over with news, the showdown mid-count and the table
at 1920x1080.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
ADA_RAISES = 1_500  # $M Ada raises before her first table stakes
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ["TABLE_STAKES_HOME"] = tempfile.mkdtemp()
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pygame  # noqa: E402
from client_support import click, make_app, pump  # noqa: E402

from game.client.scenes.table import TableScene  # noqa: E402
from game.client.scenes.title import TitleScene  # noqa: E402
from game.content import load_scenario  # noqa: E402
from game.content.saves import SeatPlayer  # noqa: E402
from game.session import Session  # noqa: E402


def shoot(app, name: str) -> None:
    pump(app, 1)
    print(app.screenshot(name))


def go_on(app, scene) -> None:
    """Answer a page over the table the way a player goes on: ready at the hand-over, sell at the question
    before selling shares (raising funds asks it first: without an answer the game stood still there),
    next on the others."""
    name = type(scene).__name__
    click(app, scene.ready if name == "HandOverScene" else scene.confirm if name == "SellSharesScene"
          else scene.next_button)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("en", "de"), default="en")
    parser.add_argument("--out", type=Path, help="folder (default docs/screenshots, its de/ for German)")
    args = parser.parse_args()
    german = args.language == "de"
    home = Path(os.environ["TABLE_STAKES_HOME"])
    app = make_app(home, language=args.language)
    app.screenshot_dir = args.out or (OUT / "de" if german else OUT)
    app.push(TitleScene(app))
    pump(app, 2)
    shoot(app, "title.png")

    players = [SeatPlayer("Ada"), SeatPlayer("Grace"), SeatPlayer("Bot A", "steady"),
               SeatPlayer("Bot B", "aggressive"), SeatPlayer("Bot C", "calculator"), SeatPlayer("Bot D", "cautious")]
    session = Session.new(load_scenario("classic"), players, 5)
    app.reset_to(TableScene(app, session))
    pump(app, 2)
    shoot(app, "handover.png")
    wanted = {"table_ante": False, "table_betting": False, "table_preference": False, "showdown": False,
              "year_summary": False}
    if german:
        wanted.update(table_call=False, showdown_2027=False)
    else:
        wanted.update(sell_shares_confirm=False, handover_news=False, showdown_steps=False)
    for _ in range(8000):
        scene = app.scene
        name = type(scene).__name__
        if name in ("HandOverScene", "SellSharesScene"):
            shot = {"HandOverScene": "handover_news", "SellSharesScene": "sell_shares_confirm"}[name]
            if wanted.get(shot) is False and (name == "SellSharesScene" or len(scene.news) >= 3):
                shoot(app, f"{shot}.png")
                wanted[shot] = True
            go_on(app, scene)
        elif name == "ShowdownScene":
            if not wanted["showdown"]:
                shoot(app, "showdown.png")
                wanted["showdown"] = True
            if wanted.get("showdown_steps") is False:
                mid_count(app, scene)
                wanted["showdown_steps"] = True
            elif wanted.get("showdown_2027") is False and scene.year >= 2027:
                shoot(app, "showdown_2027.png")
                wanted["showdown_2027"] = True
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
            if "raise_funds" in scene.buttons and scene.viewer == 0 and not session.state.firms[0].preference:
                scene.amount_entry.set_text(str(ADA_RAISES))
                click(app, scene.buttons["raise_funds"])
                continue
            if session.state.quarter >= 3 and scene.viewer == 0 and not wanted["table_betting"]:
                shoot(app, "table_betting.png")
                wanted["table_betting"] = True
                shoot_tooltip(app, scene, "preference", "table_preference.png")
                wanted["table_preference"] = True
            if wanted.get("table_call") is False and scene.viewer == 0 and session.legal().can_call:
                shoot(app, "table_call.png")
                wanted["table_call"] = True
            # sit in, check or call; a firm that cannot pay the table stakes sits out
            choice = next(name for name in ("sit_in", "check_call", "sit_out") if name in scene.buttons)
            click(app, scene.buttons[choice])
        else:
            pump(app, 1)
        if all(wanted.values()):
            break
    missing = [name for name, done in wanted.items() if not done]
    if missing:
        print(f"not reached: {', '.join(missing)}")
    while not isinstance(app.scene, TableScene):  # the pause menu opens over the table
        go_on(app, app.scene)
    app.scene.on_escape()
    pump(app, 2)
    shoot(app, "pause.png")
    if german:
        table_with_an_exited_firm(app)
        game_over_and_rules(app)
    else:
        app.apply_settings(app.settings.replace(colour_blind=True))
        app.pop()
        pump(app, 2)
        shoot(app, "table_colour_blind.png")
        app.apply_settings(app.settings.replace(colour_blind=False))
    table_with_export_controls(app)
    if not german:
        large_table(home, app.screenshot_dir)


def mid_count(app, showdown) -> None:
    """The showdown while it counts: as it stands halfway through the steps (the script plays at the
    Instant speed, so the count is over at once)."""
    from game.client.scenes.showdown import FLIP_SECONDS, STEP_SECONDS
    counted = showdown.clock
    showdown.clock = FLIP_SECONDS + STEP_SECONDS * showdown.steps * 0.55
    showdown.dirty = True
    app.draw()
    print(app.screenshot("showdown_steps.png"))
    showdown.clock = counted
    showdown.dirty = True


def large_table(home: Path, folder: Path) -> None:
    """The table at 1920x1080 (drawn at 150 %) in Q3, Ada to act, three bots."""
    app = make_app(home / "large", window_size=(1920, 1080))
    app.screenshot_dir = folder
    players = [SeatPlayer("Ada"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "aggressive"),
               SeatPlayer("Bot C", "cautious")]
    session = Session.new(load_scenario("classic"), players, 5)
    app.push(TableScene(app, session))
    pump(app, 2)
    for _ in range(2000):
        scene = app.scene
        if type(scene).__name__ == "TableScene" and scene.buttons:
            if session.state.quarter >= 3:
                shoot(app, "table_1080.png")
                return
            click(app, scene.buttons[next(name for name in ("sit_in", "check_call", "sit_out")
                                          if name in scene.buttons)])
        elif type(scene).__name__ != "TableScene":
            go_on(app, scene)
        else:
            pump(app, 1)
    print("not reached: table_1080")


def shoot_tooltip(app, table, term: str, name: str) -> None:
    """The table with the mouse resting on the first number that links to glossary `term`."""
    hover = table.view.hover
    rect = next(rect for (rect, _), linked in zip(hover.regions, hover.terms, strict=True) if linked == term)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    pump(app, 1)
    table.mouse_still_since -= 2  # as if the mouse had rested there for two seconds
    shoot(app, name)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(-10, -10), rel=(0, 0), buttons=(0, 0, 0)))


def table_with_export_controls(app) -> None:
    """The export-controls scenario, seen by a restricted firm (Lin's Jade River AI) in its first Q1."""
    players = [SeatPlayer("Ada"), SeatPlayer("Lin"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "calculator")]
    session = Session.new(load_scenario("export-controls"), players, 4)
    app.reset_to(TableScene(app, session))
    pump(app, 2)
    for _ in range(400):
        scene = app.scene
        if type(scene).__name__ == "HandOverScene":
            click(app, scene.ready)
        elif type(scene).__name__ == "TableScene" and scene.buttons:
            if scene.viewer == 1 and "sit_in" not in scene.buttons:
                shoot(app, "table_export_controls.png")
                return
            click(app, scene.buttons["sit_in" if "sit_in" in scene.buttons else "check_call"])
        else:
            pump(app, 1)
    print("not reached: table_export_controls")


def game_over_and_rules(app) -> None:
    """Game over after the game tests/test_client_endings.py shoots in English (four bots, seed 5),
    and the how-to-play pages."""
    from game.client.scenes.game_over import GameOverScene
    from game.client.scenes.how_to_play import HowToPlayScene

    players = [SeatPlayer("Bot Steady", "steady"), SeatPlayer("Bot Bold", "aggressive"),
               SeatPlayer("Bot Careful", "cautious"), SeatPlayer("Bot Dice", "random")]
    session = Session.new(load_scenario("classic"), players, 5, time_limit=None)
    while not session.is_over:
        session.bot_step()
    app.reset_to(GameOverScene(app, session))
    pump(app, 2)
    shoot(app, "game_over.png")
    rules = HowToPlayScene(app)
    app.push(rules)
    for page in range(rules.pages):
        rules.go_to(page)
        shoot(app, f"how_to_play_{page + 1}.png")


def table_with_an_exited_firm(app) -> None:
    """Four bots, watched in the public view, in a late year once a firm has left the race."""
    players = [SeatPlayer("Bot Steady", "steady"), SeatPlayer("Bot Bold", "aggressive"),
               SeatPlayer("Bot Careful", "cautious"), SeatPlayer("Bot Dice", "random")]
    for seed in range(2, 30):  # the first seed whose game has a firm leave while others still bet
        session = Session.new(load_scenario("classic"), players, seed)
        while not session.is_over:
            state = session.state
            if (state.year >= 2026 and any(firm.status == "exited" for firm in state.firms)
                    and state.phase == "betting" and any(state.quarter_stakes)):
                app.reset_to(TableScene(app, session))
                app.scene.manager.update(0.0)  # the widgets, but not the scene: the next bot would act
                app.draw()
                print(app.screenshot("table_exited.png"))
                return
            session.bot_step()
    print("not reached: table_exited")


if __name__ == "__main__":
    main()
