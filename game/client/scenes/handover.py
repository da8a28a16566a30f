"""Hot-seat privacy: the screen goes blank until the next player says they are at it."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UIButton, UILabel

from ..i18n import t
from ..scene import Scene


class HandOverScene(Scene):
    def __init__(self, app, player: str, on_ready: Callable[[], None]) -> None:
        super().__init__(app)
        self.player = player
        self.on_ready = on_ready

    def build(self) -> None:
        width, height = self.app.size
        UILabel(pygame.Rect(0, height // 2 - 90, width, 50), t("handover.pass_to", name=self.player), self.manager,
                object_id="@heading")
        UILabel(pygame.Rect(0, height // 2 - 40, width, 30), t("handover.explain", name=self.player), self.manager,
                object_id="@dim")
        self.ready = UIButton(pygame.Rect(width // 2 - 170, height // 2 + 10, 340, 48),
                              t("handover.ready", name=self.player), self.manager, object_id="@primary")

    def on_button(self, button) -> None:
        if button is self.ready:
            self._confirm()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER):
            self._confirm()

    def _confirm(self) -> None:
        self.on_ready()  # first: the table below must know who is watching before it resumes
        self.app.pop()

    def on_escape(self) -> None:
        """Escape opens the menu of the table below without showing anyone's cards."""
        from .pause import PauseScene
        self.app.push(PauseScene(self.app, self.app.scenes[-2]))

    def request_quit(self) -> None:
        self.on_escape()
