"""Where the game keeps its files, and how it writes them.

The per-user data folder holds the settings, the autosave, the saves, hand histories to
replay and the debrief's exports (`data_dir` says where it is on each platform). Every file
the game writes goes through `write_atomically`, so a crash while writing leaves the previous
file whole, never half of a new one, and at worst a temporary file named after the process that
wrote it, which `remove_stale_temp_files` clears at the next start. `data_folder_problem` says
at start why the data folder cannot hold the game's files (it cannot be made, is read-only or full).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

HOME_ENV = "TABLE_STAKES_HOME"  # overrides the per-user data folder (tests, portable installs)
TEMP_SUFFIX = ".tmp"
STALE_AFTER = 3600.0  # seconds after which a temporary file is stale even if its writer's id is in use again
PROBE_NAME = ".write-check"  # written and removed at start to find a read-only or full data folder


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


def _data_subfolder(name: str, create: bool) -> Path:
    folder = data_dir(create=create) / name
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def saves_dir(*, create: bool = True) -> Path:
    """data_dir()/saves."""
    return _data_subfolder("saves", create)


def histories_dir(*, create: bool = True) -> Path:
    """data_dir()/histories: hand histories (and saves) to replay, e.g. the headless runner's
    `--histories` files or any a teacher drops there."""
    return _data_subfolder("histories", create)


def exports_dir(*, create: bool = True) -> Path:
    """data_dir()/exports: the debrief's exports, one folder each."""
    return _data_subfolder("exports", create)


def autosave_path(*, create: bool = True) -> Path:
    """data_dir()/autosave.json (the folder is created; the file is written by a session)."""
    return data_dir(create=create) / "autosave.json"


def new_save_path(now: datetime | None = None) -> Path:
    """A file name for a new save in `saves_dir()` that does not exist yet, from the local time."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H-%M-%S")
    return free_path(saves_dir(), f"table-stakes_{stamp}", ".json")


def free_path(folder: str | os.PathLike, stem: str, suffix: str = "") -> Path:
    """folder/stem+suffix, or folder/stem-2+suffix, -3 ... if it already exists."""
    folder = Path(folder)
    path, number = folder / f"{stem}{suffix}", 2
    while path.exists():
        path = folder / f"{stem}-{number}{suffix}"
        number += 1
    return path


# --------------------------------------------------------------------------- writing

def write_atomically(path: str | os.PathLike, content: str | bytes, *, encoding: str = "utf-8") -> None:
    """Replace `path` with `content` so that it is always either the old or the new file:
    write a temporary file in the same folder (created if needed), flush and fsync it, then
    `os.replace`. Text is encoded with `encoding` and written as it is (its line ends untouched).
    Raises `OSError`; the previous file, if any, is then left as it was."""
    path = Path(path)
    data = content.encode(encoding) if isinstance(content, str) else content
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    # the writer's process id in the name tells a killed write's leftover from a running one's
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
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


# --------------------------------------------------------------------------- checks at start

class FolderProblem(NamedTuple):
    """A folder the game cannot write to, and why (the system's words, e.g. "Read-only file system")."""

    path: Path
    why: str

    def __str__(self) -> str:
        return f"{self.path}: {self.why}"


def data_folder_problem() -> FolderProblem | None:
    """Why the data folder cannot hold saves (it cannot be made, is read-only or full), or None.

    Writes and removes a small file the way an autosave is written (fsync included, so a full disk
    shows), and leaves nothing behind."""
    folder = data_dir(create=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / PROBE_NAME, b"Table Stakes checks it can save here\n")
        (folder / PROBE_NAME).unlink()
    except OSError as error:
        return FolderProblem(folder, error.strerror or str(error))
    return None


def remove_stale_temp_files() -> list[Path]:
    """Remove the temporary files that killed writes left in the data folder, its saves, histories
    and exports; the removed files. A temporary file of a process still running (a headless run
    writing histories, another window) is kept unless it is older than `STALE_AFTER`."""
    removed = []
    now = time.time()
    for path in _temp_files():
        try:
            if not _writer_running(path) or now - path.stat().st_mtime > STALE_AFTER:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone meanwhile, or a folder that cannot be written: nothing to clean there
    return removed


def _temp_files() -> Iterator[Path]:
    home = data_dir(create=False)
    exports = home / "exports"
    folders = [home, home / "saves", home / "histories", exports]
    try:
        folders += [folder for folder in exports.iterdir() if folder.is_dir()]
    except OSError:
        pass  # no exports yet
    for folder in folders:
        try:
            yield from (path for path in folder.glob(f".*{TEMP_SUFFIX}") if path.is_file())
        except OSError:
            continue


def _writer_running(temp: Path) -> bool:
    """Whether the process named in `temp`'s name (.NAME.PID.RANDOM.tmp) is running (POSIX; elsewhere
    assumed running, so only age removes the file)."""
    parts = temp.name[:-len(TEMP_SUFFIX)].rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False  # written before names carried the writer's id
    if os.name == "nt":
        return True  # os.kill(pid, 0) is not a harmless probe on Windows
    try:
        os.kill(int(parts[1]), 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # another user's process has that id
    return True
