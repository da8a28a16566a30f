"""Driving the menu screens (setup, settings, load) headless: pygame_gui's drop-downs and text
entries post their own events back into the queue, so each input here gets a few more loop turns
than `client_support` gives the table."""

from __future__ import annotations

import pygame

from client_support import docs_app
from game.client.scenes.title import TitleScene


def title_screen(home):
    """An app (`docs_app`, with the settings a player starts with) showing the title screen."""
    app = docs_app(home, shipped=True)
    app.push(TitleScene(app))
    pump(app)
    return app


def pump(app, steps: int = 4) -> None:
    """Turns of the real main loop; pygame_gui posts its UI events back into the queue, so take several."""
    for _ in range(steps):
        app.step()


def click(app, element_or_pos, steps: int = 4) -> None:
    """A left click on a widget's centre or a point of the scene's layout, where it is drawn in the window."""
    pos = app.to_window(element_or_pos if isinstance(element_or_pos, tuple) else element_or_pos.rect.center)
    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    pump(app, steps)


def choose(app, menu, option_id: str) -> None:
    """Open a drop-down menu and click one of its options, as a player would."""
    click(app, menu)
    listing = menu.menu_states["expanded"].options_selection_list
    assert listing is not None, "the menu did not open"
    text = next(text for text, ident in menu.options_list if ident == option_id)
    for item in listing.item_list:
        if item["text"] == text and item["button_element"] is not None:
            click(app, item["button_element"])
            return
    raise AssertionError(f"option {option_id!r} is not visible in the open menu")


def type_into(app, entry, text: str) -> None:
    """Focus a text entry, clear it with backspaces and type `text`."""
    click(app, entry)
    for _ in range(len(entry.get_text())):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="",
                                             scancode=0))
    for char in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    pump(app)


def press(app, key: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    pump(app)
