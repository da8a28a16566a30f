"""The replay viewer, driven headless: files listed (and refused with their problem), every step of a
replayed game equal to the core's replay, the public view without private cards, a seat's view with them.

Screenshots of the viewer go to $TABLE_STAKES_SCREENSHOT_DIR when it is set (docs/screenshots/replay.png
and replay_public.png were made that way), else into the test's temporary folder.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pygame
import pytest

from client_support import click, docs_app, make_app, press, pump
from game.client.i18n import t
from game.client.scenes.replay import ReplayScene, ReplayViewerScene
from game.client.scenes.title import TitleScene
from game.content import load_scenario
from game.content.files import autosave_path, histories_dir, saves_dir
from game.content.locale import UI_LOCALE_DIR
from game.content.saves import MAX_FILES, SeatPlayer, list_game_files
from game.core import (
    Action, apply_action, from_json, history_of, legal_actions, new_game, observe, replay, to_json,
)
from game.core import events as ev
from game.debrief.replay import Replay, open_replay
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
SIX_BOTS = "calculator,aggressive,cautious,steady,random,random"


@pytest.fixture
def app(home):
    application = docs_app(home)
    application.push(TitleScene(application))
    pump(application, 2)
    return application


def headless_histories(folder: Path, games: int = 1, seed: int = 7) -> list[Path]:
    """Hand histories written the way a teacher would: by the headless runner."""
    subprocess.run([sys.executable, "main.py", "--headless", "--seats", SIX_BOTS, "--games", str(games),
                    "--seed", str(seed), "--histories", str(folder), "--quiet"],
                   cwd=ROOT, check=True, capture_output=True, text=True)
    return sorted(folder.glob("*.json"))


def bot_game(specs: tuple[str, ...], seed: int):
    """A game between bots played to its end in-process (the headless runner's seat seeds)."""
    from game.bots import make_bot_factory
    scenario = load_scenario("classic")
    state = new_game(scenario, [profile.id for profile in scenario.profiles[:len(specs)]], seed)
    bots = [make_bot_factory(spec)(seed * 10 + seat) for seat, spec in enumerate(specs)]
    while not state.is_over:
        state = apply_action(state, bots[state.to_act].act(observe(state, state.to_act), legal_actions(state))).state
    return state


def showdown_game(seed: int = 1):
    """A three-seat game with several showdowns."""
    return bot_game(("steady", "steady", "cautious"), seed)


def open_from_title(app) -> ReplayScene:
    click(app, app.scene.buttons["replays"])
    assert isinstance(app.scene, ReplayScene)
    return app.scene


def open_showdown_game(app) -> ReplayViewerScene:
    """`showdown_game()` saved as a hand history and opened in the viewer from the title screen."""
    path = histories_dir() / "showdowns.json"
    path.write_text(to_json(history_of(showdown_game())), encoding="utf-8")
    open_from_title(app)
    return open_file(app, path)


def open_file(app, path: Path) -> ReplayViewerScene:
    scene = app.scene
    index = next(i for i, file in enumerate(scene.listing.files) if file.path == path)
    row = scene.file_list.item_list[index]["button_element"]
    click(app, row, steps=1)
    click(app, row)  # a double click opens it
    assert isinstance(app.scene, ReplayViewerScene), scene.note
    return app.scene


def click_at(app, position: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=position, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=position, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=position, button=1))
    pump(app, 3)


def record_draws(scene: ReplayViewerScene) -> list[dict]:
    """What the scene hands the table drawing, frame by frame."""
    calls = []
    original = scene.view.draw

    def draw(surface, view, layout, **kwargs):
        calls.append({"view": view, **kwargs})
        original(surface, view, layout, **kwargs)

    scene.view.draw = draw
    return calls


# --------------------------------------------------------------------------- the title and the file list

def test_the_title_screen_opens_the_replays_and_escape_comes_back(app):
    scene = open_from_title(app)
    assert scene.listing.files == [] and scene.listing.problems == []
    assert not scene.open_button.is_enabled
    press(app, pygame.K_RETURN)  # nothing to open: nothing happens
    assert app.scene is scene
    assert histories_dir().is_dir(), "the folder a teacher drops files into exists"
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, TitleScene)


def test_saves_the_autosave_and_histories_are_listed(app, home):
    history = headless_histories(histories_dir())[0]
    players = [SeatPlayer("Ada"), SeatPlayer("Steady", "steady")]
    session = Session.new(load_scenario("classic"), players, 4, time_limit=None)
    save = session.save(saves_dir() / "ada.json")
    session.autosave_to(autosave_path())
    stray = saves_dir() / "stray-history.json"  # a history in the saves folder replays too
    stray.write_text(history.read_text(encoding="utf-8"), encoding="utf-8")
    scene = open_from_title(app)
    assert [(file.kind, file.path) for file in scene.listing.files] == [
        ("autosave", autosave_path()), ("save", save), ("history", stray), ("history", history)]
    assert scene.listing.problems == []
    history_row = scene.listing.files[3]
    assert history_row.seats == 6 and history_row.actions == len(from_json(history.read_text()).actions)
    assert scene.listing.files[1].players == tuple(players)
    viewer = open_file(app, autosave_path())  # a game without a single action yet
    assert viewer.replay.length == 0 and not viewer.buttons["next"].is_enabled
    for key in (pygame.K_RIGHT, pygame.K_END, pygame.K_PAGEDOWN, pygame.K_LEFT, pygame.K_2, pygame.K_9):
        press(app, key)
    assert viewer.step == 0 and viewer.viewer is None, \
        "keys past the ends change nothing, and a running game's autosave has no seat views to choose"


def test_corrupt_newer_and_foreign_files_are_listed_with_their_problem(app):
    folder = histories_dir()
    good = headless_histories(folder)[0]
    text = good.read_text(encoding="utf-8")
    (folder / "cut.json").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "newer.json").write_text(text.replace('"version": 1', '"version": 9', 1), encoding="utf-8")
    (folder / "notes.json").write_text('{"shopping": ["milk"]}', encoding="utf-8")
    (folder / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (folder / "empty.json").write_text("", encoding="utf-8")
    newer_save = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), SeatPlayer("Bo")], 3).to_document()
    newer_save["version"] = 5
    (saves_dir() / "future.json").write_text(json.dumps(newer_save), encoding="utf-8")
    scene = open_from_title(app)
    assert [file.path for file in scene.listing.files] == [good]
    problems = {error.path.name: error.problem for error in scene.listing.problems}
    assert set(problems) == {"cut.json", "newer.json", "notes.json", "binary.json", "empty.json", "future.json"}
    assert "not valid JSON" in problems["cut.json"] and "cut short" in problems["cut.json"]
    assert "newer version" in problems["newer.json"] and "version 9" in problems["newer.json"]
    assert "no 'format' field" in problems["notes.json"]
    assert "not UTF-8" in problems["binary.json"]
    assert "empty" in problems["empty.json"]
    assert "newer version" in problems["future.json"]
    shown = scene.problems_box.html_text
    for name in problems:
        assert name in shown


def test_a_file_that_does_not_replay_is_refused_with_its_problem(app):
    folder = histories_dir()
    good = headless_histories(folder)[0]
    doc = json.loads(good.read_text(encoding="utf-8"))
    doc["actions"][3] = ["bet", 1]  # nobody may bet during the table stakes round
    damaged = folder / "damaged.json"
    damaged.write_text(json.dumps(doc), encoding="utf-8")
    scene = open_from_title(app)
    assert damaged in [file.path for file in scene.listing.files], "its fields are fine: the replay finds the fault"
    index = [file.path for file in scene.listing.files].index(damaged)
    click(app, scene.file_list.item_list[index]["button_element"])
    click(app, scene.open_button)
    assert app.scene is scene, "refused, not crashed"
    assert "damaged.json" in scene.note
    problem = next(error.problem for error in scene.listing.problems if error.path == damaged)
    assert "action 4" in problem and "does not replay" in problem
    assert "damaged.json" in scene.problems_box.html_text
    assert damaged not in [file.path for file in scene.listing.files]


def test_a_folder_of_thousands_is_read_only_in_part(home, monkeypatch):
    import game.content.saves as module
    folder = histories_dir()
    source = headless_histories(home / "run")[0].read_text(encoding="utf-8")
    for number in range(5):
        (folder / f"game-{number}.json").write_text(source, encoding="utf-8")
    monkeypatch.setattr(module, "MAX_FILES", 3)
    listing = list_game_files()
    assert len(listing.files) == 3 and listing.not_listed == 2
    assert MAX_FILES >= 100


# --------------------------------------------------------------------------- stepping

def test_every_step_of_a_headless_history_is_the_core_replay_forward_and_back(app):
    path = headless_histories(histories_dir())[0]
    history = from_json(path.read_text(encoding="utf-8"))
    expected = [replay(history.scenario, history.seats, history.seed, history.actions[:k])
                for k in range(len(history.actions) + 1)]
    open_from_title(app)
    viewer = open_file(app, path)
    draws = record_draws(viewer)
    assert viewer.replay.length == len(history.actions) > 20
    assert viewer.step == 0 and not viewer.buttons["previous"].is_enabled
    pump(app, 1)
    for k in range(1, len(expected)):
        press(app, pygame.K_RIGHT, steps=1)
        assert viewer.step == k
        assert viewer.replay.state(k) == expected[k]
        assert draws[-1]["view"] == observe(expected[k], None), f"step {k}: the drawn view is the core's"
    press(app, pygame.K_RIGHT, steps=1)
    assert viewer.step == len(expected) - 1, "no step past the end"
    assert not viewer.buttons["next"].is_enabled and viewer.replay.state(viewer.step).is_over
    for k in range(len(expected) - 2, -1, -1):
        press(app, pygame.K_LEFT, steps=1)
        assert viewer.step == k and draws[-1]["view"] == observe(expected[k], None)
    assert viewer.replay.result_matches


def test_buttons_keys_and_the_slider_move_through_the_game(app):
    path = headless_histories(histories_dir())[0]
    open_from_title(app)
    viewer = open_file(app, path)
    game = viewer.replay
    click(app, viewer.buttons["next"])
    click(app, viewer.buttons["next"])
    assert viewer.step == 2
    click(app, viewer.buttons["previous"])
    assert viewer.step == 1
    click(app, viewer.buttons["end"])
    assert viewer.step == game.length and int(viewer.slider.get_current_value()) == game.length
    click(app, viewer.buttons["start"])
    assert viewer.step == 0
    # a year on: the action that ended the first year, whose state is the next year's start
    press(app, pygame.K_PAGEDOWN)
    first_end = viewer.step
    assert game.state(first_end).year == game.state(0).year + 1
    assert game.state(first_end - 1).year == game.state(0).year
    assert any(isinstance(event, ev.YearEnded) for event in game.events(first_end))
    click(app, viewer.buttons["year_forward"])
    assert game.state(viewer.step).year == game.state(0).year + 2
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_PAGEUP)
    assert viewer.step == game.year_start(viewer.step) and game.state(viewer.step).year == game.state(0).year + 2
    press(app, pygame.K_PAGEUP)
    assert viewer.step == first_end
    press(app, pygame.K_END)
    assert viewer.step == game.length
    press(app, pygame.K_HOME)
    assert viewer.step == 0
    click(app, viewer.slider.right_button)  # the slider's own arrow: one step
    assert viewer.step == 1
    viewer.slider.set_current_value(30)
    viewer.on_slider(viewer.slider, 30)  # what a drag reports
    assert viewer.step == 30
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.scene, ReplayScene)


def test_the_step_text_names_the_action_and_the_log_marks_its_lines(app):
    path = headless_histories(histories_dir())[0]
    open_from_title(app)
    viewer = open_file(app, path)
    game = viewer.replay
    assert "actions to replay" in viewer.step_text()
    viewer.go(game.next_year(0))  # the action that ended a year: many lines
    step = viewer.step
    acted = next(event for event in game.events(step) if isinstance(event, ev.Acted))
    name = game.firm_names()[acted.seat]
    assert viewer.step_text().startswith(f"Action {step} of {game.length}")
    assert name in viewer.step_text()
    lines = viewer.lines_of(step)
    assert len(lines) > 2 and viewer.log_until(step)[-len(lines):] == lines
    assert any(line.startswith(f"{game.state(step).year} begins") for line in lines)
    draws = record_draws(viewer)
    pump(app, 1)
    viewer.dirty = True
    pump(app, 1)
    assert draws[-1]["log_lines"][-len(lines):] == lines and draws[-1]["marked_lines"] == len(lines)
    # the replay's log says what is marked, not how to scroll: here PgUp/PgDn jump a year
    assert draws[-1]["log_caption"] == "LOG  (marked: this action)"
    assert "PgUp" not in draws[-1]["log_caption"] and "PgUp" in t("table.log")


# --------------------------------------------------------------------------- what each viewer sees

def test_the_public_view_shows_no_private_card_until_a_showdown(app, home):
    viewer = open_showdown_game(app)
    game = viewer.replay
    draws = record_draws(viewer)
    showdowns = 0
    while True:
        shown = {event.seat: tuple(event.cards) for event in game.events(viewer.step)
                 if isinstance(event, ev.CardsShown)}
        view = draws[-1]["view"] if draws else viewer.observation()
        assert view.viewer is None and view.my_cards == ()
        if draws:
            assert draws[-1]["shown_cards"] == shown, f"step {viewer.step}: only cards shown at a showdown"
        showdowns += bool(shown)
        if viewer.step == game.length:
            break
        press(app, pygame.K_RIGHT, steps=1)
    assert showdowns >= 2, "the game has showdowns to show"


def test_a_seat_view_shows_that_seats_cards_and_no_one_elses(app):
    viewer = open_showdown_game(app)
    game = viewer.replay
    dealt = next(k for k in range(game.length + 1) if game.state(k).phase == "betting")
    viewer.go(dealt)
    press(app, pygame.K_2)
    assert viewer.viewer == 1 and viewer.view_buttons[1].is_selected
    draws = record_draws(viewer)
    for k in range(dealt, game.length + 1):
        viewer.go(k)
        viewer.dirty = True
        pump(app, 1)
        hands = game.state(k).hands
        drawn = draws[-1]
        assert drawn["view"] == observe(game.state(k), 1) and drawn["view"].my_cards == hands[1]
        for seat, cards in drawn["shown_cards"].items():
            if seat != 1:
                assert any(isinstance(event, ev.CardsShown) and event.seat == seat for event in game.events(k))
            elif hands[1]:
                assert cards == hands[1]
        if k == dealt:
            assert drawn["shown_cards"][1] == hands[1] != ()
            assert drawn["cards_caption"] == "PRIVATE R&D CARDS · BOREALIS LABS"
    viewer.go(dealt)
    press(app, pygame.K_v)
    assert viewer.viewer == 2
    press(app, pygame.K_0)
    assert viewer.viewer is None and viewer.view_buttons[None].is_selected
    click_at(app, viewer.layout.seats[2].center)  # a click on a seat's plate: its view
    assert viewer.viewer == 2
    click_at(app, viewer.layout.seats[2].center)  # again: the public view
    assert viewer.viewer is None
    click(app, viewer.view_buttons[0])
    assert viewer.viewer == 0 and "Atlas AI" in viewer.viewpoint_text()
    assert game.observation(dealt, 1) is game.observation(dealt, 1), "an observation is built once"


def test_a_save_replays_with_its_players_names(app):
    players = [SeatPlayer("Ada"), SeatPlayer("Steady", "steady"), SeatPlayer("Careful", "cautious")]
    session = Session.new(load_scenario("classic"), players, 9, time_limit=None)
    while not session.is_over and len(session.state.log) < 40:
        if session.is_bot_turn:
            session.bot_step()
        else:
            legal = session.legal()
            session.apply(Action("sit_in") if legal.can_sit_in else Action("check") if legal.can_check
                          else Action("call") if legal.can_call else Action("sit_out"))
    path = session.save(saves_dir() / "class.json")
    open_from_title(app)
    viewer = open_file(app, path)
    assert viewer.replay.length == len(session.state.log)
    assert viewer.replay.state(viewer.replay.length) == session.state
    assert viewer.seat_labels()[0] == "1 · Ada" and viewer.seat_labels()[1] == "2 · Steady (steady bot)"
    press(app, pygame.K_1)
    assert viewer.viewer is None and "still running" in viewer.viewpoint_text(), "a game not over: public only"
    assert any(line.startswith("Ada ") for line in viewer.log_until(viewer.replay.length))


def test_open_replay_is_the_same_for_a_save_and_its_history(home):
    players = [SeatPlayer("Ada", "steady"), SeatPlayer("Bo", "cautious"), SeatPlayer("Cy", "aggressive")]
    session = Session.new(load_scenario("seed-2024"), players, 2, time_limit=None)
    while len(session.state.log) < 30 and not session.is_over:
        session.bot_step()
    length = len(session.state.log)
    assert length > 10
    save = session.save(home / "save.json")
    history = home / "history.json"
    history.write_text(to_json(session.history()), encoding="utf-8")
    from_save, from_history = open_replay(save), open_replay(history)
    assert from_save.length == from_history.length == length
    assert from_save.state(length) == from_history.state(length) == session.state
    assert from_save.log_names() == ["Ada", "Bo", "Cy"] and from_history.log_names() == from_history.firm_names()


def test_a_history_whose_recorded_result_differs_still_replays_with_a_warning(app):
    path = headless_histories(histories_dir())[0]
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["result"][0]["score"] += 1
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert open_replay(path).result_matches is False
    open_from_title(app)
    viewer = open_file(app, path)
    press(app, pygame.K_END)
    assert viewer.step == viewer.replay.length and not viewer.replay.result_matches


def test_replay_years_and_cards(home):
    state = showdown_game()
    game = Replay(history_of(state))
    assert game.year_starts[0] == 0 and len(game.year_starts) == state.year - game.state(0).year + 1
    assert game.previous_year(0) == 0 and game.next_year(game.length) == game.length
    for start in game.year_starts[1:]:
        assert game.previous_year(start) == game.year_start(start - 1)
        assert game.next_year(start - 1) == start
    for k in range(game.length + 1):
        assert game.cards_shown(k, None).keys() <= {e.seat for e in game.events(k) if isinstance(e, ev.CardsShown)}


# --------------------------------------------------------------------------- languages and pictures

def _keys_and_placeholders(lang: str) -> dict[str, set[str]]:
    with open(UI_LOCALE_DIR / lang / "replay.toml", "rb") as file:
        doc = tomllib.load(file)
    found = {}
    for table, entries in doc.items():
        for name, text in entries.items():
            found[f"{table}.{name}"] = set(re.findall(r"\{(\w+)\}", text))
    return found


def test_the_replay_strings_exist_in_english_and_german_with_the_same_placeholders():
    english, german = _keys_and_placeholders("en"), _keys_and_placeholders("de")
    assert english == german
    source = (ROOT / "game" / "client" / "scenes" / "replay.py").read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\(\s*f?"(replay\.[a-z_{}.]+)"', source))
    used |= set(re.findall(r"\bt\(\s*'(replay\.[a-z_]+)'", source))
    for key in used:
        pattern = re.compile("^" + re.sub(r"\\\{[^}]*\\\}", "[a-z_]+", re.escape(key)) + "$")
        assert any(pattern.match(name) for name in english), key
    for name in english:
        if name.startswith("replay."):
            assert any(re.match("^" + re.sub(r"\\\{[^}]*\\\}", "[a-z_]+", re.escape(key)) + "$", name)
                       for key in used), f"{name} is not used"


def test_the_viewer_speaks_german(home):
    path = headless_histories(histories_dir())[0]
    app = make_app(home, language="de")
    app.push(TitleScene(app))
    pump(app, 2)
    assert app.scene.buttons["replays"].text == "Wiederholungen"
    open_from_title(app)
    viewer = open_file(app, path)
    press(app, pygame.K_PAGEDOWN)
    assert viewer.step_text().startswith(f"Zug {viewer.step} von {viewer.replay.length}")
    draws = record_draws(viewer)
    press(app, pygame.K_3)
    assert viewer.viewer == 2
    assert draws[-1]["cards_caption"] == f"GEHEIME F&E-KARTEN · {viewer.replay.firm_names()[2].upper()}"
    assert draws[-1]["log_caption"] == "PROTOKOLL  (markiert: dieser Zug)"


def test_screenshots_of_a_seat_view_and_the_public_view(app):
    """A classroom game saved with its players' names: mid-game in Grace's view, then a showdown in public."""
    state = bot_game(("steady", "aggressive", "calculator", "cautious", "steady", "random"), 7)
    players = [SeatPlayer("Ada"), SeatPlayer("Grace"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "aggressive"),
               SeatPlayer("Bot C", "calculator"), SeatPlayer("Bot D", "cautious")]
    path = Session(state, players).save(saves_dir() / "classroom.json")
    open_from_title(app)
    viewer = open_file(app, path)
    game = viewer.replay
    showdowns = [k for k in range(game.length + 1) if any(isinstance(e, ev.CardsShown) for e in game.events(k))]
    assert showdowns, "the game has a showdown"
    showdown = next((k for k in showdowns if game.state(k - 1).year > game.state(0).year), showdowns[0])
    seat_view = max(k for k in range(showdown - 2) if game.state(k).phase == "betting" and game.state(k).hands[1]
                    and game.state(k).firms[1].status == "active")
    viewer.go(seat_view)
    click(app, viewer.view_buttons[1])
    assert viewer.cards_face_up()[1] == game.state(seat_view).hands[1]
    assert app.screenshot("replay.png").exists()
    viewer.go(showdown)
    press(app, pygame.K_0)
    assert viewer.viewer is None and viewer.cards_face_up()
    assert app.screenshot("replay_public.png").exists()
