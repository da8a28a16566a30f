"""The showdown: every hand still in is turned face up, capability broken down, pots paid."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.content.text import money
from game.core import events as ev

from ..i18n import language, t
from ..scene import ContinueScene
from ..table_view import TableView


class ShowdownScene(ContinueScene):
    def __init__(self, app, scenario, names, shown: list, year_events: list) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.names = names
        self.shown = shown  # CardsShown events, in showing order
        self.pots = [event for event in year_events if isinstance(event, ev.PotAwarded)]
        self.year = next(event.year for event in year_events if isinstance(event, ev.YearEnded))
        self.view = TableView(app.theme)

    def build(self) -> None:
        width, height = self.app.size
        UILabel(pygame.Rect(0, 16, width, 40), t("showdown.title", year=self.year), self.manager,
                object_id="@heading")
        self.next_button = UIButton(pygame.Rect(width // 2 - 120, height - 64, 240, 44), t("showdown.next"),
                                    self.manager, object_id="@primary")

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        width, height = surface.get_size()
        best = max(event.capability for event in self.shown)
        columns = len(self.shown)
        column_width = min(300, (width - 40) // max(1, columns))
        left = (width - column_width * columns) // 2
        for index, event in enumerate(self.shown):
            x = left + index * column_width
            winner = event.capability == best
            name = theme.text(self.names[event.seat], 18, palette.highlight if winner else palette.text, bold=True)
            surface.blit(name, (x + 8, 70))
            for card_index, card in enumerate(event.cards):
                rect = pygame.Rect(x + 8 + card_index * (column_width // 2 - 4), 100, column_width // 2 - 12, 150)
                self.view.rd_card(surface, self.scenario, card, rect)
            rows = ((t("showdown.compute"), event.compute_points), (t("showdown.cards"), event.card_points),
                    (t("showdown.events"), event.event_points))
            y = 262
            for label, points in rows:
                surface.blit(theme.text(label, 14, palette.text_dim), (x + 8, y))
                value = theme.text(f"{points:+.1f}".replace("-", "−"), 14, palette.text)
                surface.blit(value, (x + column_width - 20 - value.get_width(), y))
                y += 22
            pygame.draw.line(surface, palette.panel_edge, (x + 8, y), (x + column_width - 20, y))
            total = theme.text(t("showdown.total", value=f"{event.capability:.1f}"), 16,
                               palette.highlight if winner else palette.text, bold=True)
            surface.blit(total, (x + 8, y + 6))
        y = 400
        for pot in self.pots:
            label = t("showdown.main_pot") if pot.pot == 0 else t("showdown.side_pot", number=pot.pot)
            winners = ", ".join(f"{self.names[seat]} {money(share, lang)}"
                                for seat, share in zip(pot.winners, pot.shares, strict=True))
            line = theme.text(f"{label}: {money(pot.amount, lang)} → {winners}", 16, palette.text)
            surface.blit(line, line.get_rect(midtop=(width // 2, y)))
            y += 28
        if len(self.pots) > 1:
            note = theme.text(t("showdown.side_pots_note"), 13, palette.text_dim, width=width - 200)
            surface.blit(note, note.get_rect(midtop=(width // 2, y + 4)))
