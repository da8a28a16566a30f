"""Headless runs that never lose work: outputs checked before the first game, results streamed and
resumable, bots that exit, hang or crash costing only their decision or their game, numbers checked."""

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from game import cli
from game.headless.runner import RunConfig, run_games

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "data" / "bots" / "hostile.py"
TWO = "steady,random"


def run(*args, timeout=60, **kwargs):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def lines_of(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def games_in(path):
    return [line for line in lines_of(path) if "game" in line]


# ------------------------------------------------------------------------------------ outputs checked first

@pytest.mark.parametrize("option", ["--out", "--csv"])
def test_an_output_naming_a_folder_is_refused_before_any_game(tmp_path, option):
    histories = tmp_path / "histories"
    done = run("--headless", "--seats", TWO, "--games", "3", option, str(tmp_path), "--histories", str(histories))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{option}: '{tmp_path}' is a folder" in done.stderr
    assert not histories.exists() or not any(histories.iterdir())  # no game was played


@pytest.mark.parametrize("option", ["--out", "--csv"])
def test_an_output_that_cannot_be_written_is_refused_before_any_game(tmp_path, option):
    a_file = tmp_path / "note.txt"
    a_file.write_text("not a folder", encoding="utf-8")
    for path, words in ((a_file / "r.json", "is not a folder"), (Path("/proc/table-stakes-r.json"), "cannot write")):
        done = run("--headless", "--seats", TWO, "--games", "3", option, str(path))
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert option in done.stderr and words in done.stderr and "0 games" not in done.stdout


def _limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000))


def test_a_history_that_cannot_be_written_whole_leaves_no_truncated_file(tmp_path):
    folder = tmp_path / "histories"
    done = run("--headless", "--seats", TWO, "--games", "3", "--histories", str(folder), preexec_fn=_limit_file_size)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(folder) in done.stderr and "File too large" in done.stderr
    for path in folder.iterdir():
        assert not path.name.endswith(".tmp")
        json.loads(path.read_text(encoding="utf-8"))  # every history there is whole


# ------------------------------------------------------------------------------------ streaming and memory

def _peak_memory_of_a_run(tmp_path, games):
    tracemalloc.start()
    try:
        cli.main(["--headless", "--seats", TWO, "--games", str(games), "--quiet", "--out", str(tmp_path / "r.json")])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_however_many_games_stream_to_the_file(tmp_path, capsys):
    _peak_memory_of_a_run(tmp_path, 20)  # imports and caches, once
    few, many = _peak_memory_of_a_run(tmp_path, 50), _peak_memory_of_a_run(tmp_path, 450)
    assert many - few < 400_000  # kept in memory, 400 more games held ~2.4 MB
    assert len(games_in(tmp_path / "r.json")) == 450


def test_the_results_file_has_a_header_a_line_per_game_in_order_and_the_summary_last(tmp_path):
    out = tmp_path / "r.json"
    done = run("--headless", "--seats", TWO, "--games", "5", "--seed", "3", "--jobs", "2", "--out", str(out))
    assert done.returncode == 0, done.stderr
    header, *games, last = lines_of(out)
    assert header["format"] == "table-stakes/results" and header["run"]["seed"] == 3
    assert [game["game"] for game in games] == [0, 1, 2, 3, 4]
    assert last["summary"]["games"] == 5


# ------------------------------------------------------------------------------------ resume

def _uninterrupted(tmp_path, *extra):
    out, table = tmp_path / "whole.json", tmp_path / "whole.csv"
    done = run("--headless", "--seats", TWO, "--games", "12", "--seed", "5", "--out", str(out), "--csv", str(table),
               *extra)
    assert done.returncode == 0, done.stderr
    return done.stdout, out.read_bytes(), table.read_bytes()


def test_resume_after_a_kill_writes_the_same_files_as_an_uninterrupted_run(tmp_path):
    summary, whole, whole_csv = _uninterrupted(tmp_path)
    out, table = tmp_path / "killed.json", tmp_path / "tables" / "killed.csv"
    kept = whole.splitlines(keepends=True)[:6]  # the header and five games ...
    out.write_bytes(b"".join(kept) + whole.splitlines(keepends=True)[6][:40])  # ... and half a line
    table.parent.mkdir()
    table.write_bytes(whole_csv[:len(whole_csv) // 3])
    stale = table.parent / ".killed.csv.x1y2.tmp"  # a rewrite of the CSV killed half-way
    stale.write_bytes(whole_csv[:10])
    done = run("--headless", "--seats", TWO, "--games", "12", "--seed", "5", "--out", str(out), "--csv", str(table),
               "--resume", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == whole and table.read_bytes() == whole_csv and done.stdout == summary
    assert not stale.exists()


@pytest.mark.parametrize("cut", [0, 30])
def test_resume_after_a_kill_before_the_header_was_whole_starts_over(tmp_path, cut):
    _, whole, whole_csv = _uninterrupted(tmp_path)
    out = tmp_path / "killed.json"
    out.write_bytes(whole[:cut])
    done = run("--headless", "--seats", TWO, "--games", "12", "--seed", "5", "--out", str(out), "--csv",
               str(tmp_path / "killed.csv"), "--resume")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == whole and (tmp_path / "killed.csv").read_bytes() == whole_csv


def test_resume_of_a_finished_run_changes_nothing(tmp_path):
    summary, whole, _ = _uninterrupted(tmp_path)
    done = run("--headless", "--seats", TWO, "--games", "12", "--seed", "5", "--out", str(tmp_path / "whole.json"),
               "--csv", str(tmp_path / "whole.csv"), "--resume")
    assert done.returncode == 0 and done.stdout == summary
    assert (tmp_path / "whole.json").read_bytes() == whole


@pytest.mark.parametrize("args, words", [
    (("--seed", "6"), "another run"),
    (("--games", "13"), "another run"),
])
def test_resume_refuses_the_file_of_another_run(tmp_path, args, words):
    _, whole, _ = _uninterrupted(tmp_path)
    done = run("--headless", "--seats", TWO, "--games", "12", "--seed", "5", "--out", str(tmp_path / "whole.json"),
               "--resume", *args)
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "whole.json").read_bytes() == whole


def test_resume_needs_a_results_file_and_starts_the_run_if_it_is_not_there_yet(tmp_path):
    done = run("--headless", "--seats", TWO, "--resume")
    assert done.returncode == 2 and "--resume needs --out" in done.stderr
    _, whole, _ = _uninterrupted(tmp_path)
    done = run("--headless", "--seats", TWO, "--games", "12", "--seed", "5", "--resume", "--out",
               str(tmp_path / "killed-early.json"))  # killed before it had made its file
    assert done.returncode == 0 and "does not exist yet" in done.stderr
    assert (tmp_path / "killed-early.json").read_bytes() == whole


def test_kill_9_at_random_moments_loses_no_finished_game(tmp_path):
    _, whole, whole_csv = _uninterrupted(tmp_path, "--histories", str(tmp_path / "whole-histories"))
    out, table, folder = tmp_path / "r.json", tmp_path / "r.csv", tmp_path / "histories"
    args = [sys.executable, str(ROOT / "main.py"), "--headless", "--seats", TWO, "--games", "12", "--seed", "5",
            "--out", str(out), "--csv", str(table), "--histories", str(folder), "--jobs", "2", "--quiet"]
    chance = random.Random(11)
    kept = 0
    for kill in range(3):
        process = subprocess.Popen(args + (["--resume"] if kill else []), cwd=ROOT, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.3, 0.9))
        process.kill()
        process.wait()
        if out.exists():
            finished = games_in_prefix(out.read_bytes())
            assert finished >= kept  # a game once written stays written
            kept = finished
    done = subprocess.run(args + ["--resume"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == whole and table.read_bytes() == whole_csv
    assert sorted(path.name for path in folder.iterdir()) == [f"game-{index:06d}.json" for index in range(12)]
    for path in folder.iterdir():
        assert path.read_bytes() == (tmp_path / "whole-histories" / path.name).read_bytes()
    assert not [path for path in tmp_path.rglob("*") if path.name.endswith(".tmp")]


def games_in_prefix(data: bytes) -> int:
    """Whole game lines in a results file that may end in half a line."""
    return sum(1 for line in data.split(b"\n")[:-1] if b'"game"' in line)


# ------------------------------------------------------------------------------------ bots that end or hang the run

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bot_calling_sys_exit_costs_only_its_decisions(tmp_path, jobs):
    out = tmp_path / "r.json"
    done = run("--headless", "--seats", f"{HOSTILE}:Exits,steady", "--games", "4", "--jobs", jobs, "--out", str(out))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    games = games_in(out)
    assert len(games) == 4
    assert all(game["seats"][0]["incidents"] == {"exited": game["seats"][0]["decisions"]} for game in games)
    assert "bot incidents: exited" in done.stdout


@pytest.mark.parametrize("bot", ["Interrupts", "ClosesGenerator"])
def test_a_bot_raising_a_base_exception_costs_only_its_decisions(bot):
    config = RunConfig(seats=(f"{HOSTILE}:{bot}", "steady"), games=2, seed=1, scenario="classic")
    records = run_games(config)
    assert len(records) == 2
    assert all(record["seats"][0]["incidents"] == {"exited": record["seats"][0]["decisions"]} for record in records)


def test_a_bot_file_that_exits_as_it_is_imported_is_refused_with_a_message():
    done = run("--headless", "--seats", f"{HOSTILE.parent / 'exits_on_import.py'}:Bot,steady", "--games", "2")
    assert done.returncode == 2 and "failed to load: SystemExit" in done.stderr and "Traceback" not in done.stderr


def test_a_bot_whose_constructor_runs_past_the_time_limit_passes_its_game():
    seats = _first_seat("SlowToStart", False, time_limit=0.1)
    assert all(seat["incidents"] == {"unbuilt": seat["decisions"]} for seat in seats)


def test_a_bot_whose_constructor_raises_passes_its_game_and_is_counted(tmp_path):
    done = run("--headless", "--seats", f"{HOSTILE}:FailsToStart,steady", "--games", "2", "--out",
               str(tmp_path / "r.json"))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    games = games_in(tmp_path / "r.json")
    assert all(game["seats"][0]["incidents"] == {"unbuilt": game["seats"][0]["decisions"]} for game in games)
    assert "bot incidents: unbuilt" in done.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bot_that_swallows_the_time_limit_costs_only_its_game(tmp_path, jobs):
    out = tmp_path / "r.json"
    done = run("--headless", "--seats", f"{HOSTILE}:Stubborn,steady", "--games", "3", "--jobs", jobs,
               "--time-limit", "0.05", "--out", str(out), timeout=60)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    games = games_in(out)
    assert [game["game"] for game in games] == [0, 1, 2]
    assert all(game["failed"] == "hang" for game in games)
    assert "3 games failed: hang 3" in done.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bot_that_ends_its_process_costs_only_its_game(tmp_path, jobs):
    out = tmp_path / "r.json"
    done = run("--headless", "--seats", f"{HOSTILE}:Vanishes,steady", "--games", "3", "--jobs", jobs,
               "--out", str(out))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert [game["failed"] for game in games_in(out)] == ["crash"] * 3


# ------------------------------------------------------------------------------------ numbers

def test_jobs_is_capped_at_the_processors_with_a_message():
    done = run("--headless", "--seats", TWO, "--games", "2", "--jobs", "999")
    assert done.returncode == 0, done.stderr
    assert f"--jobs 999 is more than this machine's {os.cpu_count()} processor" in done.stderr


@pytest.mark.parametrize("args, words", [
    (("--time-limit", "nan"), "--time-limit must be"),
    (("--time-limit", "inf"), "--time-limit must be"),
    (("--time-limit", "-1"), "--time-limit must be"),
    (("--time-limit", "1e9"), "--time-limit must be"),
    (("--games", "0"), "--games must be"),
    (("--games", "-5"), "--games must be"),
    (("--games", "10000000000000"), "--games must be"),
    (("--jobs", "0"), "--jobs must be"),
    (("--jobs", "-2"), "--jobs must be"),
    (("--seed", "-1"), "--seed must be"),
    (("--seed", "1" + "0" * 30), "--seed must be"),
])
def test_nonsense_numbers_are_refused(args, words):
    done = run("--headless", "--seats", TWO, *args)
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr, done.stderr


# ------------------------------------------------------------------------------------ a reader that stops reading

@pytest.mark.parametrize("args", [
    ("--check-scenario", "classic"),
    ("--help",),
    ("--narrate", "--seed", "3", "--seats", TWO),
    ("--headless", "--seats", TWO, "--games", "2"),
])
def test_a_closed_pipe_ends_the_output_quietly(args):
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()  # as `| head -1` does once it has its line
    _, errors = process.communicate(timeout=60)
    assert b"Traceback" not in errors and b"Exception ignored" not in errors, errors
    assert process.returncode == 0


# ------------------------------------------------------------------------------------ bots in their own process

def _first_seat(bot, isolate, games=2, time_limit=5.0):
    config = RunConfig(seats=(f"{HOSTILE}:{bot}", "steady"), games=games, seed=1, scenario="classic",
                       time_limit=time_limit, isolate_bots=isolate)
    return [record["seats"][0] for record in run_games(config)]


def test_an_isolated_bot_cannot_find_the_game_state_that_one_in_process_can():
    assert all(seat["incidents"] == {"illegal": seat["decisions"]} for seat in _first_seat("Snoops", False))
    isolated = _first_seat("Snoops", True)
    assert all(seat["incidents"] == {} and seat["decisions"] > 2 for seat in isolated)


def test_isolated_bots_play_the_same_games_as_bots_in_process():
    seats = (f"{ROOT / 'docs' / 'example_bot.py'}:MyBot", "steady", "random")
    config = RunConfig(seats=seats, games=4, seed=2, scenario="classic")
    assert run_games(config) == run_games(RunConfig(**{**config.__dict__, "isolate_bots": True}))


@pytest.mark.parametrize("bot, first, limit", [("Stubborn", "timeout", 0.1), ("Vanishes", "exited", 5.0),
                                               ("Exits", "exited", 5.0), ("FailsToStart", "unbuilt", 5.0),
                                               ("SlowToStart", "unbuilt", 0.5)])
def test_an_isolated_bot_that_hangs_or_dies_costs_only_its_decisions(bot, first, limit):
    for seat in _first_seat(bot, True, time_limit=limit):
        assert seat["incidents"].get(first, 0) >= 1
        assert sum(seat["incidents"].values()) == seat["decisions"]  # the rest: "gone", passed for it
        assert set(seat["incidents"]) <= {first, "gone"}


def test_isolate_bots_on_the_command_line(tmp_path):
    done = run("--headless", "--seats", f"{HOSTILE}:Stubborn,steady", "--games", "2", "--isolate-bots",
               "--time-limit", "0.1", "--out", str(tmp_path / "r.json"))
    assert done.returncode == 0, done.stderr
    assert all("failed" not in game and game["seats"][0]["incidents"].get("timeout") == 1
               for game in games_in(tmp_path / "r.json"))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_the_run_keeping_every_finished_game(tmp_path, jobs):
    out = tmp_path / "r.json"
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--headless", "--seats", TWO, "--games",
                                "100000", "--jobs", jobs, "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while games_in_prefix(out.read_bytes() if out.exists() else b"") < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=30)
    assert process.returncode == 130 and "Traceback" not in errors, errors
    assert "add --resume to the same command" in errors
    assert games_in_prefix(out.read_bytes()) >= 3
