"""Saved games: the save document and the hand history document, and the one reader of both.

A **hand history** is the core's document (`game.core.to_json` of a `History`): the scenario,
the seats, the seed, every action and, once the game is over, the result. It is enough to
replay the game exactly. The headless runner writes one per game, the debrief exports one.

A **save** (DESIGN.md §4) is versioned JSON, never pickle, with the history nested and who
played each seat::

    {"format": "table-stakes/save", "version": 1, "saved_at": "2025-01-31T18:04:05.123456+00:00",
     "year": 2026, "over": false,
     "players": [{"name": "Ada", "bot": null}, {"name": "Steady", "bot": "steady"}, ...],
     "history": {"format": "table-stakes/history", "version": 1, "scenario": {...}, "seats": [...],
                 "seed": 7, "actions": [...], "result": [...]}}

`read_game_file` reads either; `read_save` reads a save only (what Load and Continue open).
Both check every field but do not replay the game: a `GameFile` holds its history and, for a
save, its players (whose bots are not built, so a save whose bot file has gone can still be
replayed or debriefed). The file is read by the hardened reader (`reader.read_json`: size,
nesting, digits, encoding). Every problem with a file is a `SaveError` naming the file and the
problem (in English, and as a core `Problem` for the client to say in the player's language);
nothing is half-read. `save_text` writes the save document; `game.content.files.write_atomically`
puts it on disk.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from game.core import (
    CodecError, History, IllegalActionError, Problem, RulesVersionError, Scenario, ScenarioError, SetupError, State,
    TableStakesError, from_json, history_of, parse_scenario, to_json,
)
from game.core.codec import HISTORY_FORMAT
from game.core.codec import VERSION as HISTORY_VERSION

from .files import autosave_path, histories_dir, saves_dir
from .reader import ReadError, cannot_read, read_json

SAVE_FORMAT = "table-stakes/save"
SAVE_VERSION = 1
NAME_MAX = 24  # characters in a player's name, after stripping
MAX_FILES = 200  # files read per folder when listing games to replay (a headless run may write thousands)

SAVE = "save"
HISTORY = "history"
AUTOSAVE = "autosave"  # a save that is the autosave (in `list_game_files`)


class SaveError(Exception):
    """A save or hand-history file cannot be read, replayed or written: names the file (if any)
    and the problem.

    `problem` is the English sentence; `reason` the same as a core `Problem` (key and values, for a
    client to say it in its language), None if it was given as text.
    """

    def __init__(self, path: str | os.PathLike | None, problem: str | Problem) -> None:
        self.path = None if path is None else Path(path)
        self.problem = str(problem)
        self.reason = problem if isinstance(problem, Problem) else None
        super().__init__(self.problem if path is None else f"{os.fspath(path)}: {self.problem}")


# --------------------------------------------------------------------------- players

def check_name(name: object) -> str:
    """A player's name as stored: stripped and NFC-normalised; 1 to 24 characters, any script.

    Raises `ValueError` with a sentence a player can act on.
    """
    if not isinstance(name, str):
        raise ValueError(Problem.of("file_problem.name_not_text", "a player's name must be text, got {type}",
                                    type=type(name).__name__))
    cleaned = unicodedata.normalize("NFC", name.strip())
    if not cleaned:
        raise ValueError(Problem.of("file_problem.name_empty", "a player's name cannot be empty"))
    if len(cleaned) > NAME_MAX:
        raise ValueError(Problem.of("file_problem.name_too_long", "a player's name has at most {most} characters; "
                                    "'{start}…' has {count}", most=NAME_MAX, start=cleaned[:NAME_MAX],
                                    count=len(cleaned)))
    for char in cleaned:
        if unicodedata.category(char) in ("Cc", "Cs"):
            raise ValueError(Problem.of("file_problem.name_control", "a player's name cannot contain control "
                                        "characters (found {code})", code=f"U+{ord(char):04X}"))
    return cleaned


@dataclass(frozen=True, slots=True)
class SeatPlayer:
    """Who plays a seat: `bot` None is a human at this screen, else a spec for `make_bot_factory`
    (a built-in personality such as "steady", or "FILE.py:ClassName")."""

    name: str
    bot: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", check_name(self.name))
        if self.bot is not None and (not isinstance(self.bot, str) or not self.bot.strip()):
            raise ValueError(Problem.of("file_problem.bad_bot", "a bot is given by its name or FILE.py:ClassName, "
                                        "got {given}", given=repr(self.bot)))

    @property
    def is_human(self) -> bool:
        return self.bot is None


# --------------------------------------------------------------------------- writing

def save_text(state: State, players: tuple[SeatPlayer, ...], saved_at: datetime | None = None) -> str:
    """The save document of the game at `state` played by `players`, as the file's text."""
    return json.dumps(save_document(state, players, saved_at), indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def save_document(state: State, players: tuple[SeatPlayer, ...], saved_at: datetime | None = None) -> dict[str, Any]:
    """The save document (a JSON-ready dict) of the game at `state`; `saved_at` defaults to now."""
    when = saved_at or datetime.now(timezone.utc)
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "saved_at": when.isoformat(),
        "year": state.year,
        "over": state.is_over,
        "players": [{"name": player.name, "bot": player.bot} for player in players],
        "history": json.loads(to_json(history_of(state))),
    }


def history_text(history: History) -> str:
    """A hand history document as a file's text."""
    return to_json(history, indent=1) + "\n"


# --------------------------------------------------------------------------- what a file holds

class GameFile(NamedTuple):
    """A save or a hand history, every field checked (the game is not replayed)."""

    path: Path
    kind: str  # SAVE or HISTORY (AUTOSAVE for the autosave in `list_game_files`)
    history: History
    players: tuple[SeatPlayer, ...] | None  # a save's players; None for a hand history
    saved_at: datetime  # timezone-aware; a hand history's is when its file was last written
    year: int | None  # the year a save had reached (a hand history says only once replayed)
    over: bool | None  # None: a hand history without a recorded result (unfinished or not recorded)

    @property
    def scenario(self) -> Scenario:
        return self.history.scenario

    @property
    def seats(self) -> int:
        return len(self.history.seats)

    @property
    def actions(self) -> int:
        return len(self.history.actions)

    @property
    def firms(self) -> tuple[str, ...]:
        """The firms' names, seat by seat."""
        scenario = self.scenario
        return tuple(scenario.profile(profile).name if scenario.profile(profile) else profile
                     for profile in self.history.seats)

    @property
    def winners(self) -> tuple[str, ...]:
        """The firms ranked first in the recorded result (none without one)."""
        return tuple(row.name for row in self.history.result if row.rank == 1)


def read_game_file(path: str | os.PathLike) -> GameFile:
    """A save or a hand history, every field checked (the game is not replayed). Raises `SaveError`."""
    path = Path(path)
    text, doc = _read_json_object(path)
    kind = doc.get("format")
    if kind == SAVE_FORMAT:
        return _save(path, doc)
    if kind == HISTORY_FORMAT:
        return _hand_history(path, text, doc)
    raise SaveError(path, not_a_game(doc))


def read_save(path: str | os.PathLike) -> GameFile:
    """A save (not a bare hand history), every field checked (the game is not replayed). Raises `SaveError`."""
    path = Path(path)
    _, doc = _read_json_object(path)
    if doc.get("format") != SAVE_FORMAT:
        raise SaveError(path, _not_a_save(doc))
    return _save(path, doc)


# --------------------------------------------------------------------------- listing files

class SaveListing(NamedTuple):
    saves: list[GameFile]  # newest first
    unreadable: list[SaveError]  # files that are not readable saves, with the reason


def list_saves(folder: str | os.PathLike | None = None) -> SaveListing:
    """The saves (*.json) in `folder` (default `saves_dir()`), newest first; unreadable files are
    skipped and reported in `unreadable`."""
    folder = saves_dir() if folder is None else Path(folder)
    saves, unreadable = [], []
    for path in _json_files(folder):
        try:
            saves.append(read_save(path))
        except SaveError as error:
            unreadable.append(error)
    return SaveListing(_newest_first(saves), unreadable)


class FileListing(NamedTuple):
    files: list[GameFile]
    problems: list[SaveError]  # files that cannot be replayed, with the reason
    not_listed: int  # files left out because a folder holds more than MAX_FILES


def list_game_files(histories: str | os.PathLike | None = None) -> FileListing:
    """Everything that can be replayed: the autosave, the saves (newest first) and any hand
    history in the saves folder (by name), then the files in `histories` (default
    `histories_dir()`, by name); and the files that cannot be read, with their problem.
    At most `MAX_FILES` files of each folder are listed."""
    files: list[GameFile] = []
    problems: list[SaveError] = []
    autosave = autosave_path(create=False)
    if autosave.exists():
        try:
            files.append(read_game_file(autosave)._replace(kind=AUTOSAVE))
        except SaveError as error:
            problems.append(error)
    saves: list[GameFile] = []
    folder = saves_dir()
    for path in _json_files(folder, problems):
        try:
            saves.append(read_game_file(path))
        except SaveError as error:
            problems.append(error)
    saves = _newest_first([file for file in saves if file.kind == SAVE]) + [file for file in saves if file.kind != SAVE]
    files += saves[:MAX_FILES]
    not_listed = max(0, len(saves) - MAX_FILES)
    paths = _json_files(histories_dir() if histories is None else Path(histories), problems)
    not_listed += max(0, len(paths) - MAX_FILES)
    for path in paths[:MAX_FILES]:
        try:
            files.append(read_game_file(path))
        except SaveError as error:
            problems.append(error)
    return FileListing(files, problems, not_listed)


def _json_files(folder: Path, problems: list[SaveError] | None = None) -> list[Path]:
    """The *.json files in `folder` by name. If `problems` is given, a folder that cannot be read
    is one of them (and lists nothing); else its `OSError` is raised."""
    try:
        return sorted(path for path in folder.glob("*.json") if not path.is_dir())
    except OSError as error:
        if problems is None:
            raise
        problems.append(SaveError(folder, cannot_read(error)))
        return []


def _newest_first(files: list[GameFile]) -> list[GameFile]:
    return sorted(files, key=lambda file: (file.saved_at, file.path.name), reverse=True)


# --------------------------------------------------------------------------- problems with a file

RESULT_MISMATCH = Problem.of("file_problem.result_mismatch", "its recorded result does not match the replayed game "
                             "(the file is damaged)")
_A_WHOLE_NUMBER = Problem.of("file_problem.a_whole_number", "a whole number")
_AN_ISO_DATE = Problem.of("file_problem.an_iso_date", "an ISO date and time")
_TRUE_OR_FALSE = Problem.of("file_problem.true_or_false", "true or false")
_A_LIST_OF_PLAYERS = Problem.of("file_problem.a_list_of_players", "a list of players")
_A_PLAYER = Problem.of("file_problem.a_player", "an object with 'name' and 'bot'")
_A_BOT = Problem.of("file_problem.a_bot", "a bot name or null (a human)")
_A_HISTORY_OBJECT = Problem.of("file_problem.a_history_object", "a hand history object")
_AN_OBJECT = Problem.of("file_problem.an_object", "an object")


def reason_of(error: BaseException) -> Problem | str:
    """An error's `Problem` if it carries one (as `reason`, or as the only argument of a ValueError),
    else its text: for nesting one error's problem in another's.

    >>> reason_of(ValueError(RESULT_MISMATCH)) is RESULT_MISMATCH, reason_of(KeyError("x"))
    (True, "'x'")
    """
    reason = getattr(error, "reason", None)
    if isinstance(reason, Problem):
        return reason
    if len(error.args) == 1 and isinstance(error.args[0], Problem):
        return error.args[0]
    return str(error)


def not_a_game(doc: dict[str, Any]) -> Problem:
    """Why a JSON object that is neither a save nor a hand history is not one."""
    kind = doc.get("format")
    if isinstance(kind, str) and kind.startswith("table-stakes/"):
        return Problem.of("file_problem.game_other_document", "is a Table Stakes {kind} document, not a save or "
                          "hand history", kind=kind.split("/", 1)[1])
    if "format" not in doc:
        return Problem.of("file_problem.game_no_format", "is not a Table Stakes save or hand history (it has no "
                          "'format' field)")
    return Problem.of("file_problem.game_foreign_format", "is not a Table Stakes save or hand history (its "
                      "format is {given})", given=f"{kind!r:.60}")


def _not_a_save(doc: dict[str, Any]) -> Problem:
    kind = doc.get("format")
    if kind == HISTORY_FORMAT:
        return Problem.of("file_problem.is_a_history", "is a hand history, not a save (replay it with: python "
                          "main.py --replay FILE)")
    if isinstance(kind, str) and kind.startswith("table-stakes/"):
        return Problem.of("file_problem.other_document", "is a Table Stakes {kind} document, not a save",
                          kind=kind.split("/", 1)[1])
    if "format" not in doc:
        return Problem.of("file_problem.no_format", "is not a Table Stakes save (it has no 'format' field)")
    return Problem.of("file_problem.foreign_format", "is not a Table Stakes save (its format is {given})",
                      given=f"{kind!r:.60}")


# What replaying a recorded game (a save or a hand history) raises when the file is damaged.
REPLAY_FAILURES = (TableStakesError, ArithmeticError, IndexError, KeyError, TypeError, ValueError, RecursionError)


def replay_problem(error: Exception) -> Problem:
    """Why a recorded game does not replay, for any of `REPLAY_FAILURES`."""
    if isinstance(error, IllegalActionError):
        return Problem.of("file_problem.log_does_not_replay", "its action log does not replay (the file is "
                          "damaged): {why}", why=reason_of(error))
    if isinstance(error, SetupError):
        return Problem.of("file_problem.cannot_set_up", "its game cannot be set up: {why}", why=reason_of(error))
    return Problem.of("file_problem.game_does_not_replay", "its game does not replay (the file is damaged): "
                      "{type}: {why}", type=type(error).__name__, why=str(error))


def action_does_not_replay(number: int, action: object, error: IllegalActionError) -> Problem:
    """Action `number` (1 = the first) of a recorded game is refused by the rules: the file is damaged."""
    return Problem.of("file_problem.action_does_not_replay", "its action log does not replay (the file is "
                      "damaged): action {number} ({action}): {why}", number=number, action=str(action),
                      why=reason_of(error))


# --------------------------------------------------------------------------- reading

def _read_json_object(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of the file at `path` and the JSON object it holds, through the hardened reader.
    Raises `SaveError` for every problem the reader finds, or if it holds something other than an object."""
    try:
        text, doc = read_json(path)
    except ReadError as error:
        raise SaveError(path, error.reason) from None
    if not isinstance(doc, dict):
        raise SaveError(path, Problem.of("file_problem.not_an_object", "is not a Table Stakes file: expected a JSON "
                                         "object, got {type}", type=type(doc).__name__))
    return text, doc


def _missing(field: str) -> Problem:
    return Problem.of("file_problem.missing", "field '{field}' is missing", field=field)


def _wrong(field: str, expected: Problem | str, value: Any) -> Problem:
    return Problem.of("file_problem.wrong_value", "field '{field}': expected {expected}, got {given}", field=field,
                      expected=expected, given=f"{value!r:.60}")


def _field(doc: dict, name: str, kinds: type | tuple[type, ...], what: Problem, path: Path) -> Any:
    if name not in doc:
        raise SaveError(path, _missing(name))
    value = doc[name]
    kinds = kinds if isinstance(kinds, tuple) else (kinds,)
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):  # true is not a number
        raise SaveError(path, _wrong(name, what, value))
    return value


def _save(path: Path, doc: dict) -> GameFile:
    """Everything in a save document checked but the replay itself."""
    version = _field(doc, "version", int, _A_WHOLE_NUMBER, path)
    if version > SAVE_VERSION:
        raise SaveError(path, Problem.of("file_problem.newer_version", "was saved by a newer version of Table Stakes "
                                         "(save version {version}; this program reads version {supported}): update "
                                         "Table Stakes to load it", version=version, supported=SAVE_VERSION))
    if version < SAVE_VERSION:
        raise SaveError(path, Problem.of("file_problem.older_version", "save version {version} is no longer "
                                         "supported (this program reads version {supported})", version=version,
                                         supported=SAVE_VERSION))

    stamp = _field(doc, "saved_at", str, _AN_ISO_DATE, path)
    try:
        saved_at = datetime.fromisoformat(stamp)
    except ValueError:
        raise SaveError(path, _wrong("saved_at", _AN_ISO_DATE, stamp)) from None
    if saved_at.tzinfo is None:
        saved_at = saved_at.replace(tzinfo=timezone.utc)
    year = _field(doc, "year", int, _A_WHOLE_NUMBER, path)
    over = _field(doc, "over", bool, _TRUE_OR_FALSE, path)

    entries = _field(doc, "players", list, _A_LIST_OF_PLAYERS, path)
    players = []
    for seat, entry in enumerate(entries):
        where = f"players[{seat}]"
        if not isinstance(entry, dict):
            raise SaveError(path, _wrong(where, _A_PLAYER, entry))
        if "name" not in entry:
            raise SaveError(path, _missing(f"{where}.name"))
        if "bot" not in entry:
            raise SaveError(path, _missing(f"{where}.bot"))
        bot = entry["bot"]
        if bot is not None and not isinstance(bot, str):
            raise SaveError(path, _wrong(f"{where}.bot", _A_BOT, bot))
        try:
            players.append(SeatPlayer(entry["name"], bot))
        except ValueError as error:
            raise SaveError(path, Problem.of("file_problem.bad_player", "field '{field}': {why}", field=where,
                                             why=reason_of(error))) from None

    history_doc = _field(doc, "history", dict, _A_HISTORY_OBJECT, path)
    if history_doc.get("format") != HISTORY_FORMAT:
        raise SaveError(path, _wrong("history.format", f"'{HISTORY_FORMAT}'", history_doc.get("format")))
    source = history_doc.get("scenario")
    if source is None:
        raise SaveError(path, _missing("history.scenario"))
    if not isinstance(source, dict):
        raise SaveError(path, _wrong("history.scenario", _AN_OBJECT, source))
    try:
        parse_scenario(source, "the scenario stored in this save")
    except ScenarioError as error:
        why = error.reason or error.problem
        if error.field in ScenarioError.WHOLE_FILE:
            problem = Problem.of("file_problem.scenario_invalid", "its scenario no longer validates: {why}", why=why)
        else:
            problem = Problem.of("file_problem.scenario_field_invalid", "its scenario no longer validates: field "
                                 "'{field}': {why}", field=error.field, why=why)
        raise SaveError(path, problem) from None
    try:
        history = from_json(json.dumps(history_doc))
    except RulesVersionError as error:
        raise SaveError(path, error.problem) from None
    except CodecError as error:
        raise SaveError(path, Problem.of("file_problem.history_damaged", "its history is damaged: {why}",
                                         why=str(error))) from None
    if not isinstance(history, History):
        raise SaveError(path, Problem.of("file_problem.not_a_history", "field 'history': expected a hand history, "
                                         "got a {type} document", type=type(history).__name__))
    if len(players) != len(history.seats):
        raise SaveError(path, Problem.of("file_problem.seat_mismatch", "it lists {count} players for a game of "
                                         "{seats} seats", count=len(players), seats=len(history.seats)))
    return GameFile(path, SAVE, history, tuple(players), saved_at, year, over)


def _hand_history(path: Path, text: str, doc: dict) -> GameFile:
    version = doc.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > HISTORY_VERSION:
        raise SaveError(path, Problem.of("file_problem.newer_history_version", "was written by a newer version of "
                                         "Table Stakes (hand history version {version}; this program reads version "
                                         "{supported}): update Table Stakes to replay it", version=version,
                                         supported=HISTORY_VERSION))
    try:
        history = from_json(text)
    except RulesVersionError as error:
        raise SaveError(path, error.problem) from None
    except CodecError as error:
        raise SaveError(path, Problem.of("file_problem.hand_history_damaged", "its hand history is damaged: {why}",
                                         why=str(error))) from None
    try:
        written = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    except OSError:
        written = datetime.now(timezone.utc)
    return GameFile(path, HISTORY, history, None, written, None, True if history.result else None)
