"""The files of a headless run, written as the games finish so a run killed at any point keeps them.

The results file (`--out`) is JSON lines: a header with the run's settings, one line per game in game
order, and the summary last once the run is complete. Each line is flushed as it is written, so a
kill loses at most the line being written; `--resume` drops such a partial line, checks the header is
this run's, and plays on from the first game missing. The CSV (`--csv`) gets one row per game and
seat as the games finish; on resume it is written again from the results file. Both files are opened
before the first game, so a path that cannot be written is refused before any game is played.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

RESULTS_FORMAT = "table-stakes/results"
RESULTS_VERSION = 2  # 1: one JSON document written at the end; 2: JSON lines written as games finish
CSV_COLUMNS = ("game", "seed", "years", "over_reason", "seat", "bot", "firm", "rank", "score", "net_worth",
               "ownership", "agi", "exited", "hands", "folds", "showdowns", "spent", "won", "raised", "decisions")


class OutputError(Exception):
    """An output of the run cannot be used: `str()` names the option, the path and the reason."""


def line_of(document: dict) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n"


def csv_rows(record: dict) -> Iterator[list]:
    """A game's CSV rows, one per seat (none for a game its worker could not finish)."""
    for row in record.get("seats", ()):
        merged = {**record, **row}
        yield [merged[column] for column in CSV_COLUMNS]


def check_file_path(option: str, path: str) -> Path:
    """`path` as a file the run may write: refused if it is a folder or its folder is missing."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{option}: '{path}' is a folder; give a file name, e.g. {target / 'results'}")
    parent = target.resolve().parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{option}: '{target.parent}' is not a folder")
    if not parent.exists():
        raise OutputError(f"{option}: folder '{target.parent}' does not exist")
    return target


def _open(option: str, path: Path, mode: str, **kwargs) -> IO:
    try:
        return open(path, mode, **kwargs)  # noqa: SIM115 — kept open for the whole run
    except OSError as error:
        raise OutputError(f"{option}: cannot write '{path}': {error.strerror or error}") from None


class ResultsFile:
    """The `--out` file, opened for a new run (`start`) or for the rest of a killed one (`resume`)."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle = handle

    @classmethod
    def start(cls, path: Path, header: dict) -> ResultsFile:
        results = cls(path, _open("--out", path, "wb"))
        results._write(line_of(header))
        return results

    @classmethod
    def resume(cls, path: Path, header: dict) -> tuple[ResultsFile, Iterator[dict]]:
        """Open a run's results file to continue it. Returns the file and an iterator over its finished
        records, which must be read to the end before anything is written (it truncates a partial
        last line and leaves the file at its end)."""
        handle = _open("--out", path, "r+b")
        first = handle.readline()
        expected = line_of(header).encode("utf-8")
        if first != expected and expected.startswith(first):  # killed before its header was whole: start over
            handle.seek(0)
            handle.truncate()
            results = cls(path, handle)
            results._write(expected.decode("utf-8"))
            return results, iter(())
        try:
            found = json.loads(first)
        except ValueError:
            found = None
        if not isinstance(found, dict) or found.get("format") != RESULTS_FORMAT:
            handle.close()
            raise OutputError(f"--resume: '{path}' is not the results file of a run")
        if found != json.loads(line_of(header)):
            handle.close()
            theirs = found.get("run", {})
            raise OutputError(f"--resume: '{path}' holds another run (seats {','.join(theirs.get('seats', []))}, "
                              f"{theirs.get('games')} games, seed {theirs.get('seed')}, scenario "
                              f"{theirs.get('scenario')}, time limit {theirs.get('time_limit')}); resume it with "
                              f"those settings, or write this run to another file")
        results = cls(path, handle)
        return results, results._finished()

    def _finished(self) -> Iterator[dict]:
        handle, expected = self._handle, 0
        while True:
            start = handle.tell()
            line = handle.readline()
            record = _record_of(line)
            if record is None or record.get("game", expected) != expected:
                handle.seek(start)
                handle.truncate()  # a line cut short by a kill, or anything after it
                return
            if "summary" in record:
                handle.seek(start)
                handle.truncate()  # written again, the same, once the run is complete
                return
            yield record
            expected += 1

    def write(self, record: dict) -> None:
        self._write(line_of(record))

    def finish(self, summary: dict) -> None:
        self._write(line_of({"summary": summary}))
        self.close()

    def _write(self, text: str) -> None:
        try:
            self._handle.write(text.encode("utf-8"))
            self._handle.flush()  # a kill now loses nothing written so far
        except OSError as error:
            raise OutputError(f"--out: cannot write '{self.path}': {error.strerror or error}") from None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()


def _record_of(line: bytes) -> dict | None:
    if not line.endswith(b"\n"):
        return None
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and ("game" in record or "summary" in record) else None


class CsvFile:
    """The `--csv` file: a header row, then each game's rows as it finishes."""

    def __init__(self, path: Path, handle: IO[str]) -> None:
        self.path = path
        self._handle = handle
        self._writer = csv.writer(handle)

    @classmethod
    def start(cls, path: Path) -> CsvFile:
        table = cls(path, _open("--csv", path, "w", newline="", encoding="utf-8"))
        table._rows([CSV_COLUMNS])
        return table

    @classmethod
    def rewrite(cls, path: Path, records: Iterator[dict]) -> CsvFile:
        """The CSV of a resumed run: written again from its finished records in a temporary file that
        then replaces the old one, so a kill meanwhile leaves the old file (and the next resume
        removes the temporary one)."""
        descriptor, temporary = tempfile.mkstemp(dir=path.resolve().parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(descriptor)
        table = cls(path, _open("--csv", Path(temporary), "w", newline="", encoding="utf-8"))
        table._rows([CSV_COLUMNS])
        for record in records:
            table._rows(csv_rows(record))
        try:
            if path.exists():
                shutil.copymode(path, temporary)  # mkstemp makes the file private; keep the old file's mode
            os.replace(temporary, path)
        except OSError as error:
            table.close()
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise OutputError(f"--csv: cannot write '{path}': {error.strerror or error}") from None
        return table

    def write(self, record: dict) -> None:
        self._rows(csv_rows(record))

    def _rows(self, rows) -> None:
        try:
            self._writer.writerows(rows)
            self._handle.flush()
        except OSError as error:
            raise OutputError(f"--csv: cannot write '{self.path}': {error.strerror or error}") from None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()


def remove_stale_temporaries(folder: Path, name: str = "") -> None:
    """Delete temporary files a killed run left in `folder` (those of file `name`, or all)."""
    with contextlib.suppress(OSError):
        for path in folder.glob(f".{name}*.tmp"):
            with contextlib.suppress(OSError):
                path.unlink()
