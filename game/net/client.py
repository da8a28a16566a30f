"""A device's connection to a table server, for a window's frame loop (docs/network.md, network_next.md).

A daemon thread runs websockets' sync client: it says hello, reads every message, turns it into a
value here (a `Welcome` with the parsed scenario, a `Snapshot` with the core's `Observation` and
`LegalActions`, a `Refused`, a `Lobby`, a `Debrief`) and puts it on a queue. The frame loop takes
what has arrived with `drain()`, which never waits, and sends with `send()` / `act()` / `control()`
(the sync client's send is thread-safe). The thread reconnects by itself with a growing pause
(`BACKOFF`), and once a seat has its token it says hello with the token, so the seat comes back with
a fresh snapshot. A close the server means for good (a wrong join code, a full table, a released
seat…) ends the thread with a `Closed` saying why; the connection's state is `Status` messages.

Nothing here decides anything about the game: the server's match does. This module loads no pygame.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, NamedTuple

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from game.core import Action, CodecError, LegalActions, Observation, Problem, Scenario, TableStakesError, parse_scenario
from game.core.codec import legal_from_doc, observation_from_doc, problem_from_doc

PROTOCOL_VERSION = 1
DEFAULT_PORT = 8765
BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0)  # seconds before each reconnect attempt; the last repeats
OPEN_TIMEOUT = 5.0
MAX_SIZE = 2 ** 23  # a snapshot of eight seats late in a game is far smaller; the server bounds what it sends
# Close codes after which saying hello again cannot help (docs/network.md, network_next.md)
FINAL_CLOSES = {1008, 1009, 4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4010}
CLOSE_KEYS = {  # what each close means, for a client to say when the server's own reason has no text in its language
    1008: "net_close.flood", 1009: "net_close.too_big", 4000: "net_close.no_hello", 4001: "net_close.bad_code",
    4002: "net_close.bad_token", 4003: "net_close.table_full", 4004: "net_close.version", 4005: "net_close.name_taken",
    4006: "net_close.released", 4007: "net_close.bad_code", 4008: "net_close.too_many_joins",
    4009: "net_close.host_full", 4010: "net_close.host_token",
}


# --------------------------------------------------------------------------- what the queue carries

class Welcome(NamedTuple):
    role: str  # "seat", "watch" or "host"
    seat: int | None
    token: str | None
    table: str | None  # the join code (None for the host role)
    scenario: Scenario | None  # None for the host role


class TableState(NamedTuple):
    """The server's word on the table around the game (a snapshot's `table`)."""

    code: str
    state: str  # "waiting", "playing", "paused" or "over"
    connected: tuple[int, ...]  # devices connected per seat
    bots: tuple[bool, ...]
    timer: float | None  # the turn timer in seconds, None when off
    turn_left: float | None  # seconds left for the seat to act when the snapshot was sent


class Snapshot(NamedTuple):
    version: int
    teams: tuple[str | None, ...]
    observation: Observation
    legal: LegalActions | None  # only for the seat to act
    table: TableState | None  # None from a server that sends none
    received: float  # time.monotonic() when it arrived, for counting `turn_left` down


class Refused(NamedTuple):
    reason: Problem
    version: int


class Lobby(NamedTuple):
    """The host role's view of every table (network_next.md), as sent."""

    address: str
    tables: tuple[dict, ...]


class Debrief(NamedTuple):
    document: dict  # names, firm_years, years, total, standings (network_next.md)


class Status(NamedTuple):
    """The connection's state: "connecting", "connected" or "reconnecting" (then `attempt` and `delay`)."""

    state: str
    attempt: int = 0
    delay: float = 0.0


class Closed(NamedTuple):
    """The connection is over for good: `code` the close code (None: stopped by this side), `reason` the
    server's reason (its `error` message, else the close frame's text under the code's `CLOSE_KEYS` key)."""

    code: int | None
    reason: Problem | None


class Unreadable(NamedTuple):
    """A message from the server this client cannot read (a newer server, or a bug): kept apart, not shown."""

    problem: str


# --------------------------------------------------------------------------- reading the server's messages

def wire_problem(doc: Any) -> Problem:
    """A wire reason {"key", "text", "values"} as the `Problem` it was written from."""
    try:
        return problem_from_doc(doc)
    except CodecError:
        return Problem("", (), str(doc))  # no reason this client can read: said as the server wrote it


def table_state(doc: Any) -> TableState | None:
    if not isinstance(doc, dict):
        return None
    return TableState(str(doc.get("code", "")), str(doc.get("state", "playing")), tuple(doc.get("connected") or ()),
                      tuple(bool(bot) for bot in doc.get("bots") or ()), doc.get("timer"), doc.get("turn_left"))


def read_server_message(doc: dict, scenario: Scenario | None) -> Any:
    """The value for a message from the server; `scenario` is the one the connection's welcome gave."""
    kind = doc.get("type")
    if kind == "welcome":
        raw = doc.get("scenario")
        parsed = None if raw is None else parse_scenario(raw, "the table's scenario")
        return Welcome(doc.get("role") or ("watch" if doc.get("seat") is None else "seat"), doc.get("seat"),
                       doc.get("token"), doc.get("table"), parsed)
    if kind == "snapshot":
        if scenario is None:
            raise ValueError("a snapshot before the welcome's scenario")
        legal = doc.get("legal")
        return Snapshot(doc["version"], tuple(doc["teams"]), observation_from_doc(doc["view"], scenario, "view"),
                        None if legal is None else legal_from_doc(legal), table_state(doc.get("table")),
                        time.monotonic())
    if kind == "refused":
        return Refused(wire_problem(doc.get("reason")), doc.get("version", -1))
    if kind == "lobby":
        return Lobby(str(doc.get("address", "")), tuple(doc.get("tables") or ()))
    if kind == "debrief":
        return Debrief(doc)
    return None  # pong, error (read with the close), or a type this client does not know: nothing to show


# --------------------------------------------------------------------------- the connection

def ws_url(address: str) -> str:
    """The WebSocket URL for an address as a person types it: "192.168.1.20:8765", "host" (the
    default port), or a whole http:// or ws:// URL (the path becomes /ws)."""
    text = address.strip()
    for scheme in ("ws://", "wss://", "http://", "https://"):
        if text.lower().startswith(scheme):
            text = text[len(scheme):]
            break
    host = text.split("/", 1)[0]
    if not host or any(character.isspace() or character in "@?#" for character in host):
        raise ValueError(f"not an address: {address!r}")
    if ":" not in host.rsplit("]", 1)[-1]:
        host = f"{host}:{DEFAULT_PORT}"
    return f"ws://{host}/ws"


class NetClient:
    """One connection to a table server, kept up by its own thread. `hello` is the hello's fields
    without `v` and `type` (`code` and `team`; `code` and `token`; `code` and `watch`; or `host`).
    Call `start()`, then `drain()` every frame."""

    def __init__(self, url: str, hello: dict, *, backoff: tuple[float, ...] = BACKOFF,
                 open_timeout: float = OPEN_TIMEOUT, wake: Callable[[], None] = lambda: None) -> None:
        self.url = url
        self.wake = wake  # called on the thread after each value is queued (a window's loop may be asleep)
        self.hello = dict(hello)
        self.backoff = backoff
        self.open_timeout = open_timeout
        self.messages: queue.Queue = queue.Queue()
        self.welcome: Welcome | None = None
        self._scenario_doc: Any = None
        self._scenario: Scenario | None = None
        self._connection: ClientConnection | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"net-client {url}", daemon=True)

    def start(self) -> NetClient:
        self._thread.start()
        return self

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    # ----------------------------------------------------------------------- the frame loop's side

    def drain(self) -> list:
        """Every value that has arrived since the last call, oldest first; never waits."""
        arrived = []
        while True:
            try:
                arrived.append(self.messages.get_nowait())
            except queue.Empty:
                return arrived

    def send(self, message_type: str, /, **fields: Any) -> bool:
        """Send a message; False if there is no connection now (the caller shows it is reconnecting)."""
        text = json.dumps({"v": PROTOCOL_VERSION, "type": message_type, **fields}, ensure_ascii=False)
        with self._lock:
            connection = self._connection
        if connection is None:
            return False
        try:
            connection.send(text)
        except (ConnectionClosed, OSError):
            return False
        return True

    def act(self, action: Action, expected_version: int) -> bool:
        fields = {"kind": str(action.kind), "expected_version": expected_version}
        if action.amount is not None:
            fields["amount"] = action.amount
        return self.send("act", **fields)

    def control(self, do: str, **fields: Any) -> bool:
        """A host's control (network_next.md): start, pause, resume, timer, replace, release, end."""
        return self.send("control", do=do, **fields)

    def close(self, timeout: float = 3.0) -> None:
        """Close the connection and stop reconnecting; waits up to `timeout` for the thread."""
        self._stopping.set()
        with self._lock:
            connection = self._connection
        if connection is not None:
            connection.close()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def drop(self) -> None:
        """Close the current connection as a dropped network would (the thread reconnects): for tests."""
        with self._lock:
            connection = self._connection
        if connection is not None:
            connection.close()

    # ----------------------------------------------------------------------- the thread

    def _put(self, value: Any) -> None:
        self.messages.put(value)
        self.wake()

    def _run(self) -> None:
        attempt = 0
        self._put(Status("connecting"))
        while not self._stopping.is_set():
            closed = self._session()
            if self._stopping.is_set():
                break
            if closed is not None:
                self._put(closed)
                return
            delay = self.backoff[min(attempt, len(self.backoff) - 1)]
            attempt += 1
            self._put(Status("reconnecting", attempt, delay))
            if self._stopping.wait(delay):
                break
        self._put(Closed(None, None))

    def _hello(self) -> dict:
        """After a seat's welcome, its token: every later connection comes back to that seat."""
        if self.welcome is not None and self.welcome.token:
            return {"code": self.hello.get("code", self.welcome.table or ""), "token": self.welcome.token}
        return self.hello

    def _session(self) -> Closed | None:
        """One connection from its opening to its close: a `Closed` if the server closed it for good,
        None to reconnect."""
        try:
            # legacy: the connection itself, not websockets' own reconnecting iterator (this loop says a new hello)
            connection = connect(self.url, proxy=None, open_timeout=self.open_timeout, max_size=MAX_SIZE,
                                 compression=None, ping_interval=10, ping_timeout=5, legacy=True)
        except InvalidURI:  # `ws_url` makes valid ones: this is a caller's bug, and retrying cannot help
            return Closed(None, None)
        except (OSError, TimeoutError, InvalidHandshake):
            return None  # nobody answers yet (the host is starting, the Wi-Fi is back soon): try again
        error_reason: Problem | None = None
        with self._lock:
            self._connection = connection
        if self._stopping.is_set():  # closed while it was connecting
            connection.close()
        try:
            connection.send(json.dumps({"v": PROTOCOL_VERSION, "type": "hello", **self._hello()}))
            self._put(Status("connected"))
            for text in connection:
                error_reason = self._deliver(text) or error_reason
        except ConnectionClosed:
            pass
        except (OSError, TimeoutError):
            connection.close()
        finally:
            with self._lock:
                self._connection = None
        code = connection.close_code
        if code in FINAL_CLOSES:
            return Closed(code, error_reason or Problem(CLOSE_KEYS[code], (), connection.close_reason or str(code)))
        return None

    def _deliver(self, text: str) -> Problem | None:
        """Queue the value of a message; an `error` message's reason is returned instead (the close that
        follows says it again, without the key)."""
        try:
            doc = json.loads(text)
            if doc.get("type") == "error":
                return wire_problem(doc.get("reason"))
            if doc.get("type") == "welcome" and doc.get("scenario") == self._scenario_doc:
                doc = {**doc, "scenario": None}  # the same scenario again (a reconnect): keep the one parsed
                value = read_server_message(doc, None)._replace(scenario=self._scenario)
            else:
                value = read_server_message(doc, self._scenario)
        except (TableStakesError, ValueError, KeyError, TypeError, AttributeError) as error:
            self._put(Unreadable(f"{text[:80]!r}: {error}"))
            return None
        if isinstance(value, Welcome):
            self.welcome = value
            self._scenario_doc, self._scenario = json.loads(text).get("scenario"), value.scenario
        if value is not None:
            self._put(value)
        return None


__all__ = [
    "BACKOFF", "CLOSE_KEYS", "Closed", "DEFAULT_PORT", "Debrief", "FINAL_CLOSES", "Lobby", "NetClient", "Refused",
    "Snapshot", "Status", "TableState", "Unreadable", "Welcome", "read_server_message", "table_state", "wire_problem",
    "ws_url",
]
