"""The debrief (DESIGN.md §6): the years in charts, the table's totals and each firm's yearly
statement, with an export of everything to a folder (CSV, PNG, JSON).

It is opened from the game-over screen and from the load screen (any saved game, finished or
not). The data come from `game.debrief` (one replay of the hand history); the charts from
`game.debrief.charts`, drawn with matplotlib into pygame Surfaces when the scene is laid out for a new
size, language or palette, never in the frame loop: switching views only blits them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame
from pygame_gui.elements import UIButton

from game.content.files import exports_dir, free_path
from game.content.text import money, number, percent, vendor_name
from game.debrief import LEFT, Debrief, FirmYear, export_debrief, export_name
from game.debrief.export import CSV_FORMATS, default_csv_format
from game.debrief.charts import CHARTS, FIRM_CHARTS, MARKERS, chart, firm_colour, rgba, screen_style
from game.debrief.model import HIGHLY_CONCENTRATED_HHI

from ..i18n import language, t
from ..scene import Scene, select_only

MARGIN = 24
GAP = 16
HEADER = 96  # the title, the years and the view buttons
FOOTER = 72  # back, the export note and the export button
TABS = ("charts", "totals", "statements")
LABEL_WIDTH = 0.27  # of the statement's width, for the row labels
MAX_COLUMN = 150  # pixels: a year's column in the statement at most
TOTALS_SHARE = 0.47  # of the body's width, for the totals' text (the charts get the rest)
CSV_LABELS = {"excel-de": "debrief.csv_excel_de", "international": "debrief.csv_international"}  # by CSV format


def figure_surface(figure) -> pygame.Surface:
    """A drawn matplotlib figure as an opaque Surface in the display's format (several times
    faster to blit every frame than one with alpha)."""
    pixels, size = rgba(figure)
    image = pygame.image.frombuffer(pixels, size, "RGBA")
    return image.convert() if pygame.display.get_surface() is not None else image.copy()


def draw_marker(surface: pygame.Surface, colour, marker: str, centre: tuple[int, int], radius: int = 4) -> None:
    """A chart's line marker drawn with pygame, for legends outside the charts."""
    x, y = centre
    r = radius
    if marker == "s":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif marker == "^":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x - r - 1, y + r), (x + r + 1, y + r)])
    elif marker == "v":
        pygame.draw.polygon(surface, colour, [(x, y + r + 1), (x - r - 1, y - r), (x + r + 1, y - r)])
    elif marker == "D":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r, y), (x, y + r + 1), (x - r, y)])
    elif marker == "P":
        pygame.draw.line(surface, colour, (x - r, y), (x + r, y), 3)
        pygame.draw.line(surface, colour, (x, y - r), (x, y + r), 3)
    elif marker in ("X", "*"):
        pygame.draw.line(surface, colour, (x - r + 1, y - r + 1), (x + r - 1, y + r - 1), 3)
        pygame.draw.line(surface, colour, (x - r + 1, y + r - 1), (x + r - 1, y - r + 1), 3)
        if marker == "*":
            pygame.draw.line(surface, colour, (x, y - r - 1), (x, y + r + 1), 2)
    else:
        pygame.draw.circle(surface, colour, centre, r)


class DebriefScene(Scene):
    """`source` is the save file the debrief came from, if any: it names the export folder."""

    def __init__(self, app, debrief: Debrief, *, source: str | Path | None = None, tab: str = "charts") -> None:
        super().__init__(app)
        self.debrief = debrief
        self.source = None if source is None else Path(source)
        self.tab = tab
        ranked = debrief.standings
        self.seat = ranked[0].seat if ranked else 0  # the statement shown: the leader's first
        self.charts: dict[str, pygame.Surface] = {}
        self.chart_rects: dict[str, pygame.Rect] = {}
        self.chart_renders = 0  # charts drawn with matplotlib (each costs ~0.1 s)
        self.chart_ms = 0.0  # how long the last full set took
        self._charts_for: tuple | None = None  # the (sizes, palette, language) the charts were drawn for
        self.note = ""
        self.note_is_problem = False
        self.export_folder: Path | None = None
        self.tab_buttons: dict[str, UIButton] = {}
        self.firm_buttons: dict[int, UIButton] = {}
        self.csv_format = default_csv_format(language())  # German Excel's for a German debrief

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        width, height = self.size
        self.body = pygame.Rect(MARGIN, HEADER, width - 2 * MARGIN, height - HEADER - FOOTER)
        self._layout_charts()
        tab_width = min(190, (width // 2 - MARGIN) // 3)
        self.tab_buttons = {}
        for index, name in enumerate(TABS):
            x = width - MARGIN - (len(TABS) - index) * (tab_width + 8) + 8
            button = UIButton(pygame.Rect(x, 22, tab_width, 38), t(f"debrief.tab_{name}"), self.manager,
                              tool_tip_text=t("debrief.tip_tabs"))
            if name == self.tab:
                button.select()
            self.tab_buttons[name] = button
        self.firm_buttons = {}
        if self.tab == "statements":
            firms = self.debrief.firms
            button_width = min(200, (self.body.width - 8 * (len(firms) - 1)) // len(firms))
            for index, firm in enumerate(firms):
                button = UIButton(pygame.Rect(self.body.x + index * (button_width + 8), self.body.y, button_width, 34),
                                  firm.name, self.manager)
                if firm.seat == self.seat:
                    button.select()
                self.firm_buttons[firm.seat] = button
        button_y = height - FOOTER + 14
        self.back_button = UIButton(pygame.Rect(MARGIN, button_y, 200, 44), t("debrief.back"), self.manager,
                                    tool_tip_text=t("debrief.tip_back"))
        self.export_button = UIButton(pygame.Rect(width - MARGIN - 220, button_y, 220, 44), t("debrief.export"),
                                      self.manager, object_id="@primary", tool_tip_text=t("debrief.tip_export"))
        self.csv_button = UIButton(pygame.Rect(width - MARGIN - 220 - GAP - 230, button_y, 230, 44),
                                   t(CSV_LABELS[self.csv_format]), self.manager,
                                   tool_tip_text=t("debrief.tip_csv_format"))
        self._render_charts()

    def _layout_charts(self) -> None:
        body = self.body
        columns = (len(FIRM_CHARTS) + 2) // 2  # the firm charts and the legend in two rows
        cell_w = (body.width - (columns - 1) * GAP) // columns
        cell_h = (body.height - GAP) // 2
        self.grid = [pygame.Rect(body.x + column * (cell_w + GAP), body.y + row * (cell_h + GAP), cell_w, cell_h)
                     for row in range(2) for column in range(columns)]
        self.legend_rect = self.grid[len(FIRM_CHARTS)]
        text_w = int(body.width * TOTALS_SHARE)
        self.totals_rect = pygame.Rect(body.x, body.y, text_w, body.height)
        right = pygame.Rect(body.x + text_w + GAP, body.y, body.width - text_w - GAP, body.height)
        half = (right.height - GAP) // 2
        self.chart_rects = {name: self.grid[index] for index, name in enumerate(FIRM_CHARTS)}
        self.chart_rects["money_flow"] = pygame.Rect(right.x, right.y, right.width, half)
        self.chart_rects["concentration"] = pygame.Rect(right.x, right.y + half + GAP, right.width, half)

    def _render_charts(self) -> None:
        """Draw every chart with matplotlib, once per size, palette and language."""
        palette = self.app.theme.palette
        key = (tuple((name, tuple(rect.size)) for name, rect in self.chart_rects.items()), palette.name, language())
        if key == self._charts_for:
            return
        started = time.perf_counter()
        self.charts = {name: self._chart(name, self.chart_rects[name].size) for name in CHARTS}
        self.chart_ms = (time.perf_counter() - started) * 1000
        self._charts_for = key

    def _chart(self, name: str, size: tuple[int, int]) -> pygame.Surface:
        self.chart_renders += 1
        return figure_surface(chart(self.debrief, name, size, screen_style(self.app.theme.palette), t, language()))

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        if button is self.back_button:
            self.app.pop()
        elif button is self.export_button:
            self.export()
        elif button is self.csv_button:
            self.csv_format = CSV_FORMATS[(CSV_FORMATS.index(self.csv_format) + 1) % len(CSV_FORMATS)]
            self.csv_button.set_text(t(CSV_LABELS[self.csv_format]))
        for name, tab in self.tab_buttons.items():
            if button is tab:
                self.show(name)
        for seat, firm in self.firm_buttons.items():
            if button is firm:
                self.choose_firm(seat)

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_TAB:
            step = -1 if event.mod & pygame.KMOD_SHIFT else 1
            self.show(TABS[(TABS.index(self.tab) + step) % len(TABS)])
        elif self.tab == "statements" and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            count = len(self.debrief.firms)
            self.choose_firm((self.seat + (1 if event.key == pygame.K_RIGHT else -1)) % count)

    def show(self, tab: str) -> None:
        if tab not in TABS:
            raise ValueError(f"no view {tab!r}; views are: {', '.join(TABS)}")
        if tab != self.tab:
            self.tab = tab
            self.relayout()  # the charts stay: they are drawn again only for a new size, palette or language

    def choose_firm(self, seat: int) -> None:
        if seat != self.seat:
            self.seat = seat
            select_only(self.firm_buttons, seat)
            self.dirty = True

    def export(self) -> Path | None:
        """Write the export into a new folder under the data folder's exports/ and say where."""
        debrief = self.debrief
        folder = free_path(exports_dir(create=False), export_name(debrief.scenario.id, self.source))
        try:
            written = export_debrief(debrief, folder, language(), text=t, csv_format=self.csv_format)
        except OSError as error:
            self.note, self.note_is_problem = t("debrief.cannot_export", folder=str(folder),
                                                problem=error.strerror or str(error)), True
            self.app.log("debrief_export_failed", folder=str(folder), problem=str(error))
            self.dirty = True
            return None
        self.export_folder = folder
        self.note, self.note_is_problem = t("debrief.exported", count=len(written), folder=str(folder)), False
        self.app.log("debrief_exported", folder=str(folder), files=len(written))
        self.dirty = True
        return folder

    # ------------------------------------------------------------------ drawing

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme = self.app.theme
        palette = theme.palette
        width, height = surface.get_size()
        debrief = self.debrief
        scenario = debrief.scenario
        heading = t("debrief.title", scenario=scenario.title.get(language()) or scenario.title.get("en") or scenario.id)
        room = self.tab_buttons["charts"].rect.x - MARGIN - 16
        size = next((size for size in (28, 24, 20) if theme.font(size, True).size(heading)[0] <= room), 20)
        title = theme.fitted(heading, size, palette.text, room, bold=True)  # smaller in a narrow window, not cut
        surface.blit(title, (MARGIN, 16))
        if debrief.year_reached == scenario.first_year:
            years = t("debrief.year_one" if debrief.over else "debrief.year_one_running", year=debrief.year_reached)
        else:
            years = t("debrief.years" if debrief.over else "debrief.years_running", first=scenario.first_year,
                      last=debrief.year_reached)
        surface.blit(theme.text(years, 15, palette.text_dim), (MARGIN, 58))
        if self.tab == "charts":
            self._draw_charts(surface)
        elif self.tab == "totals":
            self._draw_totals(surface)
        else:
            self._draw_statement(surface)
        if self.note:
            room = self.csv_button.rect.x - self.back_button.rect.right - 2 * GAP
            note = theme.fitted(self.note, 13, palette.warning if self.note_is_problem else palette.text_dim, room)
            surface.blit(note, note.get_rect(midright=(self.csv_button.rect.x - GAP,
                                                       self.export_button.rect.centery)))

    def _blit_chart(self, surface: pygame.Surface, name: str) -> None:
        rect = self.chart_rects[name]
        chart_image = self.charts.get(name)
        if chart_image is not None:
            surface.blit(chart_image, rect)
        pygame.draw.rect(surface, self.app.theme.palette.panel_edge, rect, 1, border_radius=4)

    def _panel(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        palette = self.app.theme.palette
        pygame.draw.rect(surface, palette.panel, rect, border_radius=4)
        pygame.draw.rect(surface, palette.panel_edge, rect, 1, border_radius=4)

    # ---------------------------------------------------------------- charts view

    def _draw_charts(self, surface: pygame.Surface) -> None:
        for name in FIRM_CHARTS:
            self._blit_chart(surface, name)
        theme = self.app.theme
        palette = theme.palette
        style = screen_style(palette)
        rect = self.legend_rect
        self._panel(surface, rect)
        x, y = rect.x + 12, rect.y + 10
        surface.blit(theme.text(t("debrief.legend_title"), 15, palette.text, bold=True), (x, y))
        y += 26
        firms = self.debrief.firms
        line_height = max(18, min(24, (rect.height - 150) // max(1, len(firms))))
        for firm in firms:
            colour = firm_colour(style, firm.seat)
            middle = y + line_height // 2
            pygame.draw.line(surface, colour, (x, middle), (x + 22, middle), 2)
            draw_marker(surface, colour, MARKERS[firm.seat % len(MARKERS)], (x + 11, middle))
            who = self._player(firm.seat)
            room = rect.right - 12 - (x + 30)
            beside = theme.font(13, True).size(firm.name)[0] + 6 + theme.font(12).size(who)[0] <= room
            name = theme.fitted(firm.name, 13, palette.text, room, bold=True)
            surface.blit(name, (x + 30, middle - name.get_height() // 2))
            if who and beside:
                player = theme.fitted(who, 12, palette.text_dim, rect.right - 12 - (x + 36 + name.get_width()))
                surface.blit(player, (x + 36 + name.get_width(), middle - player.get_height() // 2))
            elif who:  # a narrow window: the player goes under the firm rather than be cut
                player = theme.fitted(who, 11, palette.text_dim, room)
                surface.blit(player, (x + 30, middle + name.get_height() // 2))
                y += player.get_height()
            y += line_height
        # the notes fill the room under the firms: smaller, then only the first, never past the panel
        room = rect.bottom - 8 - (y + 8)
        self.notes_rect = None
        for text, size in ((t("debrief.note_year_end") + "\n" + t("debrief.note_capability"), 12),
                           (t("debrief.note_year_end") + "\n" + t("debrief.note_capability"), 11),
                           (t("debrief.note_year_end"), 11)):
            notes = theme.text(text, size, palette.text_dim, width=rect.width - 24)
            if notes.get_height() <= room:
                self.notes_rect = surface.blit(notes, (x, rect.bottom - 8 - notes.get_height()))
                break

    def _player(self, seat: int) -> str:
        firm = self.debrief.firms[seat]
        if not firm.player:
            return ""
        if firm.bot is None:
            return t("debrief.human_player", name=firm.player)
        from .setup import personality_name
        return t("debrief.bot_player", name=firm.player, bot=personality_name(firm.bot))

    # ---------------------------------------------------------------- totals view

    def _draw_totals(self, surface: pygame.Surface) -> None:
        self._blit_chart(surface, "money_flow")
        self._blit_chart(surface, "concentration")
        theme = self.app.theme
        palette = theme.palette
        lang = language()
        debrief = self.debrief
        totals = debrief.totals
        rect = self.totals_rect
        self._panel(surface, rect)
        x, y, inner = rect.x + 14, rect.y + 10, rect.width - 28
        heading = (t("debrief.totals_heading_one") if totals.years == 1
                   else t("debrief.totals_heading", years=totals.years))
        surface.blit(theme.fitted(heading, 15, palette.text, inner, bold=True), (x, y))
        y += 26
        if not debrief.over:
            note = theme.fitted(t("debrief.running_note"), 12, palette.warning, inner)
            surface.blit(note, (x, y))
            y += 18
        none = t("debrief.none")
        share = number(100 * debrief.market_share, lang)

        def pct(value):
            return none if value is None else percent(round(value, 1), lang)

        largest = "" if totals.largest_seat is None else debrief.firms[totals.largest_seat].name
        blocks = [
            ("label_spent", money(totals.spent, lang), [t("debrief.explain_spent")]),
            ("label_prize", money(totals.prize, lang), [t("debrief.explain_prize", share=share)]),
            ("label_take",
             t("debrief.value_take", take=money(totals.vendor_take, lang), share=pct(totals.vendor_share)),
             [t("debrief.explain_take")]),
            ("label_dissipation", pct(totals.dissipation), [t("debrief.explain_dissipation")]),
            ("label_hhi", none if totals.hhi is None else t("debrief.value_hhi", hhi=number(round(totals.hhi), lang)),
             [t("debrief.explain_hhi")]
             + ([t("debrief.share_line", firm=largest, largest=pct(totals.largest_share)),
                 t("debrief.equivalent_line", firms=number(round(totals.equivalent_firms, 1), lang),
                   n=totals.firms_counted, equal=number(round(totals.hhi_equal), lang))] if largest else [])
             + [t("debrief.concentration_reference", line=number(HIGHLY_CONCENTRATED_HHI, lang))]),
            ("label_book", money(totals.book_value_end, lang), [t("debrief.explain_book")]),
        ]
        rendered = []
        for key, value, lines in blocks:
            label = theme.fitted(t(f"debrief.{key}"), 14, palette.text, inner - 170, bold=True)
            figure = theme.fitted(value, 16, palette.highlight, inner - label.get_width() - 12, bold=True)
            body = theme.text("\n".join(lines), 12, palette.text_dim, width=inner)
            rendered.append((label, figure, body))
        needed = sum(max(label.get_height(), figure.get_height()) + body.get_height() for label, figure, body
                     in rendered)
        gap = max(4, min(14, (rect.bottom - 10 - y - needed) // max(1, len(rendered))))
        for label, figure, body in rendered:
            row = max(label.get_height(), figure.get_height())
            surface.blit(label, (x, y + row - label.get_height()))
            surface.blit(figure, (x + inner - figure.get_width(), y + row - figure.get_height()))
            y += row + 1
            surface.blit(body, (x, y))
            y += body.get_height() + gap

    # ---------------------------------------------------------------- statements view

    def statement_rows(self, seat: int) -> list[tuple[str, str, list[str], str]]:
        """The statement of one firm as shown: (kind, label, a cell per year, total) per row.
        kind is "money", "sum" (a result line), "plain", "heading" or "fleet"."""
        lang = language()
        rows: tuple[FirmYear, ...] = self.debrief.of_firm(seat)
        none = ""

        def cells(field, write=lambda value: number(value, lang)):
            return [write(getattr(row, field)) for row in rows]

        def total(field):
            return number(sum(getattr(row, field) for row in rows), lang)

        out = [
            ("money", t("debrief.row_cash_start"), cells("cash_start"), none),
            ("money", t("debrief.row_income"), cells("income"), total("income")),
        ]
        if any(row.raised for row in rows):
            out.append(("money", t("debrief.row_raised"), cells("raised"), total("raised")))
        if any(row.opex for row in rows):
            out.append(("money", t("debrief.row_opex"), cells("opex"), total("opex")))
        out += [
            ("money", t("debrief.row_spent"), cells("spent"), total("spent")),
            ("money", t("debrief.row_won"), cells("won"), total("won")),
        ]
        if any(row.agi_prize for row in rows):  # the race was won: the prize is cash too
            out.append(("money", t("debrief.row_agi_prize"), cells("agi_prize"), total("agi_prize")))
        out += [
            ("sum", t("debrief.row_cash_end"), cells("cash_end"), none),
            ("money", t("debrief.row_depreciation"), cells("depreciation"), total("depreciation")),
            ("money", t("debrief.row_book_value"), cells("book_value_end"), none),
            ("sum", t("debrief.row_net_worth"), [number(row.net_worth_end, lang) for row in rows], none),
            ("plain", t("debrief.row_ownership"), cells("ownership_end", lambda v: percent(round(100 * v, 1), lang)),
             none),
        ]
        if any(row.preference_end for row in rows):  # it has investors
            out.append(("plain", t("debrief.row_preference"), cells("preference_end"), none))
        out += [
            ("sum", t("debrief.row_score"), [number(row.score_end, lang) for row in rows], none),
            ("plain", t("debrief.row_compute"), cells("compute_end", lambda v: number(round(v), lang)), none),
            ("plain", t("debrief.row_capability"),
             [t("debrief.shown_mark", value=number(round(row.capability, 1), lang)) if row.shown
              else number(round(row.capability, 1), lang) for row in rows], none),
            ("plain", t("debrief.row_outcome"), [t(f"debrief.outcome_{row.outcome}") for row in rows], none),
            ("heading", t("debrief.row_fleet"), [], none),
        ]
        generations = self.debrief.chip_generations(seat)
        for vendor, chip in generations:
            values = []
            for row in rows:
                held = sum(h100e for v, c, h100e in row.fleet if (v, c) == (vendor, chip))
                values.append(number(round(held), lang) if held else "")
            out.append(("fleet", f"{vendor_name(vendor, lang)} {chip}", values, none))
        if not generations:
            out.append(("fleet", t("debrief.no_chips"), [""] * len(rows), none))
        return out

    def _draw_statement(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette = theme.palette
        debrief = self.debrief
        firm = debrief.firms[self.seat]
        rows = debrief.of_firm(self.seat)
        rect = pygame.Rect(self.body.x, self.body.y + 44, self.body.width, self.body.height - 44)
        self._panel(surface, rect)
        x, y = rect.x + 14, rect.y + 8
        heading = theme.text(t("debrief.statement_heading", firm=firm.name), 16, palette.text, bold=True)
        surface.blit(heading, (x, y))
        player = self._player(self.seat)
        aside = "  ·  ".join(part for part in (t("debrief.statement_player", player=player) if player else "",
                                               t("debrief.statement_unit"), t("debrief.statement_hint")) if part)
        aside_text = theme.fitted(aside, 12, palette.text_dim, rect.right - 14 - (x + heading.get_width() + 16))
        surface.blit(aside_text, (x + heading.get_width() + 16, y + heading.get_height() - aside_text.get_height()))
        y += 30
        table = self.statement_rows(self.seat)
        inner = rect.width - 28
        label_w = int(inner * LABEL_WIDTH)
        columns = len(rows) + 1  # the years and a total
        column_w = min(MAX_COLUMN, (inner - label_w) // max(1, columns))
        col_x = [x + label_w + index * column_w for index in range(columns)]
        # the years as column titles; the year still being played in the warning colour
        for index, row in enumerate(rows):
            label = str(row.year) if row.complete else f"{row.year} ({t('game_over.axis_now')})"
            cell = theme.fitted(label, 13, palette.text if row.complete else palette.warning, column_w - 8,
                                bold=True)
            surface.blit(cell, (col_x[index] + column_w - 8 - cell.get_width(), y))
        total = theme.text(t("debrief.col_total"), 13, palette.text_dim, bold=True)
        surface.blit(total, (col_x[-1] + column_w - 8 - total.get_width(), y))
        y += 20
        pygame.draw.line(surface, palette.panel_edge, (x, y), (rect.right - 14, y))
        y += 3
        bottom = rect.bottom - 26
        row_h = max(15, min(21, (bottom - y) // max(1, len(table))))
        size = 13 if row_h >= 18 else 12
        for kind, label, values, row_total in table:
            if kind in ("sum", "heading"):
                pygame.draw.line(surface, palette.panel_edge, (x, y), (rect.right - 14, y))
            bold = kind in ("sum", "heading")
            ink = palette.text if kind != "fleet" else palette.text_dim
            indent = 14 if kind == "fleet" else 0
            label_image = theme.fitted(label, size, palette.text if kind != "fleet" else palette.text_dim,
                                       label_w - 8 - indent, bold=bold)
            middle = y + row_h // 2
            surface.blit(label_image, (x + indent, middle - label_image.get_height() // 2))
            for index, value in enumerate(values):
                if not value:
                    continue
                cell = theme.fitted(value, size, ink, column_w - 8, bold=bold)
                surface.blit(cell, (col_x[index] + column_w - 8 - cell.get_width(), middle - cell.get_height() // 2))
            if row_total:
                cell = theme.fitted(row_total, size, palette.text_dim, column_w - 8, bold=bold)
                surface.blit(cell, (col_x[-1] + column_w - 8 - cell.get_width(), middle - cell.get_height() // 2))
            y += row_h
        notes = [t("debrief.shown_note")] if any(row.shown for row in rows) else []
        if any(row.outcome == LEFT for row in rows):
            notes.append(t("debrief.note_year_end"))
        if notes:
            note = theme.fitted("   ".join(notes), 12, palette.text_dim, inner)
            surface.blit(note, (x, rect.bottom - 8 - note.get_height()))
