"""Host tables from this computer (issue 12, DESIGN.md §7): the setup, then the projector view and the
teacher's panel.

The setup makes a `Host` with one table per choice of "tables" and serves it on a thread of its own
(`run_in_thread`). The window then talks to its own server like any device (network_next.md): a
watcher connection draws the projected table's public view with the table drawing code (no private
view is ever on the projector), and a host-role connection (the host's token) gets the lobby and sends
the teacher's controls. The projector shows the address to join in large type, the join code and a
QR code of the address (segno's matrix drawn as squares: no Pillow). Leaving stops the server.
"""

from __future__ import annotations

import errno
import os
import time
from collections import deque
from dataclasses import dataclass, field

import pygame
import segno
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextEntryLine

from game.content import list_scenarios, load_scenario
from game.core import Observation, ScenarioError
from game.core import events as ev
from game.core.scenario import MAX_SEATS, MIN_SEATS
from game.net.client import DEFAULT_PORT, Debrief, Lobby, NetClient, Refused, Snapshot, Welcome
from game.net.server import OPEN, Host, RunningHost, new_table, run_in_thread

from ..i18n import language, t
from ..layout import table_layout
from ..log_lines import log_line
from ..problems import describe
from ..scene import Scene
from ..table_view import TableView
from .remote_seat import seat_players, steps_between, wake_the_loop
from .setup import bot_personalities, personality_name

MAX_TABLES = 6
TIMERS = (None, 30, 60, 120)  # the turn timer's choices in seconds; None: off
ON_TIMEOUT = ("passive", "bot")  # when the time runs out: check or fold (the server's passive action), or a bot
LISTEN = {"127.0.0.1": "host.listen_127_0_0_1", "0.0.0.0": "host.listen_0_0_0_0"}  # this computer, or every network
STATES = {"waiting": "host.state_waiting", "playing": "host.state_playing", "paused": "host.state_paused",
          "over": "host.state_over"}
CONTROL = 36
QUIET_ZONE = 4  # modules of white around a QR code, as the standard asks
TABLE_HEIGHT = 800  # pixels the projected table is laid out in, then scaled to the projector: room for its pot
PANEL_BUTTON = 128  # pixels from one of a table's buttons in the teacher panel to the next


@dataclass
class HostChoices:
    """What the setup screen has chosen; `build` lays the screen out from it again at any time."""

    scenario_id: str = "classic"
    seats: list[str] = field(default_factory=lambda: [OPEN, OPEN, OPEN, "steady"])
    tables: int = 1
    timer: int | None = None
    on_timeout: str = "passive"
    bind: str = "0.0.0.0"
    port: int = DEFAULT_PORT


def qr_surface(text: str, side: int) -> tuple[pygame.Surface, tuple[tuple[int, ...], ...]]:
    """A QR code of `text` about `side` pixels square (whole pixels per module, so it scans crisply), and
    its matrix (rows of 0/1, the quiet zone not included)."""
    matrix = tuple(tuple(row) for row in segno.make(text).matrix)
    modules = len(matrix) + 2 * QUIET_ZONE
    module = max(1, side // modules)
    image = pygame.Surface((modules * module, modules * module))
    image.fill((255, 255, 255))
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.fill((0, 0, 0), ((x + QUIET_ZONE) * module, (y + QUIET_ZONE) * module, module, module))
    return image, matrix


def timer_text(seconds: int | None) -> str:
    return t("host.timer_off") if seconds is None else t("host.timer_seconds", seconds=seconds)


def state_text(state: str) -> str:
    return t(STATES[state]) if state in STATES else state


# --------------------------------------------------------------------------- the setup

class HostSetupScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.choices = HostChoices()
        self.note = t("host.setup_hint")
        self.note_is_problem = False

    def _scenarios(self) -> list[tuple[str, str]]:
        options = []
        for scenario_id in list_scenarios():
            try:
                title = load_scenario(scenario_id).title
            except ScenarioError:
                continue  # a broken scenario file cannot be chosen
            options.append((title.get(language()) or title.get("en") or scenario_id, scenario_id))
        return options

    def _most_seats(self) -> int:
        return min(MAX_SEATS, len(load_scenario(self.choices.scenario_id).profiles))

    def build(self) -> None:
        width, height = self.size
        choices = self.choices
        UILabel(pygame.Rect(0, 16, width, 44), t("host.setup_title"), self.manager, object_id="@heading")
        left_x, column = 40, (width - 120) // 2
        right_x = left_x + column + 40
        self.menus: dict[str, UIDropDownMenu] = {}

        def menu(name: str, x: int, y: int, options: list[tuple[str, str]], value: str, w: int = column) -> int:
            UILabel(pygame.Rect(x, y, column, 24), t(f"host.{name}"), self.manager, object_id="@dim")
            chosen = next((option for option in options if option[1] == value), options[0])
            self.menus[name] = UIDropDownMenu(options, chosen, pygame.Rect(x, y + 26, w, CONTROL), self.manager)
            return y + 26 + CONTROL + 12

        y = menu("scenario", left_x, 72, self._scenarios(), choices.scenario_id)
        seat_counts = [(str(count), str(count)) for count in range(MIN_SEATS, self._most_seats() + 1)]
        y = menu("seat_count", left_x, y, seat_counts, str(len(choices.seats)), column // 2)
        kinds = [(t("host.seat_open"), OPEN)] + [(personality_name(bot), bot) for bot in bot_personalities()]
        pitch = max(CONTROL + 4, min(CONTROL + 10, (height - y - 150) // max(1, len(choices.seats))))
        for seat, kind in enumerate(choices.seats):
            UILabel(pygame.Rect(left_x, y + seat * pitch, 110, CONTROL), t("host.seat", number=seat + 1), self.manager,
                    object_id="@dim")
            chosen = next(option for option in kinds if option[1] == kind)
            self.menus[f"seat_{seat}"] = UIDropDownMenu(kinds, chosen, pygame.Rect(left_x + 116, y + seat * pitch,
                                                                                   column - 116, CONTROL), self.manager)
        y = 72
        y = menu("tables", right_x, y, [(str(count), str(count)) for count in range(1, MAX_TABLES + 1)],
                 str(choices.tables), column // 2)
        y = menu("timer", right_x, y, [(timer_text(seconds), str(seconds)) for seconds in TIMERS], str(choices.timer))
        y = menu("on_timeout", right_x, y, [(t(f"host.on_timeout_{way}"), way) for way in ON_TIMEOUT],
                 choices.on_timeout)
        y = menu("listen", right_x, y, [(t(key), bind) for bind, key in LISTEN.items()],
                 choices.bind)
        UILabel(pygame.Rect(right_x, y, column, 24), t("host.port"), self.manager, object_id="@dim")
        self.port_entry = UITextEntryLine(pygame.Rect(right_x, y + 26, 140, CONTROL), self.manager,
                                          initial_text=str(choices.port))
        self.port_entry.set_allowed_characters("numbers")
        self.port_entry.length_limit = 5
        self.port_entry.set_tooltip(t("host.tip_port"))
        button_y = height - 118
        self.note_label = UILabel(pygame.Rect(0, button_y - 40, width, 30), self.note, self.manager,
                                  object_id="@warning" if self.note_is_problem else "@dim")
        self.buttons = {
            "start": UIButton(pygame.Rect(width // 2 - 250, button_y, 240, 46), t("host.start_hosting"), self.manager,
                              object_id="@primary"),
            "back": UIButton(pygame.Rect(width // 2 + 10, button_y, 240, 46), t("join.back"), self.manager),
        }

    def _say(self, note: str, problem: bool) -> None:
        self.note, self.note_is_problem = note, problem
        self.relayout()

    def on_choice(self, menu, text: str) -> None:
        name = next(name for name, widget in self.menus.items() if widget is menu)
        value = menu.selected_option[1]
        choices = self.choices
        if name == "scenario":
            choices.scenario_id = value
            choices.seats = choices.seats[:self._most_seats()]
            self.relayout()  # the seats the scenario has
        elif name == "seat_count":
            count = int(value)
            choices.seats = (choices.seats + [OPEN] * count)[:count]
            self.relayout()
        elif name.startswith("seat_"):
            choices.seats[int(name.removeprefix("seat_"))] = value
        elif name == "tables":
            choices.tables = int(value)
        elif name == "timer":
            choices.timer = None if value == "None" else int(value)
        elif name == "on_timeout":
            choices.on_timeout = value
        elif name == "listen":
            choices.bind = value

    def on_button(self, button) -> None:
        if button is self.buttons["start"]:
            self.start_hosting()
        elif button is self.buttons["back"]:
            self.app.pop()

    def start_hosting(self) -> None:
        """Serve the tables; a port that is taken (or cannot be had) is said on this screen."""
        choices = self.choices
        typed = self.port_entry.get_text().strip()
        if not typed.isdigit() or not 1 <= int(typed) <= 65535:
            self._say(t("host.bad_port"), True)
            return
        choices.port = int(typed)
        scenario = load_scenario(choices.scenario_id)
        host = Host()
        for _ in range(choices.tables):
            host.add(new_table(scenario, choices.seats, int.from_bytes(os.urandom(4), "big"), timer=choices.timer,
                               on_timeout=choices.on_timeout))
        try:
            running = run_in_thread(host, choices.bind, choices.port)
        except OSError as error:
            host.close()
            self.app.log("host_refused", port=choices.port, problem=str(error))
            if error.errno == errno.EADDRINUSE:
                self._say(t("host.port_taken", port=choices.port), True)
            else:
                self._say(t("host.cannot_listen", port=choices.port, why=error.strerror or str(error)), True)
            return
        self.app.log("hosting", port=running.port, urls=running.urls, tables=list(host.tables))
        self.app.replace(ProjectorScene(self.app, running))


# --------------------------------------------------------------------------- the projector

class ProjectedTable:
    """The watcher connection of the table on the projector, and what it has shown."""

    def __init__(self, url: str, code: str) -> None:
        self.code = code
        self.client = NetClient(url, {"code": code, "watch": True}, wake=wake_the_loop).start()
        self.scenario = None
        self.snapshot: Snapshot | None = None
        self.debrief: Debrief | None = None
        self.log: deque[str] = deque(maxlen=200)
        self.year_events: list = []  # this year's events, rebuilt from the views
        self.ended: list[tuple[Observation, list]] = []  # years ended, not yet shown: the view before, their events

    def take(self) -> bool:
        """Take what arrived; True if anything did."""
        arrived = self.client.drain()
        for message in arrived:
            if isinstance(message, Welcome):
                self.scenario = message.scenario
            elif isinstance(message, Snapshot) and self.scenario is not None:
                if self.snapshot is not None and message.version > self.snapshot.version:
                    self._log(self.snapshot, message)
                self.snapshot = message
            elif isinstance(message, Debrief):
                self.debrief = message
        return bool(arrived)

    def _log(self, before: Snapshot, after: Snapshot) -> None:
        names = [player.name for player in seat_players(after)]
        bots = () if after.table is None else after.table.bots
        for step in steps_between(before.observation, after.observation, after.version, bots):
            for event in step.events:
                line = log_line(event, self.scenario, names)
                if line:
                    self.log.append(line)
                self.year_events.append(event)
        ended = next((event for event in self.year_events if isinstance(event, ev.YearEnded)), None)
        if ended is not None:
            self.ended.append((before.observation, self.year_events))
            self.year_events = self.year_events[self.year_events.index(ended) + 1:]  # the next year's opening

    def close(self) -> None:
        self.client.close(timeout=0)


class ProjectorScene(Scene):
    """The projected table, the address, join code and QR code; T opens the teacher's panel."""

    def __init__(self, app, running: RunningHost) -> None:
        super().__init__(app)
        self.running = running
        self.host = running.host
        self.codes = list(self.host.tables)
        self.url = running.urls[0]  # the address devices open (this computer's on the network)
        self.socket_url = f"ws://127.0.0.1:{running.port}/ws"  # this window's own connections stay on this computer
        self.teacher = NetClient(self.socket_url, {"host": self.host.token}, wake=wake_the_loop).start()
        self.lobby: Lobby | None = None
        self.refusal = ""  # the last control the server refused, said in the teacher panel
        self.table = ProjectedTable(self.socket_url, self.codes[0])
        self.view = TableView(app.theme)
        self.debriefs_shown: set[str] = set()
        self.qr_image: pygame.Surface | None = None
        self.qr_matrix: tuple[tuple[int, ...], ...] = ()
        self._qr_made_for: tuple[str, int] | None = None  # the text and size the QR image was made for

    @property
    def code(self) -> str:
        return self.table.code

    @property
    def qr_url(self) -> str:
        """What the QR code holds: the address with the join code for the browser client's form."""
        return f"{self.url}#join={self.code}"

    def project(self, code: str) -> None:
        """Show another table."""
        if code == self.code:
            return
        self.table.close()
        self.table = ProjectedTable(self.socket_url, code)
        self.app.log("projected", code=code)
        self.dirty = True

    def build(self) -> None:
        width, height = self.size
        self.scale = max(1.0, height / 720)
        self.column = pygame.Rect(width - max(380, int(width * 0.3)), 0, max(380, int(width * 0.3)), height)
        self.banner = pygame.Rect(0, 0, self.column.x, int(44 * self.scale))
        self.table_area = pygame.Rect(0, self.banner.bottom, self.column.x, height - self.banner.bottom)
        small = int(34 * self.scale)
        self.panel_button = UIButton(pygame.Rect(self.column.x + 16, height - small - 12, self.column.width // 2 - 20,
                                                 small), t("host.open_panel"), self.manager)
        self.stop_button = UIButton(pygame.Rect(self.column.centerx + 4, height - small - 12,
                                                self.column.width // 2 - 20, small), t("host.stop"), self.manager)

    def update(self, dt: float) -> None:
        if self.table.take():
            self.dirty = True
        if self.table.ended:  # each year's end before the next one, and before the debrief
            self.show_year_end(*self.table.ended.pop(0))
        elif self.table.debrief is not None and self.code not in self.debriefs_shown:
            self.debriefs_shown.add(self.code)
            self.show_debrief()
        for message in self.teacher.drain():
            if isinstance(message, Lobby):
                self.lobby = message
                self.dirty = True
            elif isinstance(message, Refused):  # a control the server could not do, said in the panel
                self.refusal = describe(message.reason)
        super().update(dt)

    def busy(self) -> bool:
        table = self.table.snapshot.table if self.table.snapshot is not None else None
        return table is not None and table.turn_left is not None and table.state == "playing"  # the countdown runs

    def show_year_end(self, before: Observation, year_events: list) -> None:
        """The showdown (if there was one) and the year in numbers, as a local game shows them between
        years: the teacher continues when the class has seen them (the game goes on meanwhile)."""
        from .showdown import ShowdownScene
        from .year_summary import YearSummaryScene
        players = seat_players(self.table.snapshot)
        labels = [f"{player.name} · {firm.name}" for player, firm in zip(players, before.firms, strict=True)]
        ended = next(event for event in year_events if isinstance(event, ev.YearEnded))
        self.app.log("year_shown", year=ended.year, showdown=ended.showdown)
        self.app.push(YearSummaryScene(self.app, before.scenario, labels, ended.year, year_events))
        shown = [event for event in year_events if isinstance(event, ev.CardsShown)]
        if shown:  # over the summary: seen first
            # the view before the showdown: its tally steps read each firm's facts there, as at a local table
            self.app.push(ShowdownScene(self.app, before.scenario, labels, shown, year_events, table=before))

    def show_debrief(self) -> None:
        from .net_over import NetGameOverScene
        public = self.table.snapshot.observation
        self.app.push(NetGameOverScene(self.app, public, self.table.debrief.document, self.app.pop,
                                       "net_over.to_projector"))

    def on_button(self, button) -> None:
        if button is self.panel_button:
            self.app.push(TeacherPanelScene(self.app, self))
        elif button is self.stop_button:
            self.on_escape()

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_t:
            self.app.push(TeacherPanelScene(self.app, self))

    def on_escape(self) -> None:
        self.app.push(StopHostingScene(self.app, self))

    def stop(self) -> None:
        """Close this window's connections and the server (every device's connection closes as going away)."""
        self.table.close()
        self.teacher.close(timeout=0)
        self.running.stop()
        self.app.log("hosting_stopped")

    def request_quit(self) -> None:
        self.stop()
        self.app.quit()

    # ------------------------------------------------------------------ what is shown

    def banner_text(self) -> str:
        """Who is thinking (and for how long still), or why nobody is."""
        snapshot = self.table.snapshot
        if snapshot is None:
            return t("host.connecting")
        table = snapshot.table
        state = table.state if table is not None else "playing"
        if state == "waiting":
            taken = sum(team is not None for team in snapshot.teams)
            return t("host.banner_waiting", taken=taken, seats=len(snapshot.teams))
        if state == "paused":
            return t("host.banner_paused")
        if state == "over" or snapshot.observation.is_over:
            return t("host.banner_over")
        seat = snapshot.observation.to_act
        name = seat_players(snapshot)[seat].name
        if table is not None and table.turn_left is not None:
            left = max(0, int(table.turn_left - (time.monotonic() - snapshot.received) + 0.999))
            return t("host.banner_thinking_timed", name=name, seconds=left)
        return t("host.banner_thinking", name=name)

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.theme.palette
        surface.fill(palette.background)
        self._draw_table(surface)
        pygame.draw.rect(surface, palette.panel, self.banner)
        text, room = self.banner_text(), self.banner.width - 20
        size = int(22 * self.scale)
        while size > 12 and self.app.theme.font(size, True).size(text)[0] > room:
            size -= 1
        banner = self.app.theme.fitted(text, size, palette.highlight, room, bold=True)
        surface.blit(banner, banner.get_rect(center=self.banner.center))
        self._draw_join(surface)
        self.manager.draw_ui(surface)
        self.dirty = False

    def _draw_table(self, surface: pygame.Surface) -> None:
        """The public view, laid out at a size the table code is made for and scaled to the projector."""
        snapshot = self.table.snapshot
        if snapshot is None:
            return
        area = self.table_area
        zoom = area.height / TABLE_HEIGHT
        logical = (int(area.width / zoom), TABLE_HEIGHT)
        canvas = pygame.Surface(logical)
        view = snapshot.observation
        players = seat_players(snapshot)
        names = [player.name if not player.bot else t("table.bot_label", name=player.name,
                                                         bot=personality_name(player.bot)) for player in players]
        shown = {record.seat: record.cards for record in view.showdowns if record.year == view.year}
        self.view.theme = self.app.theme
        self.view.draw(canvas, view, table_layout(logical, len(players)), names=names, shown_cards=shown,
                       log_lines=list(self.table.log), highlight_seat=view.to_act if self._playing() else None,
                       log_caption=t("host.log_caption"))
        if canvas.get_size() != area.size:
            canvas = pygame.transform.smoothscale(canvas, area.size)
        surface.blit(canvas, area)

    def _playing(self) -> bool:
        snapshot = self.table.snapshot
        state = "playing" if snapshot.table is None else snapshot.table.state
        return state == "playing" and not snapshot.observation.is_over

    def _draw_join(self, surface: pygame.Surface) -> None:
        theme, palette = self.app.theme, self.app.theme.palette
        column, scale = self.column, self.scale
        pygame.draw.rect(surface, palette.panel, column)
        inner = column.width - 32
        x, y = column.x + 16, 14
        for label, value, size in ((t("host.join_at"), self.url.removeprefix("http://").rstrip("/"), 40),
                                   (t("host.join_code"), self.code, 64)):
            caption = theme.text(label, int(16 * scale), palette.text_dim, bold=True)
            surface.blit(caption, (x, y))
            y += caption.get_height() + 2
            size = int(size * scale)
            while size > 14 and theme.font(size, True).size(value)[0] > inner:
                size -= 2
            text = theme.text(value, size, palette.highlight, bold=True)
            surface.blit(text, (x, y))
            y += text.get_height() + int(10 * scale)
        bottom = self.panel_button.rect.top - 10
        others = [code for code in self.codes if code != self.code]
        if others:
            line = theme.fitted(t("host.other_tables", codes=", ".join(others)), int(14 * scale), palette.text_dim,
                                inner)
            bottom -= line.get_height() + 6
            surface.blit(line, (x, bottom + 3))
        side = min(inner, bottom - y)
        if self._qr_made_for != (self.qr_url, side):
            self.qr_image, self.qr_matrix = qr_surface(self.qr_url, side)
            self._qr_made_for = (self.qr_url, side)
        surface.blit(self.qr_image, self.qr_image.get_rect(midtop=(column.centerx, y)))


class StopHostingScene(Scene):
    """Escape on the projector: stop hosting (every device is disconnected) or go on."""

    overlay = True

    def __init__(self, app, projector: ProjectorScene) -> None:
        super().__init__(app)
        self.projector = projector

    def build(self) -> None:
        width, height = self.size
        panel = min(width - 32, 760)
        self.dialog = pygame.Rect((width - panel) // 2, height // 2 - 126, panel, 240)
        UILabel(pygame.Rect(self.dialog.x, height // 2 - 110, panel, 40), t("host.stop_title"), self.manager,
                object_id="@heading")
        UILabel(pygame.Rect(self.dialog.x + 10, height // 2 - 66, panel - 20, 30), t("host.stop_explain"),
                self.manager, object_id="@dim")
        self.buttons = {
            "stay": UIButton(pygame.Rect(width // 2 - 170, height // 2 - 10, 340, 44), t("host.keep_hosting"),
                             self.manager, object_id="@primary"),
            "stop": UIButton(pygame.Rect(width // 2 - 170, height // 2 + 44, 340, 44), t("host.stop"), self.manager),
        }

    def on_button(self, button) -> None:
        if button is self.buttons["stay"]:
            self.app.pop()
        elif button is self.buttons["stop"]:
            from .title import TitleScene
            self.projector.stop()
            self.app.reset_to(TitleScene(self.app))

    def request_quit(self) -> None:
        self.projector.stop()
        self.app.quit()


# --------------------------------------------------------------------------- the teacher's panel

class TeacherPanelScene(Scene):
    """Every table's code, state, teams and devices, with the teacher's controls; the seats of the
    projected table each with "a bot plays it" and "release it". Built again whenever the lobby changes
    (but for its clocks)."""

    overlay = True

    def __init__(self, app, projector: ProjectorScene) -> None:
        super().__init__(app)
        self.projector = projector
        self.built_for: tuple | None = None
        self.ending: str | None = None  # the table whose End was clicked once: a second click ends it

    def _key(self) -> tuple:
        lobby = self.projector.lobby
        tables = () if lobby is None else tuple(
            (table["code"], table["state"], tuple(table["teams"]), tuple(table["bots"]), tuple(table["connected"]),
             table["timer"], table["on_timeout"], table["year"]) for table in lobby.tables)
        return tables, self.projector.code, self.ending, self.projector.refusal, self.size, language()

    def build(self) -> None:
        self.built_for = self._key()
        width, height = self.size
        self.dialog = pygame.Rect(24, 24, width - 48, height - 48)
        UILabel(pygame.Rect(self.dialog.x, self.dialog.y + 8, self.dialog.width, 36), t("host.panel_title"),
                self.manager, object_id="@heading")
        self.buttons: dict[str, UIButton] = {}
        self.lines: list[tuple[str, tuple[int, int], int, bool, bool, int]] = []  # text, where, size, bold, dim, room
        lobby = self.projector.lobby
        tables = [] if lobby is None else list(lobby.tables)
        x0, y = self.dialog.x + 16, self.dialog.y + 56
        inner = self.dialog.width - 32
        row = 52 if len(tables) <= 3 else 44
        for table in tables:
            code = table["code"]
            projected = code == self.projector.code
            teams = ", ".join(
                f"{team or t('host.seat_free')} ({t('host.seat_bot') if bot else connected})"
                for team, bot, connected in zip(table["teams"], table["bots"], table["connected"], strict=True))
            room = inner - 5 * PANEL_BUTTON - 8  # left of the table's buttons
            self.lines.append((t("host.table_line", code=code, state=state_text(table["state"]), year=table["year"],
                                 timer=timer_text(table["timer"])), (x0, y), 17, projected, False, room))
            self.lines.append((teams, (x0, y + 22), 13, False, True, room))
            bx = x0 + inner - 5 * PANEL_BUTTON
            pause = "resume" if table["state"] == "paused" else "pause"
            for name, label in (("show", t("host.show")), ("start", t("host.start")), (pause, t(f"host.{pause}")),
                                ("timer", t("host.timer_next", timer=timer_text(self._next_timer(table["timer"])))),
                                ("end", t("host.end_really") if self.ending == code else t("host.end"))):
                button = UIButton(pygame.Rect(bx, y + 4, PANEL_BUTTON - 4, 36), label, self.manager,
                                  object_id="@primary" if name == "end" and self.ending == code else None)
                if (name == "start" and table["state"] != "waiting" or name == "end" and table["state"] == "over"
                        or name == "show" and projected
                        or name == pause and table["state"] not in ("playing", "paused")):
                    button.disable()
                self.buttons[f"{name}:{code}"] = button
                bx += PANEL_BUTTON
            y += row
        y += 12
        projected = next((table for table in tables if table["code"] == self.projector.code), None)
        if projected is not None:
            self.lines.append((t("host.seats_of", code=projected["code"]), (x0, y), 15, True, False, inner))
            y += 30
            bot = bot_personalities()[0]
            for seat, team in enumerate(projected["teams"]):
                state = t("host.seat_bot") if projected["bots"][seat] else t(
                    "host.seat_devices", count=projected["connected"][seat])
                self.lines.append((f"{seat + 1}. {team or t('host.seat_free')} · {state}", (x0, y + 6), 15, False,
                                   False, inner - 420))
                # a bot standing in for a team can hand the seat back; a team's seat can get a bot
                stand_in = projected["bots"][seat] and projected["team_seats"][seat]
                swap = "restore" if stand_in else "replace"
                replace = UIButton(pygame.Rect(x0 + inner - 412, y, 200, 32),
                                   t(f"host.{swap}", bot=personality_name(bot)), self.manager)
                release = UIButton(pygame.Rect(x0 + inner - 204, y, 200, 32), t("host.release"), self.manager)
                if (projected["bots"][seat] and not stand_in) or projected["state"] == "over":
                    replace.disable()
                if team is None or projected["bots"][seat] or projected["state"] == "over":
                    release.disable()
                self.buttons[f"{swap}:{seat}"], self.buttons[f"release:{seat}"] = replace, release
                y += 36
        self.buttons["close"] = UIButton(pygame.Rect(self.dialog.centerx - 120, self.dialog.bottom - 56, 240, 44),
                                         t("host.close_panel"), self.manager, object_id="@primary")
        self.note_label = UILabel(pygame.Rect(self.dialog.x, self.dialog.bottom - 92, self.dialog.width, 30),
                                  self.projector.refusal, self.manager, object_id="@warning")
        for name, button in self.buttons.items():
            button.control = name

    def draw_background(self, surface: pygame.Surface) -> None:
        super().draw_background(surface)
        theme, palette = self.app.theme, self.app.theme.palette
        for text, where, size, bold, dim, room in self.lines:
            ink = palette.text_dim if dim else palette.highlight if bold and size > 15 else palette.text
            surface.blit(theme.fitted(text, size, ink, room, bold=bold), where)

    @staticmethod
    def _next_timer(seconds: int | None) -> int | None:
        index = TIMERS.index(seconds) if seconds in TIMERS else 0
        return TIMERS[(index + 1) % len(TIMERS)]

    def update(self, dt: float) -> None:
        self.projector.update(0.0)  # the lobby and the table keep arriving under the panel
        if self._key() != self.built_for:
            self.relayout()
        super().update(dt)

    def on_button(self, button) -> None:
        # by the name the button was built with: a lobby that changed since the click has built new buttons
        name = getattr(button, "control", None)
        if name is None:
            return
        if name == "close":
            self.app.pop()
            return
        action, _, which = name.partition(":")
        projector = self.projector
        code = projector.code
        if action != "end":
            self.ending = None
        if action == "show":
            projector.project(which)
        elif action == "end" and self.ending != which:
            self.ending = which  # ask again: ending cannot be undone
        elif action in ("start", "pause", "resume", "end"):
            self.control(action, table=which)
            self.ending = None
        elif action == "timer":
            table = next(table for table in projector.lobby.tables if table["code"] == which)
            self.control("timer", table=which, seconds=self._next_timer(table["timer"]), on_timeout=table["on_timeout"])
        elif action == "replace":
            self.control("replace", table=code, seat=int(which), bot=bot_personalities()[0])
        elif action in ("restore", "release"):
            self.control(action, table=code, seat=int(which))
        self.relayout()

    def control(self, do: str, **fields) -> None:
        self.projector.refusal = ""
        self.app.log("control", do=do, **fields)
        if not self.projector.teacher.control(do, **fields):
            self.projector.refusal = t("host.not_connected")

    def on_key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_t:
            self.app.pop()

    def request_quit(self) -> None:
        self.projector.stop()
        self.app.quit()
