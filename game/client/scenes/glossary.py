"""The glossary: every term a player meets at the table, and the economics behind it.

A list of terms on the left (alphabetical in the language shown), the chosen entry on the right:
what it is in plain words, how it shows up in this game (with the table's own numbers, read from
its scenario), and a real-world anchor with its source. Opened from the table (G, its button, or a
click on a number, which opens that number's entry) and from the pause menu.
"""

from __future__ import annotations

import unicodedata

import pygame
from pygame_gui.elements import UIButton

from game.bots.reading import WORLDS
from game.content import load_scenario
from game.content.text import number

from ..i18n import language, t
from ..scene import Scene
from .how_to_play import HEADER, MARGIN, draw_page_header, scenario_figures

# Every term, in no particular order (the list is sorted by the title in the language shown).
TERMS = (
    "table_stakes", "h100e", "effective_compute", "capability", "scaling_law", "all_pay", "rent_dissipation",
    "sunk_cost", "depreciation", "vendor_capture", "scarcity_pricing", "cuda_moat", "dilution", "pot_odds",
    "pot", "side_pot", "all_in", "win_chance", "net_worth", "preference", "founders_claim", "takeover", "agi",
    "market_event", "rd_cards", "export_controls", "concentration", "arms_race", "opportunity_cost", "marginal_cost",
)
# The economics the glossary must explain (issue #5); the others are words met at the table.
ECONOMICS = ("table_stakes", "h100e", "scaling_law", "all_pay", "rent_dissipation", "sunk_cost", "depreciation",
             "vendor_capture", "scarcity_pricing", "cuda_moat", "dilution", "pot_odds")
SEE_ALSO: dict[str, tuple[str, ...]] = {
    "table_stakes": ("all_pay", "sunk_cost", "depreciation"),
    "h100e": ("effective_compute", "scarcity_pricing"),
    "effective_compute": ("h100e", "capability", "cuda_moat", "depreciation"),
    "capability": ("scaling_law", "effective_compute", "rd_cards"),
    "scaling_law": ("capability", "effective_compute"),
    "all_pay": ("rent_dissipation", "sunk_cost", "table_stakes"),
    "rent_dissipation": ("all_pay", "vendor_capture", "pot"),
    "sunk_cost": ("pot_odds", "all_pay"),
    "depreciation": ("pot_odds", "net_worth", "effective_compute"),
    "vendor_capture": ("pot", "rent_dissipation", "scarcity_pricing"),
    "scarcity_pricing": ("vendor_capture", "h100e"),
    "cuda_moat": ("effective_compute", "vendor_capture"),
    "dilution": ("preference", "founders_claim", "net_worth"),
    "pot_odds": ("win_chance", "depreciation", "sunk_cost", "pot"),
    "pot": ("side_pot", "vendor_capture", "pot_odds"),
    "side_pot": ("all_in", "pot"),
    "all_in": ("side_pot", "dilution"),
    "win_chance": ("pot_odds", "capability"),
    "net_worth": ("founders_claim", "depreciation", "dilution"),
    "preference": ("founders_claim", "takeover", "dilution"),
    "founders_claim": ("preference", "net_worth", "agi"),
    "takeover": ("preference", "founders_claim", "table_stakes"),
    "agi": ("founders_claim", "effective_compute", "net_worth"),
    "market_event": ("scarcity_pricing", "capability", "export_controls"),
    "rd_cards": ("capability", "market_event"),
    "export_controls": ("h100e", "effective_compute", "market_event"),
    "concentration": ("effective_compute", "vendor_capture", "arms_race"),
    "arms_race": ("all_pay", "rent_dissipation", "concentration"),
    "opportunity_cost": ("sunk_cost", "table_stakes", "marginal_cost"),
    "marginal_cost": ("scaling_law", "scarcity_pricing", "opportunity_cost"),
}
# Each entry's texts in the locale: its title, what it is, how it shows in the game, a real-world
# anchor and that anchor's source.
PARTS = ("title", "what", "game", "real", "source")
KEYS = {term: {part: f"glossary.terms.{term}.{part}" for part in PARTS} for term in TERMS}
SECTIONS = (("what", "glossary.what"), ("game", "glossary.in_game"), ("real", "glossary.real_world"))
SCENARIO = "classic"  # the numbers quoted when the glossary is opened away from a table
FOOTER = 44
LIST_WIDTH = 340
BODY_SIZES = (18, 17, 16, 15, 14, 13, 12)  # the largest that fits the entry is used


def term_title(term: str) -> str:
    """A term's name in the current language: "Pot odds"."""
    return t(KEYS[term]["title"])


def _sort_key(text: str) -> str:
    """Alphabetical whatever the accents: "Äquivalent" sorts with "A"."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


class GlossaryScene(Scene):
    def __init__(self, app, term: str | None = None, scenario=None) -> None:
        super().__init__(app)
        self.scenario = scenario or load_scenario(SCENARIO)
        self.term = term if term in TERMS else None
        self.mouse = (0, 0)
        self.rows: list[tuple[pygame.Rect, str]] = []  # list entries, where they were drawn
        self.links: list[tuple[pygame.Rect, str]] = []  # "see also" links, where they were drawn

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        width, _ = self.size
        lang = language()
        titles = {term: _sort_key(term_title(term)) for term in TERMS}
        self.order = sorted(TERMS, key=titles.__getitem__)
        if self.term is None:
            self.term = self.order[0]
        self.figures = {**scenario_figures(self.scenario, lang), "worlds": number(WORLDS, lang)}
        self.close_button = UIButton(pygame.Rect(width - MARGIN - 170, 22, 170, 38), t("glossary.close"),
                                     self.manager, tool_tip_text=t("glossary.tip_close"))
        self.app.log("glossary", term=self.term)

    def areas(self, size: tuple[int, int]) -> tuple[pygame.Rect, pygame.Rect]:
        """Where the list of terms goes (left) and the chosen entry (right)."""
        width, height = size
        top = HEADER + 8
        bottom = height - FOOTER
        terms = pygame.Rect(MARGIN, top, LIST_WIDTH, bottom - top)
        entry = pygame.Rect(terms.right + 24, top, width - MARGIN - terms.right - 24, bottom - top)
        return terms, entry

    # ------------------------------------------------------------------ input

    def show(self, term: str) -> None:
        if term in TERMS and term != self.term:
            self.term = term
            self.dirty = True
            self.app.log("glossary", term=term)

    def on_button(self, button) -> None:
        if button is self.close_button:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        index = self.order.index(self.term)
        if event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN, pygame.K_RIGHT):
            self.show(self.order[min(len(self.order) - 1, index + 1)])
        elif event.key in (pygame.K_UP, pygame.K_PAGEUP, pygame.K_LEFT):
            self.show(self.order[max(0, index - 1)])
        elif event.key == pygame.K_HOME:
            self.show(self.order[0])
        elif event.key == pygame.K_END:
            self.show(self.order[-1])
        elif event.key == pygame.K_g:
            self.app.pop()  # the key that opened it closes it

    def on_click(self, pos: tuple[int, int], button: int) -> None:
        if button != 1:
            return
        for rect, term in (*self.rows, *self.links):
            if rect.collidepoint(pos):
                self.show(term)
                return

    def handle_event(self, event: pygame.event.Event) -> None:
        super().handle_event(event)
        if event.type == pygame.MOUSEMOTION:
            self.mouse = self.mouse_pos
            self.dirty = True

    # ------------------------------------------------------------------ drawing

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme = self.app.theme
        palette = theme.palette
        width, height = surface.get_size()
        draw_page_header(surface, theme, t("glossary.title"), t("glossary.subtitle"))
        terms, entry = self.areas((width, height))
        self._draw_list(surface, terms)
        pygame.draw.rect(surface, palette.panel, entry, border_radius=10)
        pygame.draw.rect(surface, palette.panel_edge, entry, 1, border_radius=10)
        self._draw_entry(surface, entry.inflate(-48, -36))
        keys = theme.text(t("glossary.keys"), 13, palette.text_dim)
        surface.blit(keys, keys.get_rect(midleft=(MARGIN, height - FOOTER // 2)))

    def _draw_list(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.app.theme
        palette = theme.palette
        row_height = max(16, min(30, area.height // len(self.order)))  # 30 terms fit at 640 pixels
        size = 14 if row_height >= 22 else 13
        self.rows = []
        for index, term in enumerate(self.order):
            rect = pygame.Rect(area.x, area.y + index * row_height, area.width, row_height - 2)
            chosen = term == self.term
            if chosen:
                pygame.draw.rect(surface, palette.highlight, rect, border_radius=5)
            elif rect.collidepoint(self.mouse):
                pygame.draw.rect(surface, palette.button_hover, rect, border_radius=5)
            ink = palette.background if chosen else palette.text
            title, room = term_title(term), rect.width - 20
            fitting = next((smaller for smaller in (size, size - 1, size - 2)  # a long name smaller rather than cut
                            if theme.font(smaller).size(title)[0] <= room), size - 2)
            label = theme.fitted(title, fitting, ink, room)
            surface.blit(label, label.get_rect(midleft=(rect.x + 10, rect.centery)))
            self.rows.append((rect, term))

    def _text(self, key: str) -> str:
        return t(KEYS[self.term][key], **self.figures)

    def _draw_entry(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        theme = self.app.theme
        palette = theme.palette
        for size in BODY_SIZES:  # the largest body size whose entry fits
            title = theme.text(term_title(self.term), size + 10, palette.highlight, bold=True, width=area.width)
            blocks = []
            for key, label in SECTIONS:
                blocks.append((theme.text(t(label), size - 4, palette.text_dim, bold=True),
                               theme.text(self._text(key), size, palette.text, width=area.width)))
            source = theme.text(t("glossary.source", source=self._text("source")), size - 3, palette.text_dim,
                                width=area.width)
            gap = size
            height = (title.get_height() + gap + sum(a.get_height() + 4 + b.get_height() + gap for a, b in blocks)
                      + source.get_height() + gap // 2 + self._links_height(area.width, size - 2))
            if height <= area.height:
                break
        y = area.y
        surface.blit(title, (area.x, y))
        y += title.get_height() + gap
        for label, body in blocks:
            surface.blit(label, (area.x, y))
            y += label.get_height() + 4
            surface.blit(body, (area.x, y))
            y += body.get_height() + gap
        surface.blit(source, (area.x, y - gap // 2))
        y += source.get_height() + gap // 2
        self._draw_links(surface, area, y, size - 2)

    def _links_height(self, width: int, size: int) -> int:
        """How tall "See also:" and its links stand in `width` pixels (they wrap as `_draw_links` wraps them)."""
        theme = self.app.theme
        start = theme.text(t("glossary.see_also"), size, self.app.theme.palette.text_dim).get_width() + 12
        x, rows, row_height = start, 1, 0
        for term in SEE_ALSO[self.term]:
            label = theme.text(term_title(term), size, self.app.theme.palette.text, bold=True)
            row_height = label.get_height() + 6
            if x + label.get_width() + 16 > width and x > start:
                x, rows = start, rows + 1
            x += label.get_width() + 16 + 8
        return rows * (row_height + 6)

    def _draw_links(self, surface: pygame.Surface, area: pygame.Rect, y: int, size: int) -> None:
        """"See also:" and the related terms, each a link to its entry (wrapping to a new line
        when the next one does not fit)."""
        theme = self.app.theme
        palette = theme.palette
        caption = theme.text(t("glossary.see_also"), size, palette.text_dim)
        surface.blit(caption, (area.x, y + 3))
        start = area.x + caption.get_width() + 12
        x = start
        self.links = []
        for term in SEE_ALSO[self.term]:
            label = theme.text(term_title(term), size, palette.text, bold=True)
            rect = pygame.Rect(x, y, label.get_width() + 16, label.get_height() + 6)
            if rect.right > area.right and x > start:
                x, y = start, y + rect.height + 6
                rect.topleft = (x, y)
            hovered = rect.collidepoint(self.mouse)
            pygame.draw.rect(surface, palette.button_hover if hovered else palette.button, rect, border_radius=5)
            surface.blit(label, label.get_rect(center=rect.center))
            self.links.append((rect, term))
            x = rect.right + 8
