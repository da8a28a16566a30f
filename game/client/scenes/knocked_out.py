"""The knock-out screen: no person is left in the race, only bots play on. It says who is out and
offers to skip to the results (the bots play the remaining years at once) or to watch them play."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

from ..i18n import t
from ..scene import Scene

CONTROL = 46


def people_out(session) -> list[str]:
    """The people (not bots) of a local game, if every one of them is out of a race that goes on; else []."""
    if session is None or session.status is not None or session.is_over:
        return []  # a network game is played on the server's clock: nothing to skip here
    firms = session.public_view().firms
    people = [seat for seat, player in enumerate(session.players) if player.bot is None]
    if not people or any(firms[seat].exit_year == 0 for seat in people):
        return []
    return [session.players[seat].name for seat in people]


class KnockedOutScene(Scene):
    """Over the table: `names` are the people out of the race."""

    overlay = True

    def __init__(self, app, table, names: list[str]) -> None:
        super().__init__(app)
        self.table = table
        self.names = names

    def build(self) -> None:
        width, height = self.size
        box_width = min(width - 80, 720)
        left = (width - box_width) // 2
        top = max(40, height // 2 - 160)
        UILabel(pygame.Rect(left, top, box_width, 44), t("knocked_out.title"), self.manager,
                object_id="@heading")
        body = UITextBox(t("knocked_out.body", names=", ".join(self.names)), pygame.Rect(left, top + 54, box_width, -1),
                         self.manager)
        y = body.rect.bottom + 24
        half = (box_width - 16) // 2
        self.skip_button = UIButton(pygame.Rect(left, y, half, CONTROL), t("knocked_out.skip"), self.manager,
                                    object_id="@primary", tool_tip_text=t("knocked_out.tip_skip"))
        self.watch_button = UIButton(pygame.Rect(left + half + 16, y, half, CONTROL), t("knocked_out.watch"),
                                     self.manager, object_id="@secondary", tool_tip_text=t("knocked_out.tip_watch"))
        self.dialog = pygame.Rect(left - 24, top - 16, box_width + 48, y + CONTROL + 24 - (top - 16))

    def on_button(self, button) -> None:
        if button is self.skip_button:
            self.skip_to_results()
        elif button is self.watch_button:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.skip_to_results()

    def skip_to_results(self) -> None:
        """The bots play every remaining turn now; the table then shows the game's end as it always does."""
        session = self.table.session
        while not session.is_over:
            session.bot_step()
        self.app.log("skipped_to_results", year=session.public_view().year)
        self.app.pop()
