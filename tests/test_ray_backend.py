"""Headless runs on Ray (issue 15): a local Ray cluster plays the same games as this machine's
processes, so the results file is byte for byte the same; --balance too; a cluster that is not there
is said at once, with exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="the [ray] extra is not installed (the [test] extra brings it)")

ROOT = Path(__file__).resolve().parents[1]
# No time limit: a decision over the limit on a busy machine would be recorded as such, and the
# files would differ by the machine's load rather than by the backend (seen once under load 7)
RUN = [sys.executable, "main.py", "--headless", "--seats", "steady,random,calculator,cautious", "--games", "30",
       "--seed", "5", "--jobs", "2", "--quiet", "--time-limit", "0"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_run_on_a_local_ray_cluster_writes_the_same_results_file_as_a_local_run(tmp_path):
    local, on_ray = tmp_path / "local.json", tmp_path / "ray.json"
    here = run(*RUN, "--out", str(local))
    there = run(*RUN, "--backend", "ray", "--out", str(on_ray))
    assert here.returncode == 0 and there.returncode == 0, there.stderr[-2000:]
    assert on_ray.read_bytes() == local.read_bytes()
    assert here.stdout == there.stdout  # the summary table too


def test_the_balance_report_on_ray_is_the_local_one():
    command = [sys.executable, "main.py", "--balance", "--games", "1", "--seed", "3", "--jobs", "2", "--quiet",
               "--time-limit", "0"]
    here, there = run(*command), run(*command, "--backend", "ray")
    assert here.returncode == 0 and there.returncode == 0, there.stderr[-2000:]
    assert there.stdout == here.stdout


@pytest.mark.parametrize("flags, said", [
    (("--backend", "ray", "--ray-address", "127.0.0.1:1"), "no Ray cluster answers at 127.0.0.1:1"),
    (("--backend", "ray", "--ray-address", "nonsense"), "--ray-address must be HOST:PORT"),
    (("--ray-address", "127.0.0.1:6379"), "--ray-address goes with --backend ray"),
])
def test_a_ray_address_that_cannot_be_used_is_said_at_once(flags, said):
    done = run(*RUN, *flags)
    assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr
