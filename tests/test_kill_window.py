"""kill -9 in the window, a few times (bench/kill_window.py runs it 50 times): no finished action
lost, no temporary file left, the next start clean. Needs Xvfb and xdotool, like test_e2e_window."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from kill_window import kill_rounds, start_display  # noqa: E402

TOOLS = shutil.which("Xvfb") and shutil.which("xdotool")
REQUIRED = os.environ.get("TABLE_STAKES_E2E") == "1"

if not TOOLS and REQUIRED:
    pytest.fail("TABLE_STAKES_E2E=1 but Xvfb or xdotool is missing (apt-get install xvfb xdotool)", pytrace=False)
pytestmark = pytest.mark.skipif(not TOOLS, reason="needs Xvfb and xdotool (apt-get install xvfb xdotool)")


def test_three_kills_in_the_window_lose_no_action_and_leave_no_temporary_file(tmp_path):
    server, display = start_display()
    try:
        rounds = kill_rounds(3, seed=7, display=display, work=tmp_path, echo=lambda line: None)
    finally:
        server.kill()
        server.wait()
    assert [report.problems for report in rounds] == [[]] * 4
    assert rounds[-1].held >= rounds[-1].applied > 0, "the last start found every applied action in the autosave"
