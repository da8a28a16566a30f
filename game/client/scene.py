"""The scene base class: input comes in, is consumed or passed on, then update and draw."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.core import UIElement
from pygame_gui.elements import UITextEntryLine

from .app import TOOLTIP_DELAY


def select_only(buttons: dict, chosen) -> None:
    """Mark the button of `chosen` selected and every other one in `buttons` not (a row of tabs or choices)."""
    for key, button in buttons.items():
        if key == chosen:
            button.select()
        else:
            button.unselect()


class Scene:
    """A screen of the game. Subclasses build their widgets in `build` (called again after a
    resize, a language or palette change) and react in `on_button`, `on_key` and friends.

    A scene lays itself out at `size`, the window divided by the UI scale (1280×720 in a 1920×1080
    window at the automatic scale), and draws at that size; the app scales the frame up to the window.
    Mouse positions reach `on_click` and `mouse_pos` in the same layout pixels."""

    overlay = False  # a dialog drawn over the scene below it
    # After `draw`: None, or the places (layout pixels) that the scene's own animation drew this frame, when
    # nothing else of it can have changed since the last frame (the app then shows only those and last frame's).
    damage: list[pygame.Rect] | None = None
    dialog: pygame.Rect | None = None  # an overlay's own panel, drawn solid so that what lies below stays out of it

    def __init__(self, app) -> None:
        self.app = app
        self.manager: pygame_gui.UIManager | None = None
        self.dirty = True
        self.mouse_pos = (0, 0)
        self.mouse_still_since = 0.0  # pygame ticks in seconds when the mouse last moved
        self.widgets_settled = False  # False until pygame_gui has updated the widgets built last

    @property
    def size(self) -> tuple[int, int]:
        """The size the scene is laid out and drawn at."""
        return self.app.layout_size

    # ------------------------------------------------------------------ lifecycle

    def enter(self) -> None:
        self.manager = self.app.new_manager()
        self.build()
        self.widgets_settled = False
        self.announce_widgets()

    def relayout(self) -> None:
        if self.manager is not None:
            self.manager.clear_and_reset()
        self.manager = self.app.new_manager()
        self.build()
        self.widgets_settled = False
        self.announce_widgets()
        self.dirty = True

    def announce_widgets(self) -> None:
        """For end-to-end tests driving a real window: where each named widget is in the window (in
        window pixels, scaled as it is drawn), by attribute name (and by key for dictionaries of
        widgets such as `buttons`)."""
        if self.app.e2e_log is None:
            return
        found = {}
        for name, value in vars(self).items():
            if isinstance(value, UIElement) and value.alive():
                found[name] = list(self.app.window_rect(value.rect))
            elif isinstance(value, dict):
                for key, widget in value.items():
                    if isinstance(widget, UIElement) and widget.alive():
                        found[f"{name}.{key}"] = list(self.app.window_rect(widget.rect))
        self.app.log("widgets", scene=type(self).__name__, widgets=found)

    def resume(self) -> None:
        """Called when the scene above this one closes."""
        self.dirty = True

    def close(self) -> None:
        if self.manager is not None:
            self.manager.clear_and_reset()

    def build(self) -> None:
        """Create the widgets for the current window size."""

    # ------------------------------------------------------------------ input

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse_pos = self.app.to_layout(event.pos)
            self.mouse_still_since = pygame.time.get_ticks() / 1000
        if self.manager.process_events(event):
            self.dirty = True
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.app.sounds.play("click")
            self.on_button(event.ui_element)
        elif event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            self.on_slider(event.ui_element, event.value)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            self.on_text_entered(event.ui_element, event.text)
        elif event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self.on_choice(event.ui_element, event.text)
        elif event.type == pygame_gui.UI_CHECK_BOX_CHECKED or event.type == pygame_gui.UI_CHECK_BOX_UNCHECKED:
            self.on_check(event.ui_element, event.type == pygame_gui.UI_CHECK_BOX_CHECKED)
        elif event.type == pygame.KEYDOWN and not self.has_text_focus():
            if event.key == pygame.K_ESCAPE:
                self.on_escape()
            else:
                self.on_key(event)
        elif event.type == pygame.MOUSEBUTTONDOWN:
            self.on_click(self.app.to_layout(event.pos), event.button)

    def on_button(self, button) -> None: ...

    def on_slider(self, slider, value) -> None: ...

    def on_text_entered(self, entry, text: str) -> None: ...

    def on_choice(self, menu, text: str) -> None: ...

    def on_check(self, box, checked: bool) -> None: ...

    def on_key(self, event: pygame.event.Event) -> None: ...

    def on_click(self, pos: tuple[int, int], button: int) -> None: ...

    def on_escape(self) -> None:
        """Escape: by default, leave this scene."""
        self.app.pop()

    def open_side_scene(self, name: str) -> bool:
        """Push one of the scenes every menu offers (load, settings, how to play); False for other names."""
        if name == "load":
            from .scenes.load import LoadScene
            self.app.push(LoadScene(self.app))
        elif name == "settings":
            from .scenes.settings import SettingsScene
            self.app.push(SettingsScene(self.app))
        elif name == "how_to_play":
            from .scenes.how_to_play import HowToPlayScene
            self.app.push(HowToPlayScene(self.app))
        else:
            return False
        return True


    def request_quit(self) -> None:
        """The window's close button."""
        self.app.quit()

    # ------------------------------------------------------------------ frame

    def busy(self) -> bool:
        """True while something moves on its own (animations, a bot's turn): the loop runs at full speed."""
        return False

    def mouse_resting(self) -> bool:
        """True once the mouse has stood still long enough for a tooltip."""
        return pygame.time.get_ticks() / 1000 - self.mouse_still_since >= TOOLTIP_DELAY

    def has_text_focus(self) -> bool:
        return self.manager is not None and any(
            isinstance(element, UITextEntryLine) for element in self.manager.get_focus_set() or ())

    def update(self, dt: float) -> None:
        self.manager.update(dt)
        self.widgets_settled = True

    def settle_widgets(self) -> None:
        """Let pygame_gui lay out and render widgets it has not updated yet. A scene opened without
        input (a bot ends the year, a message arrives) or one under a dialog may be drawn before
        its own update: without this its first frame lacks its title and buttons, and the loop
        then idles until the mouse moves."""
        if not self.widgets_settled:
            self.manager.update(0.0)
            self.widgets_settled = True

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface)
        self.manager.draw_ui(surface)
        self.dirty = False

    def draw_background(self, surface: pygame.Surface) -> None:
        if self.overlay:
            shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            shade.fill((0, 0, 0, 170))
            surface.blit(shade, (0, 0))
            if self.dialog is not None:
                palette = self.app.theme.palette
                pygame.draw.rect(surface, palette.panel, self.dialog, border_radius=10)
                pygame.draw.rect(surface, palette.panel_edge, self.dialog, 1, border_radius=10)
        else:
            surface.fill(self.app.theme.palette.background)


class ContinueScene(Scene):
    """A page read between turns (showdown, year summary): its next button, Enter or Space closes
    it and the table goes on. Escape does not skip the page: it opens the menu of the scene beneath
    (the table's pause menu, the projector's stop question), as Escape does there."""

    next_button = None

    def on_button(self, button) -> None:
        if button is self.next_button:
            self.carry_on()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER):
            self.carry_on()

    def carry_on(self) -> None:
        """Close the page: the table goes on."""
        self.app.pop()

    def on_escape(self) -> None:
        below = self.app.scenes[-2] if len(self.app.scenes) > 1 else None
        if below is not None and type(below).on_escape is not Scene.on_escape:  # the default would close this page
            below.on_escape()
