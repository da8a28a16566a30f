"""The new-game setup, settings and load screens, driven headless with synthetic mouse and key events.

Screenshots of the three screens go to $TABLE_STAKES_SCREENSHOT_DIR when it is set (the ones in
docs/screenshots/ were made that way), else into the test's temporary folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from menu_support import choose, click, press, pump, title_screen, type_into
from game.client.layout import table_layout
from game.client.palette import COLOUR_BLIND
from game.client.scenes.title import TitleScene
from game.client.settings import Settings
from game.content import load_scenario
from game.content.files import saves_dir
from game.content.saves import SeatPlayer
from game.session import Session


@pytest.fixture
def app(home):
    return title_screen(home)


def open_from_title(app, name: str):
    click(app, app.scene.buttons[name])
    return app.scene


# --------------------------------------------------------------------------- setup

def test_two_humans_and_two_bots_start_a_table_with_their_firms(app):
    from game.client.scenes.setup import SetupScene
    from game.client.scenes.table import TableScene

    setup = open_from_title(app, "new_game")
    assert isinstance(setup, SetupScene)
    assert [seat.kind for seat in setup.seats] == ["human", "steady", "aggressive", "calculator"]

    type_into(app, setup.seat_widgets[0]["name"], "Ada")
    choose(app, setup.seat_widgets[1]["kind"], "human")
    assert setup.seats[1].name == "Player 1", "a new human seat gets the first free default name"
    type_into(app, setup.seat_widgets[1]["name"], "Grace")
    choose(app, setup.seat_widgets[3]["kind"], "cautious")
    choose(app, setup.seat_widgets[1]["firm"], "eridani")
    choose(app, setup.betting_menu, "pot_limit")
    click(app, setup.race_box)
    type_into(app, setup.seed_entry, "4242")
    assert setup.message == ""
    app.screenshot("setup.png")

    click(app, setup.start_button)
    table = app.scenes[0]  # with two humans, a hand-over screen may lie on top of the table
    assert isinstance(table, TableScene), setup.message
    session = table.session
    assert [(player.name, player.bot) for player in session.players] == [
        ("Ada", None), ("Grace", None), ("Aggressive", "aggressive"), ("Cautious", "cautious")]
    assert session.state.seats == ("atlas", "eridani", "cygnus", "delphi")
    scenario = session.state.scenario
    assert (scenario.id, scenario.betting, scenario.race_mode, session.state.seed) == \
        ("classic", "pot_limit", False, 4242)
    assert session.autosave_path is not None and session.autosave_path.exists()
    assert len(app.scenes) <= 2  # the title and setup are gone (a hand-over screen may be on top)
    pump(app)


def test_a_firm_chosen_twice_is_refused_with_a_message(app):
    from game.client.scenes.setup import SetupScene

    setup = open_from_title(app, "new_game")
    choose(app, setup.seat_widgets[2]["firm"], "atlas")  # seat 1 plays Atlas AI
    assert "Atlas AI" in setup.message and "seat 1" in setup.message
    assert setup.message_label.text == setup.message
    assert [seat.firm for seat in setup.seats] == ["atlas", "borealis", "cygnus", "delphi"]
    assert setup.seat_widgets[2]["firm"].selected_option[1] == "cygnus", "the menu shows the old firm again"

    setup.seats[2].firm = "atlas"  # however it got there, Start refuses it too
    click(app, setup.start_button)
    assert isinstance(app.scene, SetupScene)
    assert "Atlas AI" in app.scene.message


def test_bad_input_shows_a_message_and_seats_can_be_added_and_removed(app):
    from game.client.scenes.setup import SetupScene

    setup = open_from_title(app, "new_game")
    type_into(app, setup.seat_widgets[0]["name"], "   ")
    click(app, setup.start_button)
    assert isinstance(app.scene, SetupScene) and "Seat 1 needs a name" in setup.message

    type_into(app, setup.seat_widgets[0]["name"], "Steady")  # the name of seat 2
    click(app, setup.start_button)
    assert isinstance(app.scene, SetupScene) and "Steady" in setup.message

    for _ in range(6):
        click(app, setup.add_button)
    assert len(setup.seats) == 8 and not setup.add_button.is_enabled
    assert len({seat.firm for seat in setup.seats}) == 8
    assert len({seat.name.casefold() for seat in setup.seats}) == 8
    for _ in range(6):
        click(app, setup.seat_widgets[-1]["remove"])
    assert len(setup.seats) == 2
    assert not setup.seat_widgets[0]["remove"].is_enabled, "two seats are the least"

    setup.relayout()  # a resize or language change keeps every choice
    assert setup.seat_widgets[0]["name"].get_text() == "Steady"
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


def test_changing_the_scenario_resets_the_firms_and_an_all_bot_table_starts(app):
    from game.client.scenes.table import TableScene

    setup = open_from_title(app, "new_game")
    choose(app, setup.seat_widgets[0]["firm"], "helix")
    choose(app, setup.scenario_menu, "seed-2024")
    seed_2024 = load_scenario("seed-2024")
    assert [seat.firm for seat in setup.seats] == [profile.id for profile in seed_2024.profiles[:4]]
    choose(app, setup.seat_widgets[0]["kind"], "random")
    click(app, setup.start_button)
    assert isinstance(app.scene, TableScene), setup.message
    assert all(player.bot for player in app.scene.session.players)
    assert app.scene.session.state.scenario.id == "seed-2024"
    pump(app, 10)  # the bots play on without anyone at the screen


# --------------------------------------------------------------------------- settings

def test_settings_are_applied_saved_and_read_back(app):
    from game.client.scenes.settings import SettingsScene

    scene = open_from_title(app, "settings")
    assert isinstance(scene, SettingsScene)
    app.screenshot("settings.png")
    choose(app, scene.size_menu, "1600x900")
    click(app, scene.palette_box)
    click(app, scene.sound_box)
    choose(app, scene.speed_menu, "fast")
    click(app, scene.delay_slider.right_button)
    assert app.settings.colour_blind is False, "nothing changes before Apply"

    click(app, scene.apply_button)
    assert app.scene is scene
    assert scene.note_label.text == scene.note and scene.note.startswith("Saved")
    assert app.size == (1600, 900)
    expected = Settings(language="en", window_size=(1600, 900), colour_blind=True, sound=False,
                        animation_speed="fast", bot_delay=0.8)
    assert app.settings == expected
    assert app.theme.palette is COLOUR_BLIND
    loaded, warning = Settings.load(app.data_dir)
    assert warning is None and loaded == expected
    assert scene.palette_box.get_state() is True, "the rebuilt screen shows the applied settings"

    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)
    assert app.scene.manager.window_resolution == (1280, 720), "the title was laid out again (1600×900 at 125 %)"


def test_settings_over_a_running_table_relayout_the_table(app):
    from game.client.scenes.pause import PauseScene
    from game.client.scenes.settings import SettingsScene
    from game.client.scenes.table import TableScene

    players = [SeatPlayer("Ada"), SeatPlayer("Steady", "steady"), SeatPlayer("Calc", "calculator")]
    session = Session.new(load_scenario("classic"), players, 5)
    table = TableScene(app, session)
    app.reset_to(table)
    pump(app)
    app.push(PauseScene(app, table))
    pump(app)
    click(app, app.scene.buttons["settings"])
    scene = app.scene
    assert isinstance(scene, SettingsScene)
    choose(app, scene.size_menu, "1024x640")
    click(app, scene.palette_box)
    click(app, scene.apply_button)
    assert app.size == (1024, 640) and app.settings.colour_blind
    assert table.manager.window_resolution == (1024, 640)
    assert table.layout == table_layout((1024, 640), 3)
    press(app, pygame.K_ESCAPE)  # back to the pause menu
    press(app, pygame.K_ESCAPE)  # back to the table
    assert app.scene is table
    pump(app, 6)
    app.draw()


# --------------------------------------------------------------------------- load

def _write_saves(folder: Path) -> Path:
    players = [SeatPlayer("Ada"), SeatPlayer("Steady", "steady"), SeatPlayer("Calc", "calculator")]
    session = Session.new(load_scenario("classic"), players, 11)
    good = session.save(folder / "table-stakes_2026-01-02_10-00-00.json")
    (folder / "broken.json").write_text('{"format": "table-stakes/save", "version": 1, "sav', encoding="utf-8")
    document = json.loads(good.read_text(encoding="utf-8"))
    document["version"] = 99
    (folder / "from-the-future.json").write_text(json.dumps(document), encoding="utf-8")
    return good


def test_load_lists_good_and_unreadable_saves_and_loads_the_good_one(app):
    from game.client.scenes.load import LoadScene
    from game.client.scenes.table import TableScene

    good = _write_saves(saves_dir())
    scene = open_from_title(app, "load")
    assert isinstance(scene, LoadScene)
    assert [info.path for info in scene.listing.saves] == [good]
    problems = {error.path.name: error.problem for error in scene.listing.unreadable}
    assert set(problems) == {"broken.json", "from-the-future.json"}
    assert "newer version" in problems["from-the-future.json"]
    assert "not valid JSON" in problems["broken.json"]
    shown = " ".join(box.html_text for box in scene.manager.get_root_container().elements
                     if hasattr(box, "html_text"))
    assert "broken.json" in shown and "from-the-future.json" in shown and "newer version" in shown
    app.screenshot("load.png")

    row = scene.save_list.item_list[0]["button_element"]
    assert scene.selected == 0, "the newest save is chosen at first"
    click(app, row)  # a click on the chosen row keeps it chosen
    assert scene.selected == 0 and scene.load_button.is_enabled
    assert scene.save_list.get_single_selection(include_object_id=True)[1] == "#save_0"
    click(app, scene.load_button)
    assert isinstance(app.scene, TableScene), scene.note
    assert [player.name for player in app.scene.session.players] == ["Ada", "Steady", "Calc"]
    assert app.scene.session.save_path == good


def test_a_save_that_fails_to_load_shows_a_message(app):
    from game.client.scenes.load import LoadScene

    good = _write_saves(saves_dir())
    scene = open_from_title(app, "load")
    good.unlink()  # gone between listing and loading
    click(app, scene.load_button)
    assert isinstance(app.scene, LoadScene)
    assert good.name in scene.note and "no such file" in scene.note
    assert scene.note_label.text == scene.note


def test_load_over_a_game_with_unsaved_moves_asks_first(app):
    from game.client.scenes.load import LoadScene
    from game.client.scenes.pause import PauseScene
    from game.client.scenes.table import TableScene

    _write_saves(saves_dir())
    session = Session.new(load_scenario("classic"), [SeatPlayer("Bo", "steady"), SeatPlayer("Cy", "steady")], 3)
    session.bot_step()
    assert session.unsaved_changes
    table = TableScene(app, session)
    app.reset_to(table)
    app.push(PauseScene(app, table))
    pump(app)
    click(app, app.scene.buttons["load"])
    scene = app.scene
    assert isinstance(scene, LoadScene)
    click(app, scene.load_button)
    assert app.scene is scene and scene.confirming and "Load again" in scene.note
    click(app, scene.load_button)
    assert isinstance(app.scene, TableScene) and app.scene.session is not session


def test_an_empty_saves_folder_and_escape(app):
    from game.client.scenes.load import LoadScene

    scene = open_from_title(app, "load")
    assert isinstance(scene, LoadScene) and scene.listing.saves == []
    assert not scene.load_button.is_enabled
    press(app, pygame.K_RETURN)  # nothing to load: nothing happens
    assert app.scene is scene
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


# --------------------------------------------------------------------------- locale

def test_every_string_of_these_screens_is_in_the_locale_file():
    import re

    from game.content.locale import ui_locale

    keys = ui_locale("en").keys()
    root = Path(__file__).resolve().parents[1] / "game" / "client" / "scenes"
    for name in ("setup", "settings", "load"):
        source = (root / f"{name}.py").read_text(encoding="utf-8")
        used = set(re.findall(r'\bt\(\s*f?"([a-z_.{}]+)"', source))
        for key in used:
            if "{" in key:
                pattern = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[a-z_]+", re.escape(key)) + "$")
                assert any(pattern.match(k) for k in keys), key
            else:
                assert key in keys, key
        table = {key for key in keys if key.startswith(f"{name}.")}
        assert table, f"no [{name}] table"


def test_a_double_click_on_a_save_loads_it(app):
    from game.client.scenes.table import TableScene

    older = _write_saves(saves_dir())
    players = [SeatPlayer("Zoe"), SeatPlayer("Random", "random")]
    newer = Session.new(load_scenario("seed-2024"), players, 12).save(saves_dir() / "newer.json")
    scene = open_from_title(app, "load")
    assert [info.path for info in scene.listing.saves] == [newer, older], "newest first"
    row = scene.save_list.item_list[1]["button_element"]
    click(app, row, steps=1)
    click(app, row)
    assert isinstance(app.scene, TableScene), scene.note
    assert app.scene.session.save_path == older


def test_every_default_name_is_in_the_players_language(home):
    """Quick game, the setup's seats (two people at one screen: hot-seat) and the setup after a switch of
    language all name people in German in a German game: 'Player' was reported in a German game."""
    from client_support import docs_app
    from game.client.scenes.setup import SetupScene
    from game.client.scenes.table import TableScene

    app = docs_app(home, shipped=True, language="de")
    app.push(TitleScene(app))
    pump(app)
    click(app, app.scene.buttons["quick_game"])
    assert isinstance(app.scene, TableScene)
    names = [player.name for player in app.scene.session.players]
    assert names[0] == "Spieler" and all("Player" not in name for name in names), names

    app.reset_to(TitleScene(app))
    pump(app)
    click(app, app.scene.buttons["new_game"])
    setup = app.scene
    assert isinstance(setup, SetupScene)
    choose(app, setup.seat_widgets[1]["kind"], "human")  # a second person at the same screen
    people = [seat.name for seat in setup.seats if seat.kind == "human"]
    assert people == ["Spieler 1", "Spieler 2"], people

    app.apply_settings(app.settings.replace(language="en"))  # untouched default names follow the language
    assert [seat.name for seat in setup.seats if seat.kind == "human"] == ["Player 1", "Player 2"]
