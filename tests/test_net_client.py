"""The pygame client at a network table (issue 12): a real table server on loopback in a thread of this
process, the window headless (dummy driver) driven by posted clicks and keys through the title, the
join screen and the very table scene a local game uses."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time

import pygame
import pytest

from client_support import close_app, docs_app
from game.client.scenes.join import JoinScene
from game.client.scenes.remote_seat import RemoteSeat
from game.client.scenes.table import TableScene
from game.client.scenes.title import TitleScene
from game.client.settings import Settings, seat_token
from game.content import load_scenario
from game.core import check, new_game, observe, sit_in
from game.core.codec import legal_from_doc, observation_from_doc
from game.core.legal import legal_actions
from game.core import apply_action
from game.net.client import NetClient, Snapshot, ws_url
from game.net.protocol import legal_wire, view_wire
from menu_support import click, pump, type_into
from net_support import table_of
from game.net.server import serve_table

WAIT = 20.0  # seconds; reached only when a test fails


class Served:
    """A table server on 127.0.0.1, a free port, on its own thread and event loop."""

    def __init__(self, seats: list[str], seed: int = 11) -> None:
        self.table = table_of(seats, seed)
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def serve() -> None:
            self.server = await serve_table(self.table, "127.0.0.1", 0)
            ready.set()
            await self.server.wait_closed()

        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(serve(),), daemon=True)
        self.thread.start()
        assert ready.wait(WAIT)
        self.address = f"127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    def call(self, function) -> None:
        """Run `function` on the server's loop (a coroutine function is awaited) and wait for it."""
        async def run():
            result = function()
            if asyncio.iscoroutine(result):
                await result
        asyncio.run_coroutine_threadsafe(run(), self.loop).result(WAIT)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)
        self.thread.join(WAIT)
        self.table.close()


@pytest.fixture
def served():
    servers = []

    def start(seats: list[str], seed: int = 11) -> Served:
        servers.append(Served(seats, seed))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()
    if pygame.display.get_surface() is not None:  # clicks moved the mouse: a later test's hover must not meet it
        pygame.mouse.set_pos((0, 0))


def until(app, condition, what: str) -> None:
    """Turn the app's real loop until `condition()` holds."""
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        app.step()
        time.sleep(0.005)


def join_from_title(app, address: str, code: str, team: str) -> None:
    click(app, app.scene.buttons["join_table"])
    scene = app.scene
    assert isinstance(scene, JoinScene)
    type_into(app, scene.entries["address"], address)
    type_into(app, scene.entries["code"], code)
    type_into(app, scene.entries["team"], team)
    if os.environ.get("TABLE_STAKES_SCREENSHOT_DIR") and team == "Blue":
        app.screenshot("net_join.png")
    click(app, scene.buttons["join"])


def at_table(app) -> TableScene | None:
    scene = app.scene
    return scene if isinstance(scene, TableScene) and isinstance(scene.session, RemoteSeat) else None


def play(app, rounds: int) -> list:
    """Click this seat's buttons as a person would (sit in, then check or call) for `rounds` decisions."""
    pressed = []
    for _ in range(rounds):
        until(app, lambda: at_table(app) is not None and at_table(app).buttons, "this seat's turn")
        scene = at_table(app)
        version = scene.session.version
        name = next(name for name in ("sit_in", "check_call", "sit_out") if name in scene.buttons)
        click(app, scene.buttons[name])
        pressed.append(name)
        until(app, lambda seat=scene.session, seen=version: seat.version > seen, "the server to take the action")
    return pressed


def test_a_snapshot_reads_back_as_the_observation_and_legal_actions_of_the_local_game():
    scenario = load_scenario("classic")
    state = new_game(scenario, ["atlas", "borealis", "cygnus"], 3)
    for action in (sit_in(), sit_in(), sit_in()):
        state = apply_action(state, action).state
    view, legal = observe(state, state.to_act), legal_actions(state)
    assert observation_from_doc(json.loads(json.dumps(view_wire(view))), scenario) == view
    again = legal_from_doc(json.loads(json.dumps(legal_wire(legal))))
    assert again._replace(why_no_raise="") == legal._replace(why_no_raise="")
    assert again.no_raise_reason.key == legal.no_raise_reason.key == "refusal.no_bet_to_raise"


def test_an_address_is_read_as_a_person_types_it():
    assert ws_url("192.168.1.20:8765") == "ws://192.168.1.20:8765/ws"
    assert ws_url(" 192.168.1.20 ") == "ws://192.168.1.20:8765/ws"
    assert ws_url("http://10.0.0.5:9000/") == "ws://10.0.0.5:9000/ws"
    with pytest.raises(ValueError):
        ws_url("not an address")


def test_a_team_joins_from_the_title_plays_its_turns_at_the_table_scene_and_sees_only_its_cards(home, served):
    server = served(["open", "steady", "random"])
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, server.table.code.lower(), "Blue")
    until(app, lambda: at_table(app) is not None, "the table")
    scene = at_table(app)
    seat = scene.session
    assert seat.seat == 0 and [player.name for player in seat.players] == ["Blue", "steady", "random"]
    pressed = play(app, 4)
    assert pressed[0] == "sit_in"
    kinds = [entry.action.kind for entry in server.table.match.state.log if entry.seat == 0][:len(pressed)]
    assert all(kind == "sit_in" if name == "sit_in" else kind in ("check", "call")
               for name, kind in zip(pressed, kinds, strict=True))
    until(app, lambda: seat.version == server.table.match.version, "the latest view")
    shown = scene.observation()
    assert shown == server.table.match.view(0)  # this seat's view, exactly: its own cards, nobody else's
    hands = server.table.match.state.hands
    assert shown.my_cards == hands[0] and not set(shown.my_cards) & {card for hand in hands[1:] for card in hand}
    assert scene.log and any("Blue" in line for line in scene.log)  # the steps' log lines, rebuilt from the views
    app.screenshot("net_join_table.png")
    assert seat_token(app.data_dir, server.address, server.table.code) == server.table.tokens[0]
    close_app(app)
    seat.leave()


def test_a_stale_action_is_refused_with_its_reason_on_the_table(home, served):
    server = served(["open", "steady"])
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, server.table.code, "Red")
    play(app, 2)
    until(app, lambda: at_table(app).buttons, "this seat's turn")
    scene = at_table(app)
    seat = scene.session
    version = server.table.match.version
    seat.client.act(check(), 0)  # chosen on a view long gone
    until(app, lambda: scene.message, "the refusal")
    assert "out of date" in scene.message and scene.message_label.text == scene.message
    assert server.table.match.version == version and scene.buttons  # nothing changed: still this seat's turn
    close_app(app)
    seat.leave()


def test_a_dropped_connection_says_reconnecting_and_comes_back_to_the_seat(home, served):
    server = served(["open", "steady"])
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, server.table.code, "Green")
    play(app, 1)
    scene = at_table(app)
    seat = scene.session
    seat.client.backoff = (0.6,)  # long enough to see the banner

    async def drop_everyone():
        for client in list(server.table.clients):
            await client.connection.close(1011)
    server.call(drop_everyone)
    until(app, lambda: scene.status_text() == "Connection lost: reconnecting…", "the banner")
    until(app, lambda: seat.status.connection == "connected" and scene.status_text() == "", "the seat again")
    assert len(server.table.clients) == 1 and seat.seat == 0
    play(app, 1)  # and it plays on
    close_app(app)
    seat.leave()


def test_a_restarted_client_returns_to_its_seat_with_the_remembered_token(home, served):
    server = served(["open", "steady"])
    first = docs_app(home)
    first.push(TitleScene(first))
    pump(first)
    join_from_title(first, server.address, server.table.code, "Violet")
    play(first, 1)
    at_table(first).session.leave()
    close_app(first)

    saved, _ = Settings.load(home)  # as the game starts: with the settings the first run saved
    again = docs_app(home, join_address=saved.join_address, team_name=saved.team_name)
    again.push(TitleScene(again))
    pump(again)
    click(again, again.scene.buttons["join_table"])
    scene = again.scene
    assert scene.entries["address"].get_text() == server.address and scene.entries["team"].get_text() == "Violet"
    type_into(again, scene.entries["team"], "")
    type_into(again, scene.entries["code"], server.table.code)
    click(again, scene.buttons["join"])
    until(again, lambda: at_table(again) is not None, "the seat")
    assert at_table(again).session.seat == 0 and server.table.teams == ["Violet", "steady"]
    at_table(again).session.leave()
    close_app(again)


def test_a_wrong_join_code_is_said_in_the_players_language(home, served):
    server = served(["open", "steady"])
    app = docs_app(home, language="de")
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, "ZZZZZZ", "Blau")
    until(app, lambda: app.scene.client is None and "Beitrittscode" in app.scene.note, "the refusal")
    assert app.scene.note.startswith("Kein Tisch hat diesen Beitrittscode")
    close_app(app)


def test_the_frame_loop_never_waits_for_a_slow_server(home, served):
    server = served(["open", "steady"])
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, server.table.code, "Orange")
    until(app, lambda: at_table(app) is not None and at_table(app).buttons, "this seat's turn")
    scene = at_table(app)
    server.loop.call_soon_threadsafe(time.sleep, 1.0)  # the server stalls for a second
    click(app, scene.buttons["sit_in"], steps=1)
    slowest, frames, started = 0.0, 0, time.monotonic()
    while time.monotonic() - started < 0.8:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(frames % 400, 300), rel=(1, 0),
                                             buttons=(0, 0, 0)))
        begun = time.perf_counter()
        app.step()
        slowest = max(slowest, time.perf_counter() - begun)
        frames += 1
    assert scene.session.version == 0  # the answer is still on its way …
    assert frames > 20 and slowest < 0.25  # … and the window kept drawing (a blocked loop would take 1 s)
    until(app, lambda: scene.session.version > 0, "the answer")
    close_app(app)
    scene.session.leave()


def test_the_client_thread_reconnects_with_its_token_and_stops_when_closed(served):
    server = served(["open", "open"])
    client = NetClient(f"ws://{server.address}/ws", {"code": server.table.code, "team": "Teal"},
                       backoff=(0.05,)).start()
    deadline = time.monotonic() + WAIT
    while not any(isinstance(message, Snapshot) for message in client.drain()):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    client.drop()
    while len(server.table.clients) != 1 or client.welcome is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    while True:  # the second hello said the token: still one team, seat 0
        arrived = client.drain()
        if any(isinstance(message, Snapshot) for message in arrived):
            break
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert server.table.teams == ["Teal", None]
    client.close()
    assert not client.alive
