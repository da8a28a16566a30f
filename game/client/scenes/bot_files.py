"""The question before a save's bot files run: which seats name which file, and whether to run them,
play those seats with a built-in bot, or cancel. Nothing is imported until the player chooses."""

from __future__ import annotations

import html
from collections.abc import Callable

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.session import STAND_IN_BOT, BotFiles, BotFilesInSave, bot_file_path

from ..i18n import t
from ..scene import Scene
from .setup import personality_name

CONTROL = 44


class BotFilesScene(Scene):
    """Asks about `question`'s bot files; `then(choice)` loads the game with BotFiles.RUN or BUILT_IN."""

    overlay = True

    def __init__(self, app, question: BotFilesInSave, then: Callable[[BotFiles], None]) -> None:
        super().__init__(app)
        self.question = question
        self.then = then

    @property
    def text(self) -> str:
        """The explanation and one line per seat with its file (the whole path: it is what would run)."""
        seats = [t("bot_files.seat", seat=seat + 1, name=self.question.players[seat].name, file=bot_file_path(spec))
                 for seat, spec in sorted(self.question.bot_files.items())]
        return "\n".join([t("bot_files.explain"), "", *seats])

    def build(self) -> None:
        width, height = self.size
        box_width = min(width - 80, 900)
        left = (width - box_width) // 2
        top = max(40, height // 2 - 220)
        UILabel(pygame.Rect(0, top, width, 40), t("bot_files.title"), self.manager, object_id="@heading")
        lines = self.text.split("\n")
        body = "<br>".join(html.escape(line) if index == 0 else f"<b>{html.escape(line)}</b>" if line else ""
                           for index, line in enumerate(lines))
        box = UITextBox(body, pygame.Rect(left, top + 50, box_width, -1), self.manager)  # as tall as its text
        names = ("run", "built_in", "cancel")
        tips = {"run": t("bot_files.tip_run"),
                "built_in": t("bot_files.tip_built_in", bot=personality_name(STAND_IN_BOT)), "cancel": None}
        button_width = (box_width - 24) // 3
        y = box.rect.bottom + 24
        self.buttons = {name: UIButton(pygame.Rect(left + index * (button_width + 12), y, button_width, CONTROL),
                                       t(f"bot_files.{name}"), self.manager, tool_tip_text=tips[name],
                                       object_id="@primary" if name == "built_in" else None)
                        for index, name in enumerate(names)}
        self.dialog = pygame.Rect(left - 24, top - 16, box_width + 48, y + CONTROL + 24 - (top - 16))

    def on_button(self, button) -> None:
        name = next((name for name, widget in self.buttons.items() if widget is button), None)
        if name == "cancel":
            self.app.pop()
        elif name in ("run", "built_in"):
            choice = BotFiles.RUN if name == "run" else BotFiles.BUILT_IN
            self.app.log("bot_files", choice=str(choice), files=list(self.question.bot_files.values()))
            self.app.pop()
            self.then(choice)

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.on_button(self.buttons["built_in"])  # the safe choice
