"""Every scene at 1024×640, 1280×720 and 1920×1080, in English and German (issue 13): no text is cut,
nothing runs out of the window or its dialog's panel, and no two widgets overlap.

- pygame_gui widgets: a button's or label's text must fit its rect (measured with its own font);
  every widget stands inside the window and, in a dialog, inside the dialog's panel; no two
  top-level widgets overlap.
- text the scenes draw themselves goes through `Theme.text` / `Theme.fitted` / `Theme.number`; the theme
  counts the lines `fitted` had to cut (`Theme.cut_texts`), and a scene must cut none.
- where that text lands: the scene is drawn once more on a canvas that notes where each of the theme's
  text surfaces is blitted (its ink, not its padding) and each panel the scene fills with the panel colour;
  drawn text stays in the window (and a dialog's panel), overlaps no widget, and text or a widget that
  touches a panel lies wholly inside it (a label running over a panel's edge, notes under a button).

With $TABLE_STAKES_SCREENSHOT_DIR set, each scene is saved there as `<scene>_<size>_<language>.png`
(that is how docs/screenshots/scenes/ is made).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pygame
import pytest
from pygame_gui.core import UIContainer
from pygame_gui.elements import UIButton, UIHorizontalScrollBar, UILabel, UIPanel, UIVerticalScrollBar, UIWindow

from client_support import close_app, make_app, pump
from scene_gallery import SCENES

SIZES = ((1024, 640), (1280, 720), (1920, 1080))
LANGUAGES = ("en", "de")
TEXT_PADDING = 4  # pixels a button keeps free on each side of its text


def widgets(scene) -> list:
    """The visible top-level widgets of the scene (a container's children are its own business)."""
    return [element for element in scene.manager.get_root_container().elements
            if element.visible and element.rect.width > 0 and element.rect.height > 0]


def text_problems(element) -> list[str]:
    if not isinstance(element, UIButton | UILabel) or not element.text:
        return []
    text_width = element.font.size(element.text)[0]
    room = element.rect.width - 2 * TEXT_PADDING if isinstance(element, UIButton) else element.rect.width
    if text_width > room:
        return [f"{type(element).__name__} {element.text!r} is cut: {text_width} px of text in {room} px"]
    return []


class NotingCanvas(pygame.Surface):
    """A canvas that notes where the theme's text surfaces are blitted on it (their ink, in its pixels)."""

    def __init__(self, size, theme) -> None:
        super().__init__(size)
        self.theme = theme
        self.texts: list[tuple[str, pygame.Rect]] = []

    def blit(self, source, dest, area=None, special_flags=0):
        handed = self.theme.handed_out.get(id(source))
        if handed is not None and handed[0] is source:
            origin = dest.topleft if isinstance(dest, pygame.Rect) else (int(dest[0]), int(dest[1]))
            ink = source.get_bounding_rect() if area is None else \
                source.subsurface(pygame.Rect(area).clip(source.get_rect())).get_bounding_rect()
            if ink.width and ink.height:
                self.texts.append((handed[1], ink.move(origin)))
        return super().blit(source, dest, area, special_flags)


def drawn_text_and_panels(app, monkeypatch) -> tuple[list[tuple[str, pygame.Rect]], list[pygame.Rect]]:
    """Draw the top scene again on a NotingCanvas: (each text the theme handed out, where its ink landed),
    and the panels the scene filled with the panel colour on the canvas itself."""
    canvas = NotingCanvas(app.layout_size, app.theme)
    panels = []
    fill = pygame.draw.rect
    panel_colour = tuple(app.theme.palette.panel[:3])

    def noting_rect(surface, colour, rect, width=0, *args, **kwargs):
        if surface is canvas and width == 0 and tuple(pygame.Color(colour))[:3] == panel_colour:
            panels.append(pygame.Rect(rect))
        return fill(surface, colour, rect, width, *args, **kwargs)

    monkeypatch.setattr(pygame.draw, "rect", noting_rect)
    app.theme.handed_out = {}
    try:
        app.scene.draw(canvas)
    finally:
        app.theme.handed_out = None
        monkeypatch.setattr(pygame.draw, "rect", fill)
    return canvas.texts, panels


def label_extent(element) -> pygame.Rect:
    """Where a label's text stands: its own size, centred in its rect (a label may span the window)."""
    if not isinstance(element, UILabel) or not element.text:
        return element.rect
    width, height = element.font.size(element.text)
    extent = pygame.Rect(0, 0, min(element.rect.width, width), min(element.rect.height, height))
    extent.center = element.rect.center
    return extent


def placement_problems(scene, size, texts, panels) -> list[str]:
    """Drawn text in the window (and a dialog's panel), over no widget; nothing across a panel's edge."""
    window = pygame.Rect((0, 0), size)
    frame = scene.dialog if scene.overlay and scene.dialog is not None else window
    solid = [element for element in widgets(scene)
             if not isinstance(element, UIPanel | UIWindow | UIContainer | UIVerticalScrollBar | UIHorizontalScrollBar)]
    problems = []
    for text, ink in texts:
        if not frame.contains(ink):
            where = "its dialog" if frame is not window else "the window"
            problems.append(f"drawn text {text!r} at {ink} runs out of {where}")
        for element in solid:
            if ink.colliderect(label_extent(element)):
                problems.append(f"drawn text {text!r} at {ink} lies under {type(element).__name__} "
                                f"{getattr(element, 'text', '')!r} {element.rect}")
    for (first, first_ink), (second, second_ink) in itertools.combinations(texts, 2):
        if first_ink.inflate(6, 0).colliderect(second_ink) and first != second:  # 3 pixels apart at least
            problems.append(f"drawn text {first!r} at {first_ink} runs into (or touches) {second!r} at {second_ink}")
    items = [(f"drawn text {text!r}", ink) for text, ink in texts]
    items += [(f"{type(element).__name__} {getattr(element, 'text', '')!r}", label_extent(element))
              for element in solid]
    for name, rect in items:
        for panel in panels:
            if rect.colliderect(panel) and not panel.contains(rect):
                problems.append(f"{name} at {rect} runs over the edge of the panel {panel}")
    return problems


def layout_problems(scene, size: tuple[int, int]) -> list[str]:
    window = pygame.Rect((0, 0), size)
    frame = scene.dialog if scene.overlay and scene.dialog is not None else window
    shown = widgets(scene)
    problems = []
    for element in shown:
        problems += text_problems(element)
        if not frame.contains(element.rect):
            where = "its dialog's panel" if frame is not window else "the window"
            problems.append(f"{type(element).__name__} {getattr(element, 'text', '')!r} at {element.rect} "
                            f"runs out of {where} {frame}")
    # containers hold other widgets; a text box's scroll bar stands inside the box
    solid = [element for element in shown
             if not isinstance(element, UIPanel | UIWindow | UIContainer | UIVerticalScrollBar | UIHorizontalScrollBar)]
    for first, second in itertools.combinations(solid, 2):
        if first.rect.colliderect(second.rect):
            problems.append(f"{type(first).__name__} {getattr(first, 'text', '')!r} {first.rect} overlaps "
                            f"{type(second).__name__} {getattr(second, 'text', '')!r} {second.rect}")
    problems += [f"drawn text cut: {text!r}" for text in sorted(set(scene.app.theme.cut_texts))]
    return problems


@pytest.mark.parametrize("size, language", list(itertools.product(SIZES, LANGUAGES)),
                         ids=[f"{w}x{h}-{lang}" for (w, h), lang in itertools.product(SIZES, LANGUAGES)])
def test_every_scene_fits_its_texts_and_widgets(home, size, language, monkeypatch):
    shots = os.environ.get("TABLE_STAKES_SCREENSHOT_DIR")
    found, noted = {}, 0
    for name, open_scene in SCENES.items():
        app = make_app(home / name, window_size=size, language=language)
        pygame.event.clear()
        stop = None
        try:
            stop = open_scene(app)
            pump(app, 2)
            app.theme.cut_texts.clear()
            app.draw()
            problems = layout_problems(app.scene, app.layout_size)
            texts, panels = drawn_text_and_panels(app, monkeypatch)
            noted += len(texts)
            problems += placement_problems(app.scene, app.layout_size, texts, panels)
            if problems:
                found[name] = problems
            if shots:
                app.screenshot_dir = Path(shots)
                app.screenshot(f"{name}_{size[0]}x{size[1]}_{language}.png")
        finally:
            if callable(stop):
                stop()
            close_app(app)
    assert not found, "\n".join(f"{name}: {problem}" for name, problems in found.items() for problem in problems)
    assert noted > 300, "the canvas no longer notes where drawn text goes"
