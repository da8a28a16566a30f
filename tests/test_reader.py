"""The one hardened reader (game/content/reader.py) and the readers built on it: every JSON and TOML
file the game reads is refused with a clear message naming the file and the problem, or read
safely; the save and replay lists show a broken file as broken and keep listing the rest.
(Issue 11, Found 5.)
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random

import pytest

from game import cli
from game.content import load_scenario
from game.content.files import autosave_path, histories_dir, saves_dir
from game.content.reader import MAX_BYTES, MAX_DEPTH, MAX_DIGITS, MAX_TOML_BYTES, ReadError, read_json, \
    read_toml
from game.content.saves import SaveError, SeatPlayer, history_text, list_game_files, list_saves, read_game_file, \
    read_save, save_text
from game.core import apply_action, default_seats, history_of, new_game
from game.debrief import load_debrief
from game.session import Session
from support import random_action

PLAYERS = (SeatPlayer("Ada"), SeatPlayer("Steady", "steady"), SeatPlayer("Bo", "cautious"))


def played(actions: int | None = None, seed: int = 5):
    """A game of classic between three seats after `actions` random actions (to the end if None)."""
    scenario = load_scenario("classic")
    state = new_game(scenario, default_seats(scenario, 3), seed)
    rng = random.Random(seed)
    while not state.is_over and (actions is None or actions > 0):
        state = apply_action(state, random_action(state, rng)).state
        actions = None if actions is None else actions - 1
    return state


@pytest.fixture(scope="module")
def save_doc() -> dict:
    return json.loads(save_text(played(30), PLAYERS))


@pytest.fixture(scope="module")
def history_bytes() -> bytes:
    return history_text(history_of(played())).encode("utf-8")


def nested(depth: int) -> list:
    return json.loads("[" * depth + "]" * depth)


def cli_run(*args: str) -> tuple[int, str, str]:
    """`python main.py ARGS` in this process: its exit status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def assert_one_clean_line(code: int, err: str, *words: str) -> None:
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    for word in words:
        assert word in err, err


# --------------------------------------------------------------------------- Found 5

def test_a_save_with_an_integer_of_5000_digits_is_listed_as_broken_and_the_lists_go_on(home, save_doc):
    good = saves_dir() / "good.json"
    good.write_text(json.dumps(save_doc), encoding="utf-8")
    huge = saves_dir() / "huge.json"
    huge.write_text(json.dumps(save_doc).replace(f'"year": {save_doc["year"]}', '"year": ' + "9" * 5000),
                    encoding="utf-8")
    with pytest.raises(SaveError, match=f"huge.json: .*more than {MAX_DIGITS} digits"):
        read_save(huge)
    listing = list_saves()
    assert [file.path.name for file in listing.saves] == ["good.json"]
    assert [error.path.name for error in listing.unreadable] == ["huge.json"]
    replayable = list_game_files()
    assert [file.path.name for file in replayable.files] == ["good.json"]
    assert [error.path.name for error in replayable.problems] == ["huge.json"]


def test_a_scenario_nested_600_deep_inside_a_save_is_refused_by_load_replays_debrief_and_continue(home, save_doc):
    doc = json.loads(json.dumps(save_doc))
    doc["history"]["scenario"]["notes"]["en"] = nested(600)
    text = json.dumps(doc)
    deep = saves_dir() / "deep.json"
    deep.write_text(text, encoding="utf-8")
    autosave_path().write_text(text, encoding="utf-8")
    with pytest.raises(SaveError, match="deep.json: .*nested too deeply"):
        read_save(deep)  # Load
    assert [error.path.name for error in list_saves().unreadable] == ["deep.json"]
    assert sorted(error.path.name for error in list_game_files().problems) == ["autosave.json", "deep.json"]
    with pytest.raises(SaveError, match="nested too deeply"):
        load_debrief(deep)
    with pytest.raises(SaveError, match="autosave.json: .*nested too deeply"):
        Session.load(autosave_path())  # Continue
    assert_one_clean_line(*cli_run("--replay", str(deep))[::2], "nested too deeply")


@pytest.mark.parametrize("content, words", [
    (b'{"format": "table-stakes/history", "seats": ["\xe4tlas"]}', ("not UTF-8", "byte 0xe4 on line 1")),
    (b'{"format":\n "table-stakes/history",\n "x": "\xff\xfe"}', ("not UTF-8", "byte 0xff on line 3")),
    (b"\xff\xfe{\x00}\x00", ("not UTF-8", "byte 0xff on line 1")),
])
def test_replay_of_a_file_that_is_not_utf8_says_so_in_one_line(tmp_path, content, words):
    path = tmp_path / "history.json"
    path.write_bytes(content)
    code, _, err = cli_run("--replay", str(path))
    assert_one_clean_line(code, err, "history.json", *words)


def test_replay_survives_600_single_byte_flips_of_a_history(tmp_path, history_bytes):
    path = tmp_path / "flipped.json"
    outcomes = set()
    for seed in range(600):
        rng = random.Random(seed)
        flipped = bytearray(history_bytes)
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        path.write_bytes(bytes(flipped))
        code, _, err = cli_run("--replay", str(path))
        assert code in (0, 1, 2), seed
        if code == 2:
            assert_one_clean_line(code, err)
        outcomes.add(code)
    assert outcomes >= {0, 2}


# --------------------------------------------------------------------------- the reader

def test_the_reader_refuses_what_is_not_a_file_it_can_read(tmp_path):
    with pytest.raises(ReadError, match="missing.json: no such file"):
        read_json(tmp_path / "missing.json")
    with pytest.raises(ReadError, match="is a folder"):
        read_json(tmp_path)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_BYTES + 1))
    with pytest.raises(ReadError, match=f"big.json: is too large .*{MAX_BYTES:,}"):
        read_json(big)
    big_toml = tmp_path / "big.toml"
    big_toml.write_bytes(b"a = 1\n" + b" " * MAX_TOML_BYTES)
    with pytest.raises(ReadError, match=f"big.toml: is too large .*{MAX_TOML_BYTES:,}"):
        read_toml(big_toml)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="pipe.json: is not a regular file"):
        read_json(fifo)  # would block for ever if opened


@pytest.mark.parametrize("text, words", [
    ("", "is empty"),
    ("  \n", "is empty"),
    ('{"a": 1,}', "not valid JSON (line 1, column 9"),
    ('{"a": NaN}', "NaN"),
    ('{"a": -Infinity}', "-Infinity"),
    ('{"a": 1e400}', "1e400"),
    ('{"a": [' + "1" * (MAX_DIGITS + 1) + "]}", f"more than {MAX_DIGITS} digits (line 1)"),
    ('{\n"a": ' + "1" * 5000 + "}", f"more than {MAX_DIGITS} digits (line 2)"),
    ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), f"more than {MAX_DEPTH} levels"),
    ("[" * 100_000 + "]" * 100_000, f"more than {MAX_DEPTH} levels"),
    ("[" * 100_000, f"more than {MAX_DEPTH} levels"),
    ('{"name": "\\ud800"}', "broken character"),
    ('{"name": "x\\udc00y"}', "broken character"),
])
def test_broken_json_is_refused_naming_the_file_and_the_problem(tmp_path, text, words):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError) as refused:
        read_json(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert words in str(refused.value)
    assert refused.value.reason.key.startswith("file_problem.")


def test_the_reader_accepts_what_the_game_writes(tmp_path):
    path = tmp_path / "fine.json"
    deepest = nested(MAX_DEPTH - 1)
    doc = {"name": "Zoë \U0001f600", "seed": 10 ** (MAX_DIGITS - 1), "x": -1.5e300,
           "not_a_number": "[[[[NaN 1e400 " + "9" * 500, "deep": deepest}
    # a byte order mark is allowed; json.dumps escapes the emoji as a surrogate pair, which is whole
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc).encode("utf-8"))
    text, read = read_json(path)
    assert read == doc and text.startswith("{")


def test_the_toml_reader_takes_a_byte_order_mark_and_refuses_deep_and_long(tmp_path):
    path = tmp_path / "x.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\r\n")
    assert read_toml(path) == {"a": 1}
    path.write_text("a = " + "[" * 3000 + "]" * 3000, encoding="utf-8")
    with pytest.raises(ReadError, match=f"x.toml: is nested too deeply .*{MAX_DEPTH}"):
        read_toml(path)
    path.write_text("a = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), encoding="utf-8")
    with pytest.raises(ReadError, match="nested too deeply"):
        read_toml(path)
    path.write_text("a = 1\nb = " + "7" * 5000, encoding="utf-8")
    with pytest.raises(ReadError, match=f"more than {MAX_DIGITS} digits"):
        read_toml(path)
    path.write_text("a = 1\nb = [" + "7" * (MAX_DIGITS + 1) + "]", encoding="utf-8")
    with pytest.raises(ReadError, match=f"more than {MAX_DIGITS} digits"):
        read_toml(path)
    path.write_text("a = \n", encoding="utf-8")
    with pytest.raises(ReadError, match="not valid TOML"):
        read_toml(path)


def test_a_history_in_the_histories_folder_that_is_broken_is_listed_as_broken(home, history_bytes):
    (histories_dir() / "good.json").write_bytes(history_bytes)
    (histories_dir() / "bad.json").write_bytes(history_bytes.replace(b'"seed": ', b'"seed": ' + b"1" * 4400))
    (histories_dir() / "latin1.json").write_bytes(b'{"x": "\xe4"}')
    listing = list_game_files()
    assert [file.path.name for file in listing.files] == ["good.json"]
    assert sorted(error.path.name for error in listing.problems) == ["bad.json", "latin1.json"]


def test_read_game_file_names_the_file_for_every_reader_problem(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "table-stakes/history", "x": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    with pytest.raises(SaveError) as refused:
        read_game_file(path)
    assert refused.value.path == path and refused.value.reason.key == "file_problem.too_deep"
