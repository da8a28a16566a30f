"""Devices for the network tests: websockets' asyncio client on loopback, and one scripted policy
that the devices and a local game both follow, so a game over the network can be compared with the
same game played through the match directly."""

from __future__ import annotations

import asyncio
import random
import json
from contextlib import asynccontextmanager

from websockets.asyncio.client import ClientConnection, connect

from game.content import load_scenario
from game.core import Action, ActionKind
from game.match import Match, TurnDriver
from game.net.protocol import MAX_MESSAGE, legal_wire
from game.net.server import Table, new_table, serve_table

WAIT = 60.0  # seconds: generous, for a loaded 2-core machine; reached only when a test fails

# Malformed messages, each with the refusal key the server must answer it with (the refusal tests send
# them one by one; bench/net_load.py sends a million of them).
MALFORMED = [
    ("not json", "net.not_json"),
    ("[1, 2]", "net.not_object"),
    ('{"v": 2, "type": "ping"}', "net.version"),
    ('{"v": true, "type": "ping"}', "net.version"),
    ('{"v": 1, "type": "dance"}', "net.unknown_type"),
    ('{"v": 1, "type": ["ping"]}', "net.unknown_type"),
    ('{"v": 1, "type": "act", "kind": "sit_in"}', "net.missing_field"),
    ('{"v": 1, "type": "act", "kind": "sit_in", "expected_version": 0, "seat": 1}', "net.unknown_field"),
    ('{"v": 1, "type": "act", "kind": "sit_in", "expected_version": "0"}', "net.not_whole"),
    ('{"v": 1, "type": "act", "kind": "sit_in", "expected_version": true}', "net.not_whole"),
    ('{"v": 1, "type": "act", "kind": "bet", "amount": 1e9, "expected_version": 0}', "net.not_whole"),
    ('{"v": 1, "type": "act", "kind": "bet", "amount": NaN, "expected_version": 0}', "net.not_a_number"),
    ('{"v": 1, "type": "act", "kind": "bet", "expected_version": 0}', "net.missing_amount"),
    ('{"v": 1, "type": "act", "kind": "sit_in", "amount": 5, "expected_version": 0}', "net.takes_no_amount"),
    ('{"v": 1, "type": "act", "kind": "steal", "expected_version": 0}', "net.unknown_action"),
    ('{"v": 1, "type": "act", "kind": ["fold"], "expected_version": 0}', "net.unknown_action"),
    ('{"v": 1, "type": "ping", "type": "ping"}', "net.duplicate_field"),
    ('{"v": 1, "type": "hello", "code": "X", "team": "A", "watch": true}', "net.hello_way"),
    ('{"v": 1, "type": "hello", "code": "X", "team": "\\u0007"}', "net.bad_team_name"),
    ('{"v": 1, "type": "hello", "code": "X", "watch": false}', "net.watch_not_true"),
    ('{"v": 1, "type": "hello", "code": "X", "team": "A", "pin": "12a4"}', "net.pin_format"),
    ('{"v": 1, "type": "hello", "code": "X", "watch": true, "pin": "1234"}', "net.pin_format"),
    ('{"v": 1, "type": "hello", "code": 7, "watch": true}', "net.not_text_field"),
    ('{"v": 1, "type": "hello", "code": "X", "team": "' + "x" * 25 + '"}', "net.wrong_length"),
    ("x" * (MAX_MESSAGE + 1), "net.too_long"),
    ("[" * (MAX_MESSAGE // 2) + "]" * (MAX_MESSAGE // 2), "net.too_deep"),  # json's decoder recursed out of it
    ('{"v": 1, "type": "ping", "x": ' + "[" * 1500, "net.too_deep"),  # unclosed: recursion comes first
    (b'{"v": 1, "type": "ping"}', "net.not_text"),
    ('{"v": 1, "type": "act", "kind": "check", "expected_version": ', "net.not_json"),
    ('"hello"', "net.not_object"),
    ('{"type": "ping"}', "net.version"),
    ('{"v": 1, "type": {"a": 1}}', "net.unknown_type"),
    ('{"v": 1, "type": "act", "kind": "bet", "amount": -Infinity, "expected_version": 0}', "net.not_a_number"),
    ("[" * 1000 + "]" * 1000, "net.too_deep"),
    (bytes(random.Random(7).randrange(256) for _ in range(300)), "net.not_text"),
    ("\x00\x01\x02", "net.not_json"),
    ("{" + "".join(f'"k{i}": {i}, ' for i in range(150)) + '"v": 1}', "net.unknown_type"),
]


def choose(legal: dict, version: int) -> dict:
    """The scripted team: sits in, mostly checks or calls, raises the minimum now and then."""
    kinds = legal["kinds"]
    if "sit_in" in kinds:
        return {"kind": "sit_in"}
    if "raise" in kinds and version % 7 == 0:
        return {"kind": "raise", "amount": legal["ranges"]["raise"][0]}
    for kind in ("check", "call", "fold", "sit_out", "all_in"):
        if kind in kinds:
            return {"kind": kind}
    raise AssertionError(f"no action for {kinds}")


def as_action(choice: dict) -> Action:
    return Action(ActionKind(choice["kind"]), choice.get("amount"))


def play_locally(match: Match, driver: TurnDriver | None = None, stop=lambda match: False) -> list[Action]:
    """Play `match` with the scripted policy for every seat that is not a bot; the actions applied."""
    played = []
    while not match.is_over and not stop(match):
        if driver is not None and driver.bot_to_act:
            played.append(driver.step().submitted.action)
            continue
        action = as_action(choose(legal_wire(match.legal()), match.version))
        match.submit(match.to_act, action, match.version)
        played.append(action)
    return played


def table_of(seats: list[str], seed: int, scenario: str = "classic", **options) -> Table:
    return new_table(load_scenario(scenario), seats, seed, time_limit=None, **options)


@asynccontextmanager
async def serving(table: Table):
    server = await serve_table(table, "127.0.0.1", 0)
    try:
        yield f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/ws"
    finally:
        server.close()
        await server.wait_closed()
        table.close()


class Device:
    """One phone or laptop: its connection, its welcome, and every message it received."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.welcome: dict | None = None
        self.received: list[str] = []
        self.latest: dict | None = None  # the last snapshot received

    @classmethod
    async def join(cls, url: str, code: str | None, **way) -> Device:
        """Connect and say hello (team=…, token=…, watch=True, or host=… with no code); the welcome is awaited."""
        device = cls(await connect(url, proxy=None, max_size=2**23))
        await device.send(type="hello", **({} if code is None else {"code": code}), **way)
        device.welcome = await device.next("welcome")
        return device

    async def send(self, **fields) -> None:
        await self.connection.send(json.dumps({"v": 1, **fields}))

    async def next(self, *types: str) -> dict:
        """The next message of one of `types` (the others are kept in `received` too)."""
        async with asyncio.timeout(WAIT):
            while True:
                text = await self.connection.recv()
                self.received.append(text)
                message = json.loads(text)
                if message["type"] == "snapshot":
                    self.latest = message
                if message["type"] in types:
                    return message

    async def snapshot_where(self, condition) -> dict:
        """The latest snapshot, if it meets `condition`, else the first one received that does."""
        message = self.latest
        while message is None or not condition(message):
            message = await self.next("snapshot")
        return message

    async def snapshot_at(self, version: int) -> dict:
        """The latest snapshot if it is of `version` or later, else the first one received that is."""
        return await self.snapshot_where(lambda message: message["version"] >= version)

    async def close(self) -> None:
        await self.connection.close()
