"""Start the game window: `python main.py` (the composition root calls `run`)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.content.files import data_dir, data_folder_problem, remove_stale_temp_files

from .app import App
from .settings import Settings


def run(*, screenshot_dir: Path | None = None, e2e_log: Path | None = None, size: tuple[int, int] | None = None) -> int:
    open_app(screenshot_dir=screenshot_dir, e2e_log=e2e_log, size=size).run()
    return 0


def open_app(*, screenshot_dir: Path | None = None, e2e_log: Path | None = None,
             size: tuple[int, int] | None = None) -> App:
    """The window at its title screen, after the start-up checks: temporary files that killed saves
    left behind are removed, and a data folder that cannot hold saves or settings that were ignored
    are reported over the title (and on stderr). Nothing here stops the game starting."""
    removed = remove_stale_temp_files()
    folder_problem = data_folder_problem()
    home = data_dir(create=False)
    settings, settings_note = Settings.load(home)
    for problem in (folder_problem, settings_note):
        if problem is not None:
            print(f"warning: {problem}", file=sys.stderr)
    if size is not None:
        settings = settings.replace(window_size=size, fullscreen=False)
    app = App(settings, data_dir=home, screenshot_dir=screenshot_dir, e2e_log=e2e_log)
    app.log("start", removed_temp_files=[str(path) for path in removed],
            data_folder_problem=None if folder_problem is None else str(folder_problem),
            settings_note=None if settings_note is None else str(settings_note))
    from .i18n import t
    from .problems import describe
    from .scenes.title import TitleScene
    app.push(TitleScene(app))
    notes = []
    if folder_problem is not None:
        notes.append(t("startup.folder_problem", folder=str(folder_problem.path), why=folder_problem.why))
    if settings_note is not None and settings_note.ignored:
        notes.append(t("startup.settings_fields", file=str(settings_note.path),
                       fields=", ".join(settings_note.ignored)))
    elif settings_note is not None:
        notes.append(t("startup.settings_file", file=str(settings_note.path), why=describe(settings_note.why)))
    if notes:
        from .scenes.notice import NoticeScene
        app.push(NoticeScene(app, notes))
    return app
