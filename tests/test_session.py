"""The client's game session: seats, turns, hot-seat hand-over, saves, autosave; and the save files and data
folders (game.content.saves, game.content.files) it uses."""

import json
import os
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from game.bots import BotLoadError
from game.content import load_scenario
from game.content.files import autosave_path, data_dir, new_save_path, saves_dir
from game.content.saves import SAVE_FORMAT, SAVE_VERSION, SaveError, SeatPlayer, list_saves, read_save
from game.core import (
    Action, History, IllegalActionError, SetupError, apply_action, bet, legal_actions, new_game, sit_in, standings,
)
from game.bots import bot_seed
from game.session import Session, TurnError
from support import make_scenario, random_action

ROOT = Path(__file__).resolve().parents[1]
BAD_BOTS = ROOT / "tests" / "data" / "bots" / "misbehaving.py"


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Every test gets its own data folder and home: the real home folder is never touched."""
    monkeypatch.setenv("TABLE_STAKES_HOME", str(tmp_path / "ts-home"))
    monkeypatch.setenv("HOME", str(tmp_path / "user-home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("APPDATA", raising=False)
    return tmp_path / "ts-home"


@pytest.fixture(scope="module")
def classic():
    return load_scenario("classic")


def humans(count):
    return [SeatPlayer(f"Player {i}") for i in range(count)]


def simple_move(legal):
    """A human who stays in cheaply: check, call, sit in; else fold or sit out."""
    for kind, can in (("check", legal.can_check), ("call", legal.can_call), ("sit_in", legal.can_sit_in),
                      ("fold", legal.can_fold)):
        if can:
            return Action(kind)
    return Action("sit_out")


def play_to_end(session, move=simple_move):
    steps = []
    while not session.is_over:
        steps.append(session.apply(move(session.legal())) if session.is_human_turn else session.bot_step())
    return steps


def play_bots(session):
    """Let the bots act until a person is to act or the game is over; their steps."""
    steps = []
    while session.is_bot_turn:
        steps.append(session.bot_step())
    return steps


def human_game(seed=3, seats=3, actions=0):
    """A game of the small test scenario between humans, `actions` random legal actions in."""
    session = Session.new(make_scenario(), humans(seats), seed)
    rng = random.Random(seed)
    for _ in range(actions):
        session.apply(random_action(session.state, rng))
    return session


def finished_human_game(seed=5):
    session = Session.new(make_scenario(), humans(3), seed)
    rng = random.Random(seed)
    while not session.is_over:
        session.apply(random_action(session.state, rng))
    return session


def no_temp_files(folder):
    return [p.name for p in Path(folder).iterdir() if p.name.endswith(".tmp")] == []


# --------------------------------------------------------------------------- purity

def test_importing_the_session_does_not_load_pygame():
    code = "import sys, game.session; print('pygame' in sys.modules, 'pygame_gui' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


# --------------------------------------------------------------------------- players

@pytest.mark.parametrize("typed, stored", [
    ("Ada", "Ada"),
    ("  Zoë 🚀  ", "Zoë 🚀"),
    ("李小龍", "李小龍"),
    ("محمد", "محمد"),
    ("Jos\u0065\u0301", "Jos\u00e9"),  # combining accent normalised (NFC) to one character
    ("x" * 24, "x" * 24),
    ("👩‍💻 Grace", "👩‍💻 Grace"),  # zero-width joiners are part of the emoji
])
def test_player_names_are_what_people_typed_stripped(typed, stored):
    assert SeatPlayer(typed, None).name == stored
    assert SeatPlayer(typed).is_human


@pytest.mark.parametrize("typed, words", [
    ("", "cannot be empty"),
    ("   \t ", "cannot be empty"),
    ("y" * 25, "at most 24 characters"),
    ("two\nlines", "control characters"),
    (42, "must be text"),
])
def test_bad_player_names_are_refused_clearly(typed, words):
    with pytest.raises(ValueError) as refused:
        SeatPlayer(typed)
    assert words in str(refused.value)


def test_seat_players_are_frozen_and_a_bot_spec_must_be_given():
    player = SeatPlayer("Bot", "steady")
    assert not player.is_human
    with pytest.raises(AttributeError):
        player.name = "Other"
    with pytest.raises(ValueError, match="bot"):
        SeatPlayer("Bot", "  ")


# --------------------------------------------------------------------------- a new game

def test_new_game_uses_the_scenarios_first_profiles_and_seeds_bots_per_seat(classic):
    players = [SeatPlayer("Ada"), SeatPlayer("B", "steady"), SeatPlayer("C", "random")]
    session = Session.new(classic, players, 7)
    assert session.state.seats == tuple(p.id for p in classic.profiles[:3])
    assert session.players == tuple(players)
    assert sorted(session.bots) == [1, 2]
    assert {seat: bot.seed for seat, bot in session.bots.items()} == {seat: bot_seed(7, seat) for seat in (1, 2)}
    assert session.state.seed == 7 and not session.unsaved_changes


def test_new_game_with_chosen_profiles(classic):
    chosen = [classic.profiles[4].id, classic.profiles[1].id]
    session = Session.new(classic, humans(2), 1, profiles=chosen)
    assert session.state.seats == tuple(chosen)


@pytest.mark.parametrize("players, profiles, error", [
    (humans(1), None, SetupError),
    (humans(9), None, SetupError),
    (humans(3), ["atlas"], SetupError),
    ([SeatPlayer("A"), SeatPlayer("B", "no-such-bot")], None, BotLoadError),
])
def test_bad_tables_are_refused(classic, players, profiles, error):
    if profiles == ["atlas"]:
        profiles = [classic.profiles[0].id]
    with pytest.raises(error):
        Session.new(classic, players, 1, profiles=profiles)


def test_duplicate_profiles_are_refused_by_the_core(classic):
    twice = [classic.profiles[0].id] * 2
    with pytest.raises(SetupError, match="already sits"):
        Session.new(classic, humans(2), 1, profiles=twice)


def test_views_and_turn_queries_at_the_start(classic):
    session = Session.new(classic, [SeatPlayer("Ada"), SeatPlayer("Bot", "steady")], 7)
    state = session.state
    assert session.to_act == state.to_act == 0
    assert session.is_human_turn and not session.is_bot_turn
    assert session.current_player == SeatPlayer("Ada")
    assert session.legal() == legal_actions(state)
    assert session.observation(0).viewer == 0 and session.public_view().viewer is None
    assert session.public_view().my_cards == ()
    assert session.history() == History(classic, state.seats, 7, ())
    assert [row.seat for row in session.standings()] == [row.seat for row in standings(state)]


# --------------------------------------------------------------------------- playing

def test_a_human_action_returns_a_step_and_advances_the_game(classic):
    session = Session.new(classic, [SeatPlayer("Ada"), SeatPlayer("Bot", "steady")], 7)
    before = session.state
    step = session.apply(sit_in())
    assert session.state == apply_action(before, sit_in()).state and step.version == len(session.state.log) == 1
    assert (step.seat, step.action, step.by_bot, step.incident) == (0, sit_in(), False, None)
    assert step.events and session.unsaved_changes
    assert session.state.log[-1].action == sit_in()


def test_an_illegal_action_raises_the_cores_error_and_changes_nothing(classic, tmp_path):
    session = Session.new(classic, [SeatPlayer("Ada"), SeatPlayer("Bot", "steady")], 7,
                          autosave_path=tmp_path / "auto.json")
    before = session.state
    written = (tmp_path / "auto.json").read_bytes()
    with pytest.raises(IllegalActionError) as refused:
        session.apply(bet(1))
    with pytest.raises(IllegalActionError) as direct:
        apply_action(before, bet(1))
    assert str(refused.value) == str(direct.value)
    assert session.state is before and not session.unsaved_changes
    assert (tmp_path / "auto.json").read_bytes() == written


def test_turns_are_kept_apart(classic):
    session = Session.new(classic, [SeatPlayer("Bot", "steady"), SeatPlayer("Ada")], 7)
    assert session.to_act == 0 and session.is_bot_turn
    with pytest.raises(TurnError, match="bot_step"):
        session.apply(sit_in())
    before = session.state
    step = session.bot_step()
    assert step.by_bot and step.seat == 0 and step.action in legal_actions(before)
    steps = play_bots(session)  # the bot may take free actions (set_mix) before it decides
    assert all(s.by_bot and s.seat == 0 for s in steps)
    assert session.is_human_turn
    with pytest.raises(TurnError, match="apply"):
        session.bot_step()


def test_a_game_plays_to_its_end_and_records_its_result(classic):
    session = Session.new(classic, [SeatPlayer("Ada"), SeatPlayer("B", "steady"), SeatPlayer("C", "cautious"),
                                    SeatPlayer("D", "calculator")], 11)
    steps = play_to_end(session)
    assert session.is_over and session.to_act is None and session.current_player is None
    assert not session.is_human_turn and not session.is_bot_turn
    assert len(steps) == len(session.state.log)
    history = session.history()
    assert history.result == standings(session.state) and history.replay() == session.state
    with pytest.raises(TurnError):
        session.bot_step()
    with pytest.raises(IllegalActionError, match="over"):
        session.apply(Action("check"))
    assert not session.is_bot_turn


def test_bot_games_are_reproducible_from_the_seed(classic):
    def run():
        players = [SeatPlayer(n, b) for n, b in (("A", "steady"), ("B", "aggressive"), ("C", "random"))]
        session = Session.new(classic, players, 21)
        play_bots(session)
        return session.state

    assert run() == run()


def test_bots_go_through_the_referee_and_incidents_are_counted(classic):
    players = [SeatPlayer("Crash", f"{BAD_BOTS}:Crashes"), SeatPlayer("Cheat", f"{BAD_BOTS}:Cheats"),
               SeatPlayer("Good", "steady")]
    session = Session.new(classic, players, 3)
    first, second = session.bot_step(), session.bot_step()
    assert (first.seat, first.incident) == (0, "raised") and first.action == Action("sit_out")
    assert (second.seat, second.incident) == (1, "illegal")
    play_bots(session)
    assert session.incidents[0]["raised"] >= 1 and session.incidents[1]["illegal"] >= 1
    assert session.incidents[2] == {}


def test_a_dawdling_bot_is_stopped_by_the_time_limit(classic):
    players = [SeatPlayer("Slow", f"{BAD_BOTS}:Dawdles"), SeatPlayer("Ada")]
    session = Session.new(classic, players, 3, time_limit=0.05)
    step = session.bot_step()
    assert step.incident == "timeout" and session.incidents[0] == {"timeout": 1}


# --------------------------------------------------------------------------- hot seat

def test_hot_seat_hand_over_between_different_people(classic):
    session = Session.new(classic, [SeatPlayer("Ada"), SeatPlayer("Bot", "steady"), SeatPlayer("Bea")], 7)
    hot_seat = session.hot_seat
    assert hot_seat.people == (0, 2)
    assert session.to_act == 0 and hot_seat.needs_handover(session.public_view(), None)  # nobody on screen yet
    session.apply(Action("set_mix", 20))  # a free action: Ada keeps her turn, and the screen
    assert not hot_seat.needs_handover(session.public_view(), 0)
    session.apply(sit_in())
    assert session.is_bot_turn and hot_seat.screen_seat(session.public_view(), 0) == 0
    play_bots(session)
    assert session.to_act == 2 and hot_seat.needs_handover(session.public_view(), 0)


def test_a_single_person_never_needs_a_hand_over(classic):
    session = Session.new(classic, [SeatPlayer("Ada"), SeatPlayer("B", "steady"), SeatPlayer("C", "random")], 4)
    while not session.is_over:
        view = session.public_view()
        assert not session.hot_seat.needs_handover(view, None) and session.hot_seat.screen_seat(view, None) == 0
        session.apply(simple_move(session.legal())) if session.is_human_turn else session.bot_step()


def test_bots_only_is_spectating(classic):
    session = Session.new(classic, [SeatPlayer("A", "steady"), SeatPlayer("B", "random")], 4)
    view = session.public_view()
    assert session.hot_seat.screen_seat(view, None) is None and not session.hot_seat.needs_handover(view, None)


# --------------------------------------------------------------------------- saving and loading

def test_a_save_is_versioned_json_with_the_history_nested(classic, tmp_path):
    session = Session.new(classic, [SeatPlayer("Zoë 🚀"), SeatPlayer("Bot", "steady")], 7)
    session.apply(sit_in())
    path = session.save(tmp_path / "game.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == SAVE_FORMAT == "table-stakes/save" and doc["version"] == SAVE_VERSION == 1
    saved_at = datetime.fromisoformat(doc["saved_at"])
    assert saved_at.tzinfo is not None and abs(datetime.now(timezone.utc) - saved_at) < timedelta(minutes=1)
    assert doc["players"] == [{"name": "Zoë 🚀", "bot": None}, {"name": "Bot", "bot": "steady"}]
    assert doc["year"] == 2024 and doc["over"] is False
    history = doc["history"]
    assert isinstance(history, dict) and history["format"] == "table-stakes/history"
    assert history["scenario"]["id"] == "classic" and history["seed"] == 7
    assert history["actions"] == [["sit_in", None]]
    assert "Zoë 🚀" in path.read_text(encoding="utf-8")  # readable, not escaped
    assert no_temp_files(tmp_path) and session.save_path == path


@pytest.mark.parametrize("stop", [0, 1, 7, 40, 150])
def test_a_loaded_game_resumes_exactly(tmp_path, stop):
    session = human_game(actions=0)
    rng = random.Random(99)
    for _ in range(stop):
        if session.is_over:
            break
        session.apply(random_action(session.state, rng))
    session.save(tmp_path / "s.json")
    loaded = Session.load(tmp_path / "s.json")
    assert loaded.state == session.state and loaded.players == session.players
    assert loaded.history() == session.history()
    # both play on identically
    follow = random.Random(7)
    for _ in range(30):
        if session.is_over:
            break
        action = random_action(session.state, follow)
        assert session.apply(action) == loaded.apply(action)
    assert loaded.state == session.state


def test_a_bot_game_resumes_exactly_and_bots_are_rebuilt_with_fresh_memory(classic, tmp_path):
    players = [SeatPlayer("Ada"), SeatPlayer("Calc", "calculator"), SeatPlayer("Steady", "steady")]
    session = Session.new(classic, players, 12)
    for _ in range(25):
        if session.is_over:
            break
        session.apply(simple_move(session.legal())) if session.is_human_turn else session.bot_step()
    session.save(tmp_path / "s.json")
    loaded = Session.load(tmp_path / "s.json")
    assert loaded.state == session.state
    assert {s: type(b) for s, b in loaded.bots.items()} == {s: type(b) for s, b in session.bots.items()}
    assert {s: b.seed for s, b in loaded.bots.items()} == {seat: bot_seed(12, seat) for seat in (1, 2)}
    assert all(loaded.bots[s] is not session.bots[s] for s in loaded.bots)
    play_to_end(loaded)
    assert loaded.is_over


def test_a_finished_game_loads_with_its_result(tmp_path):
    session = finished_human_game()
    session.save(tmp_path / "done.json")
    loaded = Session.load(tmp_path / "done.json")
    assert loaded.is_over and loaded.history().result == session.history().result != ()
    info = read_save(tmp_path / "done.json")
    assert info.over and info.year == session.state.year


def test_unsaved_changes_follow_explicit_saves_only(tmp_path):
    session = human_game()
    assert not session.unsaved_changes
    session.autosave_to(tmp_path / "auto.json")
    session.apply(sit_in())
    assert session.unsaved_changes  # the autosave does not count: the player named no save
    session.save(tmp_path / "mine.json")
    assert not session.unsaved_changes
    session.apply(sit_in())
    assert session.unsaved_changes
    assert not Session.load(tmp_path / "mine.json").unsaved_changes


def test_a_save_that_cannot_be_written_is_a_save_error_and_keeps_the_flag(tmp_path):
    session = human_game()
    session.apply(sit_in())
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(SaveError) as refused:
        session.save(tmp_path / "a-file" / "game.json")
    assert "game.json" in str(refused.value) and "cannot be written" in str(refused.value)
    assert session.unsaved_changes


def test_saving_over_an_old_save_replaces_it_whole(tmp_path):
    session = human_game()
    path = tmp_path / "s.json"
    session.save(path)
    session.apply(sit_in())
    session.save(path)
    assert Session.load(path).state == session.state and no_temp_files(tmp_path)


# --------------------------------------------------------------------------- autosave

def test_autosave_rewrites_the_file_after_every_action(classic, tmp_path):
    path = tmp_path / "auto" / "autosave.json"
    players = [SeatPlayer("Ada"), SeatPlayer("Bot", "steady"), SeatPlayer("Bob", "random")]
    session = Session.new(classic, players, 8, autosave_path=path)
    assert session.autosave_path == path and path.exists()  # written at once
    for _ in range(30):
        if session.is_over:
            break
        step = session.apply(simple_move(session.legal())) if session.is_human_turn else session.bot_step()
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert len(doc["history"]["actions"]) == step.version
        assert session.autosave_error is None
    assert Session.load(path).state == session.state
    assert no_temp_files(path.parent)


def test_autosave_can_be_turned_off(tmp_path):
    session = human_game()
    session.autosave_to(tmp_path / "auto.json")
    session.autosave_to(None)
    before = (tmp_path / "auto.json").read_bytes()
    session.apply(sit_in())
    assert session.autosave_path is None and (tmp_path / "auto.json").read_bytes() == before


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_a_crash_while_autosaving_leaves_the_previous_autosave_whole(tmp_path, monkeypatch, broken):
    path = tmp_path / "autosave.json"
    session = human_game(actions=3)
    session.autosave_to(path)
    session.apply(Action("set_mix", 10))  # always legal on one's turn
    before_bytes, before_state = path.read_bytes(), session.state

    class Crash(BaseException):
        """Stands for the process dying mid-write (not an OSError: nothing catches it)."""

    def crash(*args, **kwargs):
        raise Crash

    monkeypatch.setattr(os, broken, crash)
    with pytest.raises(Crash):
        session.apply(Action("set_mix", 20))
    monkeypatch.undo()
    assert path.read_bytes() == before_bytes
    assert Session.load(path).state == before_state
    assert no_temp_files(tmp_path)


def test_a_failing_autosave_is_reported_and_the_game_goes_on(tmp_path, monkeypatch):
    path = tmp_path / "autosave.json"
    session = human_game()
    session.autosave_to(path)
    session.apply(sit_in())
    before_bytes, before_state = path.read_bytes(), session.state

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    step = session.apply(sit_in())
    assert step.version == len(session.state.log)
    assert isinstance(session.autosave_error, SaveError) and "No space left" in str(session.autosave_error)
    assert "autosave.json" in str(session.autosave_error)
    assert path.read_bytes() == before_bytes and Session.load(path).state == before_state
    monkeypatch.undo()
    session.apply(sit_in())
    assert session.autosave_error is None and Session.load(path).state == session.state


def test_loading_with_an_autosave_path_keeps_autosaving(tmp_path):
    session = human_game(actions=2)
    session.save(tmp_path / "s.json")
    loaded = Session.load(tmp_path / "s.json", autosave_path=tmp_path / "auto.json")
    loaded.apply(sit_in())
    assert Session.load(tmp_path / "auto.json").state == loaded.state


# --------------------------------------------------------------------------- corrupt saves

def saved_doc(tmp_path):
    session = human_game(actions=6)
    path = session.save(tmp_path / "good.json")
    return json.loads(path.read_text(encoding="utf-8"))


def refused(path):
    with pytest.raises(SaveError) as error:
        Session.load(path)
    assert error.value.path == Path(path)
    assert Path(path).name in str(error.value)
    return str(error.value)


def edit(change):
    """A mutation that changes the document in place (whatever `change` returns is dropped)."""
    def mutate(doc):
        change(doc)
    return mutate


def set_action(index, value):
    return edit(lambda doc: doc["history"]["actions"].__setitem__(index, value))


CORRUPT_DOCS = [
    ("not-an-object", lambda d: [d], "expected a JSON object"),
    ("a-history", lambda d: d["history"], "hand history, not a save"),
    ("no-format", edit(lambda d: d.pop("format")), "no 'format' field"),
    ("other-format", edit(lambda d: d.update(format="chess/save")), "not a Table Stakes save"),
    ("newer", edit(lambda d: d.update(version=2)), "update Table Stakes"),
    ("older", edit(lambda d: d.update(version=0)), "no longer supported"),
    ("version-text", edit(lambda d: d.update(version="1")), "field 'version': expected a whole number"),
    ("version-bool", edit(lambda d: d.update(version=True)), "field 'version': expected a whole number"),
    ("no-saved-at", edit(lambda d: d.pop("saved_at")), "field 'saved_at' is missing"),
    ("bad-saved-at", edit(lambda d: d.update(saved_at="yesterday")), "ISO date and time"),
    ("year-text", edit(lambda d: d.update(year="2025")), "field 'year'"),
    ("over-number", edit(lambda d: d.update(over=0)), "field 'over': expected true or false"),
    ("no-players", edit(lambda d: d.pop("players")), "field 'players' is missing"),
    ("players-object", edit(lambda d: d.update(players={"a": 1})), "field 'players': expected a list"),
    ("player-number", edit(lambda d: d["players"].__setitem__(0, 5)), "players[0]"),
    ("player-no-name", edit(lambda d: d["players"][1].pop("name")), "players[1].name' is missing"),
    ("player-long-name", edit(lambda d: d["players"][0].update(name="z" * 30)), "at most 24 characters"),
    ("player-bot-number", edit(lambda d: d["players"][2].update(bot=3)), "players[2].bot"),
    ("too-few-players", edit(lambda d: d["players"].pop()), "2 players for a game of 3 seats"),
    ("unknown-bot", edit(lambda d: d["players"][1].update(bot="telepath")), "unknown bot 'telepath'"),
    ("no-history", edit(lambda d: d.pop("history")), "field 'history' is missing"),
    ("history-list", edit(lambda d: d.update(history=[])), "field 'history': expected a hand history"),
    ("no-scenario", edit(lambda d: d["history"].pop("scenario")), "'history.scenario' is missing"),
    ("broken-scenario", edit(lambda d: d["history"]["scenario"]["rules"].update(betting="wild")),
     "scenario no longer validates: field 'rules.betting'"),
    ("newer-scenario", edit(lambda d: d["history"]["scenario"].update(format=9)), "scenario no longer validates"),
    ("history-version", edit(lambda d: d["history"].update(version=5)), "update Table Stakes"),
    ("state-not-history", edit(lambda d: d["history"].update(format="table-stakes/state")),
     "field 'history.format': expected 'table-stakes/history'"),
    ("no-seed", edit(lambda d: d["history"].pop("seed")), "'seed': is missing"),
    ("negative-seed", edit(lambda d: d["history"].update(seed=-3)), "'seed'"),
    ("unknown-action", set_action(0, ["dance", None]), "unknown action kind 'dance'"),
    ("action-amount-text", set_action(1, ["bet", "lots"]), "expected a whole number"),
    ("illegal-action", set_action(0, ["bet", 5]), "does not replay"),
    ("unknown-firm", edit(lambda d: d["history"].update(seats=["f0", "f1", "nobody"])), "cannot be set up"),
    ("duplicate-firm", edit(lambda d: d["history"].update(seats=["f0", "f0", "f1"])), "cannot be set up"),
    ("tampered-result", edit(lambda d: d["history"].update(result=[
        {"rank": 1, "seat": 0, "name": "x", "score": 1, "net_worth": 1, "ownership": 1.0, "preference": 0,
         "agi_winner": False, "exited": False}])), "recorded result does not match"),
]


@pytest.mark.parametrize("name, mutate, words", CORRUPT_DOCS, ids=[case[0] for case in CORRUPT_DOCS])
def test_corrupt_saves_are_refused_naming_the_file_and_the_problem(tmp_path, name, mutate, words):
    doc = saved_doc(tmp_path)
    replaced = mutate(doc)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc if replaced is None else replaced), encoding="utf-8")
    assert words in refused(path)


@pytest.mark.parametrize("content, words", [
    (b"", "is empty"),
    (b"   \n", "is empty"),
    (b'{"format": "table-stakes/save", "version": 1, "saved_', "not valid JSON"),  # cut short mid-write
    (b"<html>not json</html>", "not valid JSON"),
    (b"\xff\xfe\x00\x01binary", "not UTF-8"),
    (b"[" * 100_000, "not"),
    (b"null", "expected a JSON object"),
])
def test_files_that_are_not_saves_at_all_are_refused(tmp_path, content, words):
    path = tmp_path / "weird.json"
    path.write_bytes(content)
    assert words in refused(path)


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    assert "no such file" in refused(tmp_path / "nowhere.json")
    (tmp_path / "folder.json").mkdir()
    assert "folder" in refused(tmp_path / "folder.json")


def test_a_finished_game_with_its_result_removed_is_refused(tmp_path):
    session = finished_human_game()
    doc = session.to_document()
    doc["history"]["result"] = []
    path = tmp_path / "no-result.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert "recorded result does not match" in refused(path)


def test_a_save_with_a_byte_order_mark_still_loads(tmp_path):
    session = human_game(actions=4)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(session.to_document()).encode())
    assert Session.load(path).state == session.state


# --------------------------------------------------------------------------- folders and the save list

def test_data_folders_follow_table_stakes_home_and_are_created_on_demand(private_home):
    assert not private_home.exists()
    assert data_dir() == private_home and private_home.is_dir()
    assert saves_dir() == private_home / "saves" and saves_dir().is_dir()
    assert autosave_path() == private_home / "autosave.json" and not autosave_path().exists()


@pytest.mark.parametrize("platform, env, expected", [
    ("linux", {}, "user-home/.local/share/table-stakes"),
    ("linux", {"XDG_DATA_HOME": "{tmp}/xdg"}, "xdg/table-stakes"),
    ("linux", {"XDG_DATA_HOME": "relative/ignored"}, "user-home/.local/share/table-stakes"),
    ("darwin", {}, "user-home/Library/Application Support/TableStakes"),
    ("win32", {"APPDATA": "{tmp}/Roaming"}, "Roaming/TableStakes"),
    ("win32", {}, "user-home/AppData/Roaming/TableStakes"),
])
def test_default_data_folders_per_platform(tmp_path, monkeypatch, platform, env, expected):
    monkeypatch.delenv("TABLE_STAKES_HOME")
    monkeypatch.setattr(sys, "platform", platform)
    for key, value in env.items():
        monkeypatch.setenv(key, value.format(tmp=tmp_path))
    assert data_dir(create=False) == tmp_path / expected
    assert not (tmp_path / expected).exists()
    assert data_dir() == tmp_path / expected and (tmp_path / expected).is_dir()


def test_list_saves_newest_first_and_reports_unreadable_files(classic, tmp_path):
    folder = saves_dir()
    older = Session.new(classic, [SeatPlayer("Ada"), SeatPlayer("Bot", "steady")], 1)
    older.save(folder / "older.json")
    newer = finished_human_game()
    newer.save(folder / "newer.json")
    doc = json.loads((folder / "older.json").read_text(encoding="utf-8"))
    doc["saved_at"] = "2020-01-01T10:00:00+00:00"
    (folder / "oldest.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "broken.json").write_text("{", encoding="utf-8")
    (folder / ".newer.json.abc.tmp").write_text("half a save")  # a crashed write: not listed
    (folder / "notes.txt").write_text("not a save")

    listing = list_saves()
    assert [info.path.name for info in listing.saves] == ["newer.json", "older.json", "oldest.json"]
    first = listing.saves[0]
    assert first.over and first.year == newer.state.year and first.scenario.id == "test"
    assert first.players == newer.players and first.saved_at.tzinfo is not None
    assert listing.saves[1].players == (SeatPlayer("Ada"), SeatPlayer("Bot", "steady"))
    assert listing.saves[1].year == 2024 and not listing.saves[1].over
    assert [error.path.name for error in listing.unreadable] == ["broken.json"]
    assert "not valid JSON" in str(listing.unreadable[0])
    saves, unreadable = list_saves(folder)  # unpacks too
    assert len(saves) == 3 and len(unreadable) == 1


def test_list_saves_of_an_empty_folder(tmp_path):
    assert list_saves() == ([], [])
    assert list_saves(tmp_path / "empty-but-there").saves == []


def test_new_save_paths_are_unique_and_in_the_saves_folder():
    moment = datetime(2025, 3, 1, 12, 30, 5)
    first = new_save_path(moment)
    assert first.parent == saves_dir() and first.suffix == ".json" and ":" not in first.name
    human_game().save(first)
    second = new_save_path(moment)
    assert second != first and not second.exists()


def test_the_core_new_game_and_the_session_agree(classic):
    session = Session.new(classic, humans(4), 9)
    assert session.state == new_game(classic, [p.id for p in classic.profiles[:4]], 9)


def test_a_save_from_the_old_rules_is_refused_saying_so_in_every_reader(tmp_path):
    """Saves written before Economy v2 carry no rules version: Load, the debrief, the Replays screen
    and --replay refuse them with the reason, never as a damaged file and never replayed wrongly."""
    from game.content.saves import read_game_file
    from game.debrief import load_debrief
    doc = saved_doc(tmp_path)
    del doc["history"]["rules"]
    path = tmp_path / "before-economy-v2.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    words = "played under rules version 1"
    assert words in refused(path) and "damaged" not in refused(path)
    with pytest.raises(SaveError, match=words):
        load_debrief(path)
    with pytest.raises(SaveError, match=words):
        read_game_file(path)
    history = tmp_path / "history.json"
    history.write_text(json.dumps(doc["history"]), encoding="utf-8")
    result = subprocess.run([sys.executable, "main.py", "--replay", str(history)], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
