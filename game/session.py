"""A game being played in the client: the one authority over its state, its seats and its log.

A `Session` holds the current core `State` (whose log is the action log), who plays each
seat (`SeatPlayer`: a human at this screen or a bot spec), and the bots themselves, each
asked through a `Referee` so a slow or broken bot costs only its own decision. The client
renders `observation(seat)` / `public_view()`, calls `apply(action)` for a human's action and
`bot_step()` when a bot is to act, and asks `needs_handover` before showing a human's cards
in a hot-seat game.

Saves (DESIGN.md §4) are versioned JSON, never pickle::

    {"format": "table-stakes/save", "version": 1, "saved_at": "2025-01-31T18:04:05.123456+00:00",
     "year": 2026, "over": false,
     "players": [{"name": "Ada", "bot": null}, {"name": "Steady", "bot": "steady"}, ...],
     "history": {"format": "table-stakes/history", "version": 1, "scenario": {...}, "seats": [...],
                 "seed": 7, "actions": [...], "result": [...]}}

`Session.load` rebuilds the game by replaying the history, so a loaded game's state equals
the saved one exactly. Files are written atomically (a temporary file in the same folder,
flushed and fsynced, then `os.replace`), so a crash while saving leaves the previous file
whole. Every problem with a file is a `SaveError` naming the file and the problem (in English,
and as a core `Problem` for the client to say in the player's language); nothing is half-loaded.

**Bots' memory is not saved.** A bot may remember things between its turns (the calculator
keeps statistics on how often each rival folds); a loaded game builds its bots afresh from
their specs and their seats' seeds (game seed × 10 + seat, as the headless runner does), so
they start with fresh memory and a fresh random generator. The rules state resumes exactly;
the bots' later choices may differ from those of an uninterrupted game.

This module imports no pygame: the client, tests and tools may all use it.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from game.bots import BotLoadError, make_bot_factory
from game.core import (
    Action, CodecError, History, RulesVersionError, LegalActions, Observation, Problem, Scenario, ScenarioError,
    SetupError, Standing, State, apply_action, default_seats, from_json, history_of,
    legal_actions, new_game, observe, parse_scenario, standings, to_json,
)
from game.file_problems import (
    REPLAY_FAILURES, RESULT_MISMATCH, FileError, FileProblem, read_json_object, reason_of, replay_problem,
)
from game.headless.referee import Referee

SAVE_FORMAT = "table-stakes/save"
HISTORY_FORMAT = "table-stakes/history"  # the core's hand history document, nested in a save
SAVE_VERSION = 1
BOT_TIME_LIMIT = 1.0  # seconds a bot may think per decision
NAME_MAX = 24  # characters in a player's name, after stripping
HOME_ENV = "TABLE_STAKES_HOME"  # overrides the per-user data folder (tests, portable installs)


class SaveError(FileError):
    """A save file cannot be read, loaded or written: names the file and the problem."""


class TurnError(RuntimeError):
    """The call does not fit whose turn it is (a human's action on a bot's turn, or the reverse)."""


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


def bot_seed(game_seed: int, seat: int) -> int:
    """The seed a seat's bot is built with (the headless runner's rule)."""
    return game_seed * 10 + seat


# --------------------------------------------------------------------------- steps

class Step(NamedTuple):
    """One applied action: the new state, the core's public events, who acted and how."""

    state: State
    events: tuple  # the core's events (game.core.events), as `apply_action` returned them
    seat: int
    action: Action  # for a bot: the action applied (the referee's pass action if the bot failed)
    by_bot: bool
    incident: str | None = None  # "raised", "illegal" or "timeout" when the referee replaced a bot's action


# --------------------------------------------------------------------------- the session

class Session:
    """The game being played: current state, players per seat, bots, save and autosave.

    Build one with `Session.new` (a new game) or `Session.load` (a save file). Not thread-safe:
    call it from one thread. (The referee can interrupt a bot that overruns its time limit only
    on the main thread under Unix; elsewhere an overrun is noticed when the bot returns.)
    """

    def __init__(self, state: State, players: Sequence[SeatPlayer], *,
                 autosave_path: str | os.PathLike | None = None, time_limit: float | None = BOT_TIME_LIMIT) -> None:
        if not isinstance(state, State):
            raise TypeError(f"a session holds a game State, not {type(state).__name__}")
        players = tuple(players)
        for seat, player in enumerate(players):
            if not isinstance(player, SeatPlayer):
                raise TypeError(f"seat {seat}: expected a SeatPlayer, got {type(player).__name__}")
        if len(players) != len(state.firms):
            raise SetupError(Problem.of("setup_problem.players_for_seats", "the game has {seats} seats but {count} "
                                        "players were given", seats=len(state.firms), count=len(players)))
        self._state = state
        self._players = players
        self._time_limit = time_limit
        self._referees: dict[int, Referee] = {
            seat: Referee(make_bot_factory(player.bot)(bot_seed(state.seed, seat)), time_limit)
            for seat, player in enumerate(players) if player.bot is not None
        }
        self._unsaved = False
        self._autosave_path: Path | None = None
        self.autosave_error: SaveError | None = None  # the last autosave's failure, None when it worked
        self.save_path: Path | None = None  # the file last saved to or loaded from
        if autosave_path is not None:
            self.autosave_to(autosave_path)

    @classmethod
    def new(cls, scenario: Scenario, players: Sequence[SeatPlayer], seed: int,
            profiles: Sequence[str] | None = None, *, autosave_path: str | os.PathLike | None = None,
            time_limit: float | None = BOT_TIME_LIMIT) -> Session:
        """A new game of `scenario`; `profiles` (firm profile ids, one per seat) default to the
        scenario's first ones. Raises the core's `SetupError` for a bad table and `BotLoadError`
        for a bot spec that cannot be built."""
        if not isinstance(scenario, Scenario):
            raise TypeError(f"expected a Scenario (load it with game.content.load_scenario), "
                            f"got {type(scenario).__name__}")
        players = tuple(players)
        if profiles is None:
            profiles = default_seats(scenario, len(players))
        elif isinstance(profiles, str) or len(profiles) != len(players):
            raise SetupError(Problem.of("setup_problem.profiles_per_player", "give one firm profile per player: "
                                        "{count} players, profiles {given}", count=len(players),
                                        given=repr(profiles)))
        state = new_game(scenario, list(profiles), seed)
        return cls(state, players, autosave_path=autosave_path, time_limit=time_limit)

    # ----------------------------------------------------------------------- reading the game

    @property
    def state(self) -> State:
        return self._state

    @property
    def players(self) -> tuple[SeatPlayer, ...]:
        return self._players

    @property
    def human_seats(self) -> tuple[int, ...]:
        return tuple(seat for seat, player in enumerate(self._players) if player.bot is None)

    @property
    def is_over(self) -> bool:
        return self._state.is_over

    @property
    def to_act(self) -> int | None:
        """The seat to act, or None once the game is over (the core's `state.to_act` is then -1)."""
        return None if self._state.is_over else self._state.to_act

    @property
    def current_player(self) -> SeatPlayer | None:
        seat = self.to_act
        return None if seat is None else self._players[seat]

    @property
    def is_human_turn(self) -> bool:
        player = self.current_player
        return player is not None and player.bot is None

    @property
    def is_bot_turn(self) -> bool:
        player = self.current_player
        return player is not None and player.bot is not None

    def legal(self) -> LegalActions:
        """The legal actions of the seat to act (the core's query object)."""
        return legal_actions(self._state)

    def observation(self, seat: int) -> Observation:
        """What `seat` may know: public facts and its own R&D cards."""
        return observe(self._state, seat)

    def public_view(self) -> Observation:
        """The spectators' view: no R&D cards but those shown at showdowns."""
        return observe(self._state, None)

    def standings(self) -> tuple[Standing, ...]:
        return standings(self._state)

    def history(self) -> History:
        """The core hand history that replays to the current state (with its result once over)."""
        return history_of(self._state)

    @property
    def bots(self) -> dict[int, object]:
        """The bot object of each bot seat (built for this session; see the module notes on memory)."""
        return {seat: referee.bot for seat, referee in self._referees.items()}

    @property
    def incidents(self) -> dict[int, dict[str, int]]:
        """Per bot seat, how often the referee replaced its action: {"raised"|"illegal"|"timeout": n}."""
        return {seat: dict(referee.incidents) for seat, referee in self._referees.items()}

    @property
    def unsaved_changes(self) -> bool:
        """True after an action since the last explicit `save` (autosaves do not count)."""
        return self._unsaved

    # ----------------------------------------------------------------------- hot seat

    @property
    def last_human_seat(self) -> int | None:
        """The seat of the last human who acted (from the log, so it survives save and load)."""
        for entry in reversed(self._state.log):
            if self._players[entry.seat].bot is None:
                return entry.seat
        return None

    @property
    def needs_handover(self) -> bool:
        """Whether the client must show the hand-over screen (which hides cards) before this decision.

        True when a human is to act at a table with two or more humans and the last human who acted
        was someone else, or no human has acted yet. Never true with a single human.
        """
        if not self.is_human_turn or len(self.human_seats) < 2:
            return False
        return self.last_human_seat != self._state.to_act

    def next_human_after(self) -> bool:
        """Alias of `needs_handover`: the next decision belongs to a different human than the last one."""
        return self.needs_handover

    @property
    def screen_seat(self) -> int | None:
        """The seat whose private view the screen may show now, None for the public view.

        One human: always that seat. Several humans: the human to act (after the hand-over), and
        nobody's cards while bots act. No humans: None (spectating bots).
        """
        humans = self.human_seats
        if len(humans) == 1:
            return humans[0]
        if len(humans) > 1 and self.is_human_turn:
            return self._state.to_act
        return None

    # ----------------------------------------------------------------------- playing

    def apply(self, action: Action) -> Step:
        """Apply a human's action. An illegal action raises the core's `IllegalActionError`
        unchanged and leaves the session untouched; on a bot's turn this raises `TurnError`."""
        state = self._state
        if not state.is_over and self._players[state.to_act].bot is not None:
            raise TurnError(f"it is seat {state.to_act}'s turn ({self._players[state.to_act].name}, "
                            f"bot '{self._players[state.to_act].bot}'): call bot_step()")
        seat = state.to_act
        next_state, events = apply_action(state, action)
        return self._advance(Step(next_state, events, seat, action, False))

    def bot_step(self) -> Step:
        """Let the bot to act decide (through its referee: time limit, incidents) and apply its action."""
        state = self._state
        if state.is_over:
            raise TurnError("the game is over: no bot is to act")
        seat = state.to_act
        referee = self._referees.get(seat)
        if referee is None:
            raise TurnError(f"it is seat {seat}'s turn ({self._players[seat].name}, a human): call apply(action)")
        before = Counter(referee.incidents)
        action = referee.decide(observe(state, seat), legal_actions(state))
        incident = next(iter(referee.incidents - before), None)
        next_state, events = apply_action(state, action)  # the referee only returns legal actions
        return self._advance(Step(next_state, events, seat, action, True, incident))

    def play_bots(self, max_steps: int | None = None) -> list[Step]:
        """Run `bot_step` until a human is to act, the game is over, or `max_steps` steps."""
        steps = []
        while self.is_bot_turn and (max_steps is None or len(steps) < max_steps):
            steps.append(self.bot_step())
        return steps

    def _advance(self, step: Step) -> Step:
        self._state = step.state
        self._unsaved = True
        if self._autosave_path is not None:
            self._autosave()
        return step

    # ----------------------------------------------------------------------- saving

    def to_document(self, saved_at: datetime | None = None) -> dict[str, Any]:
        """The save document (a JSON-ready dict) for the current game."""
        when = saved_at or datetime.now(timezone.utc)
        return {
            "format": SAVE_FORMAT,
            "version": SAVE_VERSION,
            "saved_at": when.isoformat(),
            "year": self._state.year,
            "over": self._state.is_over,
            "players": [{"name": player.name, "bot": player.bot} for player in self._players],
            "history": json.loads(to_json(history_of(self._state))),
        }

    def _save_text(self) -> str:
        return json.dumps(self.to_document(), indent=1, ensure_ascii=False, allow_nan=False) + "\n"

    def save(self, path: str | os.PathLike) -> Path:
        """Write the game to `path` atomically (creating its folder) and clear `unsaved_changes`.

        Raises `SaveError` if the file cannot be written; the previous file at `path`, if any, is
        then left as it was.
        """
        path = Path(path)
        try:
            write_atomically(path, self._save_text())
        except OSError as error:
            raise SaveError(path, Problem.of("file_problem.cannot_write", "cannot be written: {why}",
                                             why=error.strerror or str(error))) from None
        self._unsaved = False
        self.save_path = path
        return path

    @property
    def autosave_path(self) -> Path | None:
        return self._autosave_path

    def autosave_to(self, path: str | os.PathLike | None) -> None:
        """Rewrite `path` after every action from now on (None: stop), and write it once now.

        Autosaving never raises: a failure is kept in `autosave_error` (None after a success)
        for the client to show, and the previous autosave stays whole.
        """
        self._autosave_path = None if path is None else Path(path)
        self.autosave_error = None
        if self._autosave_path is not None:
            self._autosave()

    def _autosave(self) -> None:
        path = self._autosave_path
        try:
            write_atomically(path, self._save_text())
        except OSError as error:
            self.autosave_error = SaveError(path, Problem.of("file_problem.autosave_failed", "autosave failed: {why}",
                                                             why=error.strerror or str(error)))
        else:
            self.autosave_error = None

    # ----------------------------------------------------------------------- loading

    @classmethod
    def load(cls, path: str | os.PathLike, *, autosave_path: str | os.PathLike | None = None,
             time_limit: float | None = BOT_TIME_LIMIT) -> Session:
        """The game saved at `path`, rebuilt by replaying its history; bots are built afresh
        (fresh memory, see the module notes). Raises `SaveError` for any bad file."""
        path = Path(path)
        record = _read_save(path)
        history = record.history
        try:
            state = history.replay()
        except REPLAY_FAILURES as error:
            raise SaveError(path, replay_problem(error)) from None
        if history.result != (standings(state) if state.is_over else ()):
            raise SaveError(path, RESULT_MISMATCH)
        try:
            session = cls(state, record.players, time_limit=time_limit)
        except BotLoadError as error:
            raise SaveError(path, Problem.of("file_problem.bot_failed", "a bot cannot be built: {why}",
                                             why=str(error))) from None
        except Exception as error:  # a bot of the player's own failed in its constructor
            raise SaveError(path, Problem.of("file_problem.bot_crashed", "a bot cannot be built: {type}: {why}",
                                             type=type(error).__name__, why=str(error))) from None
        session.save_path = path
        if autosave_path is not None:
            session.autosave_to(autosave_path)
        return session


# --------------------------------------------------------------------------- files

def write_atomically(path: str | os.PathLike, text: str) -> None:
    """Replace `path` with `text` (UTF-8) so that it is always either the old or the new file:
    write a temporary file in the same folder, flush and fsync it, then `os.replace`."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(OSError):  # mkstemp makes the file private; keep the old file's mode
            os.chmod(temp, stat.S_IMODE(os.stat(path).st_mode) if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


class _Record(NamedTuple):
    saved_at: datetime
    year: int
    over: bool
    players: tuple[SeatPlayer, ...]
    history: History


# --------------------------------------------------------------------------- problems with a file

_A_WHOLE_NUMBER = Problem.of("file_problem.a_whole_number", "a whole number")
_AN_ISO_DATE = Problem.of("file_problem.an_iso_date", "an ISO date and time")
_TRUE_OR_FALSE = Problem.of("file_problem.true_or_false", "true or false")
_A_LIST_OF_PLAYERS = Problem.of("file_problem.a_list_of_players", "a list of players")
_A_PLAYER = Problem.of("file_problem.a_player", "an object with 'name' and 'bot'")
_A_BOT = Problem.of("file_problem.a_bot", "a bot name or null (a human)")
_A_HISTORY_OBJECT = Problem.of("file_problem.a_history_object", "a hand history object")
_AN_OBJECT = Problem.of("file_problem.an_object", "an object")


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


def _read_save(path: Path) -> _Record:
    """Everything in a save file checked but the replay itself."""
    try:
        text, doc = read_json_object(path)
    except FileProblem as problem:
        raise SaveError(path, problem.reason) from None

    kind = doc.get("format")
    if kind != SAVE_FORMAT:
        if kind == "table-stakes/history":
            problem = Problem.of("file_problem.is_a_history", "is a hand history, not a save (replay it with: python "
                                 "main.py --replay FILE)")
        elif isinstance(kind, str) and kind.startswith("table-stakes/"):
            problem = Problem.of("file_problem.other_document", "is a Table Stakes {kind} document, not a save",
                                 kind=kind.split("/", 1)[1])
        elif "format" not in doc:
            problem = Problem.of("file_problem.no_format", "is not a Table Stakes save (it has no 'format' field)")
        else:
            problem = Problem.of("file_problem.foreign_format", "is not a Table Stakes save (its format is {given})",
                                 given=f"{kind!r:.60}")
        raise SaveError(path, problem)
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
    return _Record(saved_at, year, over, tuple(players), history)


class SaveInfo(NamedTuple):
    """What a save menu shows about a file, without loading the game."""

    file: Path
    saved_at: datetime  # timezone-aware
    year: int  # the year the game had reached
    players: tuple[SeatPlayer, ...]
    scenario: str  # the scenario's id
    over: bool


class SaveListing(NamedTuple):
    saves: list[SaveInfo]  # newest first
    unreadable: list[SaveError]  # files that are not readable saves, with the reason


def read_save_info(path: str | os.PathLike) -> SaveInfo:
    """A save file's metadata, every field checked (the game is not replayed). Raises `SaveError`."""
    path = Path(path)
    record = _read_save(path)
    return SaveInfo(path, record.saved_at, record.year, record.players, record.history.scenario.id, record.over)


def list_saves(folder: str | os.PathLike | None = None) -> SaveListing:
    """The saves (*.json) in `folder` (default `saves_dir()`), newest first; unreadable files are
    skipped and reported in `unreadable`."""
    folder = saves_dir() if folder is None else Path(folder)
    saves, unreadable = [], []
    for path in sorted(folder.glob("*.json")):
        if path.is_dir():
            continue
        try:
            saves.append(read_save_info(path))
        except SaveError as error:
            unreadable.append(error)
    saves.sort(key=lambda info: (info.saved_at, info.file.name), reverse=True)
    return SaveListing(saves, unreadable)


# --------------------------------------------------------------------------- folders

def data_dir(*, create: bool = True) -> Path:
    """The per-user folder for saves and settings, created unless `create` is False.

    $TABLE_STAKES_HOME if set; else %APPDATA%/TableStakes on Windows,
    ~/Library/Application Support/TableStakes on macOS, and $XDG_DATA_HOME/table-stakes
    (default ~/.local/share/table-stakes) elsewhere.
    """
    home = os.environ.get(HOME_ENV)
    if home:
        folder = Path(home).expanduser()
    elif sys.platform == "win32":
        appdata = os.environ.get("APPDATA")
        folder = (Path(appdata) if appdata else Path.home() / "AppData" / "Roaming") / "TableStakes"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / "TableStakes"
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
        folder = base / "table-stakes"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def saves_dir(*, create: bool = True) -> Path:
    """data_dir()/saves."""
    folder = data_dir(create=create) / "saves"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_path(*, create: bool = True) -> Path:
    """data_dir()/autosave.json (the folder is created; the file is written by a session)."""
    return data_dir(create=create) / "autosave.json"


def new_save_path(now: datetime | None = None) -> Path:
    """A file name for a new save in `saves_dir()` that does not exist yet, from the local time."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H-%M-%S")
    folder = saves_dir()
    path = folder / f"table-stakes_{stamp}.json"
    number = 2
    while path.exists():
        path = folder / f"table-stakes_{stamp}-{number}.json"
        number += 1
    return path


__all__ = [
    "BOT_TIME_LIMIT", "SAVE_FORMAT", "SAVE_VERSION", "SaveError", "SaveInfo", "SaveListing", "SeatPlayer",
    "Session", "Step", "TurnError", "autosave_path", "bot_seed", "check_name", "data_dir", "list_saves",
    "new_save_path", "read_save_info", "saves_dir", "write_atomically",
]
