"""The end of a game played at a table server: the final standings and the years, from the server's
`debrief` message (network_next.md), as a device or the projector shows them.

A device has no hand history of a network game (the server keeps it), so the local game-over screen's
charts cannot be drawn here; the debrief's rows carry the figures instead: per firm and year its net
worth at the year's end (`firm_years`), per year what the chips cost and what the market paid
(`years`), and the game's totals (`total`); field names as in game/debrief/export.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UIButton

from game.content.text import money
from game.core import Observation

from ..i18n import language, t
from ..scene import Scene
from .game_over import end_reason

MARGIN = 24


def final_rows(document: dict) -> list[dict]:
    """The standings as shown: rank, firm, team, score and net worth, best first."""
    names = document.get("names") or []
    lang = language()
    rows = []
    for standing in document.get("standings") or []:
        seat = standing["seat"]
        rows.append({"rank": str(standing["rank"]), "seat": seat, "firm": standing["name"],
                     "team": names[seat] if seat < len(names) else "", "score": money(standing["score"], lang),
                     "net_worth": money(standing["net_worth"], lang)})
    return rows


def year_table(document: dict) -> tuple[list[int], list[tuple[str, list[str]]]]:
    """The years, and one row per firm (its net worth at each year's end) then the table's rows (what
    the chips cost, what the markets paid, what the vendors kept), each a label and one cell a year."""
    lang = language()
    years = sorted({row["year"] for row in document.get("years") or []})
    firms: dict[int, dict[int, int]] = {}
    labels: dict[int, str] = {}
    for row in document.get("firm_years") or []:
        firms.setdefault(row["seat"], {})[row["year"]] = row["net_worth_end_usd_m"]
        labels[row["seat"]] = row["firm"]
    rows = [(labels[seat], [money(by_year[year], lang) if by_year.get(year, "") != "" else "–" for year in years])
            for seat, by_year in sorted(firms.items())]
    per_year = {row["year"]: row for row in document.get("years") or []}
    for field, key in (("spent_on_chips_usd_m", "net_over.row_spent"), ("markets_paid_usd_m", "net_over.row_markets"),
                       ("vendor_take_usd_m", "net_over.row_vendors")):
        rows.append((t(key), [money(per_year[year][field], lang) for year in years]))
    return years, rows


class NetGameOverScene(Scene):
    """`view` is the last public view; `leave` is called by the button (and Esc)."""

    def __init__(self, app, view: Observation, document: dict, leave: Callable[[], None],
                 leave_label: str = "net_over.to_title") -> None:
        super().__init__(app)
        self.view = view
        self.document = document
        self.leave = leave
        self.leave_label = leave_label
        self.rows = final_rows(document)
        self.years, self.year_rows = year_table(document)

    def reason(self) -> str:
        if self.view.is_over:
            return end_reason(self.view)
        return t("net_over.ended_by_host", year=self.view.year)  # the host ended it before its last year

    def headline(self) -> str:
        best = [row for row in self.rows if row["rank"] == "1"]
        if len(best) == 1:
            return t("game_over.winner", player=best[0]["team"], firm=best[0]["firm"])
        return t("game_over.tie", firms=" & ".join(row["firm"] for row in best))

    def build(self) -> None:
        width, height = self.size
        self.leave_button = UIButton(pygame.Rect(width // 2 - 150, height - 62, 300, 46), t(self.leave_label),
                                     self.manager, object_id="@primary")

    def on_button(self, button) -> None:
        if button is self.leave_button:
            self.leave()

    def on_escape(self) -> None:
        self.leave()

    def request_quit(self) -> None:
        self.leave()
        self.app.quit()

    # ------------------------------------------------------------------ drawing

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme, palette = self.app.theme, self.app.theme.palette
        width, height = surface.get_size()
        scale = max(1.0, height / 720)  # a projector's 1080 lines: the same screen in larger type
        title = theme.text(t("game_over.title", year=self.view.year), int(30 * scale), palette.text, bold=True)
        surface.blit(title, (MARGIN, 14))
        headline = theme.fitted(self.headline(), int(22 * scale), palette.highlight,
                                width - 3 * MARGIN - title.get_width(), bold=True)
        surface.blit(headline, headline.get_rect(bottomright=(width - MARGIN, 14 + title.get_height() - 4)))
        reason = theme.text(self.reason(), int(15 * scale), palette.text_dim, width=width - 2 * MARGIN)
        surface.blit(reason, (MARGIN, 20 + title.get_height()))
        top = 30 + title.get_height() + reason.get_height()
        split = top + int((height - 80 - top) * 0.45)
        self._draw_standings(surface, pygame.Rect(MARGIN, top, width - 2 * MARGIN, split - top - 8), scale)
        self._draw_years(surface, pygame.Rect(MARGIN, split, width - 2 * MARGIN, height - 80 - split), scale)

    def _panel(self, surface: pygame.Surface, rect: pygame.Rect, heading: str, scale: float) -> int:
        """The panel's frame and heading; the y its rows start at."""
        theme, palette = self.app.theme, self.app.theme.palette
        pygame.draw.rect(surface, palette.panel, rect, border_radius=4)
        pygame.draw.rect(surface, palette.panel_edge, rect, 1, border_radius=4)
        title = theme.text(heading, int(16 * scale), palette.text, bold=True)
        surface.blit(title, (rect.x + 10, rect.y + 8))
        return rect.y + 16 + title.get_height()

    def _draw_standings(self, surface: pygame.Surface, rect: pygame.Rect, scale: float) -> None:
        theme, palette = self.app.theme, self.app.theme.palette
        y = self._panel(surface, rect, t("game_over.standings"), scale)
        shares = (0.06, 0.3, 0.3, 0.17, 0.17)
        xs = [rect.x + 10 + int(sum(shares[:index]) * (rect.width - 20)) for index in range(len(shares))]
        widths = [int(share * (rect.width - 20)) - 8 for share in shares]
        titles = ("#", t("game_over.col_firm"), t("net_over.col_team"), t("game_over.col_score"),
                  t("game_over.col_net_worth"))
        size = int(14 * scale)
        row_height = max(size + 6, min(int(30 * scale), (rect.bottom - y - 8) // max(1, len(self.rows) + 1)))
        for index, label in enumerate(titles):
            cell = theme.fitted(label, size - 1, palette.text_dim, widths[index], bold=True)
            surface.blit(cell, (xs[index] + (widths[index] - cell.get_width() if index >= 3 else 0), y))
        y += row_height
        for row in self.rows:
            ink = palette.highlight if row["rank"] == "1" else palette.text
            cells = (row["rank"], row["firm"], row["team"], row["score"], row["net_worth"])
            for index, value in enumerate(cells):
                cell = theme.fitted(value, size, ink, widths[index], bold=index in (0, 1, 3))
                surface.blit(cell, (xs[index] + (widths[index] - cell.get_width() if index >= 3 else 0), y))
            y += row_height

    def _draw_years(self, surface: pygame.Surface, rect: pygame.Rect, scale: float) -> None:
        theme, palette = self.app.theme, self.app.theme.palette
        y = self._panel(surface, rect, t("net_over.years_heading"), scale)
        if not self.years:
            return
        label_width = int(rect.width * 0.22)
        column = (rect.width - 20 - label_width) // len(self.years)
        size = int(13 * scale) if column >= 90 * scale else int(11 * scale)
        row_height = max(size + 4, min(int(26 * scale), (rect.bottom - y - 8) // (len(self.year_rows) + 1)))
        for index, year in enumerate(self.years):
            cell = theme.text(str(year), size, palette.text_dim, bold=True)
            surface.blit(cell, (rect.x + 10 + label_width + (index + 1) * column - cell.get_width() - 6, y))
        y += row_height
        firms = len(self.year_rows) - 3
        for number, (label, cells) in enumerate(self.year_rows):
            if number == firms:  # the table's rows under the firms'
                pygame.draw.line(surface, palette.panel_edge, (rect.x + 8, y - 3), (rect.right - 8, y - 3))
            ink = palette.text if number < firms else palette.text_dim
            surface.blit(theme.fitted(label, size, ink, label_width - 8, bold=number < firms), (rect.x + 10, y))
            for index, value in enumerate(cells):
                cell = theme.fitted(value, size, ink, column - 8)
                surface.blit(cell, (rect.x + 10 + label_width + (index + 1) * column - cell.get_width() - 6, y))
            y += row_height
