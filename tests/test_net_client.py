"""The pygame client at a network table (issue 12): a real table server on loopback in a thread of this
process, the window headless (dummy driver) driven by posted clicks and keys through the title, the
join screen and the very table scene a local game uses; and the window as the host: the setup, the
projector (the public view, the address, join code and QR code) and the teacher panel, checked against
the server and against devices that join it with websockets' own client."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import threading
import time

import pygame
import pytest
import segno
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from client_support import close_app, docs_app
from game.client.scenes.host import HostSetupScene, ProjectorScene, StopHostingScene, TeacherPanelScene
from game.client.scenes.join import JoinScene
from game.client.scenes.net_over import NetGameOverScene
from game.client.scenes.remote_seat import RemoteSeat, steps_between
from game.client.scenes.table import TableScene
from game.client.scenes.title import TitleScene
from game.client.scene import ContinueScene
from game.client.scenes.showdown import ShowdownScene
from game.client.scenes.year_summary import YearSummaryScene
from game.client.settings import Settings, seat_token
from game.content import load_scenario
from game.content.text import money
from game.match import Match
from game.core import Action, ActionKind, check, new_game, observe, sit_in
from game.core import events as ev
from game.core.codec import legal_from_doc, observation_from_doc
from game.core.legal import legal_actions
from game.core import apply_action
from game.net.client import NetClient, Snapshot, ws_url
from game.net.protocol import legal_wire, view_wire
from menu_support import choose, click, press, pump, type_into
from net_support import as_action, table_of
from net_support import choose as choose_for
from game.net.server import Host, serve_host

WAIT = 20.0  # seconds; reached only when a test fails


class Served:
    """A host of one table on 127.0.0.1, a free port, on its own thread and event loop."""

    def __init__(self, seats: list[str], seed: int = 11, scenario: str = "classic") -> None:
        self.table = table_of(seats, seed, scenario)
        self.host = Host()
        self.host.add(self.table)
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def serve() -> None:
            self.server = await serve_host(self.host, "127.0.0.1", 0)
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

    def teacher(self) -> NetClient:
        """A host-role connection, as the teacher's panel has."""
        return NetClient(f"ws://{self.address}/ws", {"host": self.host.token}).start()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)
        self.thread.join(WAIT)
        self.host.close()


@pytest.fixture
def served():
    servers = []

    def start(seats: list[str], seed: int = 11, scenario: str = "classic") -> Served:
        servers.append(Served(seats, seed, scenario))
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


def reading(app, closed: list) -> bool:
    """Close a showdown or year summary as a player would, kept in `closed`; always False."""
    if isinstance(app.scene, ContinueScene):
        closed.append(app.scene)
        click(app, app.scene.next_button)
    return False


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
    assert "out of date" in scene.message
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


# --------------------------------------------------------------------------- what a seat is told

def test_a_waiting_table_a_seat_handed_to_a_bot_and_the_debrief_are_said_at_the_table(home, served):
    server = served(["open", "open", "steady"], seed=5, scenario="classroom-45")
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, server.table.code, "Blue")
    until(app, lambda: at_table(app) is not None, "the table")
    scene = at_table(app)
    until(app, lambda: scene.status_text() == "Waiting for teams: 2 of 3 seats taken (or for the host to start)",
          "the waiting banner")
    assert not scene.buttons  # nothing can be played yet
    app.screenshot("net_join_waiting.png")
    red = NetClient(f"ws://{server.address}/ws", {"code": server.table.code, "team": "Red"}).start()  # never acts
    until(app, lambda: scene.session.status.table == "playing", "the start once every open seat has its team")
    assert [player.name for player in scene.session.players] == ["Blue", "Red", "steady"]
    assert [player.bot for player in scene.session.players] == [None, None, "steady"]  # the bot is marked
    teacher = server.teacher()
    until(app, lambda: teacher.control("replace", table=server.table.code, seat=0, bot="steady"), "the teacher")
    until(app, lambda: scene.status_text().startswith("A bot plays your seat now"), "the hand-over")
    assert scene.session.players[0].name == "Blue (a bot plays)" and not scene.buttons
    teacher.control("replace", table=server.table.code, seat=1, bot="steady")  # and the bots play to the end
    until(app, lambda: reading(app, []) or isinstance(app.scene, NetGameOverScene),
          "the bots to finish the game and the debrief")
    over = app.scene
    assert [row["team"] for row in over.rows] == [
        ["Blue", "Red", "steady"][standing.seat] for standing in server.table.match.standings()]
    assert server.table.match.is_over and len(over.years) == 3  # classroom-45 plays three years
    assert len(over.year_rows) == 3 + 3  # three firms' net worth a year, then the table's three rows
    app.screenshot("net_game_over.png")
    click(app, over.leave_button)
    assert isinstance(app.scene, TitleScene) and not over.view.my_cards  # the public view, left for the title
    teacher.close()
    red.close()
    close_app(app)


def test_a_network_seat_reads_the_year_summary_between_years_as_a_local_game_shows_it(home, served):
    server = served(["open", "steady"], seed=3)
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, server.table.code, "Blue")
    until(app, lambda: at_table(app) is not None, "the table")
    seen: list = []
    deadline = time.monotonic() + WAIT
    while not any(isinstance(scene, YearSummaryScene) for scene in seen):
        assert time.monotonic() < deadline, "the first year did not end"
        scene = app.scene
        if isinstance(scene, ContinueScene):
            seen.append(scene)
            if isinstance(scene, YearSummaryScene):
                break
            click(app, scene.next_button)
        elif at_table(app) is not None and at_table(app).buttons:
            name = next(name for name in ("sit_in", "check_call", "sit_out") if name in at_table(app).buttons)
            click(app, at_table(app).buttons[name])
        else:
            app.step()
            time.sleep(0.005)
    summary = seen[-1]
    first = server.table.match.view(None).scenario.first_year
    assert summary.year == first
    lots = {(firm.seat, lot.vendor): lot.cost for firm in server.table.match.view(None).firms for lot in firm.lots
            if lot.year == first}
    assert {(row["seat"], row["vendor"]): row["cost"] for row in summary.rows} == lots  # the chips each firm bought
    assert summary.vendor_take == server.table.match.view(None).vendor_take_by_year[0]
    app.screenshot("net_join_year_summary.png")
    click(app, summary.next_button)
    until(app, lambda: at_table(app) is not None, "the table again")
    seat = at_table(app).session
    close_app(app)
    seat.leave()


def test_a_refusal_is_said_in_the_players_language_with_its_values(home, served):
    server = served(["open", "steady"])
    app = docs_app(home, language="de")
    app.push(TitleScene(app))
    pump(app)
    join_from_title(app, server.address, server.table.code, "Blau")
    until(app, lambda: at_table(app) is not None and at_table(app).buttons, "this seat's turn")
    scene = at_table(app)
    scene.session.client.act(Action(ActionKind.RAISE_FUNDS, 10 ** 9), scene.session.version)
    until(app, lambda: scene.message, "the refusal")
    most = server.table.match.legal().raise_funds_max
    assert money(most, "de") in scene.message and money(10 ** 9, "de") in scene.message
    assert "investors" not in scene.message  # German, not the server's English
    close_app(app)
    scene.session.leave()


def test_a_year_s_end_is_rebuilt_from_the_views_as_the_local_game_s_events():
    scenario = load_scenario("classic")
    match = Match(new_game(scenario, ["atlas", "borealis", "cygnus"], 3), ["A", "B", "C"])
    played: list = []
    first_year = match.view(None).year
    while match.view(None).year == first_year:
        before = match.view(None)  # the view a device had before the year's last action
        choice = choose_for(legal_wire(match.legal()), match.version)
        played += match.submit(match.to_act, as_action(choice), match.version).events
    after = match.view(None)
    rebuilt = [event for step in steps_between(before, after, match.version, (False,) * 3) for event in step.events]

    def of(kind, events):
        return [event for event in events if isinstance(event, kind)]
    shown = of(ev.CardsShown, played)
    assert shown and of(ev.CardsShown, rebuilt) == shown  # the cards and the capability's breakdown, exactly
    assert of(ev.YearEnded, rebuilt) == of(ev.YearEnded, played)
    merged: dict = {}
    for event in of(ev.ChipsBought, played):  # a lot merges a year's purchases per vendor
        h100e, cost = merged.get((event.seat, event.vendor), (0.0, 0))
        merged[event.seat, event.vendor] = (h100e + event.h100e, cost + event.cost)
    merged = {key: (pytest.approx(h100e), cost) for key, (h100e, cost) in merged.items()}
    assert {(event.seat, event.vendor): (event.h100e, event.cost) for event in of(ev.ChipsBought, rebuilt)} == merged
    won = {}
    for pot in of(ev.PotAwarded, played):
        for seat, share in zip(pot.winners, pot.shares, strict=True):
            won[seat] = won.get(seat, 0) + share
    (paid,) = of(ev.PotAwarded, rebuilt)  # one line for every pot: a view has each firm's winnings only
    assert dict(zip(paid.winners, paid.shares, strict=True)) == won
    kinds = [type(event) for event in rebuilt]
    assert kinds.index(ev.YearEnded) < kinds.index(ev.YearStarted)  # the old year ends before the new one starts


# --------------------------------------------------------------------------- hosting from the title screen

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def host_from_title(app, seats: list[str], port: int, bind: str = "127.0.0.1", **menus: str) -> None:
    """Title → Host a table → the seats, where to listen and `menus` (name → option), chosen in the
    menus → Start hosting."""
    click(app, app.scene.buttons["host_table"])
    setup = app.scene
    assert isinstance(setup, HostSetupScene)
    choose(app, setup.menus["seat_count"], str(len(seats)))
    for seat, kind in enumerate(seats):
        if app.scene.menus[f"seat_{seat}"].selected_option[1] != kind:
            choose(app, app.scene.menus[f"seat_{seat}"], kind)
    choose(app, app.scene.menus["listen"], bind)
    for name, option in menus.items():
        choose(app, app.scene.menus[name], option)
    type_into(app, app.scene.port_entry, str(port))
    if os.environ.get("TABLE_STAKES_SCREENSHOT_DIR") and app.size == (1280, 720) and app.settings.language == "en":
        app.screenshot("net_host_setup.png")
    click(app, app.scene.buttons["start"])


def device_messages(connection, condition, what: str) -> dict:
    """Read a sync websockets connection until a message meets `condition`."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        message = json.loads(connection.recv(timeout=WAIT))
        if condition(message):
            return message
    raise AssertionError(f"timed out waiting for {what}")


def turn(app, seconds: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        app.step()
        time.sleep(0.005)


def test_hosting_from_the_title_serves_a_table_that_a_device_joins_with_the_code_and_the_qr_on_the_projector(home):
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    port = free_port()
    host_from_title(app, ["open", "steady", "random"], port, timer="30", on_timeout="bot")
    projector = app.scene
    assert isinstance(projector, ProjectorScene) and projector.running.port == port
    assert projector.url == projector.running.urls[0] == f"http://127.0.0.1:{port}/"
    code = projector.code
    assert list(projector.host.tables) == [code]
    until(app, lambda: projector.table.snapshot is not None, "the projected table")
    assert projector.qr_url == f"{projector.url}#join={code}"
    assert projector.qr_matrix == tuple(tuple(row) for row in segno.make(projector.qr_url).matrix)
    assert projector.qr_image.get_width() >= 300  # big enough to scan from the back of a classroom

    with connect(f"ws://127.0.0.1:{port}/ws", proxy=None) as phone:
        phone.send(json.dumps({"v": 1, "type": "hello", "code": code.lower(), "team": "Ada"}))
        welcome = device_messages(phone, lambda message: message["type"] == "welcome", "the welcome")
        assert welcome["seat"] == 0
        first = device_messages(phone, lambda message: message["type"] == "snapshot" and message["legal"], "a turn")
        table = projector.host.tables[code]
        assert (table.timer, table.on_timeout) == (30, "bot")
        until(app, lambda: re.fullmatch(r"Ada is thinking… \d+ s left", projector.banner_text()), "the countdown")
        phone.send(json.dumps({"v": 1, "type": "act", "kind": "sit_in", "expected_version": first["version"]}))
        until(app, lambda: table.match.version > first["version"] and table.match.to_act == 0
              and projector.table.snapshot.version == table.match.version,
              "the projector to catch up with the bots, at Ada's turn again")
        shown = projector.table.snapshot.observation
        assert shown == table.match.view(None) and shown.my_cards == ()  # the public view: no cards on the projector
        assert any("Ada" in line for line in projector.table.log)  # who did what, in the projector's log
        app.screenshot("net_host_projector.png")
        press(app, pygame.K_ESCAPE)
        assert isinstance(app.scene, StopHostingScene)  # leaving asks first
        click(app, app.scene.buttons["stop"])
        assert isinstance(app.scene, TitleScene)
        with pytest.raises(ConnectionClosed):  # the server closed every connection as it stopped …
            while True:
                phone.recv(timeout=WAIT)
    with pytest.raises(OSError):  # … and no longer listens
        connect(f"ws://127.0.0.1:{port}/ws", proxy=None, open_timeout=2)
    close_app(app)


def test_the_projector_shows_the_showdown_and_the_year_in_numbers_when_a_year_ends(home):
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    port = free_port()
    host_from_title(app, ["open", "steady"], port)
    projector = app.scene
    until(app, lambda: projector.table.snapshot is not None, "the projected table")
    first_year = projector.table.snapshot.observation.year
    with connect(f"ws://127.0.0.1:{port}/ws", proxy=None) as phone:
        phone.send(json.dumps({"v": 1, "type": "hello", "code": projector.code, "team": "Ada"}))
        while True:  # Ada plays the first year as the scripted team does, at a person's pace
            message = device_messages(phone, lambda message: message["type"] == "snapshot"
                                      and (message["legal"] or message["view"]["year"] > first_year), "a turn")
            if message["view"]["year"] > first_year:
                break
            phone.send(json.dumps({"v": 1, "type": "act", "expected_version": message["version"],
                                   **choose_for(message["legal"], message["version"])}))
            app.step()
        shown = []
        until(app, lambda: isinstance(app.scene, YearSummaryScene) or reading(app, shown), "the year's end")
    summary = app.scene
    assert summary.year == first_year and summary.rows  # the chips the firms bought that year
    assert all(isinstance(scene, ShowdownScene) for scene in shown)  # a showdown, if there was one, came first
    click(app, summary.next_button)
    assert app.scene is projector
    projector.stop()
    close_app(app)


def test_the_teacher_panel_starts_pauses_hands_a_seat_to_a_bot_and_back_and_ends_the_game_on_the_server(home):
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    port = free_port()
    host_from_title(app, ["open", "open"], port, tables="2")
    projector = app.scene
    code, other = list(projector.host.tables)
    table = projector.host.tables[code]
    with connect(f"ws://127.0.0.1:{port}/ws", proxy=None) as phone:
        phone.send(json.dumps({"v": 1, "type": "hello", "code": code, "team": "Ada"}))
        device_messages(phone, lambda message: message["type"] == "snapshot", "the waiting table")
        until(app, lambda: projector.lobby is not None and projector.lobby.tables[0]["teams"][0] == "Ada", "the lobby")
        until(app, lambda: projector.banner_text().startswith("Waiting for teams: 1 of 2 seats taken"), "the banner")
        press(app, pygame.K_t)
        panel = app.scene
        assert isinstance(panel, TeacherPanelScene)
        click(app, panel.buttons[f"show:{other}"])  # the other table on the projector, then this one again
        until(app, lambda: projector.table.snapshot is not None and projector.table.snapshot.table.code == other,
              "the other table projected")
        click(app, panel.buttons[f"show:{code}"])
        until(app, lambda: projector.table.snapshot is not None and projector.table.snapshot.table.code == code,
              "this table projected")
        click(app, panel.buttons[f"start:{code}"])
        started = device_messages(phone, lambda message: message["type"] == "snapshot"
                                  and message["table"]["state"] == "playing", "the start")
        assert started["teams"] == ["Ada", "steady"] and table.state == "playing"
        until(app, lambda: panel.buttons[f"pause:{code}"].is_enabled, "the panel to show the game playing")
        app.screenshot("net_host_panel.png")
        click(app, panel.buttons[f"pause:{code}"])
        device_messages(phone, lambda message: message["type"] == "snapshot" and message["table"]["state"] == "paused",
                        "the pause on the device")
        until(app, lambda: projector.banner_text() == "Paused by the teacher", "the projector's banner")
        click(app, panel.buttons["replace:0"])
        device_messages(phone, lambda message: message["type"] == "snapshot"
                        and message["table"]["bots"] == [True, True], "a bot in Ada's seat")
        until(app, lambda: "restore:0" in panel.buttons, "the panel to offer Ada's seat back")
        click(app, panel.buttons["restore:0"])  # Ada's phone is back
        device_messages(phone, lambda message: message["type"] == "snapshot"
                        and message["table"]["bots"] == [False, True], "Ada playing again")
        click(app, panel.buttons[f"end:{code}"])
        assert table.state == "paused"  # one click only asks again
        click(app, panel.buttons[f"end:{code}"])
        debrief = device_messages(phone, lambda message: message["type"] == "debrief", "the debrief")
        assert debrief["names"] == ["Ada", "steady"]
        until(app, lambda: isinstance(app.scene, NetGameOverScene), "the debrief on the projector")
        click(app, app.scene.leave_button)
        assert app.scene is panel  # back to the panel over the projector
    projector.stop()
    close_app(app)


def test_a_port_that_is_taken_is_said_on_the_setup_screen(home):
    app = docs_app(home)
    app.push(TitleScene(app))
    pump(app)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        host_from_title(app, ["open", "steady"], port)
        setup = app.scene
        assert isinstance(setup, HostSetupScene)
        assert setup.note == f"Port {port} is taken: another program (or another Table Stakes) uses it. " \
            "Close it, or choose another port." and setup.note_label.text == setup.note
    close_app(app)


@pytest.mark.parametrize("size, language, banner, screenshot", [
    ((1920, 1080), "en", "Waiting for teams: 1 of 3 seats taken. Start from the teacher panel (T).",
     "net_host_projector_1080.png"),
    ((1280, 720), "de", "Warte auf Teams: 1 von 3 Plätzen vergeben. Starten Sie im Lehrkräfte-Panel (T).",
     "net_host_projector_de.png"),
])
def test_the_projector_fills_the_screen_in_the_teacher_s_language(home, size, language, banner, screenshot):
    app = docs_app(home, window_size=size, language=language)
    app.push(TitleScene(app))
    pump(app)
    host_from_title(app, ["open", "open", "steady"], free_port())
    projector = app.scene
    until(app, lambda: projector.table.snapshot is not None, "the projected table")
    assert projector.banner_text() == banner
    app.step()
    # the QR grows with the screen (drawn at the layout's size, then scaled with the whole frame)
    assert projector.qr_image.get_width() * app.ui_scale >= 300 * size[1] // 720
    app.screenshot(screenshot)
    projector.stop()
    close_app(app)
