"""Problems with a save or hand-history file that the session, the debrief and the replay viewer
share, as core `Problem`s (a stable key and its values, for a client to say them in its language).

This module imports only the core: game.debrief uses it without building bots.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from game.core import IllegalActionError, Problem, SetupError, TableStakesError

NO_SUCH_FILE = Problem.of("file_problem.no_such_file", "no such file")
RESULT_MISMATCH = Problem.of("file_problem.result_mismatch", "its recorded result does not match the replayed game "
                             "(the file is damaged)")


class FileError(Exception):
    """A file cannot be read, loaded or written: names the file (if any) and the problem.

    `problem` is the English sentence; `reason` the same as a core `Problem` (key and values, for a
    client to say it in its language), None if it was given as text. `SaveError`, `DebriefError`
    and the replay viewer's `ReplayError` are its kinds.
    """

    def __init__(self, path: str | os.PathLike | None, problem: str | Problem) -> None:
        self.path = None if path is None else Path(path)
        self.problem = str(problem)
        self.reason = problem if isinstance(problem, Problem) else None
        super().__init__(self.problem if path is None else f"{os.fspath(path)}: {self.problem}")


class FileProblem(Exception):
    """A file that is not a readable JSON object; `reason` says why, as a `Problem`."""

    def __init__(self, reason: Problem) -> None:
        self.reason = reason
        super().__init__(str(reason))


def read_json_object(path: Path) -> tuple[str, dict[str, Any]]:
    """The text of the file at `path` and the JSON object it holds. Raises `FileProblem` if it
    cannot be read, is not UTF-8, is empty, is not JSON or holds something other than an object:
    one reader for saves, hand histories, the debrief and the replay viewer."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileProblem(NO_SUCH_FILE) from None
    except IsADirectoryError:
        raise FileProblem(Problem.of("file_problem.is_a_folder", "is a folder, not a file")) from None
    except PermissionError:
        raise FileProblem(Problem.of("file_problem.permission_denied", "cannot be read: permission denied")) from None
    except OSError as error:
        raise FileProblem(cannot_read(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(Problem.of("file_problem.not_utf8", "is not a Table Stakes file: not a text file "
                                     "(not UTF-8)")) from None
    if not text.strip():
        raise FileProblem(Problem.of("file_problem.empty", "is empty (the file may have been cut short)"))
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise FileProblem(Problem.of("file_problem.not_json", "is not valid JSON (line {line}, column {column}: "
                                     "{why}); the file is damaged or cut short", line=error.lineno,
                                     column=error.colno, why=error.msg)) from None
    except RecursionError:
        raise FileProblem(Problem.of("file_problem.too_deep", "is not a Table Stakes file: its JSON is nested "
                                     "too deeply")) from None
    if not isinstance(doc, dict):
        raise FileProblem(Problem.of("file_problem.not_an_object", "is not a Table Stakes file: expected a JSON "
                                     "object, got {type}", type=type(doc).__name__))
    return text, doc


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


def reason_of(error: BaseException) -> Problem | str:
    """An error's `Problem` if it carries one (as `reason`, or as the only argument of a ValueError),
    else its text: for nesting one error's problem in another's.

    >>> reason_of(ValueError(NO_SUCH_FILE)) is NO_SUCH_FILE, reason_of(KeyError("x"))
    (True, "'x'")
    """
    reason = getattr(error, "reason", None)
    if isinstance(reason, Problem):
        return reason
    if len(error.args) == 1 and isinstance(error.args[0], Problem):
        return error.args[0]
    return str(error)


def cannot_read(error: OSError) -> Problem:
    return Problem.of("file_problem.cannot_read", "cannot be read: {why}", why=error.strerror or str(error))


def log_does_not_replay(error: IllegalActionError) -> Problem:
    """The action log stops replaying: `error` names the action and the rule that refused it."""
    return Problem.of("file_problem.log_does_not_replay", "its action log does not replay (the file is damaged): "
                      "{why}", why=reason_of(error))


def cannot_set_up(error: SetupError) -> Problem:
    return Problem.of("file_problem.cannot_set_up", "its game cannot be set up: {why}", why=reason_of(error))


def game_does_not_replay(error: Exception) -> Problem:
    """Replaying failed some other way (a damaged file the checks let through): the error's type and text."""
    return Problem.of("file_problem.game_does_not_replay", "its game does not replay (the file is damaged): "
                      "{type}: {why}", type=type(error).__name__, why=str(error))


# What replaying a recorded game (a save or a hand history) raises when the file is damaged.
REPLAY_FAILURES = (TableStakesError, ArithmeticError, IndexError, KeyError, TypeError, ValueError, RecursionError)


def replay_problem(error: Exception) -> Problem:
    """Why a recorded game does not replay, for any of `REPLAY_FAILURES`."""
    if isinstance(error, IllegalActionError):
        return log_does_not_replay(error)
    if isinstance(error, SetupError):
        return cannot_set_up(error)
    return game_does_not_replay(error)
