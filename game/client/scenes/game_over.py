"""The end of the game: why it ended, the final standings and the years in charts.

The charts (cash, effective compute and the capability from compute of every firm at the
start of every year and at the end) come from replaying the hand history
(`game.debrief.yearly_snapshots`). They are drawn by `game.debrief.charts`, the debrief's chart code
(matplotlib, imported only when the first chart is drawn), into pygame Surfaces once; the
frame loop only blits them. They are drawn again only when the scene is laid out again (a new
window size, language or palette). The Debrief button opens the whole debrief of the game.
"""

from __future__ import annotations

import os
import time

import pygame
from pygame_gui.elements import UIButton, UILabel

from game.content.files import autosave_path
from game.content.text import money, number
from game.core import Status
from game.debrief import END, START, build_debrief, series, yearly_snapshots
from game.debrief.charts import compute_axis, firm_line_chart, money_axis, screen_style
from game.session import Session

from ..i18n import language, t
from ..problems import describe
from ..scene import Scene
from .debrief import DebriefScene, figure_surface
from .moments import awards, race_story

MARGIN = 24
GAP = 16
HEADER = 96  # title and the reason the game ended
FOOTER = 72  # the buttons
TABLE_SHARE = 0.64  # of the top row's width, for the standings; the cash chart gets the rest
# the standings' columns in pixels at 1280 wide (scaled to the table): rank, firm, player, score,
# net worth, ownership, investors' preference, marks
COLUMNS = (20, 140, 140, 94, 90, 52, 90, 92)
LEGEND_AND_AXIS = 230  # pixels of a chart taken by its legend and value axis, roughly
NARROW_TABLE = 600  # pixels: below this the player column is left out


def end_reason(view) -> str:
    """Why the game whose last public view is `view` ended, in one sentence."""
    names = [firm.name for firm in view.firms]
    if view.over_reason == "agi":
        winners = view.agi_winners
        threshold = number(round(view.scenario.agi_threshold_h100e), language())
        prize = money(view.agi_prize, language())
        if len(winners) > 1:
            return t("game_over.reason_agi_shared", firms=" & ".join(names[seat] for seat in winners),
                     year=view.year, threshold=threshold, prize=prize)
        return t("game_over.reason_agi", firm=names[winners[0]], year=view.year, threshold=threshold,
                 compute=number(round(view.firms[winners[0]].effective_compute), language()), prize=prize)
    if view.over_reason == "one_firm_left":
        left = [firm.name for firm in view.firms if firm.status != Status.EXITED]
        if not left:
            return t("game_over.reason_none_left", year=view.year)
        return t("game_over.reason_one_firm_left", firm=left[0], year=view.year)
    return t("game_over.reason_last_year", year=view.year)


class GameOverScene(Scene):
    def __init__(self, app, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.standings = session.standings()
        self.snapshots = yearly_snapshots(session.history())
        self.view = session.public_view()
        self.charts: dict[str, pygame.Surface] = {}
        self.chart_rects: dict[str, pygame.Rect] = {}
        self.chart_renders = 0  # how many charts were drawn with matplotlib (each costs ~0.1 s)
        self.chart_ms = 0.0  # how long the last full set took, import included the first time
        self.note = ""
        self.table_rows = self._table_rows()
        self.totals = {"staked": sum(firm.spent_total for firm in self.view.firms),
                       "won": sum(firm.won_total for firm in self.view.firms)}

    # ------------------------------------------------------------------ what is shown

    def _player_label(self, seat: int) -> str:
        player = self.session.players[seat]
        if player.bot is None:
            return player.name
        from .setup import personality_name
        return t("game_over.bot_player", name=player.name, bot=personality_name(player.bot))

    def _table_rows(self) -> list[dict]:
        """The standings as shown: one dict of display texts per firm, best first."""
        lang = language()
        rows = []
        for standing in self.standings:
            firm = self.view.firms[standing.seat]
            marks = []
            if standing.agi_winner:
                marks.append(t("game_over.mark_agi"))
            if firm.taken_over:
                marks.append(t("game_over.mark_taken_over"))
            elif standing.exited:
                marks.append(t("game_over.mark_exited", year=firm.exit_year))
            rows.append({
                "seat": standing.seat,
                "rank": str(standing.rank),
                "firm": standing.name,
                "player": self._player_label(standing.seat),
                "score": money(standing.score, lang),
                "net_worth": money(standing.net_worth, lang),
                "ownership": f"{number(round(standing.ownership * 100, 1), lang)} %",
                "preference": money(standing.preference, lang) if standing.preference else "–",
                "marks": " ".join(marks),
                "agi": standing.agi_winner,
            })
        return rows

    def reason(self) -> str:
        """Why the game ended, in one sentence."""
        return end_reason(self.view)

    def headline(self) -> str:
        best = [row for row in self.standings if row.rank == 1]
        if len(best) == 1:
            return t("game_over.winner", player=self.session.players[best[0].seat].name, firm=best[0].name)
        return t("game_over.tie", firms=" & ".join(row.name for row in best))

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        width, height = self.size
        best = self.standings[0]
        self.awards = awards(self.view)
        self.story = race_story(self.snapshots, best.seat, best.name)
        cell_w = (width - 2 * MARGIN - GAP) // 2
        cell_h = (height - HEADER - FOOTER - GAP) // 2
        left, top = MARGIN, HEADER
        table_w = int((width - 2 * MARGIN - GAP) * TABLE_SHARE)  # the standings need a little more room
        self.table_rect = pygame.Rect(left, top, table_w, cell_h)
        self.chart_rects = {
            "cash": pygame.Rect(left + table_w + GAP, top, width - MARGIN - (left + table_w + GAP), cell_h),
            "compute": pygame.Rect(left, top + cell_h + GAP, cell_w, cell_h),
            "capability": pygame.Rect(left + cell_w + GAP, top + cell_h + GAP, cell_w, cell_h),
        }
        self.table_rows = self._table_rows()  # the language may have changed
        button_y = height - FOOTER + 14
        self.play_again_button = UIButton(pygame.Rect(width // 2 - 356, button_y, 220, 44),
                                          t("game_over.play_again"), self.manager, object_id="@primary",
                                          tool_tip_text=t("game_over.tip_play_again"))
        self.debrief_button = UIButton(pygame.Rect(width // 2 - 110, button_y, 220, 44), t("debrief.open"),
                                       self.manager, tool_tip_text=t("debrief.tip_open"))
        self.title_button = UIButton(pygame.Rect(width // 2 + 136, button_y, 220, 44), t("game_over.title_button"),
                                     self.manager, tool_tip_text=t("game_over.tip_title"))
        self.note_label = UILabel(pygame.Rect(0, button_y - 28, width, 24), self.note, self.manager,
                                  object_id="@warning")
        self._render_charts()

    # ------------------------------------------------------------------ charts

    def _render_charts(self) -> None:
        """Draw every chart with matplotlib into a Surface, once per layout."""
        started = time.perf_counter()
        self.charts = {name: self._chart(name, rect.size) for name, rect in self.chart_rects.items()}
        self.chart_ms = (time.perf_counter() - started) * 1000

    def _chart(self, name: str, size: tuple[int, int]) -> pygame.Surface:
        self.chart_renders += 1
        lang = language()
        lines = series(self.snapshots, name)
        # x axis: the years' starts, then the end of the game
        ticks = sorted({row["year"] for row in self.snapshots if row["point"] == START})
        short = (size[0] - LEGEND_AND_AXIS) / (len(ticks) + 1) < 34  # a narrow plot: two-digit years
        labels = [f"’{year % 100:02d}" if short else str(year) for year in ticks]
        end = [row for row in self.snapshots if row["point"] != START]
        if end:
            ticks.append(end[0]["year"] + (1 if end[0]["point"] == END else 0.5))
            labels.append(t("game_over.axis_end") if end[0]["point"] == END else t("game_over.axis_now"))
        title = {"cash": t("game_over.chart_cash"), "compute": t("game_over.chart_compute"),
                 "capability": t("game_over.chart_capability")}[name]
        values = [value for _, ys in lines.values() for value in ys]
        formatter = {"cash": money_axis(lang), "compute": compute_axis(values, t, lang),
                     "capability": lambda value, _: number(value, lang)}[name]
        figure = firm_line_chart(lines, [firm.name for firm in self.view.firms], title=title, ticks=ticks,
                                 tick_labels=labels, formatter=formatter, size=size,
                                 style=screen_style(self.app.theme.palette), legend=True, from_zero=name != "cash")
        return figure_surface(figure)

    # ------------------------------------------------------------------ drawing

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme = self.app.theme
        palette = theme.palette
        width, _ = surface.get_size()
        title = theme.text(t("game_over.title", year=self.view.year), 30, palette.text, bold=True)
        surface.blit(title, (MARGIN, 14))
        headline = theme.fitted(self.headline(), 20, palette.highlight, width - 3 * MARGIN - title.get_width(),
                                bold=True)
        surface.blit(headline, headline.get_rect(bottomright=(width - MARGIN, 14 + title.get_height() - 4)))
        reason = theme.text(self.reason(), 15, palette.text_dim, width=width - 2 * MARGIN)
        surface.blit(reason, (MARGIN, 58))
        self._draw_table(surface)
        for name, rect in self.chart_rects.items():
            chart = self.charts.get(name)
            if chart is not None:
                surface.blit(chart, rect)
            pygame.draw.rect(surface, palette.panel_edge, rect, 1, border_radius=4)

    def _draw_table(self, surface: pygame.Surface) -> None:
        theme = self.app.theme
        palette = theme.palette
        rect = self.table_rect
        pygame.draw.rect(surface, palette.panel, rect, border_radius=4)
        pygame.draw.rect(surface, palette.panel_edge, rect, 1, border_radius=4)
        heading = theme.text(t("game_over.standings"), 15, palette.text, bold=True)
        surface.blit(heading, (rect.x + 10, rect.y + 8))
        explain = theme.fitted(t("game_over.score_explain"), 12, palette.text_dim,
                               rect.width - heading.get_width() - 30)
        surface.blit(explain, explain.get_rect(bottomright=(rect.right - 10, rect.y + 8 + heading.get_height())))
        inner = rect.width - 20
        columns = COLUMNS if inner >= NARROW_TABLE else COLUMNS[:2] + (0,) + COLUMNS[3:]  # narrow: no players
        widths = [column * inner // sum(columns) for column in columns]
        xs, x = [], rect.x + 10
        for column_width in widths:
            xs.append(x)
            x += column_width
        widths = [column_width - 6 for column_width in widths]
        titles = ("#", t("game_over.col_firm"), t("game_over.col_player"), t("game_over.col_score"),
                  t("game_over.col_net_worth"), t("game_over.col_ownership"), t("game_over.col_preference"), "")
        y = rect.y + 40
        right_aligned = (3, 4, 5, 6)
        for index, label in enumerate(titles):
            if widths[index] <= 0:
                continue
            cell = theme.fitted(label, 12, palette.text_dim, widths[index], bold=True)
            self._blit_cell(surface, cell, xs[index], widths[index], y, index in right_aligned)
        y += 22
        pygame.draw.line(surface, palette.panel_edge, (rect.x + 8, y - 4), (rect.right - 8, y - 4))
        row_height = max(20, min(28, (rect.bottom - y - 6) // max(1, len(self.table_rows))))
        colours = screen_style(palette).firms
        for row in self.table_rows:
            seat = row["seat"]
            winner = row["rank"] == "1"
            ink = palette.highlight if winner else palette.text
            swatch_y = y + row_height // 2 - 2
            colour = colours[seat % len(colours)]
            cells = (row["rank"], row["firm"], row["player"], row["score"], row["net_worth"], row["ownership"],
                     row["preference"])
            for index, value in enumerate(cells):
                x, room = xs[index], widths[index]
                if room <= 0:
                    continue
                if index == 1:  # the firm, after its line's colour
                    pygame.draw.line(surface, colour, (x, swatch_y), (x + 14, swatch_y), 3)
                    pygame.draw.circle(surface, colour, (x + 7, swatch_y), 3)
                    x, room = x + 20, room - 20
                bold = index in (0, 1, 3)
                # a long name or amount shrinks to fit rather than lose letters or digits ("126.582 Mio. $")
                size = next((size for size in (13, 12, 11) if theme.font(size, bold).size(value)[0] <= room), 10)
                cell = theme.fitted(value, size, ink if index != 2 else palette.text_dim, room, bold=bold)
                self._blit_cell(surface, cell, x, room, y + (row_height - cell.get_height()) // 2,
                                index in right_aligned)
            if row["marks"]:
                room = widths[7] - 8
                size = next((size for size in (11, 10) if theme.font(size, True).size(row["marks"])[0] <= room), 9)
                badge = theme.fitted(row["marks"], size, palette.background, room, bold=True)
                badge_rect = badge.get_rect(midleft=(xs[7] + 8, y + row_height // 2)).inflate(8, 4)
                pygame.draw.rect(surface, palette.highlight if row["agi"] else palette.folded, badge_rect,
                                 border_radius=5)
                surface.blit(badge, badge.get_rect(center=badge_rect.center))
            y += row_height
        notes = []
        if any(row["agi"] for row in self.table_rows):
            notes.append(t("game_over.explain_agi", prize=money(self.view.agi_prize, language())))
        taken_over = [firm.taken_over for firm in self.view.firms]
        if any(standing.exited and not taken_over[standing.seat] for standing in self.standings):
            notes.append(t("game_over.explain_exited"))
        if any(taken_over):
            notes.append(t("game_over.explain_taken_over"))
        # the story and the awards (smaller, then the last awards left out, where the rows leave no room: in a
        # 640-pixel window they ran out of the panel); then the totals and the notes on exits if there is room
        moments = self._moments(rect.width - 20, rect.bottom - 8 - (y + 4))
        totals = t("game_over.totals", staked=money(self.totals["staked"], language()),
                   won=money(self.totals["won"], language()), vendors=money(self.view.vendor_take, language()))
        for shown in ([totals, *notes], notes, []):
            text = theme.text("\n".join(shown), 12, palette.text_dim, width=rect.width - 20)
            bottom = rect.bottom - 8 - (text.get_height() + 6 if shown else 0) - moments.get_height()
            if bottom >= y + 4 or not shown:
                break
        if moments.get_height():
            surface.blit(moments, (rect.x + 10, max(y + 4, bottom)))
        if shown:
            surface.blit(text, (rect.x + 10, bottom + moments.get_height() + 6))

    def _moments(self, width: int, room: int) -> pygame.Surface:
        """The race's story and the awards, as many lines as fit `room` pixels (none if not even the story)."""
        theme, ink = self.app.theme, self.app.theme.palette.highlight
        lines = [self.story, *self.awards]
        for size in (13, 12):
            moments = theme.text("\n".join(lines), size, ink, width=width)
            if moments.get_height() <= room:
                return moments
        while len(lines) > 1:
            lines.pop()
            moments = theme.text("\n".join(lines), 12, ink, width=width)
            if moments.get_height() <= room:
                return moments
        return pygame.Surface((0, 0))

    @staticmethod
    def _blit_cell(surface, cell: pygame.Surface, x: int, width: int, y: int, right: bool) -> None:
        surface.blit(cell, (x + width - cell.get_width(), y) if right else (x, y))

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        if button is self.play_again_button:
            self.play_again()
        elif button is self.debrief_button:
            self.open_debrief()
        elif button is self.title_button:
            self.to_title()

    def play_again(self) -> None:
        """The same players, firms and scenario, a new seed; autosaved like every game."""
        from game.bots import BotLoadError
        from game.core import SetupError

        from .table import TableScene
        profiles = [firm.profile for firm in self.session.public_view().firms]
        try:
            session = Session.new(self.session.scenario, self.session.players, int.from_bytes(os.urandom(4), "big"),
                                  profiles=profiles, autosave_path=autosave_path(create=False))
        except (BotLoadError, SetupError) as error:
            self.note = t("game_over.cannot_play_again", problem=describe(error))
            self.note_label.set_text(self.note)
            return
        self.app.log("game_started", players=[player.name for player in session.players])
        self.app.reset_to(TableScene(self.app, session))

    def open_debrief(self) -> None:
        """The whole debrief of this game; Esc comes back here."""
        debrief = build_debrief(self.session.history(), self.session.players)
        self.app.push(DebriefScene(self.app, debrief, source=self.session.save_path))

    def to_title(self) -> None:
        from .title import TitleScene
        self.app.reset_to(TitleScene(self.app))

    def on_escape(self) -> None:
        self.to_title()
