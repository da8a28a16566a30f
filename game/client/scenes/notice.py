"""A notice over the title screen at start: what stops the game saving (a data folder that cannot be
made, is read-only or full) and settings that were ignored. OK (Enter, Esc) closes it."""

from __future__ import annotations

import html

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from ..i18n import t
from ..scene import Scene

CONTROL = 44


class NoticeScene(Scene):
    overlay = True

    def __init__(self, app, lines: list[str]) -> None:
        super().__init__(app)
        self.lines = lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def build(self) -> None:
        width, height = self.size
        box_width = min(width - 80, 860)
        left = (width - box_width) // 2
        top = max(40, height // 2 - 190)
        UILabel(pygame.Rect(left, top, box_width, 40), t("startup.title"), self.manager, object_id="@heading")
        body = "<br><br>".join(html.escape(line) for line in self.lines)
        box = UITextBox(body, pygame.Rect(left, top + 50, box_width, -1), self.manager)  # as tall as its text
        self.ok_button = UIButton(pygame.Rect(width // 2 - 100, box.rect.bottom + 24, 200, CONTROL), t("startup.ok"),
                                  self.manager, object_id="@primary")
        self.dialog = pygame.Rect(left - 24, top - 16, box_width + 48, self.ok_button.rect.bottom + 24 - (top - 16))

    def on_button(self, button) -> None:
        if button is self.ok_button:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.app.pop()

    def on_escape(self) -> None:
        self.app.pop()
