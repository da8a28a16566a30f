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
                   "--histories", "--time-limit", "--quiet", "--replay", "--narrate", "--size", "--balance"):
        assert option in out.stdout


@pytest.mark.parametrize("args, words", [
    (("--narrate", "--seats", ",".join(["random"] * 9)), "--seats names 9 bot(s); a table seats 2 to 8"),
    (("--narrate", "--seats", "random,many"), "unknown bot 'many'"),
    (("--narrate", "--seed", "-1"), "--seed must be 0 or more"),
    (("--narrate", "--scenario", "nope"), "nope: no such scenario"),
    (("--narrate", "--scenario", "missing.toml"), "missing.toml: file not found"),
    (("--size", "huge"), "--size must look like 1280x720"),
    (("--bogus",), "unrecognized arguments: --bogus"),
])
def test_bad_input_gets_a_clear_line_and_status_2(args, words):
    out = run(*args)
    assert out.returncode == 2
    assert words in out.stderr and "Traceback" not in out.stderr
