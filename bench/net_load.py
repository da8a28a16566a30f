#!/usr/bin/env python3
"""Load the table server (issue 12): 30 devices on loopback, then a flood of malformed messages.

    python bench/net_load.py                      # 5 tables x 6 devices + a watcher each; 1,000,000 malformed
    python bench/net_load.py --malformed 20000    # a quicker run

One server process (a child of this script) is one `Host` serving `--tables` tables on one port in one
event loop, the way one host runs several tables for a class. This process is the devices:
websockets asyncio clients, each joining a table with a team name and playing from its snapshots
(sit in, check or call, a minimum raise now and then) with `expected_version`, plus one watcher per
table. For each action sent it times how long until every connection of that table (six seats and the
watcher) has a snapshot of a later version. The server's CPU is its own rusage over the phase's wall
time; its memory is its peak RSS.

Then malformed messages: `--connections` watchers spread over the tables each send malformed messages
within the server's per-connection budget (20 at once, then 10 a second: here 15, then `--pace`), so the
server reads and refuses every one of them with its reason; each reply is checked against the reason
expected. The server refills a connection's budget when it reads, so when its loop stalls for more than
about two seconds a connection's paced messages arrive as a burst and a few are refused as too fast
instead (counted apart; at most 1 % passes). A flood beyond the budget is closed after 20 refusals, so a
million messages are reached with many connections in parallel, not one fast one. Also: `--floods`
connections that flood (refused, then closed 1008) and the same number that send 9 KiB (closed 1009). At
the end a fresh watcher and a seat's token must still get a snapshot, the server process must be alive,
and its log must hold no error (websockets logs a handler's exception as an error; the loop's exception
handler too).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from game.net.server import BURST  # noqa: E402  (a device's budget: BURST messages at once, then RATE a second)
from tests.net_support import MALFORMED, choose  # noqa: E402  (the refusal tests' messages and scripted team)

SEATS = 6
RESERVE = 5  # of those 20 kept unused: the server refills by when it reads, and its reads come in batches



# =========================================================================== the server process

def serve(tables: int, seed: int) -> None:
    """The child: host the tables, print their addresses, answer 'stats' on stdin until 'quit'."""
    from game.content import load_scenario
    from game.net.server import Host, new_table, serve_host

    errors: list[str] = []

    class Count(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(f"{record.name}: {record.getMessage()} {record.exc_info[1]!r}" if record.exc_info
                          else f"{record.name}: {record.getMessage()}")

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger().addHandler(Count(level=logging.ERROR))

    async def main() -> None:
        loop = asyncio.get_running_loop()

        def on_exception(loop, context) -> None:
            errors.append(f"loop: {context.get('message')} {context.get('exception')!r}")
            loop.default_exception_handler(context)

        loop.set_exception_handler(on_exception)
        scenario = load_scenario("classic")
        host = Host()
        for number in range(tables):
            host.add(new_table(scenario, ["open"] * SEATS, seed + number, time_limit=None))
        server = await serve_host(host, "127.0.0.1", 0)
        url = f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/ws"
        print(json.dumps([{"url": url, "code": code} for code in host.tables]), flush=True)
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while (await reader.readline()).decode().strip() not in ("quit", ""):
            usage = resource.getrusage(resource.RUSAGE_SELF)
            print(json.dumps({"cpu": usage.ru_utime + usage.ru_stime, "rss_kib": usage.ru_maxrss,
                              "errors": errors[:20], "error_count": len(errors),
                              "clients": sum(len(table.clients) for table in host.tables.values()),
                              "versions": [table.match.version for table in host.tables.values()]}), flush=True)
        server.close()
        await server.wait_closed()
        host.close()

    asyncio.run(main())


class Server:
    def __init__(self, tables: int, seed: int) -> None:
        self.process = subprocess.Popen([sys.executable, __file__, "--serve-child", str(tables), "--seed", str(seed)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.tables = json.loads(self.process.stdout.readline())

    def stats(self) -> dict:
        self.process.stdin.write("stats\n")
        self.process.stdin.flush()
        stats = json.loads(self.process.stdout.readline())
        stats["wall"] = time.perf_counter()
        return stats

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("quit\n")
            self.process.stdin.flush()
        self.process.wait(30)


async def open_connection(url: str):
    return await connect(url, proxy=None, max_size=2**23, compression=None, open_timeout=60)


# =========================================================================== phase 1: 30 devices play

class TablePlay:
    """One table's devices and the actions in flight: version acted on → time sent."""

    def __init__(self, url: str, code: str, number: int) -> None:
        self.url, self.code, self.number = url, code, number
        self.latest = [-1] * (SEATS + 1)  # each connection's latest snapshot version
        self.joined = 0
        self.pending: dict[int, float] = {}
        self.latencies: list[float] = []
        self.refused: dict[str, int] = {}
        self.over = False  # a device has seen the game over
        self.stop = False  # the phase is over

    def received(self, index: int, version: int, now: float) -> None:
        self.latest[index] = max(self.latest[index], version)
        if self.pending:
            everyone = min(self.latest)
            for acted_on in [v for v in self.pending if everyone > v]:
                self.latencies.append(now - self.pending.pop(acted_on))


async def device(play: TablePlay, index: int, hello: dict, deadline: float, tokens: dict) -> None:
    connection = await open_connection(play.url)
    await connection.send(json.dumps({"v": 1, "type": "hello", "code": play.code, **hello}))
    welcome = json.loads(await connection.recv())
    assert welcome["type"] == "welcome", welcome
    play.joined += 1
    if welcome["token"]:
        tokens[(play.number, welcome["seat"])] = welcome["token"]
    acted_on = -1
    try:
        while time.perf_counter() < deadline and not play.stop:
            try:
                async with asyncio.timeout(max(0.01, deadline - time.perf_counter())):
                    text = await connection.recv()
            except TimeoutError:
                break
            now = time.perf_counter()
            message = json.loads(text)
            if message["type"] == "refused":
                play.refused[message["reason"]["key"]] = play.refused.get(message["reason"]["key"], 0) + 1
                play.pending.pop(acted_on, None)
                continue
            if message["type"] != "snapshot":
                continue
            version = message["version"]
            play.received(index, version, now)
            if message["view"]["phase"] == "over":
                play.over = True
                break  # the others stop at their own snapshot of the end, so the last action is measured too
            legal = message["legal"]
            if legal is not None and version > acted_on and play.joined == SEATS + 1:
                acted_on = version
                play.pending[version] = time.perf_counter()
                await connection.send(json.dumps({"v": 1, "type": "act", "expected_version": version,
                                                  **choose(legal, version)}))
    finally:
        await connection.close()


async def play_phase(server: Server, seconds: float) -> tuple[list[TablePlay], dict]:
    plays = [TablePlay(entry["url"], entry["code"], number) for number, entry in enumerate(server.tables)]
    tokens: dict = {}
    # everyone joins first (a device acts only once all seven of its table are in), then play for `seconds`
    deadline = time.perf_counter() + seconds + 30
    tasks = []
    for play in plays:
        tasks.append(asyncio.create_task(device(play, 0, {"watch": True}, deadline, tokens)))
        for seat in range(SEATS):
            tasks.append(asyncio.create_task(device(play, seat + 1, {"team": f"T{play.number}-{seat}"},
                                                    deadline, tokens)))
            await asyncio.sleep(0.01)
    while any(play.joined < SEATS + 1 for play in plays):
        await asyncio.sleep(0.01)
    new_deadline = time.perf_counter() + seconds
    await asyncio.sleep(0)
    start = server.stats()
    client_start = _own_cpu()
    while time.perf_counter() < new_deadline and not all(play.over for play in plays):
        await asyncio.sleep(0.05)  # until every game is over (a classic game of check/call: ~10 s) or time is up
    await asyncio.sleep(0.3)  # the last views of the end reach every device
    for play in plays:
        play.stop = True  # the devices stop at their next message or the old deadline
    end = server.stats()
    client_end = _own_cpu()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return plays, {"start": start, "end": end, "client_cpu": client_end - client_start, "tokens": tokens}


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# =========================================================================== phase 2: malformed messages

class Tally:
    def __init__(self, target: int, seconds: float) -> None:
        self.target, self.stop_at = target, time.perf_counter() + seconds
        self.sent = self.refused_as_expected = self.refused_for_rate = 0
        self.wrong: dict[str, int] = {}  # a reply that is not the expected refusal: key → count
        self.by_key: dict[str, int] = {}
        self.closed_early = 0

    def take(self, wanted: int) -> int:
        if time.perf_counter() >= self.stop_at:
            return 0
        granted = max(0, min(wanted, self.target - self.sent))
        self.sent += granted
        return granted


async def malformed_connection(entry: dict, tally: Tally, pace: float, offset: int) -> None:
    """Watch a table and send malformed messages within the budget; check each reply is the refusal expected."""
    connection = await open_connection(entry["url"])
    expected: list[str] = []
    replies = [0]
    all_sent = asyncio.Event()
    all_answered = asyncio.Event()

    async def read() -> None:
        async for text in connection:
            message = json.loads(text)
            if message["type"] != "refused":
                continue  # the welcome's snapshot, or the table moved: not a reply
            key, want = message["reason"]["key"], expected[replies[0]]
            replies[0] += 1
            if key == want:
                tally.refused_as_expected += 1
                tally.by_key[key] = tally.by_key.get(key, 0) + 1
            elif key == "net.too_fast":  # the server's reads stalled and this connection's messages piled up
                tally.refused_for_rate += 1
            else:
                tally.wrong[f"{want} -> {key}"] = tally.wrong.get(f"{want} -> {key}", 0) + 1
            if all_sent.is_set() and replies[0] == len(expected):
                all_answered.set()

    try:
        await connection.send(json.dumps({"v": 1, "type": "hello", "code": entry["code"], "watch": True}))
        while json.loads(await connection.recv())["type"] != "welcome":
            pass
        reader = asyncio.create_task(read())
        allowance, checked, index = float(BURST), time.perf_counter(), offset
        while True:
            now = time.perf_counter()
            allowance = min(BURST, allowance + (now - checked) * pace)
            checked = now
            count = tally.take(int(allowance) - RESERVE)
            if count == 0 and (tally.sent >= tally.target or now >= tally.stop_at):
                break
            allowance -= count
            for _ in range(count):
                text, key = MALFORMED[index % len(MALFORMED)]
                index += 1
                expected.append(key)
                await connection.send(text)
            await asyncio.sleep(max(0.05, (RESERVE + 1 - allowance) / pace))
        all_sent.set()
        if replies[0] == len(expected):
            all_answered.set()
        try:
            async with asyncio.timeout(60):
                await all_answered.wait()
        except TimeoutError:
            tally.closed_early += 1  # replies missing
        reader.cancel()
    except ConnectionClosed:
        tally.closed_early += 1
    finally:
        await connection.close()


async def flood(entry: dict, size: int | None) -> int | None:
    """A connection that floods (100 pings at once) or sends one message of `size` bytes; its close code."""
    connection = await open_connection(entry["url"])
    await connection.send(json.dumps({"v": 1, "type": "hello", "code": entry["code"], "watch": True}))
    try:
        if size:
            await connection.send("x" * size)
        else:
            for _ in range(100):
                await connection.send('{"v": 1, "type": "ping"}')
        async with asyncio.timeout(30):
            async for _ in connection:
                pass
    except ConnectionClosed:
        pass
    return connection.close_code


async def malformed_phase(server: Server, args) -> dict:
    tally = Tally(args.malformed, args.malformed_seconds)
    tables = server.tables
    start = server.stats()
    started = time.perf_counter()
    client_start = _own_cpu()
    tasks = []
    for number in range(args.connections):
        tasks.append(asyncio.create_task(malformed_connection(tables[number % len(tables)], tally, args.pace,
                                                              number)))
        if number % 50 == 49:
            await asyncio.sleep(0.05)  # connect in waves, not all 1,000 handshakes at once
    floods = await asyncio.gather(*(flood(tables[n % len(tables)], None) for n in range(args.floods)),
                                  *(flood(tables[n % len(tables)], 9 * 1024) for n in range(args.floods)))
    last = time.perf_counter()
    while not all(task.done() for task in tasks):
        await asyncio.sleep(1)
        if time.perf_counter() - last >= 15:
            last = time.perf_counter()
            print(f"  … {tally.sent:,} malformed sent, {tally.refused_as_expected:,} refused as expected "
                  f"({tally.sent / (last - started):,.0f}/s)", file=sys.stderr, flush=True)
    results = await asyncio.gather(*tasks, return_exceptions=True)
    seconds = time.perf_counter() - started
    end = server.stats()
    return {"tally": tally, "seconds": seconds, "start": start, "end": end, "client_cpu": _own_cpu() - client_start,
            "task_errors": [repr(r) for r in results if isinstance(r, BaseException)][:5],
            "flood_closes": floods[:args.floods], "big_closes": floods[args.floods:]}


async def still_serves(server: Server, tokens: dict) -> bool:
    """A fresh watcher and a seat's token each still get a welcome and a snapshot."""
    entry = server.tables[0]
    for hello in ({"watch": True}, {"token": tokens[(0, 0)]}):
        connection = await open_connection(entry["url"])
        await connection.send(json.dumps({"v": 1, "type": "hello", "code": entry["code"], **hello}))
        async with asyncio.timeout(10):
            types = [json.loads(await connection.recv())["type"] for _ in range(2)]
        await connection.close()
        if types != ["welcome", "snapshot"]:
            return False
    return True


# =========================================================================== the report

def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(args) -> int:
    server = Server(args.tables, args.seed)
    try:
        plays, play = await play_phase(server, args.seconds)
        malformed = await malformed_phase(server, args) if args.malformed else None
        serves = await still_serves(server, play["tokens"])
        final = server.stats()
        alive = server.process.poll() is None
    finally:
        server.stop()
    latencies = [latency for table in plays for latency in table.latencies]
    wall = play["end"]["wall"] - play["start"]["wall"]
    cpu = play["end"]["cpu"] - play["start"]["cpu"]
    actions = len(latencies)
    median = statistics.median(latencies) * 1000 if latencies else float("nan")
    p95 = percentile(latencies, 0.95) * 1000 if latencies else float("nan")
    refused = {}
    for table in plays:
        for key, count in table.refused.items():
            refused[key] = refused.get(key, 0) + count
    rows = [
        ("server", f"1 process, {args.tables} tables (one Host, one port, one event loop), "
                   f"{args.tables * SEATS} devices + {args.tables} watchers"),
        ("play", f"{wall:.1f} s ({sum(t.over for t in plays)} games to the end); "
                 f"{actions:,} actions measured ({actions / wall:.1f}/s); "
                 f"last versions {play['end']['versions']}"),
        ("action → every view", f"median {median:.1f} ms, p95 {p95:.1f} ms, max "
                                f"{max(latencies) * 1000 if latencies else float('nan'):.1f} ms  (target p95 ≤ 200)"),
        ("refused while playing", str(refused or 0)),
        ("server CPU (playing)", f"{cpu:.2f} s / {wall:.1f} s wall = {cpu / wall:.0%} of one core; "
                                 f"devices' process {play['client_cpu'] / wall:.0%}"),
    ]
    ok = p95 <= 200
    if malformed:
        tally, seconds = malformed["tally"], malformed["seconds"]
        mcpu = malformed["end"]["cpu"] - malformed["start"]["cpu"]
        rows += [
            ("malformed sent", f"{tally.sent:,} of {args.malformed:,} over {args.connections} connections in "
                               f"{seconds:.1f} s ({tally.sent / seconds:,.0f}/s)"),
            ("refused as expected", f"{tally.refused_as_expected:,}; refused as too fast {tally.refused_for_rate:,}; "
                                    f"other replies {tally.wrong or 0}; connections closed early {tally.closed_early}"),
            ("reasons", ", ".join(f"{key} {count:,}" for key, count in sorted(tally.by_key.items()))),
            ("floods / 9 KiB", f"close codes {sorted(set(malformed['flood_closes']))} / "
                               f"{sorted(set(malformed['big_closes']))} ({args.floods} each)"),
            ("server CPU (malformed)", f"{mcpu:.1f} s / {seconds:.1f} s = {mcpu / seconds:.0%}; devices' process "
                                       f"{malformed['client_cpu'] / seconds:.0%}"),
        ]
        # every message answered once, with its reason (or, where the server's reads stalled past the burst, as
        # too fast: at most 1 %), no connection closed as a flood
        ok = ok and tally.refused_as_expected + tally.refused_for_rate == tally.sent \
            and tally.refused_for_rate <= tally.sent // 100 and not tally.wrong and not tally.closed_early \
            and set(malformed["flood_closes"]) == {1008} and set(malformed["big_closes"]) == {1009} \
            and not malformed["task_errors"]
        if malformed["task_errors"]:
            rows.append(("device errors", "; ".join(malformed["task_errors"])))
    rows += [
        ("server peak RSS", f"{final['rss_kib'] / 1024:.0f} MiB (after playing: "
                            f"{play['end']['rss_kib'] / 1024:.0f} MiB)"),
        ("crashes", f"server alive: {alive}; errors in its log/handlers: {final['error_count']}; "
                    f"fresh watcher and seat token get a snapshot: {serves}"),
    ]
    for error in final["errors"]:
        rows.append(("  error", error))
    ok = ok and alive and serves and final["error_count"] == 0
    width = max(len(name) for name, _ in rows)
    print(f"bench/net_load.py on {os.cpu_count()} cores, seed {args.seed}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tables", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0, help="the devices play until their games are over, "
                        "or this long")
    parser.add_argument("--malformed", type=int, default=1_000_000, help="malformed messages to send (0: none)")
    parser.add_argument("--malformed-seconds", type=float, default=900.0, help="stop sending after this long")
    parser.add_argument("--connections", type=int, default=1000, help="connections sending malformed messages")
    parser.add_argument("--pace", type=float, default=9.5, help="messages a second per connection after the burst "
                        "of 20 (the server allows 10)")
    parser.add_argument("--floods", type=int, default=20, help="connections that flood, and that send 9 KiB")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_child:
        serve(args.serve_child, args.seed)
        return 0
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
