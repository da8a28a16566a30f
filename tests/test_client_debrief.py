"""The debrief scene, driven headless: from the game-over screen and from the load screen, its
three views, the firm selector, the export button; screenshots in English and German.

Screenshots go to $TABLE_STAKES_SCREENSHOT_DIR when it is set (the ones in docs/screenshots/
were made that way), else into the test's temporary folder.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pygame
import pytest

from client_support import click, close_app, docs_app, press, pump
from game.debrief.charts import CHARTS
from game.client import i18n
from game.client.scenes.debrief import DebriefScene
from game.client.scenes.game_over import GameOverScene
from game.client.scenes.load import LoadScene
from game.client.scenes.title import TitleScene
from game.content import load_scenario
from game.content.text import number
from game.content.files import saves_dir
from game.content.saves import SeatPlayer
from game.core import bet, sit_in
from game.debrief import FIRM_YEAR_COLUMNS, build_debrief
from game.session import Session

SIX = [SeatPlayer("Ada"), SeatPlayer("Bot Steady", "steady"), SeatPlayer("Bot Bold", "aggressive"),
       SeatPlayer("Bot Careful", "cautious"), SeatPlayer("Bot Dice", "random"), SeatPlayer("Bot Even", "steady")]


@pytest.fixture
def app(home):
    application = docs_app(home)
    yield application
    close_app(application)


def finished_game(seed: int = 5) -> Session:
    """A whole six-seat classic game; the human seat is played by a bot's choices."""
    players = [SeatPlayer(player.name, player.bot or "steady") for player in SIX]
    session = Session.new(load_scenario("classic"), players, seed, time_limit=None)
    while not session.is_over:
        session.bot_step()
    return Session(session.state, SIX, time_limit=None)  # Ada shows as a person


@pytest.fixture(scope="module")
def game_played():
    return finished_game()


def open_debrief(app, session) -> DebriefScene:
    app.push(TitleScene(app))
    app.replace(GameOverScene(app, session))
    pump(app, 2)
    click(app, app.scene.debrief_button, 3)
    assert isinstance(app.scene, DebriefScene)
    return app.scene


def test_game_over_opens_the_debrief_and_escape_comes_back(app, game_played):
    scene = open_debrief(app, game_played)
    assert scene.debrief.over and scene.debrief.firms[0].player == "Ada"
    assert scene.tab == "charts" and scene.tab_buttons["charts"].is_selected
    assert set(scene.charts) == set(CHARTS) and scene.chart_renders == len(CHARTS)
    for name, rect in scene.chart_rects.items():
        image = scene.charts[name]
        assert image.get_size() == rect.size
        colours = {tuple(image.get_at((x, y))) for x in range(0, rect.width, 3) for y in range(0, rect.height, 9)}
        assert len(colours) > 12, f"the {name} chart looks empty"
    press(app, pygame.K_ESCAPE, 2)
    assert isinstance(app.scene, GameOverScene)


def test_views_switch_without_drawing_the_charts_again(app, game_played):
    scene = open_debrief(app, game_played)
    for name in ("totals", "statements", "charts"):
        click(app, scene.tab_buttons[name], 2)
        assert scene.tab == name and scene.tab_buttons[name].is_selected
        app.draw()
    press(app, pygame.K_TAB, 2)
    assert scene.tab == "totals"
    press(app, pygame.K_TAB, 2)
    assert scene.tab == "statements"
    for _ in range(5):  # frames only blit
        app.draw()
    assert scene.chart_renders == len(CHARTS)
    app.apply_settings(app.settings.replace(colour_blind=True))  # a new palette draws them again, once
    assert scene.chart_renders == 2 * len(CHARTS) and scene.chart_ms > 0


def test_the_firm_selector_shows_each_firms_statement(app, game_played):
    scene = open_debrief(app, game_played)
    click(app, scene.tab_buttons["statements"], 2)
    leader = game_played.standings()[0].seat
    assert scene.seat == leader and scene.firm_buttons[leader].is_selected
    click(app, scene.firm_buttons[2], 2)
    assert scene.seat == 2 and scene.firm_buttons[2].is_selected and not scene.firm_buttons[leader].is_selected
    press(app, pygame.K_RIGHT, 2)
    assert scene.seat == 3
    press(app, pygame.K_LEFT, 2)
    press(app, pygame.K_LEFT, 2)
    assert scene.seat == 1
    rows = {label: cells for _, label, cells, _ in scene.statement_rows(1)}
    statement = scene.debrief.of_firm(1)
    assert rows["= Cash at the end of the year"] == [number(row.cash_end, "en") for row in statement]
    assert rows["− Spent on chips (ante and stakes)"] == [number(row.spent, "en") for row in statement]
    assert "Fleet by chip generation (H100e)" in rows
    app.draw()


def test_export_writes_a_folder_under_the_data_folder_and_says_where(app, home, game_played):
    scene = open_debrief(app, game_played)
    click(app, scene.export_button, 2)
    folder = scene.export_folder
    assert folder is not None and folder.parent == home / "exports" and folder.name.startswith("classic_")
    assert str(folder) in scene.note and not scene.note_is_problem
    with (folder / "firm_years.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == list(FIRM_YEAR_COLUMNS)
    assert {row["player"] for row in rows} == {player.name for player in SIX}
    assert (folder / "cash.png").exists() and (folder / "history.json").exists()
    click(app, scene.export_button, 2)  # a second export gets a folder of its own
    assert scene.export_folder != folder and scene.export_folder.name.startswith(folder.name[:16])
    assert (folder / "cash.png").exists()


def test_an_export_that_cannot_be_written_says_why(app, home, game_played):
    scene = open_debrief(app, game_played)
    (home / "exports").write_text("not a folder", encoding="utf-8")
    click(app, scene.export_button, 2)
    assert scene.export_folder is None and scene.note_is_problem and "Cannot export" in scene.note
    app.draw()


def _saves(folder: Path, finished: Session) -> tuple[Path, Path]:
    done = finished.save(folder / "table-stakes_2026-01-01_10-00-00.json")
    running = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), SeatPlayer("Bo")], 7)
    for action in (sit_in(), sit_in(), bet(600)):
        running.apply(action)
    return done, running.save(folder / "table-stakes_2026-01-02_10-00-00.json")


def test_the_load_screen_opens_the_debrief_of_any_save(app, game_played):
    finished, running = _saves(saves_dir(), game_played)
    app.push(TitleScene(app))
    app.push(LoadScene(app))
    pump(app, 2)
    scene = app.scene
    assert scene.debrief_button.is_enabled and scene.listing.saves[0].path == running
    click(app, scene.debrief_button, 3)  # the newest: a game still running
    debrief = app.scene
    assert isinstance(debrief, DebriefScene) and not debrief.debrief.over
    assert debrief.debrief.firm_years[-1].outcome == "playing"
    debrief.show("statements")
    pump(app, 1)
    app.screenshot("debrief_running.png")
    press(app, pygame.K_ESCAPE, 2)
    assert app.scene is scene
    scene.save_list.item_list[1]["selected"] = True  # choose the finished game
    scene.save_list.item_list[0]["selected"] = False
    scene._select()
    click(app, scene.debrief_button, 3)
    assert isinstance(app.scene, DebriefScene) and app.scene.debrief.over
    assert app.scene.source == finished
    assert [firm.player for firm in app.scene.debrief.firms] == [player.name for player in SIX]


def test_a_save_that_does_not_replay_has_no_debrief_and_says_why(app, game_played):
    finished, _ = _saves(saves_dir(), game_played)
    document = json.loads(finished.read_text(encoding="utf-8"))
    document["history"]["actions"][5] = ["raise_funds", 10 ** 9]
    finished.write_text(json.dumps(document), encoding="utf-8")
    app.push(TitleScene(app))
    app.push(LoadScene(app))
    pump(app, 2)
    scene = app.scene
    index = [info.path for info in scene.listing.saves].index(finished)
    scene.save_list.item_list[index]["selected"] = True
    scene.save_list.item_list[1 - index]["selected"] = False
    scene._select()
    click(app, scene.debrief_button, 3)
    assert app.scene is scene and finished.name in scene.note and "does not replay" in scene.note


@pytest.mark.parametrize("lang", ["en", "de"])
def test_screenshots_of_every_view(home, game_played, lang):
    app = docs_app(home, language=lang)
    try:
        app.push(DebriefScene(app, build_debrief(game_played.history(), game_played.players)))
        pump(app, 2)
        app.screenshot(f"debrief_{lang}.png")
        for tab in ("totals", "statements"):
            app.scene.show(tab)
            pump(app, 2)
            app.screenshot(f"debrief_{tab}_{lang}.png")
        assert app.scene.chart_renders == len(CHARTS)
    finally:
        while app.scenes:
            app.scenes.pop().close()
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("size", [(1024, 640), (1280, 720), (1920, 1080)])
def test_the_legend_s_notes_stay_inside_its_panel_clear_of_the_buttons(home, game_played, lang, size):
    """The notes under the firms once ran past the legend's panel, under the Export buttons (German, 720p)."""
    app = docs_app(home, language=lang, window_size=size)
    try:
        app.push(DebriefScene(app, build_debrief(game_played.history(), game_played.players)))
        pump(app, 2)
        scene = app.scene
        if size == (1024, 640) and scene.notes_rect is None:
            return  # no room under six firms: the notes are left out rather than drawn over the buttons
        assert scene.notes_rect is not None, "from 1280×720 on the year-end note has room"
        assert scene.legend_rect.contains(scene.notes_rect)
        assert not any(scene.notes_rect.colliderect(button.rect) for button in (scene.export_button, scene.csv_button))
    finally:
        while app.scenes:
            app.scenes.pop().close()
        i18n.set_language("en")


def test_the_export_writes_german_excel_csv_for_a_german_debrief_and_international_on_request(home, game_played):
    app = docs_app(home, language="de")
    try:
        scene = open_debrief(app, game_played)
        assert scene.csv_format == "excel-de" and "Excel" in scene.csv_button.text
        click(app, scene.export_button, 2)
        raw = (scene.export_folder / "years.csv").read_bytes()
        assert raw.startswith("\ufeffJahr;".encode()), raw[:40]
        click(app, scene.csv_button, 2)
        assert scene.csv_format == "international" and "international" in scene.csv_button.text
        click(app, scene.export_button, 2)
        with (scene.export_folder / "years.csv").open(encoding="utf-8-sig", newline="") as file:
            assert next(csv.reader(file))[:2] == ["year", "complete"]
    finally:
        close_app(app)
