"""`main.py --serve`: a table hosted without a window says where to connect and its join code, lets
devices in, and stops cleanly on Ctrl-C, closing their connections as going away."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from game.net.protocol import Close
from tests.net_support import WAIT, Device

ROOT = Path(__file__).resolve().parents[1]


def test_serve_prints_the_address_and_code_lets_a_device_play_and_stops_on_ctrl_c():
    process = subprocess.Popen([sys.executable, "main.py", "--serve", "--port", "0", "--seed", "3",
                                "--scenario", "classic", "--seats", "open,open,steady,random"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = process.stdout.readline()
        found = re.search(r"at (ws://127\.0\.0\.1:\d+)\s+join code ([A-Z0-9]{3}-[A-Z0-9]{3})", first)
        assert found, first

        async def join_then_stop():
            url, code = found.groups()
            device = await Device.join(url, code.lower(), team="Ada")  # typed as a person would
            assert device.welcome["seat"] == 0
            snapshot = await device.next("snapshot")
            assert snapshot["teams"] == ["Ada", None, "steady", "random"] and snapshot["legal"] is not None
            process.send_signal(signal.SIGINT)
            with pytest.raises(ConnectionClosed) as closed:
                await device.next("never")
            return closed.value.rcvd.code

        assert asyncio.run(asyncio.wait_for(join_then_stop(), WAIT)) == Close.GOING_AWAY
        out, err = process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err


def test_serve_refuses_a_port_out_of_range_with_a_reason():
    done = subprocess.run([sys.executable, "main.py", "--serve", "--port", "70000", "--seats", "open,steady"],
                          cwd=ROOT, capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 2 and "--port must be 0 to 65535" in done.stderr
