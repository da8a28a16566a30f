"""The year in numbers: who bought what at which price, who won the market, what the vendors kept,
an AGI prize if the race was won, and the firms their investors take over as the next year opens."""

from __future__ import annotations

from collections import defaultdict

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.content.text import money, number, percent
from game.core import events as ev

from ..i18n import dollars, language, t
from ..scene import ContinueScene
from .knocked_out import KnockedOutScene, people_out

MARGIN = 40
COLUMN_GAP = 24  # pixels at least between two columns: the chips column's vendor dot stands in it

class YearSummaryScene(ContinueScene):
    def __init__(self, app, scenario, names, year: int, year_events: list) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.names = names
        self.year = year
        self.rows = self._rows(year_events)
        ended = next(event for event in year_events if isinstance(event, ev.YearEnded))
        self.vendor_take = ended.vendor_take
        self.prizes = [event for event in year_events if isinstance(event, ev.AgiPrizeAwarded)]
        # `year_events` runs on into the next year's opening, where the takeovers happen
        opening = year_events[year_events.index(ended) + 1:]
        self.takeovers = [event for event in opening if isinstance(event, ev.TakenOver)]
        self.won = defaultdict(int)
        for event in year_events:
            if isinstance(event, ev.PotAwarded):
                for seat, share in zip(event.winners, event.shares, strict=True):
                    self.won[seat] += share
        self.staked = sum(row["cost"] for row in self.rows)

    @staticmethod
    def _rows(year_events: list) -> list[dict]:
        """One row per firm and vendor: chips bought this year, what they cost, the average price."""
        bought: dict[tuple[int, str], dict] = {}
        for event in year_events:
            if isinstance(event, ev.ChipsBought):
                row = bought.setdefault((event.seat, event.vendor), {"seat": event.seat, "vendor": event.vendor,
                                                                    "chip": event.chip, "h100e": 0.0, "cost": 0,
                                                                    "low": event.usd_per_h100e, "high": 0.0})
                row["h100e"] += event.h100e
                row["cost"] += event.cost
                row["low"] = min(row["low"], event.usd_per_h100e)
                row["high"] = max(row["high"], event.usd_per_h100e)
        return sorted(bought.values(), key=lambda row: (row["seat"], row["vendor"]))

    def _prize_and_takeover_lines(self, lang: str) -> list[str]:
        lines = []
        if self.prizes:
            values = {"names": " & ".join(self.names[event.seat] for event in self.prizes),
                      "amount": money(sum(event.amount for event in self.prizes), lang),
                      "share": percent(round(self.scenario.agi_prize_share * 100, 2), lang)}
            lines.append(t("summary.agi_prize_shared" if len(self.prizes) > 1 else "summary.agi_prize", **values))
        lines += [t("summary.taken_over", year=self.year + 1, name=self.names[event.seat],
                    worth=money(event.net_worth, lang), preference=money(event.preference, lang))
                  for event in self.takeovers]
        return lines

    def build(self) -> None:
        width, height = self.size
        UILabel(pygame.Rect(0, 16, width, 40), t("summary.title", year=self.year), self.manager, object_id="@heading")
        self.next_button = UIButton(pygame.Rect(width // 2 - 120, height - 64, 240, 44), t("summary.next"),
                                    self.manager, object_id="@primary")

    def carry_on(self) -> None:
        """On to the next year; if no person is left in the race, first the knock-out screen."""
        table = self.app.scenes[-2] if len(self.app.scenes) > 1 else None
        out = people_out(getattr(table, "session", None))
        if out:
            self.app.replace(KnockedOutScene(self.app, table, out))
        else:
            self.app.pop()

    def _columns(self, titles: tuple[str, ...], rows: list[tuple[str, ...]], width: int) -> tuple[int, list[int]]:
        """(type size, x of each column): each column as wide as its widest cell, the room left spread
        between them (at least room for a vendor's dot); smaller type where the window is narrow (in German
        at 1024 wide the fixed columns ran the amount paid into the price)."""
        theme = self.app.theme
        room = width - 2 * MARGIN
        for size in (15, 14, 13, 12):
            widths = [max([theme.font(14, True).size(title)[0]] + [theme.font(size).size(row[index])[0]
                                                                    for row in rows])
                      for index, title in enumerate(titles)]
            gap = min(90, (room - sum(widths)) // (len(titles) - 1))
            if gap >= COLUMN_GAP:
                break
        xs, x = [], MARGIN
        for column_width in widths:
            xs.append(x)
            x += column_width + gap
        return size, xs

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        width, _ = surface.get_size()
        columns = (t("summary.firm"), t("summary.chips"), t("summary.h100e"), t("summary.paid"),
                   t("summary.price"), t("summary.won"))
        rows, shown_won = [], set()
        for row in self.rows:
            price = (dollars(round(row["low"]), lang) if round(row["low"]) == round(row["high"])
                     else dollars(f"{number(round(row['low']), lang)}–{number(round(row['high']), lang)}", lang))
            won = "" if row["seat"] in shown_won else money(self.won.get(row["seat"], 0), lang)
            shown_won.add(row["seat"])
            rows.append((row, (self.names[row["seat"]], f"{t('vendor.' + row['vendor'])} {row['chip']}",
                               number(round(row["h100e"]), lang), money(row["cost"], lang), price, won)))
        size, xs = self._columns(columns, [cells for _, cells in rows], width)
        y = 76
        for x, title in zip(xs, columns, strict=True):
            surface.blit(theme.text(title, 14, palette.text_dim, bold=True), (x, y))
        y += 28
        for row, cells in rows:
            vendor_colour = palette.nvidia if row["vendor"] == "nvidia" else palette.amd
            pygame.draw.circle(surface, vendor_colour, (xs[1] - 12, y + 9), 6)
            for x, cell in zip(xs, cells, strict=True):
                surface.blit(theme.text(cell, size, palette.text), (x, y))
            y += 24
        y += 16
        lines = (t("summary.staked", amount=money(self.staked, lang)),
                 t("summary.market", amount=money(sum(self.won.values()), lang)),
                 t("summary.vendors", amount=money(self.vendor_take, lang)))
        for line in lines:
            text = theme.text(line, 17, palette.text, bold=True)
            surface.blit(text, (MARGIN, y))
            y += 28
        for line in self._prize_and_takeover_lines(lang):
            text = theme.text(line, 15, palette.highlight, width=width - 2 * MARGIN)
            surface.blit(text, (MARGIN, y))
            y += text.get_height() + 6
        note = theme.text(t("summary.explain"), 13, palette.text_dim, width=width - 2 * MARGIN)
        surface.blit(note, (MARGIN, y + 6))
