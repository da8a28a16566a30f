"""The showdown: every hand still in is turned face up, capability broken down, pots paid.

A card's text is cut to the card (five or more hands get shorter cards); resting the mouse on
a card shows it in full.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.content.text import money
from game.core import events as ev

from ..i18n import fixed, language, t
from ..scene import ContinueScene
from ..table_view import TableView, draw_tooltip


POT_LINE = 28  # pixels from one pot's line to the next
HAND_EXTRA = 118  # a hand's height besides its cards: the name, the capability breakdown, the total
MIN_CARD = 64
MIN_CARD_WITH_NOTE = 96  # shorter cards than this: the side-pot note goes into the pots' tooltip


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

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.mouse_resting() and not self.manager.get_hovering_any_element():
            text = self.view.hover.at(self.mouse_pos)
            if text:
                draw_tooltip(surface, self.app.theme, self.mouse_pos, text)

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        self.view.clear_hover()  # the cards register their tooltips as they are drawn
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        width, height = surface.get_size()
        best = max(event.capability for event in self.shown)
        # Four hands to a row; a second row for five or more, with shorter cards. Under the hands
        # one line per pot and, if there is room, the note on side pots (else it is their tooltip).
        per_row = min(4, len(self.shown))
        rows = -(-len(self.shown) // per_row)
        column_width = min(300, (width - 40) // per_row)
        note = theme.text(t("showdown.side_pots_note"), 13, palette.text_dim, width=width - 200) \
            if len(self.pots) > 1 else None
        foot = self.next_button.rect.top - 8 - POT_LINE * len(self.pots) - 8
        if note is not None and (foot - note.get_height() - 64) // rows - HAND_EXTRA < MIN_CARD_WITH_NOTE:
            note = None
        if note is not None:
            foot -= note.get_height() + 4
        room = (foot - 64) // rows
        card_height = max(MIN_CARD, min(150 if rows == 1 else 104, room - HAND_EXTRA - 14))
        cell_height = min(card_height + HAND_EXTRA + 28, room)
        for index, event in enumerate(self.shown):
            row, column = divmod(index, per_row)
            in_row = min(per_row, len(self.shown) - row * per_row)
            left = (width - column_width * in_row) // 2
            x = left + column * column_width
            top = 64 + row * cell_height
            winner = event.capability == best
            name = theme.fitted(self.names[event.seat], 17, palette.highlight if winner else palette.text,
                                column_width - 16, bold=True)
            surface.blit(name, (x + 8, top + 4))
            for card_index, card in enumerate(event.cards):
                rect = pygame.Rect(x + 8 + card_index * (column_width // 2 - 4), top + 30, column_width // 2 - 12,
                                   card_height)
                self.view.rd_card(surface, self.scenario, card, rect)
            rows_shown = ((t("showdown.compute"), event.compute_points), (t("showdown.cards"), event.card_points),
                          (t("showdown.events"), event.event_points))
            y = top + 36 + card_height
            for label, points in rows_shown:
                surface.blit(theme.fitted(label, 13, palette.text_dim, column_width - 80), (x + 8, y))
                value = theme.text(("+" if round(points, 1) >= 0 else "") + fixed(points, 1, lang), 13, palette.text)
                surface.blit(value, (x + column_width - 20 - value.get_width(), y))
                y += 19
            pygame.draw.line(surface, palette.panel_edge, (x + 8, y), (x + column_width - 20, y))
            total = theme.text(t("showdown.total", value=fixed(event.capability, 1, lang)), 15,
                               palette.highlight if winner else palette.text, bold=True)
            surface.blit(total, (x + 8, y + 5))
        y = 64 + rows * cell_height + 8
        for pot in self.pots:
            label = t("showdown.main_pot") if pot.pot == 0 else t("showdown.side_pot", number=pot.pot)
            winners = ", ".join(f"{self.names[seat]} {money(share, lang)}"
                                for seat, share in zip(pot.winners, pot.shares, strict=True))
            line = theme.fitted(f"{label}: {money(pot.amount, lang)} → {winners}", 15, palette.text, width - 80)
            rect = surface.blit(line, line.get_rect(midtop=(width // 2, y)))
            if len(self.pots) > 1:
                self.view.hover.add(rect, t("showdown.side_pots_note"))
            y += POT_LINE
        if note is not None:
            surface.blit(note, note.get_rect(midtop=(width // 2, y + 4)))
