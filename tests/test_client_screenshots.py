"""docs/make_screenshots.py plays a game by clicking, as a person would, and saves its screens. It
stood still on the question before selling shares (raising funds asks it first) and then crashed
with --language de; here it runs to the end in both languages and reaches every screen it means to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {
    "en": {"title", "handover", "table_ante", "table_betting", "table_preference", "showdown", "year_summary",
           "pause", "table_colour_blind", "table_export_controls", "sell_shares_confirm", "handover_news",
           "showdown_steps", "table_1080"},
    "de": {"title", "handover", "table_ante", "table_betting", "table_preference", "showdown", "year_summary",
           "table_call", "showdown_2027", "pause", "table_exited", "game_over", "how_to_play_1",
           "table_export_controls"},
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_screenshot_script_plays_through_and_reaches_every_screen(tmp_path, language):
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "make_screenshots.py"), "--language", language,
                             "--out", str(tmp_path)], capture_output=True, text=True, timeout=300,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "not reached" not in result.stdout, result.stdout
    assert SHOTS[language] <= {path.stem for path in tmp_path.glob("*.png")}
