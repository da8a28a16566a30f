"""A frame of the showdown's count shows only what moved (issue 13: frame time p95 <= 4 ms). At 1920×1080
the whole frame is drawn at 1280×720 and scaled up; scaling and sending all of it to the screen took
4-6 ms a frame, so while only the count moves the app scales and sends just the places that changed.
The window must still look exactly as if every frame had been shown whole."""

from __future__ import annotations

import pygame
import pytest

from client_support import close_app, make_app, pump
from game.client.scenes.showdown import ShowdownScene
from game.core import events as ev
from game.core import observe
from test_showdown_table import showdown_with_talent_war


def _same_picture(app) -> float:
    """The share of the window's pixels that are exactly as the canvas shown whole gives them."""
    whole = pygame.Surface(app.size).convert(app.screen)
    if app.canvas is app.screen:
        whole.blit(app.canvas, (0, 0))
    else:
        app.scale_whole(whole)
    alike = pygame.mask.from_threshold(app.screen, (0, 0, 0, 255), (1, 1, 1, 255), whole)
    return alike.count() / (app.size[0] * app.size[1])


def _showdown(home, size, scale):
    """An app at `size` and UI `scale` showing a showdown with the Talent war at Normal speed, its first frame drawn;
    also the hands shown."""
    before, step_events, happened = showdown_with_talent_war()
    app = make_app(home, animation_speed="normal", window_size=size, ui_scale=scale)
    shown = [event for event in step_events if isinstance(event, ev.CardsShown)]
    scene = ShowdownScene(app, before.scenario, [firm.name for firm in before.firms], shown, happened,
                          table=observe(before, 0), step_events=step_events)
    app.push(scene)
    pump(app, 1)
    return app, scene, shown


@pytest.mark.parametrize("size, scale", [((1920, 1080), "auto"), ((1920, 1080), 1.25), ((1280, 720), "auto")])
def test_while_the_showdown_counts_only_what_moved_is_scaled_and_sent_and_the_window_stays_right(home, size, scale,
                                                                                                 monkeypatch):
    app, scene, _ = _showdown(home, size, scale)
    sent = []
    monkeypatch.setattr(pygame.display, "flip", lambda: sent.append(None))
    monkeypatch.setattr(pygame.display, "update", lambda rects: sent.append(list(rects)))
    window = size[0] * size[1]
    partial = 0
    try:
        while not scene.finished:
            sent.clear()
            scene.update(0.04)
            app.draw(partial=True)  # as the loop draws a busy frame without input
            assert len(sent) == 1
            if sent[0] is not None:
                partial += 1
                assert sum(rect.width * rect.height for rect in sent[0]) < window * 0.2
            assert _same_picture(app) == 1.0, f"at {scene.clock:.2f} s the window differs from a whole frame"
        assert partial > 0.8 * scene.ends / 0.04  # nearly every frame of the count, the chips' flight included
    finally:
        close_app(app)


def test_input_or_a_tooltip_shows_the_whole_frame(home, monkeypatch):
    app, scene, shown = _showdown(home, (1920, 1080), "auto")
    flips = []
    monkeypatch.setattr(pygame.display, "flip", lambda: flips.append(None))
    monkeypatch.setattr(pygame.display, "update", lambda rects: None)
    try:
        for _ in range(2):  # the first frames are whole: the scene has not yet said what moves
            scene.update(0.04)
            app.draw(partial=True)
        flips.clear()
        for _ in range(3):
            scene.update(0.04)
            app.draw(partial=True)
        assert not flips
        app.draw(partial=False)  # an input event came: hover and buttons may have changed anywhere
        assert len(flips) == 1
        scene.update(0.04)
        app.draw(partial=True)
        scene.mouse_pos = scene.panel_rect(shown[0].seat).move(60, 30).topleft  # resting on a panel's line
        scene.mouse_still_since -= 5
        scene.update(0.04)
        app.draw(partial=True)
        assert len(flips) == 2, "a tooltip is drawn: the frame is shown whole"
    finally:
        close_app(app)
