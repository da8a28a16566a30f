"""The command line: plays and narrates a game; bad input gets one line and exit status 2."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)


def test_play_prints_a_game_year_by_year():
    out = run("--narrate", "--seed", "5", "--seats", "random,steady,cautious")
    assert out.returncode == 0, out.stderr
    assert "2024: the table stakes are $500M" in out.stdout and "Game over in" in out.stdout
    assert "Cygnus Systems (cautious)" in out.stdout
    again = run("--narrate", "--seed", "5", "--seats", "random,steady,cautious")
    assert again.stdout == out.stdout  # same seed, same game


def test_help_describes_the_options():
    out = run("--help")
    assert out.returncode == 0
    for option in ("--scenario", "--seats", "--seed", "--headless", "--games", "--jobs", "--out", "--csv",
                   "--histories", "--time-limit", "--quiet", "--replay", "--narrate", "--size", "--balance",
                   "--check-scenario", "--debrief", "--lang"):
        assert option in out.stdout


@pytest.mark.parametrize("args, words", [
    (("--narrate", "--seats", ",".join(["random"] * 9)), "--seats names 9 bot(s); a table seats 2 to 8"),
    (("--narrate", "--seats", "random,many"), "unknown bot 'many'"),
    (("--narrate", "--seed", "-1"), "--seed must be 0 to"),
    (("--narrate", "--scenario", "nope"), "nope: no such scenario"),
    (("--narrate", "--scenario", "missing.toml"), "missing.toml: no such file"),
    (("--size", "huge"), "--size must look like 1280x720"),
    (("--bogus",), "unrecognized arguments: --bogus"),
    (("--debrief", "README.md"), "--debrief needs --out DIR"),
    (("--debrief", "README.md", "--out", "/tmp/never"), "README.md: is not valid JSON"),
    (("--debrief", "missing.json", "--out", "/tmp/never"), "missing.json"),
    (("--debrief", "x.json", "--out", "/tmp/never", "--lang", "fr"), "invalid choice: 'fr'"),
])
def test_bad_input_gets_a_clear_line_and_status_2(args, words):
    out = run(*args)
    assert out.returncode == 2
    assert words in out.stderr and "Traceback" not in out.stderr


def test_debrief_of_a_headless_history_writes_its_folder(tmp_path):
    histories = tmp_path / "histories"
    played = run("--headless", "--games", "1", "--seed", "4", "--quiet", "--seats", "steady,cautious,aggressive",
                 "--histories", str(histories))
    assert played.returncode == 0, played.stderr
    (history,) = histories.iterdir()
    out = run("--debrief", str(history), "--out", str(tmp_path / "debrief"), "--lang", "de")
    assert out.returncode == 0, out.stderr
    assert "Rentendissipation" in out.stdout and "16 Dateien exportiert" in out.stdout  # 7 firm charts, 2 table charts
    written = {path.name for path in (tmp_path / "debrief").iterdir()}
    assert {"firm_years.csv", "actions.csv", "history.json", "cash.png", "score.png", "README.txt"} <= written
    replayed = run("--replay", str(tmp_path / "debrief" / "history.json"))
    assert replayed.returncode == 0, replayed.stderr
