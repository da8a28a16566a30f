"""The table server: matches over WebSockets (DESIGN.md §7; the protocol in `protocol.py`).

A `Host` serves several tables on one port: the browser client's files over plain HTTP and the
WebSocket at `/ws`. The server only translates: a device's `act` becomes
`Match.submit(seat, action, expected_version)` and a `MatchRefusal` its `refused` reply; the match
decides everything. Bot seats are asked by each table's `TurnDriver`, on a worker thread so a slow
bot never stalls the other devices. Every change marks each connection's view out of date; a
connection's sender then sends the whole current view (a snapshot, never a diff), at most
`VIEWS_PER_SECOND` times a second, always the latest.

A device joins a table with its join code and a team name (it claims the first open seat and gets
the seat's secret token), or with a token (it gets that seat back: a reload, a new tab, a teammate's
phone), or to watch (the public view, for the projector). Every device of a seat sees its view; the
first action sent against the current version counts and the others are refused as stale. The
teacher connects with the host's token: it sees every table (`lobby`) and controls them.

A table waits until every open seat has a team or the teacher starts it; a seat's turn times out
when the teacher's turn timer runs out, or when no device of the seat has been connected for
`GRACE_SECONDS`: the server then acts for it, so the game never waits forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import io
import secrets
import signal
import socket
import threading
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from game.bots import BUILT_IN, bot_seed, make_bot_factory
from game.bots.isolated import IsolatedFactory
from game.bots.referee import Referee
from game.core import Action, ActionKind, Problem, Scenario, new_game
from game.match import PUBLIC, Match, MatchRefusal, TurnDriver

from . import protocol
from .protocol import Act, Close, Control, Hello, ProtocolError

OPEN = "open"  # a seat for devices, in the host's list of seats
STAND_IN = "steady"  # the bot that plays an open seat nobody claimed, or a timed-out turn when the host asks
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L or U: nothing to mistake when typed
CODE_LENGTH = 6
VIEWS_PER_SECOND = 10
HELLO_SECONDS = 10.0  # a connection that has not said hello by then is closed
GRACE_SECONDS = 30.0  # a seat with no device connected keeps its turn this long
TIMER_RANGE = (10, 600)  # seconds a teacher may set the turn timer to
BURST = 20  # messages a device may send at once; then `RATE` a second
RATE = 10.0
STRIKES = 20  # messages over the rate before the connection is closed as a flood
MAX_SIZE = 4 * protocol.MAX_MESSAGE  # bytes: websockets closes with 1009 above it, before reading it whole
MAX_CONNECTIONS = 2000  # about 50 KiB each: a class of 30 with a few devices each is far below
FAILED_JOINS = 10  # wrong codes, tokens or host tokens an address may send a minute
WEB_FOLDER = Path(__file__).resolve().parents[2] / "assets" / "web"
WEB_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
             ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
             ".json": "application/json", ".woff2": "font/woff2", ".ico": "image/x-icon",
             ".txt": "text/plain; charset=utf-8"}
WEB_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff", "Connection": "close",
               "Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:"}
SOCKET_PATH = "/ws"
HOST_ONLY = Problem.of("net.host_only_controls",
                       "only the host's connection controls the tables, and it makes no moves")


class TableState(StrEnum):
    WAITING = "waiting"  # devices are joining
    PLAYING = "playing"
    PAUSED = "paused"
    OVER = "over"  # the game ended, or the host ended it


def new_table(scenario: Scenario, seats: Sequence[str], seed: int, time_limit: float | None = 1.0,
              **options: Any) -> Table:
    """A table for a new game of `scenario`: each seat `OPEN` or a bot spec (a built-in name, or a bot
    file run in a process of its own so none runs in the server's interpreter)."""
    profiles = [profile.id for profile in scenario.profiles][:len(seats)]
    if len(profiles) != len(seats):
        raise ValueError(f"{scenario.name} seats at most {len(profiles)}, not {len(seats)}")
    names = [f"seat {seat + 1}" if kind == OPEN else kind for seat, kind in enumerate(seats)]
    bots = {seat: _bot_factory(kind, time_limit) for seat, kind in enumerate(seats) if kind != OPEN}
    return Table(Match(new_game(scenario, profiles, seed), names), seats, bots, seed, time_limit, **options)


def _bot_factory(spec: str, time_limit: float | None) -> Callable[[int], object]:
    return make_bot_factory(spec) if spec in BUILT_IN else IsolatedFactory(spec, time_limit)


def new_join_code() -> str:
    """A short code to type, e.g. 'K7MQ2X'."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def cleaned_code(typed: str) -> str:
    """A join code as a person may type it (case, spaces, a dash), as the server writes it."""
    return typed.upper().replace("-", "").replace(" ", "")


def same_code(typed: str, code: str) -> bool:
    """Whether `typed` is the join code, however a person typed it."""
    return hmac.compare_digest(cleaned_code(typed).encode(), code.encode())


def passive_action(legal) -> Action:
    """What the server does for a seat whose time ran out: check, else sit out, else fold."""
    for kind in (ActionKind.CHECK, ActionKind.SIT_OUT, ActionKind.FOLD):
        if kind in legal.kinds:
            return Action(kind)
    return next(iter(legal))


@dataclass(eq=False)
class _Client:
    """One connection: who it views, its pending-view flag, its message allowance."""

    connection: ServerConnection
    viewer: int | None  # a seat, or PUBLIC
    stale: asyncio.Event = field(default_factory=asyncio.Event)
    allowance: float = BURST
    checked: float = field(default_factory=time.monotonic)
    strikes: int = 0
    debriefed: bool = False
    last_sent: str = ""  # the last snapshot sent

    def may_send(self) -> bool:
        """A token bucket: `BURST` messages at once, `RATE` a second after that."""
        now = time.monotonic()
        self.allowance = min(BURST, self.allowance + (now - self.checked) * RATE)
        self.checked = now
        if self.allowance >= 1:
            self.allowance -= 1
            return True
        self.strikes += 1
        return False


class _Refused(Exception):
    def __init__(self, close: Close, reason: Problem) -> None:
        super().__init__(reason.english)
        self.close, self.reason = close, reason


class Table:
    """One match and the devices and bots at it. `seats` gives each seat `OPEN` (for devices) or a
    bot; `bots` builds each bot seat's bot from its seed (the `TurnDriver`'s factories). A connection
    gets a view at most every `view_interval` seconds. With `start_when_full` the game starts once
    every open seat has a team; otherwise (or earlier) when the host says `start`."""

    def __init__(self, match: Match, seats: Sequence[str], bots: Mapping[int, Callable[[int], object]],
                 game_seed: int, time_limit: float | None = 1.0, code: str | None = None,
                 view_interval: float = 1 / VIEWS_PER_SECOND, start_when_full: bool = True,
                 grace: float = GRACE_SECONDS, timer: int | None = None, on_timeout: str = "passive") -> None:
        if len(seats) != match.seats:
            raise ValueError(f"the match has {match.seats} seats but {len(seats)} were set up")
        if set(bots) != {seat for seat, kind in enumerate(seats) if kind != OPEN}:
            raise ValueError("every seat that is not open needs a bot, and only those")
        self.match = match
        self.code = code or new_join_code()
        self.view_interval = view_interval
        self.start_when_full = start_when_full
        self.grace = grace
        self.timer, self.on_timeout = timer, on_timeout
        self._game_seed, self._time_limit = game_seed, time_limit
        self.driver = TurnDriver(match, bots, game_seed, time_limit)
        self._bot_processes = [factory for factory in bots.values() if isinstance(factory, IsolatedFactory)]
        self.teams: list[str | None] = [None if kind == OPEN else kind for kind in seats]
        self.tokens: dict[int, str] = {}
        self.pins: dict[int, str] = {}  # seat → its team's PIN, for teammates' devices to join the seat
        self.released: dict[int, str] = {}  # seat → its team's name, until a device of that name takes it back
        self.clients: set[_Client] = set()
        self.host: Host | None = None  # the host serving it: its lobby follows every change, welcomes say its address
        self.state = TableState.WAITING if OPEN in seats else TableState.PLAYING
        self._lock = asyncio.Lock()  # one change at a time; views are read between changes
        self._bots: asyncio.Task | None = None
        self._clock: asyncio.Task | None = None
        self._rearm = asyncio.Event()
        self._stand_ins: dict[int, Referee] = {}
        self._turn_began = time.monotonic()  # when the seat to act began its turn (pauses excluded)
        self._turn_version = match.version
        self._paused_at: float | None = None
        self._away_since: dict[int, float] = {}  # seat → when its last device went (or it was released)
        self._scenario = match.state.scenario.data()
        # the view and legal actions per viewer, built once for `_views_version` (and the table's state)
        self._views: dict[int | None, tuple[dict, dict | None]] = {}
        self._views_version = match.version
        self._debrief: str | None = None

    def close(self) -> None:
        """Stop the clock and the bot processes (bot files), if any."""
        if self._clock is not None:
            self._clock.cancel()
        for factory in self._bot_processes:
            factory.close()

    def begin(self) -> None:
        """Start its clock and, if it is already playing (no open seats), its bots: on the server's loop."""
        self._clock = asyncio.create_task(self._watch_the_clock())
        self.wake_bots()

    # ----------------------------------------------------------------------- joining

    def join(self, hello: Hello) -> tuple[int | None, str | None]:
        """The seat (None: watching) and token a hello gets; raises `_Refused` with a close code."""
        if hello.watch:
            return PUBLIC, None
        if hello.token is not None:
            for seat, token in self.tokens.items():
                if hmac.compare_digest(token.encode(), hello.token.encode()):
                    return seat, token
            raise _Refused(Close.BAD_TOKEN, Problem.of("net.bad_token", "no seat at this table has that token"))
        name = hello.team.casefold()
        for seat, team in self.released.items():
            if team.casefold() == name:
                del self.released[seat]
                return seat, self._seat_team(seat, team)
        for seat, token in self.tokens.items():
            if self.teams[seat].casefold() != name:
                continue
            if hello.pin is None:
                raise _name_taken(hello.team)
            if not hmac.compare_digest(hello.pin.encode(), self.pins[seat].encode()):
                raise _Refused(Close.BAD_PIN, Problem.of("net.bad_pin", "that is not the PIN of team {name}",
                                                         name=self.teams[seat]))
            return seat, token
        if any(team is not None and team.casefold() == name for team in self.teams):  # a bot's name
            raise _name_taken(hello.team)
        if None not in self.teams or self.state is not TableState.WAITING:
            raise _Refused(Close.TABLE_FULL, Problem.of("net.table_full", "every seat at this table is taken"))
        seat = self.teams.index(None)
        token = self._seat_team(seat, hello.team)
        if self.start_when_full and None not in self.teams:
            self.start()
        return seat, token

    def _seat_team(self, seat: int, team: str) -> str:
        self.teams[seat] = team
        self._name_seats()
        self.tokens[seat] = secrets.token_urlsafe(24)
        self.pins[seat] = f"{secrets.randbelow(10 ** protocol.PIN_DIGITS):0{protocol.PIN_DIGITS}d}"
        self._changed()  # every viewer sees the new team's name
        return self.tokens[seat]

    def _name_seats(self) -> None:
        """The match names each seat after its team (or bot), as views and the debrief show it."""
        self.match.names = tuple(team or name for team, name in zip(self.teams, self.match.names, strict=True))

    def connected(self) -> list[int]:
        """How many devices each seat has connected."""
        counts = [0] * self.match.seats
        for client in self.clients:
            if client.viewer is not None:
                counts[client.viewer] += 1
        return counts

    def attach(self, client: _Client) -> None:
        self.clients.add(client)
        client.stale.set()
        if client.viewer is not None:  # every viewer sees how many devices each seat has
            self._away_since.pop(client.viewer, None)
            self._changed()

    def detach(self, client: _Client) -> None:
        self.clients.discard(client)
        if client.viewer is not None:
            if not self.connected()[client.viewer]:
                self._away_since[client.viewer] = time.monotonic()
            self._changed()

    # ----------------------------------------------------------------------- the host's controls

    def start(self) -> None:
        """Begin the game; open seats nobody claimed get the stand-in bot."""
        if self.state is not TableState.WAITING:
            raise _control_refused(Problem.of("net.not_waiting", "the game has already begun"))
        for seat, team in enumerate(self.teams):
            if team is None:
                self.teams[seat] = STAND_IN
                self.driver.seat_bot(seat, make_bot_factory(STAND_IN))
        self._name_seats()
        self.state = TableState.PLAYING
        self._turn_began = time.monotonic()
        self._changed()
        self.wake_bots()

    def pause(self) -> None:
        if self.state is not TableState.PLAYING:
            raise _control_refused(Problem.of("net.not_playing", "only a game being played can pause"))
        self.state, self._paused_at = TableState.PAUSED, time.monotonic()
        self._changed()

    def resume(self) -> None:
        if self.state is not TableState.PAUSED:
            raise _control_refused(Problem.of("net.not_paused", "the game is not paused"))
        paused_for = time.monotonic() - self._paused_at
        self._turn_began += paused_for  # the seat to act gets back the time the pause took
        self._away_since = {seat: since + paused_for for seat, since in self._away_since.items()}
        self.state, self._paused_at = TableState.PLAYING, None
        self._changed()
        self.wake_bots()

    def set_timer(self, seconds: int | None, on_timeout: str) -> None:
        if seconds is not None and not TIMER_RANGE[0] <= seconds <= TIMER_RANGE[1]:
            raise _control_refused(Problem.of("net.bad_timer", "a turn timer is {low} to {high} seconds, or off",
                                              low=TIMER_RANGE[0], high=TIMER_RANGE[1]))
        self.timer, self.on_timeout = seconds, on_timeout
        self._changed()

    def replace(self, seat: int, bot: str) -> None:
        """A built-in bot plays `seat` from now on; its devices stay and watch its view."""
        self._check_seat(seat)
        if bot not in BUILT_IN:
            raise _control_refused(Problem.of("net.unknown_bot", "there is no bot called {bot}: choose one of {bots}",
                                              bot=repr(bot), bots=", ".join(sorted(BUILT_IN))))
        if self.state is TableState.WAITING and self.teams[seat] is None:
            self.teams[seat] = bot
        self.driver.seat_bot(seat, make_bot_factory(bot))
        self.released.pop(seat, None)
        self._changed()
        self.wake_bots()

    def restore(self, seat: int) -> None:
        """The team plays its seat again after a bot stood in for it (its phone is back)."""
        self._check_seat(seat)
        if seat not in self.tokens or seat not in self.driver.referees:
            raise _control_refused(Problem.of("net.no_bot_to_remove", "no bot stands in for a team at seat {seat}",
                                              seat=seat + 1))
        self.driver.unseat_bot(seat)
        self._changed()

    async def release(self, seat: int) -> None:
        """Hand `seat` to another device: revoke its token and close its devices; the next hello with
        the seat's team name takes it."""
        self._check_seat(seat)
        if seat not in self.tokens:
            raise _control_refused(Problem.of("net.not_a_team_seat", "seat {seat} has no team to hand over",
                                              seat=seat + 1))
        del self.tokens[seat], self.pins[seat]
        self.released[seat] = self.teams[seat]
        self._away_since[seat] = time.monotonic()
        reason = Problem.of("net.released", "the host gave this seat to another device")
        for client in [client for client in self.clients if client.viewer == seat]:
            # the device's own handler is reading its connection: say why and close, without reading
            with contextlib.suppress(ConnectionClosed):
                await client.connection.send(protocol.error(reason, Close.RELEASED))
                await client.connection.close(int(Close.RELEASED), reason.english)
        self._changed()

    async def end(self) -> None:
        """End the game now: every device gets the debrief of the years played."""
        if self.state is TableState.OVER:
            raise _control_refused(Problem.of("net.already_over", "the game is already over"))
        self.state = TableState.OVER
        await self._finish()

    def _check_seat(self, seat: int) -> None:
        if not 0 <= seat < self.match.seats:
            raise _control_refused(Problem.of("net.no_such_seat", "the table has no seat {seat}", seat=seat + 1))

    # ----------------------------------------------------------------------- acting

    async def act(self, seat: int, act: Act) -> Problem | None:
        """Submit a seat's action; the refusal's reason, or None once it is applied."""
        if (reason := self._closed_to(seat)) is not None:
            return reason
        async with self._lock:
            try:
                self.match.submit(seat, act.action, act.expected_version)
            except MatchRefusal as refusal:
                return refusal.reason
        await self._after_change()
        return None

    def _closed_to(self, seat: int) -> Problem | None:
        if self.state is TableState.WAITING:
            return Problem.of("net.not_started", "the game has not started yet")
        if self.state is TableState.PAUSED:
            return Problem.of("net.paused", "the game is paused")
        if self.state is TableState.OVER and not self.match.is_over:
            return Problem.of("net.ended", "the host ended the game")
        if seat in self.driver.referees:
            return Problem.of("net.seat_is_bot", "a bot plays this seat now")
        return None

    async def _after_change(self) -> None:
        if self.match.is_over and self.state is not TableState.OVER:
            self.state = TableState.OVER
            await self._finish()
        self._changed()
        self.wake_bots()

    def wake_bots(self) -> None:
        """Let the bots play until a device's seat is to act (one task at a time)."""
        if (self.state is TableState.PLAYING and self.driver.bot_to_act
                and (self._bots is None or self._bots.done())):
            self._bots = asyncio.create_task(self._drive_bots())

    async def _drive_bots(self) -> None:
        while self.state is TableState.PLAYING and self.driver.bot_to_act:
            async with self._lock:
                await asyncio.to_thread(self.driver.step)
            await self._after_change()

    # ----------------------------------------------------------------------- the clock

    def turn_left(self) -> float | None:
        """Seconds left for the seat to act, or None when nothing limits its turn."""
        deadline = self._deadline()
        return None if deadline is None else round(max(0.0, deadline - time.monotonic()), 1)

    def _deadline(self) -> float | None:
        seat = self.match.to_act
        if self.state is not TableState.PLAYING or seat is None or seat in self.driver.referees:
            return None
        if self.match.version != self._turn_version:  # a new turn began: its time starts now
            self._turn_version, self._turn_began = self.match.version, time.monotonic()
        deadlines = []
        if self.timer is not None:
            deadlines.append(self._turn_began + self.timer)
        if seat in self._away_since:
            deadlines.append(max(self._turn_began, self._away_since[seat]) + self.grace)
        return min(deadlines, default=None)

    async def _watch_the_clock(self) -> None:
        """Act for a seat whose time ran out; re-armed by every change."""
        while True:
            self._rearm.clear()
            deadline = self._deadline()
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    await self._rearm.wait()
                    continue
            await self._time_out()

    async def _time_out(self) -> None:
        async with self._lock:
            deadline = self._deadline()
            if deadline is None or time.monotonic() < deadline:
                return
            match, seat = self.match, self.match.to_act
            if self.on_timeout == "bot":
                if seat not in self._stand_ins:
                    self._stand_ins[seat] = Referee.build(make_bot_factory(STAND_IN),
                                                          bot_seed(self._game_seed, seat, "stand-in"), None)
                action = await asyncio.to_thread(self._stand_ins[seat].decide, match.view(seat), match.legal())
            else:
                action = passive_action(match.legal())
            match.submit(seat, action, match.version)
        await self._after_change()

    # ----------------------------------------------------------------------- views

    def _changed(self) -> None:
        self._views.clear()
        self._rearm.set()
        for client in self.clients:
            client.stale.set()
        if self.host is not None:
            self.host.lobby_changed()

    def table_wire(self) -> dict:
        """The table's state, devices and clock, as every snapshot carries it."""
        return {"code": self.code, "state": str(self.state), "connected": self.connected(),
                "bots": [seat in self.driver.referees for seat in range(self.match.seats)],
                "timer": self.timer, "turn_left": self.turn_left()}

    def summary(self) -> dict:
        """The table as the teacher's lobby shows it."""
        match, scenario = self.match, self.match.state.scenario
        view = match.view(PUBLIC)
        return {"code": self.code, "scenario": scenario.id, "title": dict(scenario.title),
                "state": str(self.state), "version": match.version, "year": view.year,
                "years": scenario.years, "phase": str(view.phase), "quarter": view.quarter,
                "to_act": match.to_act, "teams": list(self.teams),
                "team_seats": [seat in self.tokens for seat in range(match.seats)],  # a team holds it (bot or not)
                "bots": [seat in self.driver.referees for seat in range(match.seats)],
                "connected": self.connected(), "timer": self.timer, "on_timeout": self.on_timeout,
                "turn_left": self.turn_left(),
                "standings": [{"rank": standing.rank, "seat": standing.seat, "name": standing.name,
                               "score": standing.score, "net_worth": standing.net_worth}
                              for standing in match.standings()]}

    async def snapshot(self, viewer: int | None) -> str:
        """The viewer's whole current view as a message (its view built once per version and viewer)."""
        async with self._lock:
            if self._views_version != self.match.version:  # a bot moved since: views are marked stale after it
                self._views.clear()
                self._views_version = self.match.version
            built = self._views.get(viewer)
            if built is None:
                match = self.match
                acting = (self.state is TableState.PLAYING and viewer is not None and viewer == match.to_act
                          and viewer not in self.driver.referees)
                legal = protocol.legal_wire(match.legal()) if acting else None
                built = self._views[viewer] = (protocol.view_wire(match.view(viewer)), legal)
            return protocol.snapshot(self.match.version, list(self.teams), *built, self.table_wire())

    async def _finish(self) -> None:
        """Build the debrief once the game is over (or ended); each connection's sender sends it."""
        from game.debrief import export
        from game.debrief.model import build_debrief

        history = self.match.history()
        debrief = await asyncio.to_thread(build_debrief, history)
        self._debrief = protocol.debrief(list(self.match.names), export.firm_year_rows(debrief),
                                         export.year_rows(debrief), export.total_row(debrief),
                                         list(self.match.standings()))
        self._changed()

    async def send_views(self, client: _Client) -> None:
        """Send the client its view whenever it is out of date, at most once every `view_interval`;
        then the debrief once there is one."""
        while True:
            await client.stale.wait()
            client.stale.clear()
            snapshot = await self.snapshot(client.viewer)
            if snapshot == client.last_sent:  # marked stale twice for one change: nothing new to say
                continue
            client.last_sent = snapshot
            await client.connection.send(snapshot)
            if self._debrief is not None and not client.debriefed:
                client.debriefed = True
                await client.connection.send(self._debrief)
            await asyncio.sleep(self.view_interval)  # changes meanwhile coalesce into the next view

    # ----------------------------------------------------------------------- one device

    async def serve_device(self, connection: ServerConnection, seat: int | None, token: str | None) -> None:
        """A device that said hello to this table, until it goes."""
        client = _Client(connection, seat)
        role = "watch" if seat is None else "seat"
        await connection.send(protocol.welcome(role, self.code, seat, token, self.pins.get(seat) if token else None,
                                               self._scenario, self.host.address if self.host else None))
        self.attach(client)
        sender = asyncio.create_task(self.send_views(client))
        try:
            await self._read(client)
        finally:
            self.detach(client)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await sender

    async def _read(self, client: _Client) -> None:
        async for message in _messages(client, lambda: self.match.version):
            if isinstance(message, Hello):
                reason = Problem.of("net.hello_again", "this connection has already said hello")
            elif isinstance(message, Control):
                reason = HOST_ONLY
            elif client.viewer is None:
                reason = Problem.of("net.watching", "a watcher cannot act")
            else:
                reason = await self.act(client.viewer, message)
            if reason is not None:
                await client.connection.send(protocol.refused(reason, self.match.version))


async def _messages(client: _Client, version: Callable[[], int]) -> AsyncIterator[Hello | Act | Control]:
    """The client's messages, read and checked: one over the rate is refused (a flood closes the
    connection), one that cannot be read is refused with why, a ping is answered; the rest come out."""
    connection = client.connection
    async for text in connection:
        over = await _over_rate(client, version())
        if over is Over.CLOSED:
            return
        if over is not None:
            continue
        try:
            message = protocol.read_message(text)
        except ProtocolError as error:
            await connection.send(protocol.refused(error.reason, version()))
            continue
        if isinstance(message, protocol.Ping):
            await connection.send(protocol.pong())
            continue
        yield message


def _name_taken(name: str) -> _Refused:
    return _Refused(Close.NAME_TAKEN, Problem.of(
        "net.name_taken", "{name} is already at the table: type the team's PIN to join it, or choose another name",
        name=name))


def _control_refused(reason: Problem) -> _Refused:
    """A teacher's control that cannot be done: answered with its reason; the connection stays."""
    return _Refused(Close.NORMAL, reason)


class Over(StrEnum):
    REFUSED = "refused"  # the message is answered net.too_fast and not read
    CLOSED = "closed"  # a flood: the connection is closed


async def _over_rate(client: _Client, version: int) -> Over | None:
    """None when the client's message is within its rate (read it); else what was done instead."""
    if client.may_send():
        return None
    if client.strikes > STRIKES:
        await _close(client.connection, Close.POLICY, Problem.of("net.flood", "too many messages: closed"))
        return Over.CLOSED
    await client.connection.send(protocol.refused(Problem.of(
        "net.too_fast", "too many messages: at most {rate} a second", rate=int(RATE)), version))
    return Over.REFUSED


async def _close(connection: ServerConnection, code: Close, reason: Problem) -> None:
    """Say why in an error message, then close with `code` (the reason text too, cut to fit a close frame)."""
    with contextlib.suppress(ConnectionClosed):
        await connection.send(protocol.error(reason, code))
    closing = asyncio.create_task(connection.close(int(code), reason.english.encode()[:120].decode(errors="ignore")))
    # Read on: messages still queued from a flood would otherwise keep the device's reply to the close unread
    with contextlib.suppress(ConnectionClosed):
        async for _ in connection:
            pass
    await closing


class Host:
    """The tables one computer serves, the teacher's token, and who may connect."""

    def __init__(self, address: str | None = None) -> None:
        self.tables: dict[str, Table] = {}
        self.token = secrets.token_urlsafe(24)
        self.address = address  # the page's address as the host announces it: for the lobby, welcomes, the QR code
        self._teachers: set[_Client] = set()
        self._connections = 0
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._qr_codes: dict[str, bytes] = {}

    def add(self, table: Table) -> str:
        """Serve `table` too; its join code (made unique among this host's tables)."""
        while table.code in self.tables:
            table.code = new_join_code()
        self.tables[table.code] = table
        table.host = self
        return table.code

    def close(self) -> None:
        for table in self.tables.values():
            table.close()

    def begin(self) -> None:
        for table in self.tables.values():
            table.begin()

    def lobby_changed(self) -> None:
        """A table changed: every teacher's lobby is out of date."""
        for teacher in self._teachers:
            teacher.stale.set()

    def table_of(self, code: str) -> Table | None:
        cleaned = cleaned_code(code)
        return next((table for table in self.tables.values() if same_code(cleaned, table.code)), None)

    # ----------------------------------------------------------------------- HTTP: the browser client's files

    def http(self, connection: ServerConnection, request: Request) -> Response | None:
        """`process_request`: the WebSocket at /ws (same-origin pages only); any other GET a file of the
        browser client; nothing else."""
        path = urlsplit(request.path).path
        if path == SOCKET_PATH:
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc.lower() != request.headers.get("Host", "").lower():
                return connection.respond(403, "This page may not open this table's connection.\n")
            return None
        if path == "/qr.svg":
            return self._qr(request, urlsplit(request.path).query)
        return _web_file(path)

    def _qr(self, request: Request, query: str) -> Response:
        """A QR code of the page's address (with `join=CODE`: that table's join link), for the projector:
        phones scan it instead of typing. The address is the one the host announced (its network address),
        else the one this request came to."""
        table = self.table_of(query.removeprefix("join=")) if query.startswith("join=") else None
        if query and table is None:
            return _not_found()
        address = self.address or f"http://{request.headers.get('Host', '')}/"
        text = address + (f"#join={table.code}" if table else "")
        if text not in self._qr_codes:
            import segno  # only a projector asks for it

            buffer = io.BytesIO()
            segno.make(text, error="m").save(buffer, kind="svg", scale=10, border=2, xmldecl=False)
            self._qr_codes[text] = buffer.getvalue()
        body = self._qr_codes[text]
        return Response(200, "OK", Headers({**WEB_HEADERS, "Content-Type": WEB_TYPES[".svg"],
                                            "Content-Length": str(len(body))}), body)

    # ----------------------------------------------------------------------- WebSocket

    async def handle(self, connection: ServerConnection) -> None:
        """One connection, from its hello to its close."""
        address = _address(connection)
        if self._connections >= MAX_CONNECTIONS:
            await _close(connection, Close.HOST_FULL, Problem.of("net.host_full", "the host takes no more connections"))
            return
        self._connections += 1
        try:
            await self._welcome(connection, address)
        except ConnectionClosed:  # the device went away, or websockets closed it (a message over max_size)
            pass
        finally:
            self._connections -= 1

    async def _welcome(self, connection: ServerConnection, address: str) -> None:
        try:
            async with asyncio.timeout(HELLO_SECONDS):
                first = await connection.recv()
        except TimeoutError:
            await _close(connection, Close.NO_HELLO, Problem.of("net.no_hello", "no hello in time"))
            return
        try:
            if self._failed_lately(address) >= FAILED_JOINS:
                raise _Refused(Close.TOO_MANY_FAILURES, Problem.of(
                    "net.too_many_failures", "too many failed joins from this device: wait a minute"))
            hello = protocol.read_message(first)
            if not isinstance(hello, Hello):
                raise _Refused(Close.NO_HELLO, Problem.of("net.hello_first", "the first message must be a hello"))
            if hello.host is not None:
                if not hmac.compare_digest(hello.host.encode(), self.token.encode()):
                    self._failed(address)
                    raise _Refused(Close.BAD_HOST_TOKEN,
                                   Problem.of("net.bad_host_token", "that is not the host's token"))
                await self._serve_teacher(connection)
                return
            table = self.table_of(hello.code)
            if table is None:
                self._failed(address)
                raise _Refused(Close.BAD_CODE, Problem.of("net.bad_code", "{code} is not a join code of this host",
                                                          code=repr(hello.code)))
            try:
                seat, token = table.join(hello)
            except _Refused as refusal:
                if refusal.close in (Close.BAD_TOKEN, Close.BAD_PIN):
                    self._failed(address)
                raise
        except ProtocolError as error:
            code = Close.WRONG_VERSION if error.reason.key == "net.version" else Close.NO_HELLO
            await _close(connection, code, error.reason)
            return
        except _Refused as refusal:
            await _close(connection, refusal.close, refusal.reason)
            return
        await table.serve_device(connection, seat, token)

    def _failed(self, address: str) -> None:
        self._failures[address].append(time.monotonic())

    def _failed_lately(self, address: str) -> int:
        failures = self._failures[address]
        while failures and failures[0] < time.monotonic() - 60:
            failures.popleft()
        return len(failures)

    # ----------------------------------------------------------------------- the teacher

    async def _serve_teacher(self, connection: ServerConnection) -> None:
        teacher = _Client(connection, None)
        await connection.send(protocol.welcome("host", None, None, None, None, None, self.address))
        self._teachers.add(teacher)
        teacher.stale.set()
        sender = asyncio.create_task(self._send_lobby(teacher))
        try:
            async for message in _messages(teacher, lambda: 0):
                reason = await self.control(message) if isinstance(message, Control) else HOST_ONLY
                if reason is not None:
                    await connection.send(protocol.refused(reason, 0))
        finally:
            self._teachers.discard(teacher)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await sender

    async def control(self, control: Control) -> Problem | None:
        """Carry out a teacher's control; the reason it cannot be done, or None."""
        table = self.table_of(control.table)
        if table is None:
            return Problem.of("net.no_such_table", "this host has no table {code}", code=repr(control.table))
        try:
            if control.do == "start":
                table.start()
            elif control.do == "pause":
                table.pause()
            elif control.do == "resume":
                table.resume()
            elif control.do == "timer":
                table.set_timer(control.seconds, control.on_timeout)
            elif control.do == "replace":
                table.replace(control.seat, control.bot)
            elif control.do == "restore":
                table.restore(control.seat)
            elif control.do == "release":
                await table.release(control.seat)
            else:
                await table.end()
        except _Refused as refusal:
            return refusal.reason
        return None

    async def _send_lobby(self, teacher: _Client) -> None:
        while True:
            await teacher.stale.wait()
            teacher.stale.clear()
            tables = [table.summary() for table in self.tables.values()]
            await teacher.connection.send(protocol.lobby(self.address, tables))
            await asyncio.sleep(1 / VIEWS_PER_SECOND)


def _address(connection: ServerConnection) -> str:
    remote = connection.remote_address
    return str(remote[0]) if remote else "?"


def _not_found() -> Response:
    body = b"Not found.\n"
    headers = Headers({**WEB_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Content-Length": str(len(body))})
    return Response(404, "Not Found", headers, body)


def _web_file(path: str) -> Response:
    """A file of the browser client, or 404 (only files inside `WEB_FOLDER`, of the known types)."""
    relative = "index.html" if path in ("", "/") else path.lstrip("/")
    target = (WEB_FOLDER / relative).resolve()
    kind = WEB_TYPES.get(target.suffix.lower())
    if kind is None or not target.is_relative_to(WEB_FOLDER) or not target.is_file():
        return _not_found()
    body = target.read_bytes()
    headers = Headers({**WEB_HEADERS, "Content-Type": kind, "Content-Length": str(len(body))})
    return Response(200, "OK", headers, body)


async def serve_host(host: Host, bind: str, port: int) -> Server:
    """Start serving `host`'s tables at bind:port (port 0: a free one)."""
    server = await serve(host.handle, bind, port, process_request=host.http, max_size=MAX_SIZE,
                         compression=None, server_header=None, ping_interval=10, ping_timeout=20, open_timeout=10)
    host.begin()
    return server


async def serve_table(table: Table, bind: str, port: int) -> Server:
    """Serve one table (a host of one)."""
    host = Host()
    host.add(table)
    return await serve_host(host, bind, port)


def lan_urls(bind: str, port: int) -> list[str]:
    """The addresses a device can open: this computer's network addresses when serving every network."""
    if bind not in ("0.0.0.0", "::", ""):
        return [f"http://{bind}:{port}/"]
    addresses = set()
    with contextlib.suppress(OSError):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # a documentation address: no packet is sent, the route is chosen
            addresses.add(probe.getsockname()[0])
    with contextlib.suppress(OSError):
        addresses.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET))
    found = sorted(address for address in addresses if not address.startswith("127."))
    return [f"http://{address}:{port}/" for address in found] or [f"http://127.0.0.1:{port}/"]


class RunningHost:
    """A host serving on a thread of its own (for the pygame window): `port`, `urls`, `stop()`."""

    def __init__(self, host: Host, bind: str, port: int) -> None:
        self.host = host
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stopped: asyncio.Event | None = None
        self._failure: BaseException | None = None
        self.port = 0
        self._thread = threading.Thread(target=self._run, args=(bind, port), name="table-host", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._failure is not None:
            raise self._failure
        self.urls = lan_urls(bind, self.port)
        host.address = host.address or self.urls[0]

    def _run(self, bind: str, port: int) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve(bind, port))
        self._loop.close()

    async def _serve(self, bind: str, port: int) -> None:
        self._stopped = asyncio.Event()
        try:
            server = await serve_host(self.host, bind, port)
        except OSError as error:  # the port is taken, or the address is not this computer's
            self._failure = error
            self._ready.set()
            return
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            await self._stopped.wait()
        finally:
            server.close()
            await server.wait_closed()
            self.host.close()

    def stop(self) -> None:
        """Close every connection (1001), stop the bots, and wait for the thread."""
        if self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stopped.set)
            self._thread.join(timeout=15)


def run_in_thread(host: Host, bind: str, port: int) -> RunningHost:
    """Serve `host` at bind:port on a thread of its own; raises OSError if the port cannot be had."""
    return RunningHost(host, bind, port)


async def serve_until_stopped(host: Host, bind: str, port: int,
                              announce: Callable[[str, int], None] = lambda bind, port: None) -> None:
    """Serve `host` until Ctrl-C (or SIGTERM), then close every connection as going away (1001) and
    stop the bots. `announce` gets the address actually bound (the port chosen when `port` is 0)."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    handled = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        # the loop's own handler, not KeyboardInterrupt: that would break into a connection's handler
        # mid-way (close 1011) instead of closing each one; Windows has none, and Ctrl-C interrupts there
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
            handled.append(signum)
    try:
        server = await serve_host(host, bind, port)
        try:
            bound_host, bound_port = server.sockets[0].getsockname()[:2]
            announce(bound_host, bound_port)
            await stop.wait()
        finally:
            server.close()
            await asyncio.shield(server.wait_closed())
    finally:
        host.close()
        for signum in handled:
            loop.remove_signal_handler(signum)
