"""Every screen scales with the window (issue 13): each scene is laid out at the window ÷ the UI scale
and drawn scaled up, the UI scale is a setting (automatic or 100-200 %), and at every scale a click
lands on what is drawn under it, for pygame_gui's widgets and for what the scenes draw themselves."""

from __future__ import annotations

import json

import pygame
import pygame_gui
import pytest
from pygame_gui.elements import UIButton

from client_support import close_app, make_app, pump
from game.client.layout import ui_scale
from game.client.settings import Settings
from menu_support import choose, click
from scene_gallery import SCENES

SCALED = (((1920, 1080), "auto"), ((1920, 1080), 1.25), ((1600, 900), 2.0))


def test_the_ui_scale_follows_the_setting_and_leaves_the_smallest_layout():
    assert ui_scale((1920, 1080), "auto") == 1.5  # as the table has it: laid out for 1280×720
    assert ui_scale((1280, 720), "auto") == 1.0
    assert ui_scale((1920, 1080), 1.25) == 1.25
    assert ui_scale((1920, 1080), 1.0) == 1.0  # the small screens of before, if someone wants them
    assert ui_scale((1600, 900), 2.0) == pytest.approx(900 / 640)  # lowered: the screens need 1024×640
    assert ui_scale((1024, 640), 2.0) == 1.0


@pytest.mark.parametrize("size, scale", [((1920, 1080), "auto"), ((1920, 1080), 1.25)])
def test_the_title_and_the_menus_grow_with_the_window(home, size, scale):
    app = make_app(home, window_size=size, ui_scale=scale)
    try:
        SCENES["title"](app)
        pump(app, 2)
        factor = 1.5 if scale == "auto" else scale
        assert app.ui_scale == factor
        assert app.layout_size == (round(size[0] / factor), round(size[1] / factor))
        assert app.scene.manager.window_resolution == app.layout_size
        button = app.scene.buttons["new_game"]
        assert app.window_rect(button.rect).height >= button.rect.height * factor - 1  # drawn larger
    finally:
        close_app(app)


def _drawn_alike(app, rect: pygame.Rect) -> bool:
    """The window shows at `rect`'s scaled place what the scene drew at `rect` (average colours agree)."""
    inner = rect.inflate(-4, -4).clip(app.canvas.get_rect())
    drawn = app.screen.subsurface(app.window_rect(inner).clip(app.screen.get_rect()))
    laid_out = app.canvas.subsurface(inner)
    first, second = pygame.transform.average_color(laid_out), pygame.transform.average_color(drawn)
    return all(abs(a - b) <= 12 for a, b in zip(first[:3], second[:3], strict=True))


def _pressed_by_click(app, button: UIButton) -> bool:
    """A click at the button's place in the window: does pygame_gui press that button?"""
    pygame.event.clear()
    where = app.to_window(button.rect.center)
    pygame.mouse.set_pos(where)
    manager = app.scene.manager
    manager.update(0.0)
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        manager.process_events(pygame.event.Event(kind, pos=where, button=1))
    pressed = [event.ui_element for event in pygame.event.get() if event.type == pygame_gui.UI_BUTTON_PRESSED]
    return button in pressed


@pytest.mark.parametrize("size, scale", SCALED, ids=[f"{w}x{h}-{s}" for (w, h), s in SCALED])
def test_at_every_scale_each_button_is_drawn_where_it_is_laid_out_and_a_click_there_presses_it(home, size, scale):
    problems, checked = [], 0
    for name, open_scene in SCENES.items():
        app = make_app(home / name, window_size=size, ui_scale=scale)
        pygame.event.clear()
        stop = None
        try:
            stop = open_scene(app)
            pump(app, 2)
            app.draw()
            assert app.ui_scale > 1 and app.canvas is not app.screen
            buttons = [element for element in app.scene.manager.get_root_container().elements
                       if isinstance(element, UIButton) and element.visible and element.is_enabled
                       and element.rect.width > 8]
            checked += len(buttons)
            for button in buttons:
                if not _drawn_alike(app, button.rect):
                    problems.append(f"{name}: {button.text!r} is not drawn at its scaled place")
                if not _pressed_by_click(app, button):
                    problems.append(f"{name}: a click on {button.text!r} at {app.to_window(button.rect.center)} "
                                    f"misses it")
        finally:
            if callable(stop):
                stop()
            close_app(app)
    assert not problems, "\n".join(problems)
    assert checked > 60  # the buttons of 22 scenes


def test_a_click_on_what_a_scene_draws_itself_lands_at_every_scale(home):
    """The glossary's list is drawn by the scene, not pygame_gui: its rows are clicked in layout pixels."""
    for size, scale in SCALED:
        app = make_app(home, window_size=size, ui_scale=scale)
        try:
            SCENES["glossary"](app)
            pump(app, 2)
            app.draw()
            glossary = app.scene
            rect, term = glossary.rows[5]
            click(app, rect.center)
            assert glossary.term == term, (size, scale)
        finally:
            close_app(app)


def test_the_ui_scale_is_chosen_in_the_settings_saved_and_read_back(home):
    app = make_app(home, shipped=True, window_size=(1920, 1080))
    try:
        SCENES["title"](app)
        pump(app, 2)
        assert app.ui_scale == 1.5
        click(app, app.scene.buttons["settings"])
        scene = app.scene
        choose(app, scene.scale_menu, "1.25")
        click(app, scene.apply_button)
        assert app.settings.ui_scale == 1.25 and app.ui_scale == 1.25
        assert app.scene.manager.window_resolution == (1536, 864)
        assert Settings.load(app.data_dir)[0].ui_scale == 1.25
        choose(app, app.scene.scale_menu, "auto")  # the menus still answer clicks at the new scale
        click(app, app.scene.apply_button)
        assert app.settings.ui_scale == "auto" and app.ui_scale == 1.5
    finally:
        close_app(app)


@pytest.mark.parametrize("value", [3.0, True, "big", [1.5]])
def test_a_ui_scale_not_offered_falls_back_to_automatic(home, value):
    (home / "settings.json").write_text(json.dumps({"ui_scale": value}), encoding="utf-8")
    settings, note = Settings.load(home)
    assert settings.ui_scale == "auto" and note.ignored == ("ui_scale",)


def test_end_to_end_tests_read_widgets_in_window_pixels(home):
    """announce_widgets is what xdotool clicks by: in a scaled window it must give window pixels."""
    log = home / "e2e.log"
    app = make_app(home, window_size=(1920, 1080))
    app.e2e_log = log
    try:
        SCENES["title"](app)
        pump(app, 2)
        found = [json.loads(line) for line in log.read_text().splitlines() if '"widgets"' in line][-1]["widgets"]
        button = app.scene.buttons["new_game"]
        assert found["buttons.new_game"] == list(app.window_rect(button.rect))
        assert found["buttons.new_game"][2] >= button.rect.width * 1.5 - 1
    finally:
        close_app(app)
