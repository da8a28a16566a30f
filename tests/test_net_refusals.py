"""What the table server refuses, and that a refusal costs nobody else anything (DESIGN.md §7):
out-of-turn, stale, malformed, oversized and flooding messages get a reason (a refusal, or a close
code with one) and leave the game and the other devices as they were; joining needs the table's
code; a seat's token gets the seat back with a fresh snapshot."""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.exceptions import ConnectionClosed

from game.net.protocol import Close, ProtocolError, read_message
from game.net.server import CODE_ALPHABET, STRIKES, new_join_code, same_code
from tests.net_support import MALFORMED, WAIT, Device, serving, table_of


async def closed_with(device: Device) -> tuple[int, str]:
    """The close code and reason once the server closes the device's connection (messages before it are kept)."""
    with pytest.raises(ConnectionClosed) as closed:
        await device.next("never")
    return closed.value.rcvd.code, closed.value.rcvd.reason


async def still_plays(device: Device, version: int) -> None:
    """The device's seat can still act on the current version, and the game moves on."""
    snapshot = await device.snapshot_where(lambda message: message["version"] >= version
                                           and message["table"]["state"] == "playing")
    assert snapshot["legal"] is not None
    await device.send(type="act", kind="sit_in", expected_version=version)
    assert (await device.snapshot_at(version + 1))["version"] == version + 1


def run(test):
    asyncio.run(asyncio.wait_for(test(), WAIT))


def test_out_of_turn_and_stale_actions_are_refused_and_the_first_device_of_a_team_counts():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            first = await Device.join(url, table.code, team="Ada")
            teammate = await Device.join(url, table.code, token=first.welcome["token"])
            other = await Device.join(url, table.code, team="Bo")
            await other.send(type="act", kind="sit_in", expected_version=0)
            refusal = await other.next("refused")
            assert refusal["reason"]["key"] == "match.not_your_turn" and refusal["version"] == 0
            await first.send(type="act", kind="sit_in", expected_version=0)
            await first.snapshot_at(1)
            await teammate.send(type="act", kind="sit_in", expected_version=0)  # a moment too late
            refusal = await teammate.next("refused")
            assert refusal["reason"]["key"] == "match.stale" and refusal["version"] == 1
            assert table.match.version == 1
            await still_plays(other, 1)
    run(test)




@pytest.mark.parametrize("text, key", MALFORMED, ids=[key for _, key in MALFORMED])
def test_a_malformed_message_is_refused_with_its_reason(text, key):
    with pytest.raises(ProtocolError) as refused:
        read_message(text)
    assert refused.value.reason.key == key and str(refused.value)


def test_malformed_messages_over_the_wire_are_refused_and_the_game_goes_on():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            rogue = await Device.join(url, table.code, team="Rogue")
            honest = await Device.join(url, table.code, team="Honest")
            for text, key in MALFORMED[:12]:
                await rogue.connection.send(text)
                assert (await rogue.next("refused"))["reason"]["key"] == key
            await rogue.send(type="hello", code=table.code, watch=True)
            assert (await rogue.next("refused"))["reason"]["key"] == "net.hello_again"
            assert table.match.version == 0
            await still_plays(rogue, 0)  # the rogue's seat, seat 0, is to act first
            await still_plays(honest, 1)
    run(test)


def test_an_oversized_message_closes_only_its_own_connection():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            big = await Device.join(url, table.code, team="Big")
            other = await Device.join(url, table.code, team="Other")
            await big.connection.send("x" * 100_000)
            code, reason = await closed_with(big)
            assert code == Close.TOO_BIG and "exceeds" in reason
            await other.send(type="ping")
            await other.next("pong")
            back = await Device.join(url, table.code, token=big.welcome["token"])
            await still_plays(back, 0)
    run(test)


def test_a_flood_is_refused_then_closed_and_the_others_play_on():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            flood = await Device.join(url, table.code, team="Flood")
            other = await Device.join(url, table.code, team="Other")
            ping = json.dumps({"v": 1, "type": "ping"})
            for _ in range(300):
                await flood.connection.send(ping)
            code, reason = await closed_with(flood)
            answers = [json.loads(text) for text in flood.received]
            assert code == Close.POLICY and reason
            assert sum(1 for answer in answers if answer["type"] == "refused"
                       and answer["reason"]["key"] == "net.too_fast") == STRIKES
            # one answer a message: the burst's pongs (and the odd one the rate refilled), never a pong as well
            assert 20 <= sum(1 for answer in answers if answer["type"] == "pong") <= 22
            await other.send(type="ping")
            await other.next("pong")
            back = await Device.join(url, table.code, token=flood.welcome["token"])
            await still_plays(back, 0)
    run(test)


@pytest.mark.parametrize("hello, close", [
    ({"code": "WRONG1", "team": "A"}, Close.BAD_CODE),
    ({"token": "made-up"}, Close.BAD_TOKEN),
    ({"team": "ada"}, Close.NAME_TAKEN),  # a team's name is taken whatever its case
    ({"team": "C"}, Close.TABLE_FULL),
])
def test_a_hello_that_cannot_be_granted_closes_with_a_reason(hello, close):
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            await Device.join(url, table.code, team="Ada")
            if close == Close.TABLE_FULL:
                await Device.join(url, table.code, team="Bo")
            device = Device(await _connect(url))
            await device.send(type="hello", **{"code": table.code, **hello})
            error = await device.next("error")
            code, reason = await closed_with(device)
            assert code == close == error["close"] and reason == error["reason"]["text"]
    run(test)


def test_a_first_message_that_is_not_a_hello_or_of_another_version_closes_with_a_reason():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            for first, close in (({"v": 1, "type": "ping"}, Close.NO_HELLO),
                                 ({"v": 9, "type": "hello", "code": table.code, "watch": True}, Close.WRONG_VERSION)):
                device = Device(await _connect(url))
                await device.connection.send(json.dumps(first))
                assert (await closed_with(device))[0] == close
    run(test)


async def _connect(url):
    from websockets.asyncio.client import connect
    return await connect(url, proxy=None)


def test_reconnecting_with_the_token_returns_the_seat_and_a_fresh_snapshot():
    async def test():
        table = table_of(["open", "open", "steady"], 4, view_interval=0)
        async with serving(table) as url:
            ada = await Device.join(url, table.code, team="Ada")
            bo = await Device.join(url, table.code, team="Bo")
            await still_plays(ada, 0)
            await ada.close()  # the phone's Wi-Fi drops; the game goes on without it
            await bo.send(type="act", kind="sit_in", expected_version=1)
            await bo.snapshot_at(2)
            back = await Device.join(url, table.code, token=ada.welcome["token"])
            assert back.welcome["seat"] == 0 and back.welcome["scenario"]["id"] == "classic"
            snapshot = await back.next("snapshot")
            assert snapshot["version"] == table.match.version >= 3  # the bot sat in too
            assert snapshot["view"]["viewer"] == 0 and len(snapshot["view"]["my_cards"]) == 2
            assert snapshot["teams"] == ["Ada", "Bo", "steady"]
    run(test)


def test_a_watcher_sees_the_public_view_and_cannot_act():
    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            ada = await Device.join(url, table.code, team="Ada")
            bo = await Device.join(url, table.code, team="Bo")
            await still_plays(ada, 0)
            await still_plays(bo, 1)
            watcher = await Device.join(url, table.code, watch=True)
            assert watcher.welcome["seat"] is None and watcher.welcome["token"] is None
            snapshot = await watcher.snapshot_at(2)
            assert snapshot["view"]["viewer"] is None and snapshot["view"]["my_cards"] == []
            assert snapshot["legal"] is None
            await watcher.send(type="act", kind="check", expected_version=2)
            assert (await watcher.next("refused"))["reason"]["key"] == "net.watching"
    run(test)


def test_views_go_out_at_most_ten_times_a_second_and_the_last_is_the_latest():
    async def test():
        table = table_of(["steady", "random", "cautious", "aggressive"], 8)  # bots only: a game in a blink
        async with serving(table) as url:
            watcher = await Device.join(url, table.code, watch=True)
            started = asyncio.get_running_loop().time()
            while (await watcher.next("snapshot"))["view"]["phase"] != "over":
                pass
            seconds = asyncio.get_running_loop().time() - started
            snapshots = [json.loads(text) for text in watcher.received if '"type":"snapshot"' in text]
            assert snapshots[-1]["version"] == table.match.version
            assert len(snapshots) <= seconds * 10 + 2
            assert len(snapshots) < table.match.version  # changes coalesced: not one view per action
    run(test)


def test_join_codes_are_short_unambiguous_and_forgiving_to_type():
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) > 190 and all(len(code) == 6 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01ILOU") & set(CODE_ALPHABET)
    assert same_code("k7m-q2x", "K7MQ2X") and same_code("K7M Q2X", "K7MQ2X") and not same_code("K7MQ2Y", "K7MQ2X")


def test_the_origin_check_refuses_a_page_from_elsewhere_and_lets_the_table_s_own_page_and_scripts_in():
    from websockets.asyncio.client import connect
    from websockets.exceptions import InvalidStatus

    async def test():
        table = table_of(["open", "open"], 4, view_interval=0)
        async with serving(table) as url:
            own = url.removesuffix("/ws").replace("ws://", "http://")  # the page the server itself serves
            with pytest.raises(InvalidStatus) as refused:
                await connect(url, proxy=None, origin="http://evil.example")
            assert refused.value.response.status_code == 403
            for origin in (own, None):  # the table's own page; the pygame client and scripts send no Origin
                async with connect(url, proxy=None, origin=origin) as connection:
                    await connection.send(json.dumps({"v": 1, "type": "hello", "code": table.code, "watch": True}))
                    assert json.loads(await connection.recv())["type"] == "welcome"
    run(test)
