"""Network play end to end in real windows (Xvfb, xdotool, like test_e2e_window): one window hosts a
table from the title screen, a second window joins it by address, join code and team name, the
teacher panel in the first starts the game, and the second makes a move at its table."""

from __future__ import annotations

import os
import shutil
import socket

import pytest

from test_e2e_window import Window, xvfb

TOOLS = shutil.which("Xvfb") and shutil.which("xdotool")
REQUIRED = os.environ.get("TABLE_STAKES_E2E") == "1"

if not TOOLS and REQUIRED:
    pytest.fail("TABLE_STAKES_E2E=1 but Xvfb or xdotool is missing (apt-get install xvfb xdotool)",
                pytrace=False)
pytestmark = pytest.mark.skipif(not TOOLS, reason="needs Xvfb and xdotool (apt-get install xvfb xdotool)")


@pytest.fixture
def wide_display():
    """A screen wide enough for two 1280x720 windows side by side (a click must reach the one meant)."""
    yield from xvfb(190 + os.getpid() % 100, "2600x760x24")


class RaisedWindow(Window):
    """A window raised above the other before each click: without a window manager a click lands in
    whichever window is on top there."""

    def click(self, scene: str, widget: str, *, answered: bool = True) -> None:
        self.xdotool("windowraise", self.window)
        super().click(scene, widget, answered=answered)

    def key(self, name: str) -> None:
        self.xdotool("windowraise", self.window)
        super().key(name)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def type_text(window: RaisedWindow, scene: str, entry: str, text: str) -> None:
    """Click a text entry, empty it and type `text`."""
    window.click(scene, entry, answered=False)
    window.key("ctrl+a")
    window.key("BackSpace")
    window.xdotool("type", "--delay", "60", "--window", window.window, text)


def scene_is(name: str):
    return lambda entry: entry["event"] == "scene" and entry["name"] == name


def test_one_window_hosts_a_table_and_another_joins_it_and_plays(wide_display, tmp_path):
    port = free_port()
    host = RaisedWindow(wide_display, tmp_path / "host_home", tmp_path / "host.log")
    player = None
    try:
        host.wait_for(scene_is("TitleScene"))
        host.click("TitleScene", "buttons.host_table")
        host.wait_for(scene_is("HostSetupScene"))
        type_text(host, "HostSetupScene", "port_entry", str(port))
        host.click("HostSetupScene", "buttons.start")
        hosting = host.wait_for(lambda entry: entry["event"] == "hosting")
        assert hosting["port"] == port
        code = hosting["tables"][0]

        player = RaisedWindow(wide_display, tmp_path / "player_home", tmp_path / "player.log")
        player.xdotool("windowmove", player.window, "1300", "0")  # beside the host's window, not over it
        player.wait_for(scene_is("TitleScene"))
        player.click("TitleScene", "buttons.join_table")
        player.wait_for(scene_is("JoinScene"))
        type_text(player, "JoinScene", "entries.address", f"127.0.0.1:{port}")
        type_text(player, "JoinScene", "entries.code", code.lower())
        type_text(player, "JoinScene", "entries.team", "Blue")
        player.click("JoinScene", "buttons.join")
        joined = player.wait_for(lambda entry: entry["event"] == "joined")
        assert joined["seat"] == 0 and joined["code"] == code

        host.click("ProjectorScene", "panel_button")
        host.wait_for(lambda entry: entry["event"] == "widgets" and entry["scene"] == "TeacherPanelScene"
                      and f"buttons.start:{code}" in entry["widgets"])
        host.click("TeacherPanelScene", f"buttons.start:{code}")
        host.wait_for(lambda entry: entry["event"] == "control" and entry["do"] == "start")

        player.wait_for(lambda entry: entry["event"] == "widgets" and entry["scene"] == "TableScene"
                        and "buttons.sit_in" in entry["widgets"])
        player.click("TableScene", "buttons.sit_in")
        moved = player.wait_for(lambda entry: entry["event"] == "applied" and entry["seat"] == 0)
        assert moved["action"] == "sit_in"  # the server took the move and sent it back in the next view

        host.key("Escape")  # closes the panel
        host.key("Escape")  # asks whether to stop hosting
        host.click("StopHostingScene", "buttons.stop")
        host.wait_for(lambda entry: entry["event"] == "hosting_stopped")
    finally:
        for window in (host, player):
            if window is not None and window.process.poll() is None:
                window.process.terminate()
                window.process.wait(timeout=10)
