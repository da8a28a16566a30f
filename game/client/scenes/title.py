"""The title screen: quick game, new game, continue, load, replays, join or host a network table,
settings, how to play, quit."""

from __future__ import annotations

import os

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.content import load_scenario
from game.content.files import autosave_path
from game.content.saves import SaveError, SeatPlayer
from game.session import BotFiles, BotFilesInSave, Session

from ..i18n import t
from ..problems import describe
from ..scene import Scene

QUICK_GAME_BOTS = ("steady", "aggressive", "calculator")


class TitleScene(Scene):
    def __init__(self, app, note: str = "") -> None:
        super().__init__(app)
        self.note = note

    def build(self) -> None:
        width, height = self.size
        names = ("quick_game", "new_game", "continue", "load", "replays", "join_table", "host_table", "settings",
                 "how_to_play", "quit")
        pitch = max(46, min(54, (height - 24 - 120 - 40) // len(names)))
        top = max(16, min(height // 2 - 270, height - 120 - len(names) * pitch - 34))  # the note stays on screen
        UILabel(pygame.Rect(0, top, width, 60), t("app.title"), self.manager, object_id="@title")
        UILabel(pygame.Rect(0, top + 62, width, 28), t("app.tagline"), self.manager, object_id="@dim")
        self.buttons = {}
        for index, name in enumerate(names):
            rect = pygame.Rect(width // 2 - 170, top + 120 + index * pitch, 340, 44)
            self.buttons[name] = UIButton(rect, t(f"title.{name}"), self.manager,
                                          tool_tip_text=t(f"title.tip_{name}"),
                                          object_id="@primary" if name == "quick_game" else None)
        if not autosave_path(create=False).exists():
            self.buttons["continue"].disable()
        self.note_label = UILabel(pygame.Rect(0, top + 120 + len(names) * pitch, width, 30), self.note, self.manager,
                                  object_id="@warning")

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        palette = self.app.theme.palette
        width, height = surface.get_size()
        felt = pygame.Rect(0, 0, int(width * 0.9), int(height * 0.85))
        felt.center = (width // 2, height // 2 + 20)
        pygame.draw.ellipse(surface, palette.rim, felt.inflate(30, 30))
        pygame.draw.ellipse(surface, palette.felt, felt)
        for index in range(9):  # a stack of accelerator chips on each side
            for side, colour in ((-1, palette.nvidia), (1, palette.amd)):
                x = width // 2 + side * 300
                y = height // 2 + 60 - index * 7
                pygame.draw.ellipse(surface, palette.panel, (x - 31, y - 13, 62, 26))
                pygame.draw.ellipse(surface, colour, (x - 29, y - 13, 58, 22))

    def on_button(self, button) -> None:
        name = next((name for name, widget in self.buttons.items() if widget is button), None)
        if name == "quick_game":
            self.quick_game()
        elif name == "new_game":
            from .setup import SetupScene
            self.app.push(SetupScene(self.app))
        elif name == "continue":
            self.continue_game()
        elif name == "replays":
            from .replay import ReplayScene
            self.app.push(ReplayScene(self.app))
        elif name == "join_table":
            from .join import JoinScene
            self.app.push(JoinScene(self.app))
        elif name == "host_table":
            from .host import HostSetupScene
            self.app.push(HostSetupScene(self.app))
        elif self.open_side_scene(name):
            pass
        elif name == "quit":
            self.app.quit()

    def quick_game(self) -> None:
        """You and three bots at the classic table, with the default rules: one click."""
        players = [SeatPlayer(t("title.you"))] + [SeatPlayer(t("title.bot_name", number=number), bot)
                                                    for number, bot in enumerate(QUICK_GAME_BOTS, start=1)]
        session = Session.new(load_scenario("classic"), players, int.from_bytes(os.urandom(4), "big"),
                              autosave_path=autosave_path(create=False))  # a folder it cannot make: the banner
        self.start(session)

    def continue_game(self, bot_files: BotFiles = BotFiles.ASK) -> None:
        """The autosave's game; if it names bot files, first the question whether to run them."""
        path = autosave_path(create=False)
        try:
            session = Session.load(path, autosave_path=path, bot_files=bot_files)
        except BotFilesInSave as question:
            from .bot_files import BotFilesScene
            self.app.push(BotFilesScene(self.app, question, self.continue_game))
            return
        except SaveError as error:
            self.note_label.set_text(t("title.cannot_continue", problem=describe(error)))
            return
        self.start(session)

    def start(self, session: Session) -> None:
        from .table import TableScene
        self.app.log("game_started", players=[player.name for player in session.players])
        self.app.reset_to(TableScene(self.app, session))

    def on_escape(self) -> None:
        self.app.quit()
