"""Errors the rules core raises. Each names the class of problem, the place and the fix.

Each also carries what went wrong as data, a `Problem`: a stable key and the values its
sentence is built from, so that a client can say it in the player's language. The English
sentence (`str(error)`) is built from the same values.

>>> problem = Problem.of("refusal.faces_call", "it faces {amount:,} to call", amount=Money(1200))
>>> str(problem), problem.key, dict(problem.values)
('it faces 1,200 to call', 'refusal.faces_call', {'amount': 1200})
>>> str(IllegalActionError(problem)), IllegalActionError(problem).reason is problem
('it faces 1,200 to call', True)
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Money(int):
    """$M among a problem's values, so that a client shows it as money in its own language."""

    __slots__ = ()


class Problem(NamedTuple):
    """A refusal or a problem as data: a stable `key` (the same in every language), the `values`
    its sentence is built from, and that sentence in English (also what `str()` gives).

    A value may be a number (`Money` for $M), a text, a tuple (a list of names: English joins
    it with commas) or another `Problem` (a clause of this one: English uses its sentence).
    """

    key: str
    values: tuple[tuple[str, Any], ...]
    english: str

    @classmethod
    def of(cls, key: str, template: str, /, **values: Any) -> Problem:
        """The problem `key` with `values`, its English sentence `template` filled with them."""
        english = template.format_map({name: _in_english(value) for name, value in values.items()})
        return cls(key, tuple(values.items()), english)

    def __str__(self) -> str:
        return self.english


def _in_english(value: Any) -> Any:
    if isinstance(value, Problem):
        return value.english
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return value


class TableStakesError(Exception):
    """Base class for every error the rules core raises on bad input."""


class ScenarioError(TableStakesError):
    """A scenario is broken: names the file, the field and what is wrong.

    `problem` is the English sentence; `reason` the same as a `Problem` (None if it was given as text).
    """

    WHOLE_FILE = ("(file)", "(syntax)")  # problems with the file itself rather than one field

    def __init__(self, source: str, field: str, problem: str | Problem) -> None:
        self.source = source
        self.field = field
        self.problem = str(problem)
        self.reason = problem if isinstance(problem, Problem) else None
        where = "" if field in self.WHOLE_FILE else f" field '{field}':"
        super().__init__(f"{source}:{where} {self.problem}")


class IllegalActionError(TableStakesError):
    """An action the rules refuse; the message says which rule and what is allowed.

    `reason` is the refusal as a `Problem` (None if it was given as text).
    """

    def __init__(self, reason: str | Problem) -> None:
        self.reason = reason if isinstance(reason, Problem) else None
        super().__init__(str(reason))


class SetupError(TableStakesError):
    """A game cannot be created from the given seats or seed; `reason` as for `IllegalActionError`."""

    def __init__(self, reason: str | Problem) -> None:
        self.reason = reason if isinstance(reason, Problem) else None
        super().__init__(str(reason))


class CodecError(TableStakesError):
    """A JSON document is not a valid state, action or hand history of a known version."""


class RulesVersionError(CodecError):
    """A state or hand history was played under another version of the rules: replaying it under
    these would give another game. `problem` says which version, for a client to say in its language."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))
