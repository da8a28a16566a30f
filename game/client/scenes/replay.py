"""Replays: step through a saved game or a hand history, in the public view or any seat's view.

`ReplayScene` lists what can be replayed (`game.content.saves.list_game_files`): the autosave,
the saves and the hand histories in `histories_dir()` (data_dir()/histories: the headless
runner's `--histories` files, or any save or history a teacher drops there). A file that cannot
be read is listed with its problem. `ReplayViewerScene` shows the table after action k of N of
a `game.debrief.replay.Replay` (the game replayed once when the file is opened); everything it
draws comes from that replay's observations. The scenes keep only what is on screen: the step,
the viewpoint, the widgets, and the log's lines in the current language.

Controls: ← / → one action, Home / End the start / end, PgUp / PgDn a year back / on,
the slider any position; V cycles the viewpoint, 0 is the public view, 1–8 a seat (or click
a seat's plate; clicking it again goes back to the public view); Esc returns to the files.
A game that is not over (the running game's autosave, a save of a game still to be played on)
shows the public view only: no one at a shared screen can see another player's cards (DESIGN.md §1.10).
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Sequence

import pygame
from pygame_gui.elements import UIButton, UIHorizontalSlider, UILabel, UISelectionList

from game.content.files import histories_dir
from game.content.saves import (
    HISTORY, MAX_FILES, FileListing, GameFile, SaveError, SeatPlayer, list_game_files, replay_problem,
)
from game.core import Observation, Problem, Scenario
from game.core import events as ev
from game.debrief.replay import Replay, open_replay

from ..file_list import FileListScene, file_list_layout, saved_when
from ..i18n import language, t
from ..layout import ACTION_BAR_HEIGHT, TableLayout, table_layout
from ..log_lines import log_line
from ..problems import describe
from ..scene import Scene, select_only
from ..table_view import TableView, draw_tooltip
from .setup import personality_name

CONTROL = 44
EXTRA_BAR = 40  # the replay's control bar is this much taller than the table's action bar
BAR_HEIGHT = ACTION_BAR_HEIGHT + EXTRA_BAR
NUMBER_KEYS = {getattr(pygame, f"K_{digit}"): digit for digit in range(10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{digit}"): digit for digit in range(10)})


def _scenario_title(scenario: Scenario) -> str:
    return scenario.title.get(language()) or scenario.title.get("en") or scenario.id


# --------------------------------------------------------------------------- the file list

def _players_text(players: Sequence[SeatPlayer]) -> str:
    humans = [player.name for player in players if player.bot is None]
    bots = len(players) - len(humans)
    parts = humans[:3] + (["…"] if len(humans) > 3 else [])
    if bots:
        parts.append(t("replay.bots_one") if bots == 1 else t("replay.bots_many", count=bots))
    return ", ".join(parts)


def file_line(file: GameFile) -> str:
    """One row of the file list."""
    if file.kind == HISTORY:
        line = t("replay.item_history", file=file.path.name, scenario=_scenario_title(file.scenario), seats=file.seats,
                 actions=file.actions)
        return t("replay.item_finished", item=line) if file.over else line
    line = t(f"replay.item_{file.kind}", date=saved_when(file.saved_at), scenario=_scenario_title(file.scenario),
             year=file.year, players=_players_text(file.players or ()))
    return t("replay.item_finished", item=line) if file.over else line


def file_details(file: GameFile) -> str:
    """The chosen file in full (pygame_gui's HTML subset)."""
    e = html.escape
    lines = [f"<b>{e(file.path.name)}</b>", e(str(file.path.parent)), "",
             e(t(f"replay.kind_{file.kind}")),
             e(t("replay.detail_written", date=saved_when(file.saved_at)) if file.kind == HISTORY
               else t("replay.detail_when", date=saved_when(file.saved_at))),
             e(t("replay.detail_scenario", scenario=_scenario_title(file.scenario)))]
    if file.actions is not None:
        lines.append(e(t("replay.detail_actions", count=file.actions)))
    if file.year is not None:
        lines.append(e(t("replay.detail_year", year=file.year)))
    if file.kind == HISTORY:
        if file.over:
            lines.append(e(t("replay.detail_winners", names=", ".join(file.winners))))
        else:
            lines.append(e(t("replay.detail_no_result")))
        lines += ["", f"<b>{e(t('replay.detail_firms'))}</b>"]
        lines += [e(t("replay.detail_firm", number=seat, firm=firm)) for seat, firm in enumerate(file.firms, 1)]
    else:
        lines.append(e(t("replay.detail_over") if file.over else t("replay.detail_running")))
        lines += ["", f"<b>{e(t('replay.detail_players'))}</b>"]
        for seat, player in enumerate(file.players or (), start=1):
            who = t("replay.human") if player.bot is None else t("replay.bot", bot=personality_name(player.bot))
            lines.append(e(t("replay.detail_player", number=seat, name=player.name, who=who)))
    return "<br>".join(lines)


class ReplayScene(FileListScene):
    """The files that can be replayed; Open (Enter or a double click) shows the chosen one."""

    list_id = "#replay_files"
    row_id = "#file_"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.listing = self._read()  # `selected` is an index into listing.files

    def _read(self) -> FileListing:
        try:
            return list_game_files()
        except OSError as error:  # the data folder itself cannot be read or made
            self.note = t("replay.cannot_list", problem=error.strerror or str(error))
            return FileListing([], [], 0)

    def refresh(self) -> None:
        self.note = ""
        self.listing = self._read()
        self.relayout()

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        width, height = self.size
        UILabel(pygame.Rect(0, 10, width, 40), t("replay.title"), self.manager, object_id="@heading")
        files, problems = self.listing.files, self.listing.problems
        rows = [t("replay.problem", file=error.path.name, problem=describe(error)) for error in problems]
        if self.listing.not_listed:
            rows.append(t("replay.not_listed", count=self.listing.not_listed, most=MAX_FILES))
        layout = file_list_layout(self.size, 118, len(rows))
        left, content = layout.left, layout.content
        self.folders_area = pygame.Rect(left, 46, content, 40)  # drawn, not a label: a long path wraps
        self.file_list = self.build_file_list(layout, [file_line(file) for file in files],
                                              t("replay.files", count=len(files)), t("replay.details"),
                                              t("replay.none"))
        self.problems_box = self.build_problems(layout, t("replay.unreadable", count=len(problems)), rows)
        self.note_label = UILabel(pygame.Rect(0, height - 108, width, 30), self.note, self.manager,
                                  object_id="@warning")
        self.back_button = UIButton(pygame.Rect(left, height - 64, 200, CONTROL), t("replay.back"), self.manager,
                                    tool_tip_text=t("replay.tip_back"))
        self.refresh_button = UIButton(pygame.Rect(left + 212, height - 64, 200, CONTROL), t("replay.refresh"),
                                       self.manager, tool_tip_text=t("replay.tip_refresh"))
        self.open_button = UIButton(pygame.Rect(left + content - 240, height - 64, 240, CONTROL), t("replay.open"),
                                    self.manager, object_id="@primary", tool_tip_text=t("replay.tip_open"))
        if self.selected is None:
            self.open_button.disable()

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        palette = self.app.theme.palette
        text = self.app.theme.text(t("replay.folders", folder=str(histories_dir(create=False))), 14,
                                   palette.text_dim, width=self.folders_area.width)
        surface.blit(text, text.get_rect(midtop=self.folders_area.midtop))

    # ------------------------------------------------------------------ the file list

    @property
    def file_list_widget(self) -> UISelectionList:
        return self.file_list

    def details_of(self, index: int) -> str:
        return file_details(self.listing.files[index])

    def on_file_chosen(self, index: int | None) -> None:
        if index is None:
            self.open_button.disable()
        else:
            self.open_button.enable()

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        if button is self.open_button:
            self.open_selected()
        elif button is self.refresh_button:
            self.refresh()
        elif button is self.back_button:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        super().on_key(event)
        if event.key == pygame.K_F5:
            self.refresh()

    def open_selected(self) -> None:
        if self.selected is None:
            return
        file = self.listing.files[self.selected]
        try:
            replay = open_replay(file.path)
        except SaveError as error:
            self._refuse(file, error.reason or error.problem)
            return
        except Exception as error:  # never a crash: a bug in replaying still becomes a message
            self._refuse(file, replay_problem(error))
            return
        self.app.log("replay_opened", path=str(file.path), actions=replay.length)
        self.app.push(ReplayViewerScene(self.app, replay))

    def _refuse(self, file: GameFile, problem: str | Problem) -> None:
        """The file cannot be replayed after all: say why, and list it with the other problems."""
        self.app.log("replay_refused", path=str(file.path), problem=str(problem))
        files = [other for other in self.listing.files if other is not file]
        self.listing = FileListing(files, [*self.listing.problems, SaveError(file.path, problem)],
                                   self.listing.not_listed)
        self.selected = None
        self.note = t("replay.cannot_open", file=file.path.name)  # the problem itself: in the list below
        self.relayout()


# --------------------------------------------------------------------------- the viewer

def replay_layout(size: tuple[int, int], seats: int) -> TableLayout:
    """The table's layout with a taller control bar and the side panel at full height."""
    width, height = size
    base = table_layout((width, height - EXTRA_BAR), seats)
    return dataclasses.replace(base, side=pygame.Rect(base.side.x, 0, base.side.width, height),
                               actions=pygame.Rect(0, height - BAR_HEIGHT, base.side.x, BAR_HEIGHT))


def draw_eye(surface: pygame.Surface, centre: tuple[int, int], colour, pupil) -> None:
    """The viewpoint mark: an eye, drawn with primitives (no icon font needed)."""
    x, y = centre
    pygame.draw.ellipse(surface, colour, (x - 10, y - 6, 20, 12))
    pygame.draw.circle(surface, pupil, (x, y), 4)
    pygame.draw.circle(surface, colour, (x, y), 1)


class ReplayViewerScene(Scene):
    """The table of a replayed game after action k of N, seen by the public or by one seat."""

    def __init__(self, app, replay: Replay) -> None:
        super().__init__(app)
        self.replay = replay
        self.step = 0
        self.viewer: int | None = None
        self.seat_views = replay.state(replay.length).is_over  # private cards only once the game is over
        self.view = TableView(app.theme)
        self.buttons: dict[str, UIButton] = {}
        self.view_buttons: dict[int | None, UIButton] = {}
        self.slider: UIHorizontalSlider | None = None
        self.sentence_x = 0
        self._lines: dict[str, tuple[list[str], list[int]]] = {}  # per language: every line, end of each step

    # ------------------------------------------------------------------ the log

    def _all_lines(self) -> tuple[list[str], list[int]]:
        lang = language()
        cached = self._lines.get(lang)
        if cached is None:
            replay = self.replay
            names = replay.log_names()
            scenario = replay.scenario
            first = replay.observation(0, None)
            lines = [t("log.game_started", scenario=scenario.title.get(lang) or scenario.title.get("en", scenario.id))]
            lines.append(log_line(ev.YearStarted(first.year, first.button), scenario, names))
            ends = [len(lines)]
            for step in range(1, replay.length + 1):
                for event in replay.events(step):
                    line = log_line(event, scenario, names)
                    if line:
                        lines.append(line)
                ends.append(len(lines))
            cached = self._lines[lang] = (lines, ends)
        return cached

    def log_until(self, step: int) -> list[str]:
        """The log as it read after `step`."""
        lines, ends = self._all_lines()
        return lines[:ends[step]]

    def lines_of(self, step: int) -> list[str]:
        """The log lines of `step` alone."""
        lines, ends = self._all_lines()
        return lines[ends[step - 1] if step else 0:ends[step]]

    # ------------------------------------------------------------------ what is shown

    def observation(self) -> Observation:
        return self.replay.observation(self.step, self.viewer)

    def cards_face_up(self) -> dict[int, tuple[str, ...]]:
        return self.replay.cards_shown(self.step, self.viewer)

    def seat_labels(self) -> list[str]:
        """The second line of each seat's plate: its number (the viewpoint keys) and its player."""
        players = self.replay.players
        labels = []
        for seat in range(self.replay.seats):
            if players is None:
                labels.append(t("replay.seat", number=seat + 1))
            else:
                player = players[seat]
                name = t("table.bot_label", name=player.name, bot=player.bot) if player.bot else player.name
                labels.append(t("replay.seat_player", number=seat + 1, name=name))
        return labels

    def viewpoint_text(self) -> str:
        if not self.seat_views:
            return t("replay.public_only")
        if self.viewer is None:
            return t("replay.view_public")
        firm = self.replay.firm_names()[self.viewer]
        players = self.replay.players
        if players is None:
            return t("replay.view_seat", number=self.viewer + 1, firm=firm)
        return t("replay.view_seat_player", number=self.viewer + 1, firm=firm, name=players[self.viewer].name)

    def step_text(self) -> str:
        """Where the replay stands: which action of how many, when, and who did what."""
        if self.step == 0:
            return t("replay.at_start", total=self.replay.length)
        before = self.replay.observation(self.step - 1, None)
        if before.phase == "ante":
            when = t("replay.when_ante", year=before.year)
        else:
            when = t("replay.when_quarter", year=before.year, quarter=before.quarter)
        acted = next((event for event in self.replay.events(self.step) if isinstance(event, ev.Acted)), None)
        line = log_line(acted, self.replay.scenario, self.replay.log_names()) if acted else None
        if line is None:  # raise_funds: its FundsRaised line tells it
            line = next(iter(self.lines_of(self.step)), str(self.replay.history.actions[self.step - 1]))
        return t("replay.at_step", step=self.step, total=self.replay.length, when=when, action=line)

    # ------------------------------------------------------------------ moving

    def go(self, step: int) -> None:
        step = max(0, min(self.replay.length, int(step)))
        if step == self.step:
            return
        self.step = step
        if self.slider is not None and int(self.slider.get_current_value()) != step:
            self.slider.set_current_value(step, warn=False)
        self._update_buttons()
        self.dirty = True

    def set_viewer(self, viewer: int | None) -> None:
        if viewer is not None and not (self.seat_views and 0 <= viewer < self.replay.seats):
            return
        self.viewer = viewer
        select_only(self.view_buttons, viewer)
        self.app.log("replay_viewer", viewer=viewer)
        self.dirty = True

    def next_viewer(self) -> None:
        order = [None, *range(self.replay.seats)]
        self.set_viewer(order[(order.index(self.viewer) + 1) % len(order)])

    # ------------------------------------------------------------------ layout

    def build(self) -> None:
        self.layout = replay_layout(self.size, self.replay.seats)
        area = self.layout.actions
        self.buttons = {}
        x = area.x + 10
        font = self.app.theme.font(15, bold=True)  # the widest a button's label gets (the primary one is bold)
        names = ("start", "previous", "next", "end", "year_back", "year_forward")
        files_width = max(90, font.size(t("replay.to_files"))[0] + 22)
        room = area.width - 20 - files_width - 6 - 10 - 6 * len(names)
        least, padding = 70, 22
        if sum(max(least, font.size(t(f"replay.{name}"))[0] + padding) for name in names) > room:
            least, padding = 0, 12  # a narrow window (or long German labels): tighter buttons rather than overlap
        for name in names:
            label = t(f"replay.{name}")
            width = max(least, font.size(label)[0] + padding)
            self.buttons[name] = UIButton(pygame.Rect(x, area.y + 8, width, 34), label, self.manager,
                                          tool_tip_text=t(f"replay.tip_{name}"),
                                          object_id="@primary" if name == "next" else None)
            x += width + 6
            if name == "end":
                x += 10
        self.buttons["files"] = UIButton(pygame.Rect(area.right - 10 - files_width, area.y + 8, files_width, 34),
                                         t("replay.to_files"),
                                         self.manager, tool_tip_text=t("replay.tip_to_files"))
        length = self.replay.length
        self.slider = UIHorizontalSlider(pygame.Rect(area.x + 10, area.y + 50, area.width - 20, 26), self.step,
                                         (0, max(1, length)), self.manager)
        if length == 0:
            self.slider.disable()
        y = area.y + 122
        label = UILabel(pygame.Rect(area.x + 10, y, -1, 34), t("replay.viewpoint"), self.manager, object_id="@dim")
        x = area.x + 18 + label.rect.width
        self.view_buttons = {}
        public = UIButton(pygame.Rect(x, y, 100, 34), t("replay.public"), self.manager,
                          tool_tip_text=t("replay.tip_public"))
        self.view_buttons[None] = public
        x += 106
        size = 36 if self.replay.seats <= 6 or area.width >= 760 else 30
        for seat, firm in enumerate(self.replay.firm_names()):
            tip = t("replay.tip_seat", number=seat + 1, firm=firm) if self.seat_views else t("replay.tip_public_only")
            self.view_buttons[seat] = UIButton(pygame.Rect(x, y, size, 34), str(seat + 1), self.manager,
                                               tool_tip_text=tip)
            if not self.seat_views:
                self.view_buttons[seat].disable()
            x += size + 4
        self.sentence_x = x + 10
        self.set_viewer(self.viewer)
        self._update_buttons()

    def _update_buttons(self) -> None:
        at_start, at_end = self.step == 0, self.step >= self.replay.length
        for name, disabled in (("start", at_start), ("previous", at_start), ("year_back", at_start),
                               ("next", at_end), ("end", at_end), ("year_forward", at_end)):
            button = self.buttons.get(name)
            if button is not None:
                if disabled and button.is_enabled:
                    button.disable()
                elif not disabled and not button.is_enabled:
                    button.enable()

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        name = next((name for name, widget in self.buttons.items() if widget is button), None)
        if name is not None:
            self.command(name)
            return
        for seat, widget in self.view_buttons.items():
            if widget is button:
                self.set_viewer(seat)
                return

    def command(self, name: str) -> None:
        replay, step = self.replay, self.step
        if name == "start":
            self.go(0)
        elif name == "previous":
            self.go(step - 1)
        elif name == "next":
            self.go(step + 1)
        elif name == "end":
            self.go(replay.length)
        elif name == "year_back":
            self.go(replay.previous_year(step))
        elif name == "year_forward":
            self.go(replay.next_year(step))
        elif name == "files":
            self.app.pop()

    KEYS = {pygame.K_LEFT: "previous", pygame.K_RIGHT: "next", pygame.K_HOME: "start", pygame.K_END: "end",
            pygame.K_PAGEUP: "year_back", pygame.K_PAGEDOWN: "year_forward"}

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key in self.KEYS:
            self.command(self.KEYS[event.key])
        elif event.key == pygame.K_v:
            self.next_viewer()
        elif event.key in NUMBER_KEYS:
            digit = NUMBER_KEYS[event.key]
            self.set_viewer(None if digit == 0 else digit - 1)

    def on_slider(self, slider, value) -> None:
        if slider is self.slider:
            self.go(round(value))

    def on_click(self, pos: tuple[int, int], button: int) -> None:
        """A click on a seat's plate shows that seat's view; on the plate already viewed, the public one."""
        if button != 1:
            return
        for seat, plate in enumerate(self.layout.seats):
            if plate.collidepoint(pos):
                self.set_viewer(None if self.viewer == seat else seat)
                return

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        replay = self.replay
        observation = self.observation()
        public = replay.observation(self.step, None)
        view = self.view
        view.theme = self.app.theme
        # the log marks the lines of the step shown; the private cards carry the name of their firm
        caption = None
        if self.viewer is not None:
            caption = t("replay.seat_cards", firm=replay.firm_names()[self.viewer]).upper()
        view.draw(surface, observation, self.layout, names=self.seat_labels(), shown_cards=self.cards_face_up(),
                  log_lines=self.log_until(self.step)[-120:], highlight_seat=None if public.is_over else public.to_act,
                  log_caption=t("replay.log"), marked_lines=len(self.lines_of(self.step)), cards_caption=caption)
        self._draw_year_end(surface)
        self._draw_viewpoint(surface)
        self._draw_bar(surface)
        self.manager.draw_ui(surface)
        self._draw_tooltip(surface)
        self.dirty = False

    def _draw_viewpoint(self, surface: pygame.Surface) -> None:
        """Whose view this is, where nobody can miss it: a badge in the table's corner (small enough
        to clear every seat plate), a frame and an eye on the seat, and a sentence by the buttons."""
        palette = self.app.theme.palette
        theme = self.app.theme
        seat_view = self.viewer is not None
        ink = palette.background if seat_view else palette.text
        fill = palette.text if seat_view else palette.panel
        label = t("replay.badge_seat", number=self.viewer + 1) if seat_view else t("replay.badge_public")
        text = theme.fitted(label, 15, ink, 120, bold=True)
        badge = pygame.Rect(10, 8, text.get_width() + 44, 28)
        pygame.draw.rect(surface, fill, badge, border_radius=14)
        pygame.draw.rect(surface, palette.panel_edge, badge, 1, border_radius=14)
        draw_eye(surface, (badge.x + 19, badge.centery), ink, fill)
        surface.blit(text, (badge.x + 34, badge.centery - text.get_height() // 2))
        self.view.hover.add(badge, t("replay.tip_viewpoint"))
        if seat_view:
            plate = self.layout.seats[self.viewer].inflate(10, 10)
            pygame.draw.rect(surface, palette.text, plate, 3, border_radius=11)
            tag = pygame.Rect(0, 0, 30, 20)
            tag.center = (plate.x + 4, plate.bottom - 4)
            pygame.draw.ellipse(surface, palette.text, tag)
            draw_eye(surface, tag.center, palette.background, palette.text)
            self.view.hover.add(tag, t("replay.tip_viewpoint"))
        area = self.layout.actions
        room = max(0, area.right - 10 - self.sentence_x)
        text, ink = self.viewpoint_text(), palette.text if seat_view else palette.text_dim
        size = next((size for size in (13, 12) if theme.font(size).size(text)[0] <= room), None)
        sentence = theme.text(text, size, ink) if size else theme.text(text, 12, ink, width=room)  # else two lines
        surface.blit(sentence, (self.sentence_x, area.y + 139 - sentence.get_height() // 2))

    def _draw_year_end(self, surface: pygame.Surface) -> None:
        """After the action that ended a year the table shows the next one: say how the year ended."""
        events = self.replay.events(self.step)
        ended = next((event for event in events if isinstance(event, ev.YearEnded)), None)
        if ended is None:
            return
        palette = self.app.theme.palette
        theme = self.app.theme
        names = self.replay.log_names()
        lines = [log_line(event, self.replay.scenario, names) for event in events
                 if isinstance(event, (ev.PotAwarded, ev.GameOver))]
        felt = self.layout.felt
        width = int(felt.width * 0.62)
        title = theme.text(t("replay.year_over", year=ended.year), 15, palette.highlight, bold=True)
        rows = [theme.fitted(line, 13, palette.text, width - 20) for line in lines if line]
        box = pygame.Rect(0, 0, width, 14 + title.get_height() + sum(row.get_height() + 2 for row in rows))
        box.midtop = (felt.centerx, felt.centery + 48)
        shade = pygame.Surface(box.size, pygame.SRCALPHA)
        shade.fill((*palette.panel[:3], 215))
        surface.blit(shade, box)
        pygame.draw.rect(surface, palette.panel_edge, box, 1, border_radius=6)
        y = box.y + 6
        surface.blit(title, title.get_rect(midtop=(box.centerx, y)))
        y += title.get_height() + 2
        for row in rows:
            surface.blit(row, row.get_rect(midtop=(box.centerx, y)))
            y += row.get_height() + 2

    def _draw_bar(self, surface: pygame.Surface) -> None:
        palette = self.app.theme.palette
        theme = self.app.theme
        area = self.layout.actions
        pygame.draw.line(surface, palette.panel_edge, (area.x, area.y), (area.right, area.y))
        line = theme.fitted(self.step_text(), 15, palette.text, area.width - 20, bold=True)
        surface.blit(line, (area.x + 10, area.y + 84))
        extra = len(self.lines_of(self.step)) - 1
        if not self.replay.result_matches and self.step in (0, self.replay.length):
            warning = theme.fitted(t("replay.result_differs"), 13, palette.warning, area.width - 20)
            surface.blit(warning, (area.x + 10, area.y + 103))
        elif self.step and extra > 0:
            more = theme.fitted(t("replay.more_lines", count=extra), 13, palette.text_dim, area.width - 20)
            surface.blit(more, (area.x + 10, area.y + 103))

    def _draw_tooltip(self, surface: pygame.Surface) -> None:
        if not self.mouse_resting() or self.manager.get_hovering_any_element():
            return
        text = self.view.hover.at(self.mouse_pos)
        if text:
            draw_tooltip(surface, self.app.theme, self.mouse_pos, text)
