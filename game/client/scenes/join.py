"""Join a table another computer hosts: its address, its join code and the team's name; then the
table plays as a local game does, from the server's views (`RemoteSeat`).

The address and the team name are remembered in the settings, and the seat's token per table
(address and code) in the data folder, so a restarted client returns to its seat. A remembered
token the table no longer knows (a new game with the same code) is forgotten and the team joins by
its name instead. Connecting never blocks the frame loop: the network thread wakes it.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.net.client import Closed, NetClient, Snapshot, Status, Welcome, ws_url

from ..i18n import t
from ..scene import Scene
from ..settings import keep_seat_token, seat_token
from .remote_seat import RemoteSeat, closed_text, wake_the_loop

FIELD_WIDTH = 420
CONTROL = 40
BAD_TOKEN = 4002


def clean_code(typed: str) -> str:
    """A join code however it was typed ("k7m-q2x" → "K7MQ2X")."""
    return typed.upper().replace("-", "").replace(" ", "")


class JoinScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.client: NetClient | None = None
        self.welcome: Welcome | None = None
        self.note = t("join.hint")
        self.note_is_problem = False
        self.address = app.settings.join_address
        self.code = ""
        self.team = app.settings.team_name
        self.by_token = False  # this attempt says hello with a remembered token

    def build(self) -> None:
        width, height = self.size
        left = (width - FIELD_WIDTH) // 2
        top = max(40, height // 2 - 230)
        UILabel(pygame.Rect(0, top, width, 50), t("join.title"), self.manager, object_id="@heading")
        self.entries: dict[str, UITextEntryLine] = {}
        y = top + 70
        for name, value in (("address", self.address), ("code", self.code), ("team", self.team)):
            UILabel(pygame.Rect(left, y, FIELD_WIDTH, 26), t(f"join.{name}"), self.manager, object_id="@dim")
            entry = UITextEntryLine(pygame.Rect(left, y + 28, FIELD_WIDTH, CONTROL), self.manager,
                                    initial_text=value, placeholder_text=t(f"join.placeholder_{name}"))
            entry.set_tooltip(t(f"join.tip_{name}"))
            self.entries[name] = entry
            y += 28 + CONTROL + 18
        self.entries["team"].length_limit = 24
        self.entries["code"].length_limit = 9
        self.buttons = {
            "join": UIButton(pygame.Rect(left, y + 10, FIELD_WIDTH // 2 - 6, 46), t("join.join"), self.manager,
                             object_id="@primary"),
            "back": UIButton(pygame.Rect(left + FIELD_WIDTH // 2 + 6, y + 10, FIELD_WIDTH // 2 - 6, 46),
                             t("join.back"), self.manager),
        }
        self.note_label = UILabel(pygame.Rect(0, y + 72, width, 30), self.note, self.manager,
                                  object_id="@warning" if self.note_is_problem else "@dim")
        if self.client is not None:
            self.buttons["join"].disable()

    def _say(self, note: str, problem: bool = False) -> None:
        self.note, self.note_is_problem = note, problem
        self.relayout()

    # ------------------------------------------------------------------ joining

    def _typed(self) -> None:
        self.address = self.entries["address"].get_text().strip()
        self.code = self.entries["code"].get_text().strip()
        self.team = self.entries["team"].get_text().strip()

    def join(self) -> None:
        """Connect with the remembered token for this table, else with the team's name."""
        self._typed()
        try:
            url = ws_url(self.address)
        except ValueError:
            self._say(t("join.bad_address"), True)
            return
        if not clean_code(self.code):
            self._say(t("join.need_code"), True)
            return
        token = seat_token(self.app.data_dir, self.address, clean_code(self.code))
        if token is None and not self.team:
            self._say(t("join.need_team"), True)
            return
        try:
            self.app.settings = self.app.settings.replace(join_address=self.address, team_name=self.team)
            self.app.settings.save(self.app.data_dir)
        except OSError as error:  # joining works; only the next start does not remember the address
            self.app.log("settings_not_saved", problem=str(error))
        self.by_token = token is not None
        hello = {"code": clean_code(self.code), **({"token": token} if token else {"team": self.team})}
        self.client = NetClient(url, hello, wake=wake_the_loop).start()
        self.app.log("joining", url=url, by_token=self.by_token)
        self._say(t("join.returning" if self.by_token else "join.connecting", address=self.address))

    def update(self, dt: float) -> None:
        if self.client is not None:
            self._take_messages()
        super().update(dt)

    def _take_messages(self) -> None:
        for position, message in enumerate(arrived := self.client.drain()):
            if isinstance(message, Welcome):
                self.welcome = message
                if message.token:
                    self._keep_token(message.token)
            elif isinstance(message, Snapshot) and self.welcome is not None:
                self._to_table(message, arrived[position + 1:])
                return
            elif isinstance(message, Status) and message.state == "reconnecting":
                self._say(t("join.no_answer", address=self.address), True)
            elif isinstance(message, Closed):
                self._closed(message)
                return

    def _keep_token(self, token: str | None) -> None:
        try:
            keep_seat_token(self.app.data_dir, self.address, clean_code(self.code), token)
        except OSError as error:  # the seat still plays; a restart would need the team's name again
            self.app.log("token_not_kept", problem=str(error))

    def _closed(self, closed: Closed) -> None:
        self.client = None
        if closed.code == BAD_TOKEN and self.by_token:  # the table forgot the seat (a new game): join by name
            self._keep_token(None)
            if self.team:
                self.join()
                return
        self.app.log("join_refused", code=closed.code)
        self._say(closed_text(closed), True)

    def _to_table(self, first: Snapshot, later: list) -> None:
        from .table import TableScene
        seat = RemoteSeat(self.client, self.welcome, first, later)
        self.client = None  # the seat owns the connection now
        self.app.log("joined", seat=seat.seat, code=seat.code, version=first.version)
        self.app.reset_to(TableScene(self.app, seat))

    def cancel(self) -> None:
        if self.client is not None:
            self.client.close(timeout=0)
            self.client = None

    # ------------------------------------------------------------------ input

    def on_button(self, button) -> None:
        if button is self.buttons["join"]:
            self.join()
        elif button is self.buttons["back"]:
            self.on_escape()

    def on_text_entered(self, entry, text: str) -> None:
        self.join()

    def on_escape(self) -> None:
        self.cancel()
        self.app.pop()

    def request_quit(self) -> None:
        self.cancel()
        self.app.quit()


class LeaveTableScene(Scene):
    """Escape at a network table: leave it (the seat stays this team's) or stay."""

    overlay = True

    def __init__(self, app, seat: RemoteSeat) -> None:
        super().__init__(app)
        self.seat = seat

    def build(self) -> None:
        width, height = self.size
        UILabel(pygame.Rect(0, height // 2 - 110, width, 40), t("leave.title"), self.manager, object_id="@heading")
        UILabel(pygame.Rect(0, height // 2 - 66, width, 30), t("leave.explain"), self.manager, object_id="@dim")
        self.buttons = {
            "stay": UIButton(pygame.Rect(width // 2 - 160, height // 2 - 10, 320, 44), t("leave.stay"), self.manager,
                             object_id="@primary"),
            "leave": UIButton(pygame.Rect(width // 2 - 160, height // 2 + 44, 320, 44), t("leave.leave"),
                              self.manager),
        }
        panel = min(width - 32, max(720, self.app.theme.font(15).size(t("leave.explain"))[0] + 48))
        self.dialog = pygame.Rect((width - panel) // 2, height // 2 - 126, panel, 240)

    def on_button(self, button) -> None:
        if button is self.buttons["stay"]:
            self.app.pop()
        elif button is self.buttons["leave"]:
            self.leave()

    def leave(self) -> None:
        from .title import TitleScene
        self.seat.leave()
        self.app.log("left_table")
        self.app.reset_to(TitleScene(self.app))

    def request_quit(self) -> None:
        self.seat.leave()
        self.app.quit()
