"""The first frame of every scene already shows its title and buttons (issue 13, bug 1): a scene
reached without input (a bot's move ending the year, a network message) is drawn in the same turn
of the loop that opened it, and the loop may then idle until the mouse moves."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UIButton, UILabel

from client_support import close_app, make_app
from game.client.scene import Scene
from scene_gallery import SCENES


class Opener(Scene):
    """Opens the scenes under test from its update, as the table opens the showdown when a bot ends the year."""

    def __init__(self, app, open_scenes) -> None:
        super().__init__(app)
        self.open_scenes = open_scenes
        self.cleanup = None

    def busy(self) -> bool:
        return True

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.open_scenes is not None:
            self.cleanup, self.open_scenes = self.open_scenes(self.app), None


def shown_widgets(scene) -> list:
    return [element for element in scene.manager.get_sprite_group().sprites()
            if isinstance(element, UIButton | UILabel) and element.visible and element.rect.width > 0
            and (isinstance(element, UIButton) or element.text)]


def pixels(surface: pygame.Surface, area: pygame.Rect) -> bytes:
    return pygame.image.tobytes(surface.subsurface(area), "RGB")


@pytest.mark.parametrize("name", sorted(SCENES))
def test_the_first_frame_of_a_scene_opened_without_input_shows_its_title_and_buttons(home, name):
    app = make_app(home)
    pygame.event.clear()
    opener = Opener(app, SCENES[name])
    app.push(opener)
    app.step()
    app.step()  # the turn that opens the scenes, then one more
    try:
        first = app.screen.copy()
        scene = app.scene
        widgets = shown_widgets(scene)
        assert widgets, f"{name} shows no title or button"
        without_widgets = app.screen.copy()
        for below in app.scenes[:-1] if scene.overlay else ():
            below.draw(without_widgets)
        scene.draw_background(without_widgets)
        for element in widgets:
            area = element.rect.clip(app.screen.get_rect())
            assert pixels(first, area) != pixels(without_widgets, area), \
                f"{name}: {type(element).__name__} {element.text!r} is missing from the first frame"
    finally:
        if callable(opener.cleanup):
            opener.cleanup()
        close_app(app)
