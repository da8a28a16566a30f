"""Player settings, kept as JSON in the user's data folder. A bad value never stops the game
starting: it gets its default and `Settings.load` says which (`SettingsNote`)."""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from game.content.files import write_atomically
from game.content.locale import system_language, ui_languages
from game.content.reader import ReadError, read_json
from game.core import Problem

ANIMATION_SPEEDS = {"slow": 0.6, "normal": 1.0, "fast": 2.5, "instant": 0.0}  # multiplier of the pace
WINDOW_SIZES = ((1024, 640), (1280, 720), (1600, 900), (1920, 1080))
UI_SCALES = ("auto", 1.0, 1.25, 1.5, 2.0)  # how much the screens are scaled up ("auto": with the window)
SETTINGS_FILE = "settings.json"
SEATS_FILE = "seats.json"  # the seat tokens this computer holds, by table (address and join code)
WIDTH_RANGE = (640, 7680)  # pixels a window may be wide when it opens; a size outside is ignored
HEIGHT_RANGE = (400, 4320)
BOT_DELAY_RANGE = (0.0, 2.0)  # seconds (the settings screen's slider)
MAX_FILE_BYTES = 65536  # a settings file is a few hundred bytes: anything far larger is not one


@dataclass(frozen=True)
class Settings:
    language: str = field(default_factory=system_language)
    window_size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    ui_scale: str | float = "auto"  # one of UI_SCALES
    animation_speed: str = "normal"
    bot_delay: float = 0.7  # seconds a bot "thinks" before acting, so people can follow
    sound: bool = True
    colour_blind: bool = False
    coach: bool = False  # at the table, the viewer's win chance and pot odds on their own turn
    join_address: str = "127.0.0.1:8765"  # the table server last joined
    team_name: str = ""  # the team name last joined with

    def replace(self, **changes) -> Settings:
        return dataclasses.replace(self, **changes)

    @property
    def pace(self) -> float:
        """How fast animations run: 0 means instant."""
        return ANIMATION_SPEEDS[self.animation_speed]

    def save(self, data_dir: Path) -> None:
        """Write the settings into `data_dir` (created if needed). Raises `OSError`; the previous
        file is then left whole."""
        document = dataclasses.asdict(self)
        document["window_size"] = list(self.window_size)
        write_atomically(data_dir / SETTINGS_FILE, json.dumps(document, indent=1))

    @classmethod
    def load(cls, data_dir: Path) -> tuple[Settings, SettingsNote | None]:
        """The saved settings and a note if any had to be ignored: a setting with a bad value gets
        its default (the others are kept); a file that cannot be read gives the defaults. A setting
        missing from the file (one added since it was written) gets its default without a note."""
        path = data_dir / SETTINGS_FILE
        if not path.exists():  # none yet (a data folder that cannot be made is reported apart)
            return cls(), None
        try:
            _, document = read_json(path, MAX_FILE_BYTES)
        except ReadError as error:  # too large, not UTF-8, not JSON, unreadable
            return cls(), SettingsNote(path, (), error.reason)
        if not isinstance(document, dict):
            return cls(), SettingsNote(path, (), Problem.of(
                "file_problem.not_an_object", "is not a Table Stakes file: expected a JSON object, got {type}",
                type=type(document).__name__))
        values, ignored = {}, []
        for name, valid in _CHECKS.items():
            if name not in document:
                continue
            value = document[name]
            if valid(value):
                values[name] = tuple(value) if name == "window_size" else value
            else:
                ignored.append(name)
        note = SettingsNote(path, tuple(ignored), "not a usable value") if ignored else None
        return cls(**values), note


class SettingsNote(NamedTuple):
    """Why (some of) the settings file was ignored: `ignored` names the settings that got their
    default; empty means the whole file could not be read (`why`)."""

    path: Path
    ignored: tuple[str, ...]
    why: Problem | str  # why the file or its values were ignored (a Problem says it in the player's language)

    def __str__(self) -> str:
        if self.ignored:
            return f"{self.path}: ignored {', '.join(self.ignored)} ({self.why}); using the defaults for them"
        return f"{self.path}: ignored ({self.why}); using the default settings"


def _number(value: object, low: float, high: float) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
            and low <= value <= high)


def _window_size(value: object) -> bool:
    return (isinstance(value, list) and len(value) == 2 and all(isinstance(side, int) for side in value)
            and _number(value[0], *WIDTH_RANGE) and _number(value[1], *HEIGHT_RANGE))


_CHECKS = {
    "language": lambda value: isinstance(value, str) and value in ui_languages(),
    "window_size": _window_size,
    "fullscreen": lambda value: isinstance(value, bool),
    "ui_scale": lambda value: not isinstance(value, bool) and value in UI_SCALES,
    "animation_speed": lambda value: isinstance(value, str) and value in ANIMATION_SPEEDS,
    "bot_delay": lambda value: _number(value, *BOT_DELAY_RANGE),
    "sound": lambda value: isinstance(value, bool),
    "colour_blind": lambda value: isinstance(value, bool),
    "coach": lambda value: isinstance(value, bool),
    "join_address": lambda value: isinstance(value, str) and 0 < len(value) <= 200,
    "team_name": lambda value: isinstance(value, str) and len(value) <= 24,
}


# --------------------------------------------------------------------------- seat tokens

def _table_key(address: str, code: str) -> str:
    return f"{address.strip().lower()} {code.upper().replace('-', '').replace(' ', '')}"


def _seat_tokens(data_dir: Path) -> dict[str, str]:
    path = data_dir / SEATS_FILE
    if not path.exists():
        return {}
    try:
        _, document = read_json(path, MAX_FILE_BYTES)
    except ReadError:  # a damaged file costs the seats it held: joining again by team name still works
        return {}
    if not isinstance(document, dict):
        return {}
    return {key: value for key, value in document.items() if isinstance(value, str)}


def seat_token(data_dir: Path, address: str, code: str) -> str | None:
    """The token of this computer's seat at the table at `address` with join code `code`, if it has one."""
    return _seat_tokens(data_dir).get(_table_key(address, code))


def keep_seat_token(data_dir: Path, address: str, code: str, token: str | None) -> None:
    """Remember the seat's token (None: forget it), so a restarted client returns to its seat. Raises `OSError`."""
    tokens = _seat_tokens(data_dir)
    key = _table_key(address, code)
    if token is None:
        tokens.pop(key, None)
    else:
        tokens[key] = token
    write_atomically(data_dir / SEATS_FILE, json.dumps(tokens, indent=1))
