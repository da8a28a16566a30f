"""Where the game keeps its files, and how it writes them.

The per-user data folder holds the settings, the autosave, the saves, hand histories to
replay and the debrief's exports (`data_dir` says where it is on each platform). Every file
the game writes goes through `write_atomically`, so a crash while writing leaves the previous
file whole, never half of a new one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HOME_ENV = "TABLE_STAKES_HOME"  # overrides the per-user data folder (tests, portable installs)


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
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
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
