"""The one hardened reader of every JSON and TOML file the game reads: saves, hand histories,
scenarios and locales.

A file someone swapped, a disk that flipped a byte or a hostile file must never cost more than a
clear message, so before anything else looks at a document the reader checks that:

- it is a regular file of at most `MAX_BYTES` (`MAX_TOML_BYTES` for TOML): a device or a pipe would
  block, a huge file eat memory or time;
- it is UTF-8 text, with or without a byte order mark (Windows' Notepad writes one);
- it parses (JSON: finite numbers only; no text with half of a surrogate pair, which no file the
  game writes holds and which cannot be shown or written back);
- its lists and tables nest at most `MAX_DEPTH` deep (everything that walks a document recursively,
  `json` and `tomllib` included, would otherwise raise `RecursionError`);
- its whole numbers have at most `MAX_DIGITS` digits (Python refuses to read more than 4,300, and a
  number that long is no money, seed or count the game knows).

Every problem is a `ReadError` naming the file, with its problem as a core `Problem`
(``file_problem.*``) for a client to say in the player's language.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.json"
>>> _ = path.write_text('{"a": [1, 2.5]}')
>>> read_json(path)[1]
{'a': [1, 2.5]}
>>> _ = path.write_text('{"a": ' + "[" * 100 + "]" * 100 + "}")
>>> try:
...     read_json(path)
... except ReadError as error:
...     print(error.problem)
is nested too deeply (more than 32 levels of lists and tables)
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from game.core import Problem

MAX_BYTES = 16 * 1024 * 1024  # JSON: the game writes saves and histories of a few hundred KB at most
MAX_TOML_BYTES = 1024 * 1024  # scenarios are a few dozen KB; tomllib is pure Python (a 4 MB file takes seconds)
MAX_DEPTH = 32  # the deepest document the game writes nests 8 levels (a save's scenario's conditions)
MAX_DIGITS = 30  # a seed of 2**64 has 20; money in $M has at most 13 (scenario bounds, docs/scenarios.md)

NO_SUCH_FILE = Problem.of("file_problem.no_such_file", "no such file")
IS_A_FOLDER = Problem.of("file_problem.is_a_folder", "is a folder, not a file")
PERMISSION_DENIED = Problem.of("file_problem.permission_denied", "cannot be read: permission denied")
EMPTY = Problem.of("file_problem.empty", "is empty (the file may have been cut short)")
TOO_DEEP = Problem.of("file_problem.too_deep", "is nested too deeply (more than {most} levels of lists and tables)",
                      most=MAX_DEPTH)


class ReadError(Exception):
    """A file cannot be read as a document: names the file and the problem.

    `reason` is the problem as a core `Problem`; `problem` its English sentence.
    """

    def __init__(self, path: str | os.PathLike, reason: Problem) -> None:
        self.path = Path(path)
        self.reason = reason
        self.problem = str(reason)
        super().__init__(f"{os.fspath(path)}: {reason}")


def cannot_read(error: OSError) -> Problem:
    return Problem.of("file_problem.cannot_read", "cannot be read: {why}", why=error.strerror or str(error))


# --------------------------------------------------------------------------- bytes and text

def read_text(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text of the regular file at `path` (a byte order mark dropped). Raises `ReadError`."""
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise ReadError(path, Problem.of("file_problem.not_utf8", "is not UTF-8 text: byte {byte} on line {line} "
                                         "(a damaged file, or one saved in another encoding: save it as UTF-8)",
                                         byte=f"{raw[error.start]:#04x}", line=line)) from None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(path, IS_A_FOLDER)
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device: reading it could block or never end
            raise ReadError(path, Problem.of("file_problem.not_a_file", "is not a regular file"))
        if info.st_size > max_bytes:
            raise ReadError(path, _too_large(info.st_size, max_bytes))
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise ReadError(path, NO_SUCH_FILE) from None
    except IsADirectoryError:
        raise ReadError(path, IS_A_FOLDER) from None
    except PermissionError:
        raise ReadError(path, PERMISSION_DENIED) from None
    except OSError as error:  # also a name too long, or a path through a file
        raise ReadError(path, cannot_read(error)) from None
    if len(raw) > max_bytes:
        raise ReadError(path, _too_large(len(raw), max_bytes))
    return raw


def _too_large(size: int, most: int) -> Problem:
    return Problem.of("file_problem.too_large", "is too large ({size:,} bytes; a Table Stakes file has at most "
                      "{most:,})", size=size, most=most)


# --------------------------------------------------------------------------- JSON

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')  # exact on text that parsed as JSON
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")
_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1}}}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def _no_constants(text: str) -> float:
    raise _NotFinite(text)


def read_json(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> tuple[str, Any]:
    """The text of the JSON file at `path` and the document it holds. Raises `ReadError`."""
    text = read_text(path, max_bytes)
    return text, parse_json(text, path)


def parse_json(text: str, path: str | os.PathLike) -> Any:
    """The document JSON `text` (read from `path`) holds, checked as the module says. Raises `ReadError`."""
    if not text.strip():
        raise ReadError(path, EMPTY)
    try:
        doc = json.loads(text, parse_float=_finite, parse_constant=_no_constants)
    except _NotFinite as error:
        raise ReadError(path, Problem.of("file_problem.not_finite", "holds the number {value}, which is not a "
                                         "finite number", value=str(error))) from None
    except json.JSONDecodeError as error:
        raise ReadError(path, Problem.of("file_problem.not_json", "is not valid JSON (line {line}, column {column}: "
                                         "{why}); the file is damaged or cut short", line=error.lineno,
                                         column=error.colno, why=error.msg)) from None
    except RecursionError:
        raise ReadError(path, TOO_DEEP) from None
    except ValueError:  # Python's own limit on the digits of a whole number
        raise ReadError(path, _too_long(_line_of_long_number(_JSON_STRING.sub('""', text)))) from None
    outside_strings = _JSON_STRING.sub('""', text)  # a string holds no line break, so lines stay where they were
    long_number = _LONG_NUMBER.search(outside_strings)
    if long_number:
        raise ReadError(path, _too_long(outside_strings.count("\n", 0, long_number.start()) + 1))
    if _too_deep(outside_strings):
        raise ReadError(path, TOO_DEEP)
    if _SURROGATE_ESCAPE.search(text):
        _refuse_half_pairs(doc, path)
    return doc


def _too_deep(text: str) -> bool:
    """Whether the brackets of `text` (valid JSON with its strings emptied) nest more than MAX_DEPTH
    deep: each pass removes the innermost level everywhere, so they vanish in as many passes as they
    are deep. (Linear and in C, unlike a walk of the document.)"""
    brackets = _NOT_A_BRACKET.sub("", text)
    for _ in range(MAX_DEPTH):
        if not brackets:
            return False
        brackets = _INNERMOST.sub("", brackets)
    return bool(brackets)


def _too_long(line: int) -> Problem:
    return Problem.of("file_problem.number_too_long", "holds a number with more than {most} digits (line {line})",
                      most=MAX_DIGITS, line=line)


def _refuse_half_pairs(doc: Any, path: str | os.PathLike) -> None:
    """Refuse text holding half of a UTF-16 surrogate pair (JSON's \\ud800): it cannot be shown or saved."""
    for text in _strings(doc):
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ReadError(path, Problem.of("file_problem.broken_character", "holds text with a broken character "
                                             "({code}, half of a pair)", code=f"U+{ord(text[error.start]):04X}")) \
                from None


def _strings(doc: Any):
    stack = [doc]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


# --------------------------------------------------------------------------- TOML

def read_toml(path: str | os.PathLike, max_bytes: int = MAX_TOML_BYTES) -> dict[str, Any]:
    """The table the TOML file at `path` holds, checked as the module says. Raises `ReadError`."""
    text = read_text(path, max_bytes)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ReadError(path, Problem.of("file_problem.not_toml", "is not valid TOML: {why}", why=str(error))) \
            from None
    except RecursionError:
        raise ReadError(path, TOO_DEEP) from None
    except ValueError:  # Python's own limit on the digits of a whole number
        raise ReadError(path, _too_long(_line_of_long_number(text))) from None
    _check_toml(data, text, path)
    return data


def _check_toml(data: dict[str, Any], text: str, path: str | os.PathLike) -> None:
    biggest = 10 ** MAX_DIGITS
    stack = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ReadError(path, TOO_DEEP)
        values = item.values() if isinstance(item, dict) else item
        for value in values:
            if isinstance(value, (dict, list)):
                stack.append((value, depth + 1))
            elif isinstance(value, int) and not -biggest < value < biggest:
                raise ReadError(path, _too_long(_line_of_long_number(text)))


def _line_of_long_number(text: str) -> int:
    found = _LONG_NUMBER.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1
