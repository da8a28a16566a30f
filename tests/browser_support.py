"""The real-browser test's tools: a table server on loopback in this process, Debian's chromium
driven by Playwright (no browser download), and small helpers that read the page the way a
student reads it.

The server is the lead's `run_in_thread(Host)` (docs/network_next.md). Until that lands, `serve`
falls back to a stand-in with the same shape: the files of assets/web over HTTP and one table's
WebSocket at /ws on the same port, so the page is tested against the table server it will get.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from game.content import load_scenario
from game.net import server as net_server

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "assets" / "web"
CHROMIUM = os.environ.get("TABLE_STAKES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 360, "height": 640}
PROJECTOR = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1280, "height": 720}


def chromium_path() -> str | None:
    """Debian's chromium, if installed (CI installs it; see .ci/run)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


def launch(playwright):
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


@dataclass
class Running:
    """A server on 127.0.0.1: its port, the one table's join code, the teacher's token (None
    before the host role exists), and how to stop it."""

    port: int
    code: str
    host_token: str | None
    stop: callable
    table: object = None
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def serve(scenario: str, seats: list[str], seed: int = 7, **options) -> Running:
    """One table of `scenario` with `seats` on a free loopback port."""
    if hasattr(net_server, "run_in_thread") and hasattr(net_server, "Host"):
        host = net_server.Host()
        code = host.add(net_server.new_table(load_scenario(scenario), seats, seed=seed, **options))
        running = net_server.run_in_thread(host, "127.0.0.1", 0)
        return Running(running.port, code, host.token, running.stop, extra={"host": host})
    return _stand_in(scenario, seats, seed, **options)


# --------------------------------------------------------------------------- the stand-in (until the Host lands)

def _stand_in(scenario: str, seats: list[str], seed: int, **options) -> Running:
    from websockets.asyncio.server import serve as ws_serve
    from websockets.datastructures import Headers
    from websockets.http11 import Response

    table = net_server.new_table(load_scenario(scenario), seats, seed=seed, **options)
    _send_debrief_when_over(table)
    loop = asyncio.new_event_loop()
    started = threading.Event()
    state: dict = {}

    def static(connection, request):
        path = request.path.split("?")[0]
        if path == "/ws":
            return None
        name = "index.html" if path == "/" else path.lstrip("/")
        file = (WEB / name).resolve()
        if not file.is_file() or WEB.resolve() not in file.parents:
            return connection.respond(404, "not found\n")
        kind = "text/javascript" if file.suffix == ".js" else (mimetypes.guess_type(file.name)[0] or "text/plain")
        headers = Headers([("Content-Type", kind), ("Cache-Control", "no-cache"),
                           ("Content-Security-Policy",
                            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:"),
                           ("Content-Length", str(file.stat().st_size))])
        return Response(200, "OK", headers, file.read_bytes())

    async def main():
        server = await ws_serve(table.handle, "127.0.0.1", 0, process_request=static, compression=None)
        table.wake_bots()
        state["server"] = server
        state["port"] = server.sockets[0].getsockname()[1]
        state["stop"] = asyncio.Event()
        started.set()
        await state["stop"].wait()
        server.close()
        await server.wait_closed()
        table.close()

    thread = threading.Thread(target=lambda: loop.run_until_complete(main()), daemon=True)
    thread.start()
    started.wait(10)

    def stop():
        loop.call_soon_threadsafe(state["stop"].set)
        thread.join(10)

    return Running(state["port"], table.code, None, stop, table=table)


def _send_debrief_when_over(table) -> None:
    """The stand-in's `debrief` message (docs/network_next.md), sent after the snapshot that shows the
    game over, built as the spec says: game.debrief.export's rows and the match's standings."""
    import json

    from game.debrief.export import firm_year_rows, total_row, year_rows
    from game.debrief.model import build_debrief

    sent = set()
    send_views = table.send_views

    async def send_views_then_debrief(client):
        original_send = client.connection.send

        async def send(text):
            await original_send(text)
            if table.match.is_over and id(client) not in sent:
                sent.add(id(client))
                debrief = build_debrief(table.match.history())
                firms = table.match.view(None).firms
                names = [team or firm.name for team, firm in zip(table.teams, firms, strict=True)]
                await original_send(json.dumps({
                    "v": 1, "type": "debrief", "names": names, "firm_years": firm_year_rows(debrief),
                    "years": year_rows(debrief), "total": total_row(debrief),
                    "standings": [{"rank": row.rank, "seat": row.seat, "name": row.name, "score": row.score,
                                   "net_worth": row.net_worth} for row in table.match.standings()]}))

        client.connection.send = send
        await send_views(client)

    table.send_views = send_views_then_debrief
