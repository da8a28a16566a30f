"""Hot-seat privacy: the screen goes blank until the next player says they are at it. Meanwhile it
says what happened at the table since that player last had the screen (public log lines only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pygame
from pygame_gui.elements import UIButton, UILabel

from ..i18n import t
from ..scene import Scene

NEWS_LINES = 9  # the newest lines shown; the count of older ones is said above them


class HandOverScene(Scene):
    def __init__(self, app, player: str, on_ready: Callable[[], None], news: Sequence = ()) -> None:
        """`news`: the log lines since the player's last turn, oldest first."""
        super().__init__(app)
        self.player = player
        self.on_ready = on_ready
        self.news = [str(line) for line in news]

    def news_lines(self) -> list[str]:
        """What the panel under the button says: the newest lines, after how many older ones it leaves out."""
        if not self.news:
            return [t("since_last_turn.nothing")]
        shown = self.news[-NEWS_LINES:]
        older = len(self.news) - len(shown)
        return [t("since_last_turn.heading"), *([t("since_last_turn.more", count=older)] if older else []), *shown]

    def build(self) -> None:
        width, height = self.size
        top = max(20, height // 2 - 220)
        UILabel(pygame.Rect(0, top, width, 50), t("handover.pass_to", name=self.player), self.manager,
                object_id="@heading")
        UILabel(pygame.Rect(0, top + 50, width, 30), t("handover.explain", name=self.player), self.manager,
                object_id="@dim")
        self.ready = UIButton(pygame.Rect(width // 2 - 170, top + 100, 340, 48),
                              t("handover.ready", name=self.player), self.manager, object_id="@primary")
        self.news_panel = pygame.Rect(width // 2 - min(340, width // 2 - 20), top + 168, min(680, width - 40),
                                      height - top - 188)

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme = self.app.theme
        palette = theme.palette
        lines = self.news_lines()
        images = [theme.fitted(line, 14, palette.text_dim if index == 0 else palette.text, self.news_panel.width - 24,
                               bold=index == 0) for index, line in enumerate(lines)]
        panel = pygame.Rect(self.news_panel.x, self.news_panel.y, self.news_panel.width,
                            min(self.news_panel.height, sum(image.get_height() + 4 for image in images) + 20))
        pygame.draw.rect(surface, palette.panel, panel, border_radius=8)
        pygame.draw.rect(surface, palette.panel_edge, panel, 1, border_radius=8)
        y = panel.y + 10
        for image in images:
            if y + image.get_height() > panel.bottom - 6:
                break
            surface.blit(image, (panel.x + 12, y))
            y += image.get_height() + 4

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
