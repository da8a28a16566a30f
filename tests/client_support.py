"""Driving the client headless: an App on the dummy video driver, real clicks and keys posted as events."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.client.app import App
from game.client.settings import Settings


def make_app(home: Path, *, shipped: bool = False, **settings) -> App:
    """An app on the dummy driver with instant animations and bots that do not wait; with `shipped`,
    the settings a player starts with instead (in English), for the screens that show them."""
    values = {"language": "en"} if shipped else {"language": "en", "animation_speed": "instant", "bot_delay": 0.0,
                                                 "sound": False}
    values.update(settings)
    return App(Settings(**values), data_dir=home, screenshot_dir=home / "screenshots", idle_poll=0)


def docs_app(home: Path, **settings) -> App:
    """`make_app` whose screenshots go to $TABLE_STAKES_SCREENSHOT_DIR when it is set (that is how
    docs/screenshots/ are made), with no events left queued by an earlier test."""
    app = make_app(home, **settings)
    shots = os.environ.get("TABLE_STAKES_SCREENSHOT_DIR")
    if shots:
        app.screenshot_dir = Path(shots)
    pygame.event.clear()
    return app


def close_app(app: App) -> None:
    """Close every scene, as quitting does."""
    while app.scenes:
        app.scenes.pop().close()


def pump(app: App, steps: int = 3) -> None:
    for _ in range(steps):
        if not app.running or not app.scenes:
            return
        app.step()


def click(app: App, widget, steps: int = 3) -> None:
    """A real left click on the widget's centre (where it is drawn in the window, the UI scale
    applied): pygame_gui turns it into a button press."""
    position = app.to_window(widget.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=position, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=position, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=position, button=1))
    pump(app, steps)


def press(app: App, key: int, steps: int = 3) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    pump(app, steps)


def type_text(app: App, entry, text: str) -> None:
    """Focus a text entry by clicking it, clear it, then type like a keyboard does."""
    click(app, entry, 2)
    for _ in range(len(entry.get_text())):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0))
    pump(app, 1)
    for character in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=character))
    pump(app, 2)
