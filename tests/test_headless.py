"""The headless runner and its command line: reproducible, robust against bad bots and bad input."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.headless.runner import RunConfig, run_games, summarize, wilson_interval

ROOT = Path(__file__).resolve().parents[1]
BOTS = ROOT / "tests" / "data" / "bots" / "misbehaving.py"
SIX = "steady,aggressive,cautious,random,random,steady"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True, text=True)


def test_same_seed_gives_byte_identical_results_whatever_the_jobs(tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.json"
        done = run("--headless", "--seats", SIX, "--games", "24", "--seed", "7", "--jobs", jobs, "--out", str(out))
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    other = tmp_path / "other.json"
    run("--headless", "--seats", SIX, "--games", "24", "--seed", "8", "--out", str(other))
    assert other.read_bytes() != outputs[0]


def test_summary_reports_every_figure_per_seat():
    config = RunConfig(seats=("steady", "random", "cautious"), games=30, seed=3, scenario="classic")
    records = run_games(config)
    summary = summarize(config, records)
    assert len(records) == 30 and summary["games"] == 30
    assert sum(row["win_rate"] for row in summary["seats"]) == pytest.approx(1.0, abs=1e-5)  # each rounded
    for row in summary["seats"]:
        low, high = row["win_rate_95"]
        assert low <= row["win_rate"] <= high
        for key in ("mean_score", "agi_wins", "exits", "mean_years_played", "fold_rate", "showdown_rate",
                    "mean_spend", "mean_won"):
            assert key in row
    assert summary["vendor_take"] == sum(game["vendor_take"] for game in records) > 0


def test_wilson_interval():
    assert wilson_interval(0, 0) == (0.0, 0.0)
    low, high = wilson_interval(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-3) and high == pytest.approx(0.5962, abs=1e-3)


@pytest.mark.parametrize("bot, incident", [("Crashes", "raised"), ("Cheats", "illegal"), ("Dawdles", "timeout")])
def test_a_misbehaving_bot_passes_for_that_decision_and_the_run_goes_on(bot, incident):
    config = RunConfig(seats=(f"{BOTS}:{bot}", "steady", "random"), games=2, seed=1, scenario="classic",
                       time_limit=0.05)
    records = run_games(config)
    assert len(records) == 2
    incidents = sum(record["seats"][0]["incidents"].get(incident, 0) for record in records)
    decisions = sum(record["seats"][0]["decisions"] for record in records)
    assert incidents == decisions > 0  # every one of its decisions failed, and each was counted


def test_incidents_are_reported_in_the_summary_table():
    done = run("--headless", "--seats", f"{BOTS}:Crashes,steady", "--games", "2", "--quiet")
    assert done.returncode == 0, done.stderr
    assert "bot incidents: raised" in done.stdout


def test_csv_has_a_header_and_a_row_per_game_and_seat(tmp_path):
    out = tmp_path / "rows.csv"
    done = run("--headless", "--seats", "steady,random,cautious", "--games", "5", "--csv", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("game,seed,years,over_reason,seat,bot")
    assert len(lines) == 1 + 5 * 3


def test_histories_replay_to_their_recorded_result(tmp_path):
    folder = tmp_path / "histories"
    done = run("--headless", "--seats", "steady,aggressive", "--games", "3", "--histories", str(folder), "--quiet")
    assert done.returncode == 0, done.stderr
    files = sorted(folder.glob("game-*.json"))
    assert len(files) == 3
    replayed = run("--replay", str(files[0]))
    assert replayed.returncode == 0 and "reproduces the recorded result" in replayed.stdout
    doc = json.loads(files[1].read_text(encoding="utf-8"))
    doc["result"][0]["score"] += 1
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(doc), encoding="utf-8")
    mismatch = run("--replay", str(tampered))
    assert mismatch.returncode == 1 and "MISMATCH" in mismatch.stdout


def test_progress_bar_stays_quiet_when_not_on_a_terminal():
    done = run("--headless", "--seats", "steady,random", "--games", "3")
    assert done.returncode == 0 and done.stderr == ""


@pytest.mark.parametrize("args, words", [
    (("--headless", "--seats", "steady,wizard"), "unknown bot 'wizard'"),
    (("--headless", "--seats", "steady,missing.py:Bot"), "bot file 'missing.py' not found"),
    (("--headless", "--seats", f"steady,{BOTS}:Nope"), "has no class 'Nope'"),
    (("--headless", "--seats", f"steady,{BOTS}:NotABot"), "has no act(observation, legal) method"),
    (("--headless", "--seats", f"steady,{BOTS.parent / 'broken_import.py'}:Bot"), "failed to load"),
    (("--headless", "--seats", "steady"), "a table seats 2 to 8"),
    (("--headless", "--seats", "steady,,random"), "empty entry"),
    (("--headless", "--seats", "steady,random", "--games", "-3"), "--games must be 1 to"),
    (("--headless", "--seats", "steady,random", "--jobs", "0"), "--jobs must be at least 1"),
    (("--headless", "--seats", "steady,random", "--time-limit", "-1"), "--time-limit must be 0"),
    (("--headless", "--seats", "steady,random", "--scenario", "nope"), "nope: no such scenario"),
    (("--headless", "--seats", "steady,random", "--out", "/no/such/dir/r.json"), "folder '/no/such/dir'"),
    (("--headless", "--games", "many"), "invalid int value"),
    (("--replay", "/no/such/file.json"), "cannot be read"),
    (("--replay", str(ROOT / "README.md")), "not valid JSON"),
    (("--headless", "--bogus"), "unrecognized arguments: --bogus"),
])
def test_bad_input_gets_one_clear_line_and_status_2(args, words):
    done = run(*args)
    assert done.returncode == 2, done.stdout
    assert words in done.stderr and "Traceback" not in done.stderr


def test_the_documented_example_bot_is_the_file_and_plays_without_incidents():
    doc = (ROOT / "docs" / "bots.md").read_text(encoding="utf-8")
    example = (ROOT / "docs" / "example_bot.py").read_text(encoding="utf-8")
    assert f"```python\n{example}```" in doc
    code_lines = [line for line in example.splitlines() if line.strip() and not line.lstrip().startswith(("#", '"'))]
    assert len(code_lines) <= 25  # "a complete bot of about 20 lines"
    config = RunConfig(seats=(f"{ROOT / 'docs' / 'example_bot.py'}:MyBot", "steady", "random"), games=10, seed=5,
                       scenario="classic")
    records = run_games(config)
    assert all(not record["seats"][0]["incidents"] for record in records)
    assert sum(record["seats"][0]["decisions"] for record in records) > 50


def test_progress_bar_draws_a_bar_with_an_eta_on_a_terminal():
    import io

    from game.headless.progress import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(4, stream=stream, enabled=True)
    for done in range(1, 5):
        bar.update(done)
    text = stream.getvalue()
    assert "4/4 games" in text and "ETA" in text and text.endswith("\n")
    quiet = io.StringIO()
    ProgressBar(4, stream=quiet, enabled=False).update(4)
    assert quiet.getvalue() == ""
