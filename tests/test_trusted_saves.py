"""Saves that cannot run code or be lost quietly (issue 11, found 1 and 2), below the window:
a save naming a bot file imports nothing until the player agrees; every save-related `OSError`
is a `SaveError`; stale temporary files go; a data folder that cannot be written is found at
start; bad settings fall back to defaults with a note."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.client.settings import SETTINGS_FILE, Settings
from game.content import files
from game.content.files import (
    autosave_path, data_folder_problem, remove_stale_temp_files, saves_dir, write_atomically,
)
from game.content.saves import SaveError, SeatPlayer, list_game_files, list_saves, read_save
from game.session import BotFiles, BotFilesInSave, Session, file_bots
from support import make_scenario


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TABLE_STAKES_HOME", str(tmp_path / "ts-home"))
    return tmp_path / "ts-home"


def unwritable_home(tmp_path, monkeypatch) -> Path:
    """A data folder that cannot be made: its parent is a file (refused even to root, unlike a chmod)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    monkeypatch.setenv("TABLE_STAKES_HOME", str(blocker / "ts-home"))
    return blocker / "ts-home"


# --------------------------------------------------------------------------- found 2: a save runs code

def evil_bot(folder: Path) -> tuple[Path, Path]:
    """A bot file that leaves a mark when it is imported, and where that mark would be."""
    mark = folder / "imported.txt"
    bot = folder / "evil_bot.py"
    bot.write_text(f"from pathlib import Path\nPath({str(mark)!r}).write_text('ran')\n\n"
                   "class Bot:\n    def __init__(self, seed):\n        pass\n\n"
                   "    def act(self, observation, legal):\n        return legal.pass_action\n", encoding="utf-8")
    return bot, mark


def save_with_bot_file(tmp_path) -> tuple[Path, Path, str]:
    """A save whose third seat names a bot file (edited in by hand, as a hostile file would be)."""
    bot, mark = evil_bot(tmp_path)
    spec = f"{bot}:Bot"
    players = [SeatPlayer("Ada"), SeatPlayer("Steady", "steady"), SeatPlayer("Evil", "random")]
    path = Session.new(make_scenario(), players, 3).save(saves_dir() / "with-bot-file.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["players"][2]["bot"] = spec
    path.write_text(json.dumps(document), encoding="utf-8")
    return path, mark, spec


def test_reading_listing_replaying_or_debriefing_a_save_never_imports_its_bot_file(tmp_path):
    from game.debrief import load_debrief
    from game.debrief.replay import open_replay

    path, mark, spec = save_with_bot_file(tmp_path)
    assert read_save(path).players[2].bot == spec
    assert [save.path for save in list_saves().saves] == [path]
    assert path in [file.path for file in list_game_files().files]
    open_replay(path)
    load_debrief(path)
    assert not mark.exists()


def test_loading_a_save_with_a_bot_file_asks_first_and_imports_nothing(tmp_path):
    path, mark, spec = save_with_bot_file(tmp_path)
    assert file_bots(read_save(path).players) == {2: spec}
    with pytest.raises(BotFilesInSave) as asked:
        Session.load(path)
    assert asked.value.bot_files == {2: spec} and isinstance(asked.value, SaveError)
    assert str(tmp_path / "evil_bot.py") in str(asked.value)
    assert not mark.exists()


def test_a_bot_file_seat_can_be_played_by_a_built_in_bot_instead(tmp_path):
    path, mark, _ = save_with_bot_file(tmp_path)
    session = Session.load(path, bot_files=BotFiles.BUILT_IN)
    assert [player.bot for player in session.players] == [None, "steady", "steady"]
    assert session.players[2].name == "Evil"
    assert not mark.exists()


def test_a_bot_file_runs_only_when_the_player_agrees(tmp_path):
    path, mark, spec = save_with_bot_file(tmp_path)
    session = Session.load(path, bot_files=BotFiles.RUN)
    assert mark.exists() and session.players[2].bot == spec


def test_built_in_bots_load_by_name_without_a_question(tmp_path):
    session = Session.new(make_scenario(), [SeatPlayer("Ada"), SeatPlayer("Bot", "cautious")], 4)
    path = session.save(tmp_path / "plain.json")
    assert file_bots(session.players) == {}
    assert Session.load(path).players == session.players


# --------------------------------------------------------------------------- found 1: saves that fail

def test_saving_under_a_new_name_where_no_folder_can_be_made_is_a_save_error(tmp_path, monkeypatch):
    session = Session.new(make_scenario(), [SeatPlayer("Ada"), SeatPlayer("Bo")], 4)
    home = unwritable_home(tmp_path, monkeypatch)
    with pytest.raises(SaveError) as error:
        session.save_new()
    assert error.value.path == home / "saves" and "Not a directory" in str(error.value)
    assert session.save_path is None


def test_saving_under_a_new_name_writes_a_fresh_file_in_the_saves_folder():
    session = Session.new(make_scenario(), [SeatPlayer("Ada"), SeatPlayer("Bo")], 4)
    first, second = session.save_new(), session.save_new()
    assert first.parent == saves_dir() and first != second
    assert read_save(second).players == session.players


def test_an_autosave_where_no_folder_can_be_made_is_reported_not_raised(tmp_path, monkeypatch):
    unwritable_home(tmp_path, monkeypatch)
    session = Session.new(make_scenario(), [SeatPlayer("Ada"), SeatPlayer("Bo")], 4,
                          autosave_path=autosave_path(create=False))
    assert isinstance(session.autosave_error, SaveError)
    assert "Not a directory" in str(session.autosave_error)


def test_the_data_folder_problem_names_a_folder_that_cannot_be_made_or_written(tmp_path, monkeypatch):
    assert data_folder_problem() is None
    assert list(files.data_dir().iterdir()) == [], "the check leaves nothing behind"
    home = unwritable_home(tmp_path, monkeypatch)
    problem = data_folder_problem()
    assert problem is not None and problem.path == home and "Not a directory" in str(problem)


def test_a_full_disk_is_found_by_the_start_up_check(monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    problem = data_folder_problem()
    assert problem is not None and "No space left on device" in str(problem)
    monkeypatch.undo()
    assert [path.name for path in files.data_dir().iterdir()] == []


def test_stale_temporary_files_are_removed_and_a_running_writers_are_kept(tmp_path):
    folder = files.data_dir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = [folder / f".autosave.json.{dead.stdout.strip()}.abc123.tmp", saves_dir() / ".x.json.k2j3.tmp",
             files.exports_dir() / "classic-1" / f".years.csv.{dead.stdout.strip()}.q.tmp"]
    live = folder / f".settings.json.{os.getpid()}.zz.tmp"
    old_live = folder / f".autosave.json.{os.getpid()}.old.tmp"
    for path in [*stale, live, old_live]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a file", encoding="utf-8")
    a_day_ago = time.time() - 86400
    os.utime(old_live, (a_day_ago, a_day_ago))
    keep = folder / "autosave.json"
    keep.write_text("{}", encoding="utf-8")
    assert sorted(remove_stale_temp_files()) == sorted([*stale, old_live])
    assert live.exists() and keep.exists() and not any(path.exists() for path in [*stale, old_live])


def test_a_temporary_file_names_the_process_writing_it(monkeypatch, tmp_path):
    seen = []
    real_replace = os.replace

    def watch(source, target):
        seen.append(Path(source).name)
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", watch)
    write_atomically(tmp_path / "autosave.json", "{}")
    assert seen and seen[0].startswith(f".autosave.json.{os.getpid()}.") and seen[0].endswith(".tmp")


# --------------------------------------------------------------------------- found 1: bad settings

@pytest.mark.parametrize("size", [[-5, 0], [0, 0], [100000, 720], [1280], "big", [1280.5, 720], [True, 720]])
def test_a_bad_window_size_falls_back_to_the_default_size_and_keeps_the_rest(size):
    home = files.data_dir()
    good = Settings(language="de", colour_blind=True)
    good.save(home)
    document = json.loads((home / SETTINGS_FILE).read_text(encoding="utf-8"))
    document["window_size"] = size
    (home / SETTINGS_FILE).write_text(json.dumps(document), encoding="utf-8")
    settings, note = Settings.load(home)
    assert settings == good.replace(window_size=Settings().window_size)
    assert note is not None and note.ignored == ("window_size",) and str(home / SETTINGS_FILE) in str(note)


@pytest.mark.parametrize("content", [b"\xff\xfe not text", b"[1, 2]", b"{not json", b'{"bot_delay": 1e999}',
                                     b'{"bot_delay": -3}', b'{"language": 5}'])
def test_a_broken_settings_file_gives_defaults_and_a_note_naming_it(content):
    home = files.data_dir()
    (home / SETTINGS_FILE).write_bytes(content)
    settings, note = Settings.load(home)
    assert settings.window_size == Settings().window_size and settings.bot_delay == Settings().bot_delay
    assert note is not None and SETTINGS_FILE in str(note)
