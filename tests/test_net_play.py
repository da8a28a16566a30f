"""Games over the network (DESIGN.md §7), on loopback: eight seats play whole games to the same
result as the same seeds played through the match directly, and a game's messages to a viewer
depend on nothing that viewer may not know."""

from __future__ import annotations

import asyncio
import json

import pytest

from game.match import PUBLIC
from game.net.protocol import view_wire
from tests.net_support import Device, choose, play_locally, serving, table_of

SEATS = ["open"] * 6 + ["steady", "random"]


async def play_seat(device: Device) -> dict:
    """Act once on each version whose snapshot offers this seat an action (a version is sent again when
    a team joins), until the game is over; the last view."""
    acted_on = -1
    while True:
        snapshot = await device.next("snapshot")
        if snapshot["view"]["phase"] == "over":
            return snapshot
        if snapshot["legal"] is not None and snapshot["version"] > acted_on:
            acted_on = snapshot["version"]
            await device.send(type="act", expected_version=snapshot["version"],
                              **choose(snapshot["legal"], snapshot["version"]))


async def network_game(seed: int):
    table = table_of(SEATS, seed, view_interval=0)
    async with serving(table) as url:
        watcher = await Device.join(url, table.code, watch=True)
        devices = [await Device.join(url, table.code, team=f"Team {seat}") for seat in range(6)]
        finals = await asyncio.gather(*(play_seat(device) for device in devices + [watcher]))
        for device in devices + [watcher]:
            await device.close()
    return table, devices, finals


@pytest.mark.parametrize("seed", [3, 41])
def test_eight_seats_over_the_network_play_the_game_the_match_plays_locally(seed):
    table, devices, finals = asyncio.run(network_game(seed))
    local = table_of(SEATS, seed)
    played = play_locally(local.match, local.driver)
    assert table.match.is_over
    assert list(table.match.history().actions) == played
    assert table.match.standings() == local.match.standings()
    *seat_views, public = finals
    assert public["view"] == json.loads(json.dumps(view_wire(local.match.view(PUBLIC))))
    for seat, final in enumerate(seat_views):
        assert final["view"] == json.loads(json.dumps(view_wire(local.match.view(seat))))
    assert [device.welcome["seat"] for device in devices] == list(range(6))
    assert public["teams"] == [f"Team {seat}" for seat in range(6)] + ["steady", "random"]
    refusals = [text for device in devices for text in device.received if '"type":"refused"' in text]
    assert refusals == []


# --------------------------------------------------------------------------- the leak test

def hidden_twins(seed: int):
    """Two tables whose games differ only in seat 0's and seat 1's R&D cards (swapped), and the
    actions the scripted teams take in the first year before any card is shown."""
    tables = [table_of(["open"] * 8, seed, view_interval=0, code="TWN234") for _ in range(2)]
    for table in tables:
        play_locally(table.match, stop=lambda match: match.state.hands[0] != ())  # everyone sits in: cards dealt
    twin = tables[1].match
    hands = twin.state.hands
    assert hands[0] != hands[1]
    twin._state = twin.state._replace(hands=(hands[1], hands[0], *hands[2:]))  # the hidden part only
    probe = table_of(["open"] * 8, seed)
    probe.match._state = tables[0].match.state
    start = probe.match.version
    played = play_locally(probe.match, stop=lambda match: bool(match.state.showdowns) or match.state.year_index > 0)
    return tables, start, played[:-1]  # the last one led to the showdown, where cards are shown


async def messages_to_each_viewer(table, start: int, actions) -> list[list[str]]:
    """Every message each seat's device and the watcher receive while `actions` are played (the
    welcome's token and team PIN aside, which are random by design)."""
    async with serving(table) as url:
        devices = [await Device.join(url, table.code, team=f"Team {seat}") for seat in range(8)]
        devices.append(await Device.join(url, table.code, watch=True))
        for device in devices:  # everyone has seen every team's name
            await device.snapshot_where(lambda message: None not in message["teams"])
            device.received = device.received[-1:]
        for version, action in enumerate(actions, start):
            await devices[table.match.to_act].send(type="act", expected_version=version, kind=action.kind,
                                                   amount=action.amount)
            for device in devices:
                await device.snapshot_at(version + 1)
        for device in devices:
            await device.close()
        welcomes = [{**device.welcome, "token": None, "pin": None} for device in devices]
    return [[json.dumps(welcome), *device.received] for welcome, device in zip(welcomes, devices, strict=True)]


def test_two_games_that_differ_only_in_hidden_cards_send_every_other_viewer_the_same_bytes():
    (first, second), start, actions = hidden_twins(seed=5)
    assert len(actions) >= 8
    heard = [asyncio.run(messages_to_each_viewer(table, start, actions)) for table in (first, second)]
    assert [len(messages) for messages in heard[0]] == [len(messages) for messages in heard[1]]
    assert heard[0][2:] == heard[1][2:]  # seats 2 to 7 and the projector
    assert heard[0][0] != heard[1][0] and heard[0][1] != heard[1][1]  # the two seats' own cards did differ

