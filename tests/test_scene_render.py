"""Every scene at 1024×640, 1280×720 and 1920×1080, in English and German (issue 13): no text is cut,
nothing runs out of the window or its dialog's panel, and no two widgets overlap.

- pygame_gui widgets: a button's or label's text must fit its rect (measured with its own font);
  every widget stands inside the window and, in a dialog, inside the dialog's panel; no two
  top-level widgets overlap.
- text the scenes draw themselves goes through `Theme.text` / `Theme.fitted`; the theme counts the
  lines `fitted` had to cut (`Theme.cut_texts`), and a scene must cut none.

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
def test_every_scene_fits_its_texts_and_widgets(home, size, language):
    shots = os.environ.get("TABLE_STAKES_SCREENSHOT_DIR")
    found = {}
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
