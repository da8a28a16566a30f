"""Errors the rules core raises. Each names the class of problem, the place and the fix."""

from __future__ import annotations


class TableStakesError(Exception):
    """Base class for every error the rules core raises on bad input."""


class ScenarioError(TableStakesError):
    """A scenario is broken: names the file, the field and what is wrong."""

    WHOLE_FILE = ("(file)", "(syntax)")  # problems with the file itself rather than one field

    def __init__(self, source: str, field: str, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = "" if field in self.WHOLE_FILE else f" field '{field}':"
        super().__init__(f"{source}:{where} {problem}")


class IllegalActionError(TableStakesError):
    """An action the rules refuse; the message says which rule and what is allowed."""


class SetupError(TableStakesError):
    """A game cannot be created from the given seats or seed."""


class CodecError(TableStakesError):
    """A JSON document is not a valid state, action or hand history of a known version."""
