"""The table drawn for its design size and scaled up to a larger window (issue 13, bug 5: at 1920×1080
the seat boxes, cards and buttons stayed small on a huge felt).

A scene that draws the table mixes in `ScaledTable`: its `build` calls `scale_to_window` first and
lays everything out at `self.size`; it draws through `draw_scaled`; and reads the mouse through
`on_table`. pygame_gui gets the same scale for its widgets, so clicks land where they are drawn.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .layout import table_scale


class ScaledTable:
    scale = 1.0
    size = (0, 0)  # the size the scene is laid out at
    _canvas: pygame.Surface | None = None

    def scale_to_window(self) -> tuple[int, int]:
        """Set the scale for the window and lay the scene's widgets out at the table's size; returns it."""
        window = self.app.size
        self.scale = table_scale(window)
        self.size = (round(window[0] / self.scale), round(window[1] / self.scale))
        self.manager.set_window_resolution(self.size)
        self.manager.mouse_pos_scale_factor = [1 / self.scale, 1 / self.scale]
        return self.size

    def on_table(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A point of the window on the table as laid out."""
        return round(pos[0] / self.scale), round(pos[1] / self.scale)

    def draw_scaled(self, window: pygame.Surface, draw: Callable[[pygame.Surface], None]) -> None:
        """`draw` on the table's canvas, then that scaled to the window (or straight on it at scale 1)."""
        if self.scale == 1:
            draw(window)
            return
        if self._canvas is None or self._canvas.get_size() != self.size:
            self._canvas = pygame.Surface(self.size)
        draw(self._canvas)
        pygame.transform.smoothscale(self._canvas, window.get_size(), window)
