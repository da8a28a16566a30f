"""The table server: one match over WebSockets (DESIGN.md §7; the protocol in `protocol.py`).

The server only translates: a device's `act` becomes `Match.submit(seat, action, expected_version)`
and a `MatchRefusal` its `refused` reply; the match decides everything. Bot seats are asked by the
one `TurnDriver`, on a worker thread so a slow bot never stalls the other devices. Every change
marks each connection's view out of date; a connection's sender then sends the whole current view
(a snapshot, never a diff), at most `VIEWS_PER_SECOND` times a second, always the latest.

A device joins with the table's join code and a team name (it claims the first open seat and gets
the seat's secret token), or with a token (it gets that seat back: a reload, a new tab, a teammate's
phone), or to watch (the public view, for the projector). Every device of a seat sees its view; the
first action sent against the current version counts and the others are refused as stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import secrets
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from game.bots import BUILT_IN, make_bot_factory
from game.bots.isolated import IsolatedFactory
from game.core import Problem, Scenario, new_game
from game.match import PUBLIC, Match, MatchRefusal, TurnDriver

from . import protocol
from .protocol import Act, Close, Hello, ProtocolError

OPEN = "open"  # a seat for devices, in the host's list of seats
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L or U: nothing to mistake when typed
CODE_LENGTH = 6
VIEWS_PER_SECOND = 10
HELLO_SECONDS = 10.0  # a connection that has not said hello by then is closed
BURST = 20  # messages a device may send at once; then `RATE` a second
RATE = 10.0
STRIKES = 20  # messages over the rate before the connection is closed as a flood
MAX_SIZE = 4 * protocol.MAX_MESSAGE  # bytes: websockets closes with 1009 above it, before reading it whole


def new_table(scenario: Scenario, seats: Sequence[str], seed: int, time_limit: float | None = 1.0,
              **options: Any) -> Table:
    """A table for a new game of `scenario`: each seat `OPEN` or a bot spec (a built-in name, or a bot
    file run in a process of its own so none runs in the server's interpreter)."""
    profiles = [profile.id for profile in scenario.profiles][:len(seats)]
    if len(profiles) != len(seats):
        raise ValueError(f"{scenario.name} seats at most {len(profiles)}, not {len(seats)}")
    names = [f"seat {seat + 1}" if kind == OPEN else kind for seat, kind in enumerate(seats)]
    bots = {seat: make_bot_factory(kind) if kind in BUILT_IN else IsolatedFactory(kind, time_limit)
            for seat, kind in enumerate(seats) if kind != OPEN}
    return Table(Match(new_game(scenario, profiles, seed), names), seats, bots, seed, time_limit, **options)


def new_join_code() -> str:
    """A short code to type, e.g. 'K7MQ2X'."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def same_code(typed: str, code: str) -> bool:
    """Whether `typed` is the join code, however a person typed it (case, spaces, a dash)."""
    cleaned = typed.upper().replace("-", "").replace(" ", "")
    return hmac.compare_digest(cleaned.encode(), code.encode())


@dataclass(eq=False)
class _Client:
    """One connection: who it views, its pending-view flag, its message allowance."""

    connection: ServerConnection
    viewer: int | None  # a seat, or PUBLIC
    stale: asyncio.Event = field(default_factory=asyncio.Event)
    allowance: float = BURST
    checked: float = field(default_factory=time.monotonic)
    strikes: int = 0

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


class Table:
    """One match and the devices and bots at it. `seats` gives each seat `OPEN` (for devices) or a
    bot; `bots` builds each bot seat's bot from its seed (the `TurnDriver`'s factories). A connection
    gets a view at most every `view_interval` seconds."""

    def __init__(self, match: Match, seats: Sequence[str], bots: Mapping[int, Callable[[int], object]],
                 game_seed: int, time_limit: float | None = 1.0, code: str | None = None,
                 view_interval: float = 1 / VIEWS_PER_SECOND) -> None:
        if len(seats) != match.seats:
            raise ValueError(f"the match has {match.seats} seats but {len(seats)} were set up")
        if set(bots) != {seat for seat, kind in enumerate(seats) if kind != OPEN}:
            raise ValueError("every seat that is not open needs a bot, and only those")
        self.match = match
        self.code = code or new_join_code()
        self.view_interval = view_interval
        self.driver = TurnDriver(match, bots, game_seed, time_limit)
        self._bot_processes = [factory for factory in bots.values() if isinstance(factory, IsolatedFactory)]
        self.teams: list[str | None] = [None if kind == OPEN else kind for kind in seats]
        self.tokens: dict[int, str] = {}
        self.clients: set[_Client] = set()
        self._lock = asyncio.Lock()  # one change at a time; views are read between changes
        self._bots: asyncio.Task | None = None
        self._scenario = match.state.scenario.data()
        self._views: dict[int | None, str] = {}  # this version's snapshot per viewer

    def close(self) -> None:
        """Stop the bot processes (bot files), if any."""
        for factory in self._bot_processes:
            factory.close()

    # ----------------------------------------------------------------------- joining

    def join(self, hello: Hello) -> tuple[int | None, str | None]:
        """The seat (None: watching) and token a hello gets; raises `_Refused` with a close code."""
        if not same_code(hello.code, self.code):
            raise _Refused(Close.BAD_CODE, Problem.of("net.bad_code", "{code} is not this table's join code",
                                                       code=repr(hello.code)))
        if hello.watch:
            return PUBLIC, None
        if hello.token is not None:
            for seat, token in self.tokens.items():
                if hmac.compare_digest(token.encode(), hello.token.encode()):
                    return seat, token
            raise _Refused(Close.BAD_TOKEN, Problem.of("net.bad_token", "no seat at this table has that token"))
        if any(team is not None and team.casefold() == hello.team.casefold() for team in self.teams):
            raise _Refused(Close.NAME_TAKEN, Problem.of(
                "net.name_taken", "a team called {name} is already at the table: choose another name, or join "
                "with your team's seat token", name=hello.team))
        if None not in self.teams:
            raise _Refused(Close.TABLE_FULL, Problem.of("net.table_full", "every seat at this table is taken"))
        seat = self.teams.index(None)
        self.teams[seat] = hello.team
        self.match.names = tuple(team or name for team, name in zip(self.teams, self.match.names, strict=True))
        self.tokens[seat] = secrets.token_urlsafe(24)
        self._changed()  # every viewer sees the new team's name
        return seat, self.tokens[seat]

    # ----------------------------------------------------------------------- acting

    async def act(self, seat: int, act: Act) -> Problem | None:
        """Submit a seat's action; the refusal's reason, or None once it is applied."""
        async with self._lock:
            try:
                self.match.submit(seat, act.action, act.expected_version)
            except MatchRefusal as refusal:
                return refusal.reason
        self._changed()
        self.wake_bots()
        return None

    def wake_bots(self) -> None:
        """Let the bots play until a device's seat is to act (one task at a time)."""
        if self.driver.bot_to_act and (self._bots is None or self._bots.done()):
            self._bots = asyncio.create_task(self._drive_bots())

    async def _drive_bots(self) -> None:
        while self.driver.bot_to_act:
            async with self._lock:
                await asyncio.to_thread(self.driver.step)
            self._changed()

    # ----------------------------------------------------------------------- views

    def _changed(self) -> None:
        self._views.clear()
        for client in self.clients:
            client.stale.set()

    async def snapshot(self, viewer: int | None) -> str:
        """The viewer's whole current view as a message (built once per version and viewer)."""
        async with self._lock:
            text = self._views.get(viewer)
            if text is None:
                match = self.match
                legal = protocol.legal_wire(match.legal()) if viewer is not None and viewer == match.to_act else None
                text = protocol.snapshot(match.version, list(self.teams), protocol.view_wire(match.view(viewer)), legal)
                self._views[viewer] = text
            return text

    async def send_views(self, client: _Client) -> None:
        """Send the client its view whenever it is out of date, at most once every `view_interval`."""
        while True:
            await client.stale.wait()
            client.stale.clear()
            await client.connection.send(await self.snapshot(client.viewer))
            await asyncio.sleep(self.view_interval)  # changes meanwhile coalesce into the next view

    # ----------------------------------------------------------------------- one connection

    async def handle(self, connection: ServerConnection) -> None:
        """One device's connection, from its hello to its close."""
        try:
            async with asyncio.timeout(HELLO_SECONDS):
                first = await connection.recv()
        except TimeoutError:
            await _close(connection, Close.NO_HELLO, Problem.of("net.no_hello", "no hello in time"))
            return
        except ConnectionClosed:
            return
        try:
            hello = protocol.read_message(first)
            if not isinstance(hello, Hello):
                raise _Refused(Close.NO_HELLO, Problem.of("net.hello_first", "the first message must be a hello"))
            seat, token = self.join(hello)
        except ProtocolError as error:
            code = Close.WRONG_VERSION if error.reason.key == "net.version" else Close.NO_HELLO
            await _close(connection, code, error.reason)
            return
        except _Refused as refusal:
            await _close(connection, refusal.close, refusal.reason)
            return
        client = _Client(connection, seat)
        try:
            await connection.send(protocol.welcome(seat, token, self._scenario))
        except ConnectionClosed:
            return
        self.clients.add(client)
        client.stale.set()
        sender = asyncio.create_task(self.send_views(client))
        try:
            await self._serve(client)
        except ConnectionClosed:  # the device went away, or websockets closed it (a message over max_size)
            pass
        finally:
            self.clients.discard(client)
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionClosed):
                await sender

    async def _serve(self, client: _Client) -> None:
        connection = client.connection
        async for text in connection:
            if not client.may_send():
                if client.strikes > STRIKES:
                    await _close(connection, Close.POLICY, Problem.of("net.flood", "too many messages: closed"))
                    return
                await connection.send(protocol.refused(Problem.of(
                    "net.too_fast", "too many messages: at most {rate} a second", rate=int(RATE)), self.match.version))
                continue
            try:
                message = protocol.read_message(text)
            except ProtocolError as error:
                await connection.send(protocol.refused(error.reason, self.match.version))
                continue
            if isinstance(message, Hello):
                reason = Problem.of("net.hello_again", "this connection has already said hello")
            elif isinstance(message, protocol.Ping):
                await connection.send(protocol.pong())
                continue
            elif client.viewer is None:
                reason = Problem.of("net.watching", "a watcher cannot act")
            else:
                reason = await self.act(client.viewer, message)
            if reason is not None:
                await connection.send(protocol.refused(reason, self.match.version))


class _Refused(Exception):
    def __init__(self, close: Close, reason: Problem) -> None:
        super().__init__(reason.english)
        self.close, self.reason = close, reason


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


async def serve_table(table: Table, host: str, port: int, origins: Sequence[str] | None = None) -> Server:
    """Start serving `table` at host:port (port 0: a free one); `origins` limits which web pages may
    connect (None: any, e.g. the pygame client and scripts, which send no Origin)."""
    server = await serve(table.handle, host, port, max_size=MAX_SIZE, compression=None, origins=origins,
                         server_header=None, ping_interval=10, ping_timeout=20, open_timeout=10)
    table.wake_bots()
    return server


async def serve_until_stopped(table: Table, host: str, port: int, origins: Sequence[str] | None = None,
                              announce: Callable[[str, int], None] = lambda host, port: None) -> None:
    """Serve `table` until Ctrl-C (or SIGTERM), then close every connection as going away (1001) and
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
        server = await serve_table(table, host, port, origins)
        try:
            bound_host, bound_port = server.sockets[0].getsockname()[:2]
            announce(bound_host, bound_port)
            await stop.wait()
        finally:
            server.close()
            await asyncio.shield(server.wait_closed())
    finally:
        table.close()
        for signum in handled:
            loop.remove_signal_handler(signum)
