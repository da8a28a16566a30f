"""One host, several tables, and the teacher's controls (DESIGN.md §7): a table waits for its teams
or the teacher's start; pause, turn timer, replacing a seat by a bot, handing a seat to another
device and ending the game do what they say; a seat whose device is gone keeps its turn for a grace
period and then the server acts for it; every device gets the debrief at the end; the browser
client's files come from the same port; failed joins and too many connections are refused."""

from __future__ import annotations

import asyncio
import io
import urllib.error
import urllib.request
from contextlib import asynccontextmanager

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from game.content import load_scenario
from game.net import server as server_module
from game.net.protocol import Close
from game.net.server import Host, new_table, passive_action, run_in_thread, serve_host
from tests.net_support import WAIT, Device, choose, table_of


def run(test):
    asyncio.run(asyncio.wait_for(test(), WAIT))


@asynccontextmanager
async def hosting(*tables):
    host = Host()
    for table in tables:
        host.add(table)
    server = await serve_host(host, "127.0.0.1", 0)
    try:
        yield host, f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/ws"
    finally:
        server.close()
        await server.wait_closed()
        host.close()


async def closed_with(device: Device) -> int:
    with pytest.raises(ConnectionClosed) as closed:
        await device.next("never")
    return closed.value.rcvd.code


async def refusal_key(device: Device) -> str:
    return (await device.next("refused"))["reason"]["key"]


def test_a_table_waits_for_its_teams_and_the_teacher_starts_it_with_bots_in_the_empty_seats():
    async def test():
        table = table_of(["open", "open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            waiting = await ada.snapshot_where(lambda message: message["table"]["state"] == "waiting")
            assert waiting["legal"] is None and waiting["teams"] == ["Ada", None, None]
            await ada.send(type="act", kind="sit_in", expected_version=0)
            assert await refusal_key(ada) == "net.not_started"
            teacher = await Device.join(url, None, host=host.token)
            assert teacher.welcome["role"] == "host" and teacher.welcome["scenario"] is None
            lobby = await teacher.next("lobby")
            assert lobby["tables"][0]["code"] == table.code and lobby["tables"][0]["state"] == "waiting"
            await teacher.send(type="control", do="start", table=table.code.lower())
            started = await ada.snapshot_where(lambda message: message["table"]["state"] == "playing")
            assert started["teams"] == ["Ada", "steady", "steady"] and started["table"]["bots"] == [False, True, True]
            await teacher.send(type="control", do="start", table=table.code)
            assert await refusal_key(teacher) == "net.not_waiting"
            late = Device(await connect(url, proxy=None))
            await late.send(type="hello", code=table.code, team="Late")
            assert await closed_with(late) == Close.TABLE_FULL
    run(test)


def test_pause_holds_the_game_and_resume_lets_it_go_on():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            await Device.join(url, table.code, team="Bo")
            teacher = await Device.join(url, None, host=host.token)
            await teacher.send(type="control", do="pause", table=table.code)
            await ada.snapshot_where(lambda message: message["table"]["state"] == "paused")
            await ada.send(type="act", kind="sit_in", expected_version=0)
            assert await refusal_key(ada) == "net.paused" and table.match.version == 0
            await teacher.send(type="control", do="resume", table=table.code)
            await ada.snapshot_where(lambda message: message["table"]["state"] == "playing")
            await ada.send(type="act", kind="sit_in", expected_version=0)
            await ada.snapshot_at(1)
    run(test)


def test_a_turn_timer_acts_for_a_seat_that_does_not_and_says_how_long_is_left():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0, timer=1)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            await Device.join(url, table.code, team="Bo")
            first = await ada.snapshot_where(lambda message: message["legal"] is not None)
            assert first["table"]["timer"] == 1 and 0 < first["table"]["turn_left"] <= 1
            timed_out = await ada.snapshot_at(1)  # nobody acted: the clock did, passively
            assert timed_out["view"]["firms"][0]["status"] == "sitting_out"
    run(test)


def test_when_the_teacher_chooses_a_bot_decides_a_timed_out_turn():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0, timer=1, on_timeout="bot")
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            await Device.join(url, table.code, team="Bo")
            timed_out = await ada.snapshot_at(1)
            assert timed_out["view"]["firms"][0]["status"] == "active"  # steady sits in
    run(test)


def test_a_seat_whose_device_is_gone_keeps_its_turn_for_the_grace_period_then_the_game_goes_on():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0, grace=0.5)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            bo = await Device.join(url, table.code, team="Bo")
            await ada.snapshot_where(lambda message: message["legal"] is not None)
            await ada.close()
            gone = await bo.snapshot_where(lambda message: message["table"]["connected"] == [0, 1])
            assert gone["version"] == 0 and 0 < gone["table"]["turn_left"] <= 0.5  # the turn is still Ada's
            await bo.snapshot_at(1)  # then the server sat Ada out, and it is Bo's turn
            assert table.match.view(0).firms[0].status == "sitting_out"
    run(test)


def test_replacing_a_seat_by_a_bot_keeps_its_devices_watching_until_the_teacher_gives_it_back():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            await Device.join(url, table.code, team="Bo")
            teacher = await Device.join(url, None, host=host.token)
            await teacher.send(type="control", do="replace", table=table.code, seat=0, bot="nobody")
            assert await refusal_key(teacher) == "net.unknown_bot"
            await teacher.send(type="control", do="replace", table=table.code, seat=0, bot="steady")
            lobby = await teacher.next("lobby")
            while lobby["tables"][0]["bots"] != [True, False]:
                lobby = await teacher.next("lobby")
            assert lobby["tables"][0]["team_seats"] == [True, True]  # Ada's team still holds the seat
            after = await ada.snapshot_where(lambda message: message["version"] >= 1)  # the bot sat in for Ada
            assert after["table"]["bots"] == [True, False] and after["view"]["viewer"] == 0
            assert after["view"]["firms"][0]["status"] == "active"
            await ada.send(type="act", kind="fold", expected_version=after["version"])
            assert await refusal_key(ada) == "net.seat_is_bot"
            await teacher.send(type="control", do="restore", table=table.code, seat=1)
            assert await refusal_key(teacher) == "net.no_bot_to_remove"  # Bo plays its own seat
            await teacher.send(type="control", do="restore", table=table.code, seat=0)  # Ada's phone is back
            back = await ada.snapshot_where(lambda message: message["table"]["bots"] == [False, False])
            assert back["view"]["viewer"] == 0
    run(test)


def test_releasing_a_seat_hands_it_to_the_next_device_with_the_team_s_name():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            await Device.join(url, table.code, team="Bo")
            teacher = await Device.join(url, None, host=host.token)
            await teacher.send(type="control", do="release", table=table.code, seat=0)
            assert await closed_with(ada) == Close.RELEASED
            old = Device(await connect(url, proxy=None))
            await old.send(type="hello", code=table.code, token=ada.welcome["token"])
            assert await closed_with(old) == Close.BAD_TOKEN  # the old phone's token no longer works
            new_phone = await Device.join(url, table.code, team="ADA")
            assert new_phone.welcome["seat"] == 0 and new_phone.welcome["token"] != ada.welcome["token"]
            snapshot = await new_phone.snapshot_where(lambda message: message["legal"] is not None)
            assert snapshot["teams"][0] == "Ada"
    run(test)


def test_the_teacher_ends_a_game_and_every_device_gets_the_debrief_of_the_years_played():
    async def test():
        table = table_of(["open", "open", "steady"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            bo = await Device.join(url, table.code, team="Bo")
            watcher = await Device.join(url, table.code, watch=True)
            teacher = await Device.join(url, None, host=host.token)
            await teacher.send(type="control", do="end", table=table.code)
            for device in (ada, bo, watcher):
                debrief = await device.next("debrief")
                assert debrief["names"] == ["Ada", "Bo", "steady"] and len(debrief["standings"]) == 3
                assert device.latest["table"]["state"] == "over" and device.latest["legal"] is None
            await ada.send(type="act", kind="sit_in", expected_version=table.match.version)
            assert await refusal_key(ada) == "net.ended"
            await teacher.send(type="control", do="end", table=table.code)
            assert await refusal_key(teacher) == "net.already_over"
            back = await Device.join(url, table.code, token=ada.welcome["token"])
            assert (await back.next("debrief"))["names"][0] == "Ada"  # a device that comes back gets it again
    run(test)


def test_a_game_played_to_its_end_sends_the_debrief_with_every_year():
    async def test():
        table = table_of(["open", "steady"], 6, scenario="classroom-45", view_interval=0)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            ada.acted_on = -1
            while True:
                message = await ada.next("snapshot", "debrief")
                if message["type"] == "debrief":
                    break
                assert message["version"] > ada.acted_on, "a snapshot of a version already seen"
                if message["legal"] is not None and message["table"]["state"] == "playing":
                    ada.acted_on = message["version"]
                    await ada.send(type="act", expected_version=message["version"],
                                   **choose(message["legal"], message["version"]))
            assert table.match.is_over and {row["year"] for row in message["firm_years"]} == {
                row["year"] for row in message["years"]} and len(message["years"]) == 3
            assert [standing["name"] for standing in message["standings"]] != []
    run(test)


def test_the_teacher_sees_every_table_and_only_the_teacher_controls():
    async def test():
        tables = [table_of(["open", "open"], seed, view_interval=0) for seed in (1, 2)]
        async with hosting(*tables) as (host, url):
            assert len({table.code for table in tables}) == 2
            ada = await Device.join(url, tables[1].code, team="Ada")
            await ada.send(type="control", do="pause", table=tables[1].code)
            assert await refusal_key(ada) == "net.host_only_controls"
            teacher = await Device.join(url, None, host=host.token)
            lobby = await teacher.next("lobby")
            assert [table["code"] for table in lobby["tables"]] == [table.code for table in tables]
            assert lobby["tables"][1]["teams"] == ["Ada", None] and lobby["tables"][1]["connected"] == [1, 0]
            await teacher.send(type="act", kind="fold", expected_version=0)
            assert await refusal_key(teacher) == "net.host_only_controls"
            await teacher.send(type="control", do="pause", table="ZZZZZZ")
            assert await refusal_key(teacher) == "net.no_such_table"
            await teacher.send(type="control", do="timer", table=tables[0].code, seconds=5, on_timeout="passive")
            assert await refusal_key(teacher) == "net.bad_timer"
            await teacher.send(type="control", do="timer", table=tables[0].code, seconds=60, on_timeout="bot")
            lobby = await teacher.next("lobby")
            assert lobby["tables"][0]["timer"] == 60 and lobby["tables"][0]["on_timeout"] == "bot"
            impostor = Device(await connect(url, proxy=None))
            await impostor.send(type="hello", host="not-the-token")
            assert await closed_with(impostor) == Close.BAD_HOST_TOKEN
    run(test)


def test_an_address_that_keeps_failing_to_join_is_refused_for_a_while():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            for _ in range(server_module.FAILED_JOINS):
                guess = Device(await connect(url, proxy=None))
                await guess.send(type="hello", code="ZZZZZZ", watch=True)
                assert await closed_with(guess) == Close.BAD_CODE
            right = Device(await connect(url, proxy=None))
            await right.send(type="hello", code=table.code, watch=True)  # even the right code, for a minute
            assert await closed_with(right) == Close.TOO_MANY_FAILURES
    run(test)


def test_a_host_at_its_connection_limit_refuses_more(monkeypatch):
    monkeypatch.setattr(server_module, "MAX_CONNECTIONS", 2)

    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            kept = [await Device.join(url, table.code, watch=True) for _ in range(2)]
            extra = Device(await connect(url, proxy=None))
            assert await closed_with(extra) == Close.HOST_FULL
            await kept[0].close()
            await asyncio.sleep(0.1)
            await Device.join(url, table.code, watch=True)  # room again
    run(test)


def test_a_connection_that_says_no_hello_is_closed(monkeypatch):
    monkeypatch.setattr(server_module, "HELLO_SECONDS", 0.3)

    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            silent = Device(await connect(url, proxy=None))
            error = await silent.next("error")
            assert error["reason"]["key"] == "net.no_hello" and await closed_with(silent) == Close.NO_HELLO
    run(test)


def test_the_same_port_serves_the_browser_client_s_files_and_nothing_else():
    host = Host()
    host.add(new_table(load_scenario("classic"), ["open", "steady"], 1, time_limit=None))
    running = run_in_thread(host, "127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{running.port}"
        with urllib.request.urlopen(base + "/", timeout=WAIT) as page:
            assert page.headers["Content-Type"].startswith("text/html")
            assert "default-src 'self'" in page.headers["Content-Security-Policy"]
            assert page.headers["X-Content-Type-Options"] == "nosniff"
        scripts = sorted(server_module.WEB_FOLDER.glob("*.js"))
        assert scripts, "the browser client has its modules"
        with urllib.request.urlopen(f"{base}/{scripts[0].name}", timeout=WAIT) as script:
            assert script.headers["Content-Type"].startswith("text/javascript")
            assert script.read() == scripts[0].read_bytes()
        for path in ("/../pyproject.toml", "/%2e%2e/pyproject.toml", "/nothing.js", "/../game/net/server.py"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + path, timeout=WAIT)
            assert refused.value.code == 404, path
            refused.value.close()  # else its connection stays open and the server's stop waits for it
        assert running.urls == [f"http://127.0.0.1:{running.port}/"]
    finally:
        running.stop()


def test_the_server_s_passive_action_checks_sits_out_or_folds():
    table = table_of(["open", "open"], 4)
    assert str(passive_action(table.match.legal())) == "sit_out"  # the year's first decision


def test_a_teammate_joins_the_team_s_seat_with_its_name_and_pin_and_a_wrong_pin_is_refused():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            ada = await Device.join(url, table.code, team="Ada")
            pin = ada.welcome["pin"]
            assert len(pin) == 4 and pin.isdigit()
            await Device.join(url, table.code, team="Bo")
            for hello, close in (({"team": "ada"}, Close.NAME_TAKEN),
                                 ({"team": "Ada", "pin": f"{(int(pin) + 1) % 10000:04d}"}, Close.BAD_PIN)):
                wrong = Device(await connect(url, proxy=None))
                await wrong.send(type="hello", code=table.code, **hello)
                assert await closed_with(wrong) == close
            teammate = await Device.join(url, table.code, team="ADA", pin=pin)
            assert teammate.welcome["seat"] == 0 and teammate.welcome["token"] == ada.welcome["token"]
            view = await teammate.snapshot_where(lambda message: message["legal"] is not None)
            assert view["view"]["viewer"] == 0 and view["table"]["connected"] == [2, 1]
            await teammate.send(type="act", kind="sit_in", expected_version=view["version"])
            assert (await ada.snapshot_at(view["version"] + 1))["view"]["firms"][0]["status"] == "active"
    run(test)


def test_the_projector_gets_a_qr_code_of_the_announced_address_with_the_table_s_join_link():
    import segno

    host = Host("http://192.168.1.20:8765/")
    code = host.add(new_table(load_scenario("classic"), ["open", "steady"], 1, time_limit=None))
    running = run_in_thread(host, "127.0.0.1", 0)
    try:
        base = f"http://127.0.0.1:{running.port}"
        with urllib.request.urlopen(f"{base}/qr.svg?join={code.lower()}", timeout=WAIT) as answer:
            assert answer.headers["Content-Type"] == "image/svg+xml"
            svg = answer.read()
        expected = io.BytesIO()
        segno.make(f"http://192.168.1.20:8765/#join={code}", error="m").save(
            expected, kind="svg", scale=10, border=2, xmldecl=False)
        assert svg == expected.getvalue()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/qr.svg?join=ZZZZZZ", timeout=WAIT)
        assert refused.value.code == 404
        refused.value.close()
    finally:
        running.stop()


def test_a_welcome_tells_the_projector_the_address_the_host_announced():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with hosting(table) as (host, url):
            assert (await Device.join(url, table.code, watch=True)).welcome["address"] is None
            host.address = "http://192.168.1.20:8765/"
            assert (await Device.join(url, table.code, watch=True)).welcome["address"] == host.address
    run(test)
