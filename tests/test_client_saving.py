"""The window and saves in play (issue 11, found 1 to 3): a failing autosave shows a banner and a
warning before leaving, no save-related `OSError` crashes a screen, start-up reports a data folder
that cannot be written and settings that were ignored, a save's bot file runs only when the player
agrees, and a game still running is replayed in the public view only."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest

from client_support import docs_app
from menu_support import click, press, pump
from game.client.scenes.pause import ConfirmLeaveScene, PauseScene
from game.client.scenes.title import TitleScene
from game.client.settings import SETTINGS_FILE, Settings
from game.content import load_scenario
from game.content.files import autosave_path, saves_dir
from game.content.saves import SeatPlayer, read_save
from game.session import Session
from support import make_scenario
from test_trusted_saves import evil_bot


def block_data_folder(home: Path, monkeypatch) -> Path:
    """Point the data folder where it cannot be made (its parent is a file: refused even to root)."""
    blocker = home / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    monkeypatch.setenv("TABLE_STAKES_HOME", str(blocker / "data"))
    return blocker / "data"


def title_screen(home):
    """The title screen of an app whose bots act at once and whose animations are instant."""
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    return app


def table_of(app):
    from game.client.scenes.table import TableScene
    return next(scene for scene in app.scenes if isinstance(scene, TableScene))


def act_as_person(app) -> None:
    """When the bots have acted, the person at the screen sits in, checks or calls (the table's keys)."""
    table = table_of(app)
    for _ in range(200):
        if table.session.is_human_turn and app.scene is table and not table.animator.busy:
            break
        pump(app, 1)
    legal = table.session.legal()
    press(app, pygame.K_i if legal.can_sit_in else pygame.K_c)


# --------------------------------------------------------------------------- found 1: the autosave banner

def test_quick_game_where_no_data_folder_can_be_made_plays_on_under_a_banner(home, monkeypatch):
    app = title_screen(home)
    folder = block_data_folder(home, monkeypatch)
    click(app, app.scene.buttons["quick_game"])
    table = table_of(app)
    assert table.session.autosave_error is not None
    assert table.autosave_banner is not None
    text = table.autosave_banner.text
    assert text.startswith("Autosave failed: …") and "Not a directory" in text, "a long folder is cut at its start"
    assert str(folder)[-20:] in text and str(folder) in table.autosave_banner.tool_tip_text
    before = len(table.session.state.log)
    act_as_person(app)
    assert len(table.session.state.log) > before, "the game goes on"
    assert app.screenshot("autosave_banner.png").exists()


def test_the_banner_comes_when_saving_starts_failing_and_goes_when_it_works_again(home, monkeypatch):
    app = title_screen(home)
    click(app, app.scene.buttons["quick_game"])
    table = table_of(app)
    assert table.autosave_banner is None

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    act_as_person(app)
    assert "No space left on device" in table.autosave_banner.text
    assert min(seat.top for seat in table.layout.seats) >= table.autosave_banner.rect.bottom, "it covers no seat"
    assert str(autosave_path().parent)[-20:] in table.autosave_banner.text
    monkeypatch.undo()
    monkeypatch.setenv("TABLE_STAKES_HOME", str(home))
    act_as_person(app)
    assert table.autosave_banner is None


def test_leaving_a_game_whose_autosave_fails_warns_even_after_a_save(home, monkeypatch):
    app = title_screen(home)
    click(app, app.scene.buttons["quick_game"])
    table = table_of(app)
    table.session.save(saves_dir() / "named.json")  # saved under a name: no question while the autosave works
    press(app, pygame.K_ESCAPE)
    click(app, app.scene.buttons["quit_to_title"])
    assert isinstance(app.scene, TitleScene)

    click(app, app.scene.buttons["continue"])
    table = table_of(app)
    table.session.save(saves_dir() / "named.json")
    monkeypatch.setattr(table.session, "_autosave_path", home / "not-a-folder-either.txt" / "autosave.json")
    (home / "not-a-folder-either.txt").write_text("x", encoding="utf-8")
    act_as_person(app)
    table.session.save(saves_dir() / "named.json")
    assert not table.session.unsaved_changes and table.session.autosave_error is not None
    press(app, pygame.K_ESCAPE)
    click(app, app.scene.buttons["quit"])
    assert isinstance(app.scene, ConfirmLeaveScene) and app.running
    assert "autosave is failing (File exists)" in app.scene.warning_label.text
    assert app.screenshot("leave_autosave_failing.png").exists()


def test_save_game_where_the_saves_folder_cannot_be_made_says_so(home, monkeypatch):
    app = title_screen(home)
    click(app, app.scene.buttons["quick_game"])
    press(app, pygame.K_ESCAPE)
    pause = app.scene
    assert isinstance(pause, PauseScene)
    folder = block_data_folder(home, monkeypatch)
    click(app, pause.buttons["save"])
    assert app.scene is pause
    assert str(folder / "saves") in pause.note_label.text and "Not a directory" in pause.note_label.text


def test_continue_where_the_data_folder_cannot_be_made_says_so(home, monkeypatch):
    app = title_screen(home)
    Session.new(make_scenario(), [SeatPlayer("Ada"), SeatPlayer("Bo")], 3).save(autosave_path())
    app.scene.relayout()
    block_data_folder(home, monkeypatch)
    click(app, app.scene.buttons["continue"])
    assert isinstance(app.scene, TitleScene)
    assert "Not a directory" in app.scene.note_label.text or "no such file" in app.scene.note_label.text


# --------------------------------------------------------------------------- found 1: at start

def test_a_data_folder_that_cannot_be_made_is_reported_at_start(home, monkeypatch):
    from game.client.run import open_app

    folder = block_data_folder(home, monkeypatch)
    app = open_app(e2e_log=None)
    pump(app, 2)
    assert isinstance(app.scenes[0], TitleScene)
    notice = app.scene
    assert str(folder) in notice.text and "Not a directory" in notice.text
    app.screenshot_dir = Path(os.environ.get("TABLE_STAKES_SCREENSHOT_DIR") or home / "shots")
    assert app.screenshot("startup_notice.png").exists()
    click(app, notice.ok_button)
    assert isinstance(app.scene, TitleScene)


def test_a_window_size_of_minus_five_by_zero_starts_at_the_default_size_with_a_note(home):
    from game.client.run import open_app

    Settings(language="en").save(home)
    document = json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))
    document["window_size"] = [-5, 0]
    (home / SETTINGS_FILE).write_text(json.dumps(document), encoding="utf-8")
    app = open_app()
    pump(app, 2)
    assert app.size == Settings().window_size
    assert "window_size" in app.scene.text and str(home / SETTINGS_FILE) in app.scene.text


def test_start_up_removes_the_temporary_files_of_killed_saves_and_starts_quietly(home):
    from game.client.run import open_app

    leftover = home / ".autosave.json.999999999.x1y2.tmp"
    leftover.write_text("half a save", encoding="utf-8")
    (home / "saves").mkdir()
    (home / "saves" / ".table-stakes_1.json.b7.tmp").write_text("half", encoding="utf-8")
    app = open_app()
    pump(app, 2)
    assert list(home.rglob("*.tmp")) == []
    assert isinstance(app.scene, TitleScene), "a clean start has nothing to report"


# --------------------------------------------------------------------------- found 2: bot files

def autosave_with_bot_file(tmp_path: Path) -> tuple[Path, str]:
    bot, mark = evil_bot(tmp_path)
    players = [SeatPlayer("Ada"), SeatPlayer("Evil", "random")]
    path = Session.new(load_scenario("classic"), players, 3).save(autosave_path())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["players"][1]["bot"] = f"{bot}:Bot"
    path.write_text(json.dumps(document), encoding="utf-8")
    return mark, str(bot)


@pytest.mark.parametrize("choice", ["built_in", "run", "cancel"])
def test_continue_with_a_bot_file_shows_the_path_and_asks_first(home, tmp_path, choice):
    mark, bot_path = autosave_with_bot_file(tmp_path)
    app = title_screen(home)
    click(app, app.scene.buttons["continue"])
    question = app.scene
    assert bot_path in question.text and not mark.exists()
    if choice == "built_in":
        assert app.screenshot("bot_files.png").exists()
    click(app, question.buttons[choice])
    if choice == "cancel":
        assert isinstance(app.scene, TitleScene) and not mark.exists()
        return
    table = table_of(app)
    assert mark.exists() == (choice == "run")
    assert table.session.players[1].bot == ("steady" if choice == "built_in" else f"{bot_path}:Bot")
    assert read_save(autosave_path()).players[1].bot == table.session.players[1].bot


def test_load_with_a_bot_file_asks_first(home, tmp_path):
    from game.client.scenes.load import LoadScene

    mark, bot_path = autosave_with_bot_file(tmp_path)
    autosave_path().rename(saves_dir() / "with-bot.json")
    app = title_screen(home)
    click(app, app.scene.buttons["load"])
    assert isinstance(app.scene, LoadScene) and not mark.exists()
    click(app, app.scene.load_button)
    question = app.scene
    assert bot_path in question.text and not mark.exists()
    click(app, question.buttons["built_in"])
    assert table_of(app).session.players[1].bot == "steady" and not mark.exists()


# --------------------------------------------------------------------------- found 3: peeking in replays

def test_the_running_games_autosave_replays_in_the_public_view_only(home):
    from game.client.scenes.replay import ReplayScene, ReplayViewerScene

    from game.core import sit_in

    session = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), SeatPlayer("Grace")], 5,
                          autosave_path=autosave_path())
    session.apply(sit_in())
    session.apply(sit_in())
    assert session.state.phase == "betting" and all(session.state.hands), "the cards are dealt"
    app = title_screen(home)
    click(app, app.scene.buttons["replays"])
    listing = app.scene
    assert isinstance(listing, ReplayScene)
    index = next(i for i, file in enumerate(listing.listing.files) if file.path == autosave_path())
    listing.selected = index
    listing.open_selected()
    pump(app)
    viewer = app.scene
    assert isinstance(viewer, ReplayViewerScene)
    viewer.go(viewer.replay.length)
    for key in (pygame.K_1, pygame.K_2, pygame.K_v):
        press(app, key)
        assert viewer.viewer is None
    assert all(not button.is_enabled for seat, button in viewer.view_buttons.items() if seat is not None)
    click(app, viewer.layout.seats[0].center)
    assert viewer.viewer is None and viewer.observation().my_cards == ()
    assert viewer.cards_face_up() == {}
    assert "still running" in viewer.viewpoint_text()


# --------------------------------------------------------------------------- in German

def test_the_banner_and_the_bot_file_question_speak_german(home, tmp_path, monkeypatch):
    mark, bot_path = autosave_with_bot_file(tmp_path)
    app = docs_app(home, language="de")
    shots = os.environ.get("TABLE_STAKES_SCREENSHOT_DIR")
    if shots:
        app.screenshot_dir = Path(shots) / "de"
    app.push(TitleScene(app))
    pump(app)
    click(app, app.scene.buttons["continue"])
    question = app.scene
    assert "Platz 2, Evil: " + bot_path in question.text and "mit Ihren Rechten" in question.text
    assert app.screenshot("bot_files.png").exists()
    click(app, question.buttons["built_in"])
    table = table_of(app)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    act_as_person(app)
    assert table.autosave_banner.text.startswith("Automatisches Speichern gescheitert: ")
    assert app.screenshot("autosave_banner.png").exists()
    assert not mark.exists()
