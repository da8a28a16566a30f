"""The real-browser test's tools: a table server on loopback in this process, Debian's chromium
driven by Playwright (no browser download), and small helpers that read the page the way a
student reads it.

The server is the game's own: a `Host` with one table, served by `run_in_thread` on a free loopback
port (docs/network_next.md), which serves assets/web over HTTP and the WebSocket at /ws.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
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
    """A server on 127.0.0.1: its port, the one table's join code, the teacher's token, and how to stop it."""

    port: int
    code: str
    host_token: str
    stop: Callable[[], None]
    table: net_server.Table
    host: net_server.Host

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def serve(scenario: str, seats: list[str], seed: int = 7, **options) -> Running:
    """One table of `scenario` with `seats` on a free loopback port."""
    host = net_server.Host()
    code = host.add(net_server.new_table(load_scenario(scenario), seats, seed=seed, **options))
    running = net_server.run_in_thread(host, "127.0.0.1", 0)
    return Running(running.port, code, host.token, running.stop, table=host.tables[code], host=host)
