"""A game being played in the client: its match, the bots' turn driver, saves and autosaves.

A `Session` holds the game's `Match` (the one authority: game.match), who plays each seat
(`SeatPlayer`: a person at this screen or a bot spec), the `TurnDriver` that asks the bots through
their referees, and the `HotSeat` policy for people sharing the screen. The client renders
`observation(seat)` / `public_view()`, calls `apply(action)` for a person's action and `bot_step()`
when a bot is to act, and asks `hot_seat` what the screen may show.

Saves are the save document of `game.content.saves`, written atomically by
`game.content.files.write_atomically` (a crash while saving leaves the previous file whole).
`Session.load` reads one with `game.content.saves.read_save` and rebuilds the game by replaying
its history, so a loaded game's state equals the saved one exactly. Every problem with a file is
a `SaveError` naming the file and the problem; nothing is half-loaded.

**A save runs no code unless the player agrees.** A seat's bot may be given as a file
(`FILE.py:ClassName`); building it imports that file, which runs its code with the player's
rights. Reading or listing a save never builds its bots, and `Session.load` refuses such a save
with `BotFilesInSave` (naming each file) unless told what to do (`BotFiles`): run the files, or
play those seats with the built-in `STAND_IN_BOT` instead. Built-in bots load by name.

**Bots' memory is not saved.** A bot may remember things between its turns (the calculator
keeps statistics on how often each rival folds); a loaded game builds its bots afresh from
their specs and their seats' seeds (`game.bots.bot_seed`, as every shell seeds them), so
they start with fresh memory and a fresh random generator. The rules state resumes exactly;
the bots' later choices may differ from those of an uninterrupted game.

This module imports no pygame: the client, tests and tools may all use it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from game.bots import BUILT_IN, BotLoadError, make_bot_factory
from game.content.files import new_save_path, saves_dir, write_atomically
from game.content.saves import (
    REPLAY_FAILURES, RESULT_MISMATCH, SaveError, SeatPlayer, read_save, replay_problem, save_document, save_text,
)
from game.core import (
    Action, History, LegalActions, Observation, Problem, Scenario, SetupError, Standing, State, default_seats,
    new_game, standings,
)
from game.match import PUBLIC, HotSeat, Match, TurnDriver

BOT_TIME_LIMIT = 1.0  # seconds a bot may think per decision
STAND_IN_BOT = "steady"  # plays a seat whose bot file the player chose not to run


class BotFiles(StrEnum):
    """What `Session.load` does with a save whose seats name bot files."""

    ASK = "ask"  # refuse with BotFilesInSave, importing nothing: the player decides
    RUN = "run"  # import and run the files (the player trusts them)
    BUILT_IN = "built_in"  # play those seats with STAND_IN_BOT


def file_bots(players: Sequence[SeatPlayer]) -> dict[int, str]:
    """The seats whose bot is given as FILE.py:ClassName, with the spec: building any of them imports a
    file. (A name that is neither built in nor a file is refused when the bot is built.)"""
    return {seat: player.bot for seat, player in enumerate(players) if player.bot is not None
            and player.bot not in BUILT_IN and ":" in player.bot}


def bot_file_path(spec: str) -> str:
    """The file a bot spec names, as an absolute path (what would be imported)."""
    return os.path.abspath(spec.rsplit(":", 1)[0])


class BotFilesInSave(SaveError):
    """The save's seats name bot files; nothing was imported. `bot_files`: seat → spec; `players`: the
    save's players, every seat."""

    def __init__(self, path: str | os.PathLike, bot_files: dict[int, str], players: Sequence[SeatPlayer]) -> None:
        self.bot_files = dict(bot_files)
        self.players = tuple(players)
        files = ", ".join(bot_file_path(spec) for spec in bot_files.values())
        super().__init__(path, Problem.of("file_problem.bot_files", "names bot files that would run as code: "
                                          "{files}", files=files))


class TurnError(RuntimeError):
    """The call does not fit whose turn it is (a person's action on a bot's turn, or the reverse)."""


# --------------------------------------------------------------------------- steps

class Step(NamedTuple):
    """One applied action: the core's public events, who acted and how, and the match's version after it."""

    version: int
    events: tuple  # the core's events (game.core.events), as `apply_action` returned them
    seat: int
    action: Action  # for a bot: the action applied (the referee's pass action if the bot failed)
    by_bot: bool
    incident: str | None = None  # "raised", "illegal" or "timeout" when the referee replaced a bot's action


# --------------------------------------------------------------------------- what the table plays through

class TableStatus(NamedTuple):
    """How a game played elsewhere (at a table server) stands, for the table's banner."""

    connection: str  # "connected", "reconnecting" or "lost"
    table: str  # the server's word: "waiting", "playing", "paused" or "over"
    turn_left: float | None  # seconds left for the seat to act now; None: no limit
    problem: Problem | None  # why the connection is lost for good (None while it lasts)
    seats_taken: tuple[int, int] = (0, 0)  # seats with a team, and seats (a waiting table fills them)
    bot_plays_seat: bool = False  # the host handed the screen's seat to a bot


class TableSeats(Protocol):
    """What the table scene plays through: a `Session` (the game in this process, bots and saves
    included) or a seat at a table over the network (the client's `RemoteSeat`). The scene reads
    views and legal actions and hands over a person's action; it never sees the other's insides.

    `apply` returns the `Step` it made, or None when the step will come later (a network game:
    the server decides, and `updates` hands the step, or the refusal, over when it arrives).
    `updates` returns what happened since the last call without the scene asking for it: steps
    (others' actions), `IllegalActionError`s (refusals of this screen's actions) and, at the end of a
    game played elsewhere, its debrief (the server's document). `status` is None for a game in this process.
    """

    hot_seat: HotSeat
    autosave_error: SaveError | None

    @property
    def scenario(self) -> Scenario: ...
    @property
    def players(self) -> tuple[SeatPlayer, ...]: ...
    @property
    def is_over(self) -> bool: ...
    @property
    def to_act(self) -> int | None: ...
    @property
    def is_human_turn(self) -> bool: ...
    @property
    def is_bot_turn(self) -> bool: ...
    @property
    def unsaved_changes(self) -> bool: ...
    @property
    def status(self) -> TableStatus | None: ...
    def legal(self) -> LegalActions: ...
    def observation(self, seat: int) -> Observation: ...
    def public_view(self) -> Observation: ...
    def apply(self, action: Action) -> Step | None: ...
    def bot_step(self) -> Step: ...
    def updates(self) -> list: ...


# --------------------------------------------------------------------------- the session

class Session:
    """The game being played: its match, players per seat, bots, save and autosave.

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
        self._players = players
        self._match = Match(state, [player.name for player in players])
        self._driver = TurnDriver(self._match, {seat: make_bot_factory(player.bot) for seat, player
                                                in enumerate(players) if player.bot is not None},
                                  state.seed, time_limit)
        self.hot_seat = HotSeat(seat for seat, player in enumerate(players) if player.bot is None)
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
        """The match's full state, hidden parts included: for saving and for tests, never for a screen
        (the table draws from `observation` and `public_view`)."""
        return self._match.state

    @property
    def scenario(self) -> Scenario:
        """The game's rules (public, read-only)."""
        return self._match.state.scenario

    @property
    def players(self) -> tuple[SeatPlayer, ...]:
        return self._players

    @property
    def is_over(self) -> bool:
        return self._match.is_over

    @property
    def to_act(self) -> int | None:
        """The seat to act, or None once the game is over."""
        return self._match.to_act

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
        return self._driver.bot_to_act

    def legal(self) -> LegalActions:
        """The legal actions of the seat to act (the core's query object)."""
        return self._match.legal()

    def observation(self, seat: int) -> Observation:
        """What `seat` may know: public facts and its own R&D cards."""
        return self._match.view(seat)

    def public_view(self) -> Observation:
        """The spectators' view: no R&D cards but those shown at showdowns."""
        return self._match.view(PUBLIC)

    def standings(self) -> tuple[Standing, ...]:
        return self._match.standings()

    def history(self) -> History:
        """The core hand history that replays to the current state (with its result once over)."""
        return self._match.history()

    @property
    def bots(self) -> dict[int, object]:
        """The bot object of each bot seat (built for this session; see the module notes on memory)."""
        return {seat: referee.bot for seat, referee in self._driver.referees.items()}

    @property
    def incidents(self) -> dict[int, dict[str, int]]:
        """Per bot seat, how often the referee replaced its action: {"raised"|"illegal"|"timeout": n}."""
        return {seat: dict(referee.incidents) for seat, referee in self._driver.referees.items()}

    @property
    def unsaved_changes(self) -> bool:
        """True after an action since the last explicit `save` (autosaves do not count)."""
        return self._unsaved

    @property
    def status(self) -> None:
        """A game in this process has no server to wait for (see `TableSeats`)."""
        return None

    def updates(self) -> list:
        """Nothing happens here unasked: the scene applies every step itself (see `TableSeats`)."""
        return []

    # ----------------------------------------------------------------------- playing

    def apply(self, action: Action) -> Step:
        """Apply the action of the person to act. A refused action raises the match's `MatchRefusal`
        (an `IllegalActionError` that says why) and leaves the session untouched; on a bot's turn
        this raises `TurnError`."""
        seat = self.to_act
        if self.is_bot_turn:
            raise TurnError(f"it is seat {seat}'s turn ({self._players[seat].name}, "
                            f"bot '{self._players[seat].bot}'): call bot_step()")
        submitted = self._match.submit(self._match.state.to_act, action, self._match.version)
        return self._advance(Step(submitted.version, submitted.events, submitted.seat, action, False))

    def bot_step(self) -> Step:
        """Let the bot to act decide (through its referee: time limit, incidents) and apply its action."""
        if self.is_over:
            raise TurnError("the game is over: no bot is to act")
        if not self.is_bot_turn:
            raise TurnError(f"it is seat {self.to_act}'s turn ({self._players[self.to_act].name}, a person): "
                            f"call apply(action)")
        submitted, incident = self._driver.step()
        return self._advance(Step(submitted.version, submitted.events, submitted.seat, submitted.action, True,
                                  incident))

    def _advance(self, step: Step) -> Step:
        self._unsaved = True
        if self._autosave_path is not None:
            self._autosave()
        return step

    # ----------------------------------------------------------------------- saving

    def to_document(self, saved_at: datetime | None = None) -> dict[str, Any]:
        """The save document (a JSON-ready dict) for the current game."""
        return save_document(self.state, self._players, saved_at)

    def _save_text(self) -> str:
        return save_text(self.state, self._players)

    def save_new(self) -> Path:
        """Save the game under a new name in the saves folder (see `save`); raises `SaveError` naming
        the folder if it cannot be made."""
        try:
            path = new_save_path()
        except OSError as error:
            raise SaveError(saves_dir(create=False), Problem.of(
                "file_problem.cannot_write", "cannot be written: {why}", why=error.strerror or str(error))) from None
        return self.save(path)

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
             time_limit: float | None = BOT_TIME_LIMIT, bot_files: BotFiles = BotFiles.ASK) -> Session:
        """The game saved at `path`, rebuilt by replaying its history; bots are built afresh
        (fresh memory, see the module notes). Raises `SaveError` for any bad file, and
        `BotFilesInSave` before importing anything if it names bot files and `bot_files` is ASK."""
        path = Path(path)
        record = read_save(path)
        players = record.players
        named_files = file_bots(players)
        if named_files and bot_files == BotFiles.ASK:
            raise BotFilesInSave(path, named_files, players)
        if bot_files == BotFiles.BUILT_IN:
            players = tuple(SeatPlayer(player.name, STAND_IN_BOT) if seat in named_files else player
                            for seat, player in enumerate(players))
        history = record.history
        try:
            state = history.replay()
        except REPLAY_FAILURES as error:
            raise SaveError(path, replay_problem(error)) from None
        if history.result != (standings(state) if state.is_over else ()):
            raise SaveError(path, RESULT_MISMATCH)
        try:
            session = cls(state, players, time_limit=time_limit)
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


__all__ = [
    "BOT_TIME_LIMIT", "STAND_IN_BOT", "BotFiles", "BotFilesInSave", "Session", "Step", "TableSeats", "TableStatus",
    "TurnError", "bot_file_path", "file_bots",
]
