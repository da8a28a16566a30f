"""Player settings, kept as JSON in the user's data folder."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path

from game.content.files import write_atomically
from game.content.locale import FALLBACK, system_language, ui_languages

ANIMATION_SPEEDS = {"slow": 0.6, "normal": 1.0, "fast": 2.5, "instant": 0.0}  # multiplier of the pace
WINDOW_SIZES = ((1280, 720), (1600, 900), (1920, 1080), (1024, 640))
SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Settings:
    language: str = field(default_factory=system_language)
    window_size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    animation_speed: str = "normal"
    bot_delay: float = 0.7  # seconds a bot "thinks" before acting, so people can follow
    sound: bool = True
    colour_blind: bool = False
    coach: bool = False  # at the table, the viewer's win chance and pot odds on their own turn

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
    def load(cls, data_dir: Path) -> tuple[Settings, str | None]:
        """The saved settings (or the defaults) and a warning if the file had to be ignored."""
        path = data_dir / SETTINGS_FILE
        if not path.exists():
            return cls(), None
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            settings = cls(
                language=document["language"] if document["language"] in ui_languages() else FALLBACK,
                window_size=(int(document["window_size"][0]), int(document["window_size"][1])),
                fullscreen=bool(document["fullscreen"]),
                animation_speed=document["animation_speed"] if document["animation_speed"] in ANIMATION_SPEEDS
                else "normal",
                bot_delay=float(document["bot_delay"]),
                sound=bool(document["sound"]),
                colour_blind=bool(document["colour_blind"]),
                coach=bool(document.get("coach", False)),  # files from before the coach lack it
            )
        except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
            return cls(), f"{path}: ignored ({type(error).__name__}: {error}); using the default settings"
        return settings, None
