"""Start the game window: `python main.py` (the composition root calls `run`)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.content.files import data_dir

from .app import App
from .settings import Settings


def run(*, screenshot_dir: Path | None = None, e2e_log: Path | None = None, size: tuple[int, int] | None = None) -> int:
    home = data_dir()
    settings, warning = Settings.load(home)
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    if size is not None:
        settings = settings.replace(window_size=size, fullscreen=False)
    app = App(settings, data_dir=home, screenshot_dir=screenshot_dir, e2e_log=e2e_log)
    from .scenes.title import TitleScene
    app.push(TitleScene(app))
    app.run()
    return 0
