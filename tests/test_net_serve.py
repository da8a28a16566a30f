"""`main.py --serve`: a table hosted without a window says where to connect and its join code, lets
devices in, and stops cleanly on Ctrl-C, closing their connections as going away."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed

from game.net.protocol import Close
from tests.net_support import WAIT, Device

ROOT = Path(__file__).resolve().parents[1]


def test_serve_prints_the_address_codes_and_teacher_page_lets_devices_play_and_stops_on_ctrl_c():
    process = subprocess.Popen([sys.executable, "main.py", "--serve", "--port", "0", "--seed", "3", "--tables", "2",
                                "--scenario", "classic", "--seats", "open,steady,random"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(5)]
        page = re.search(r"at (http://127\.0\.0\.1:(\d+)/)\s+\(this computer only\)", lines[0])
        codes = [re.search(r"table \d: join code ([A-Z0-9]{3}-[A-Z0-9]{3})", line) for line in lines[1:3]]
        teacher = re.search(r"teacher's page .*: (http://\S+)#host=(\S+)", lines[3])
        assert page and all(codes) and teacher, lines
        assert teacher.group(1) == page.group(1) and "Ctrl-C" in lines[4]
        with urllib.request.urlopen(page.group(1), timeout=WAIT) as response:  # the browser client's page
            assert response.status == 200 and b"<html" in response.read().lower()
        url = f"ws://127.0.0.1:{page.group(2)}/ws"

        async def join_then_stop():
            first, second = (match.group(1) for match in codes)
            assert first != second
            device = await Device.join(url, first.lower(), team="Ada")  # typed as a person would
            other = await Device.join(url, second, team="Ada")  # another table: the name is free there
            assert device.welcome["seat"] == other.welcome["seat"] == 0
            assert device.welcome["table"] == first.replace("-", "") != other.welcome["table"]
            snapshot = await device.snapshot_where(lambda message: message["legal"] is not None)
            assert snapshot["teams"] == ["Ada", "steady", "random"] and snapshot["table"]["state"] == "playing"
            teacher_device = await Device.join(url, None, host=teacher.group(2))
            lobby = await teacher_device.next("lobby")
            assert [table["code"] for table in lobby["tables"]] == [code.replace("-", "") for code in (first, second)]
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
