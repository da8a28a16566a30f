#!/usr/bin/env python3
"""RL environment throughput beside PettingZoo's and RLCard's no-limit hold'em (issue 15), interleaved.

Each environment runs in a long-lived worker process: ours in this interpreter, the peers in
`--peers PYTHON` (a virtualenv with `pettingzoo[classic]` and `rlcard`: PettingZoo's classic games pull
in pygame-ce and must not touch the game's environment). The coordinator alternates short slices
ours, PettingZoo, RLCard, ours, … and pairs each peer slice with the slice of ours just before it, so a
busy machine slows both sides of a pair alike. The policy is random masked play: each step picks
uniformly among the actions the mask allows; an episode is one game here and one hand there (each
environment's own episode), run to its end, then reset.

    python bench/env_speed.py --peers /tmp/peers-venv/bin/python --slices 9 --seconds 2

It prints each environment's median steps/s and the median of the paired ratios ours ÷ peer
(issue 15's goal: at least 2× PettingZoo's).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OURS = r"""
import sys, time
import numpy as np
sys.path.insert(0, sys.argv[1])
from game.env import TableStakesEnv
env = TableStakesEnv(scenario="classic", seats=int(sys.argv[2]))
rng = np.random.default_rng(1)
env.reset(seed=1)
for line in sys.stdin:
    stop = time.perf_counter() + float(line)
    steps, start = 0, time.perf_counter()
    while time.perf_counter() < stop:
        for _ in range(200):
            obs, reward, terminated, truncated, info = env.last()
            if terminated or truncated:
                env.step(None)
                if not env.agents:
                    env.reset()
                continue
            env.step(rng.choice(np.flatnonzero(obs["action_mask"])))
            steps += 1
    print(steps / (time.perf_counter() - start), flush=True)
"""

PEERS = r"""
import sys, time, warnings
warnings.filterwarnings("ignore")
import numpy as np
from pettingzoo.classic import texas_holdem_no_limit_v6
import rlcard
seats = int(sys.argv[1])
rng = np.random.default_rng(1)
pz = texas_holdem_no_limit_v6.env(num_players=seats)
pz.reset(seed=1)
rl = rlcard.make("no-limit-holdem", config={"seed": 1, "game_num_players": seats})
rl_state = [rl.reset()[0]]

def pettingzoo_steps():
    obs, reward, terminated, truncated, info = pz.last()
    if terminated or truncated:
        pz.step(None)
        if not pz.agents:
            pz.reset()
        return 0
    pz.step(rng.choice(np.flatnonzero(obs["action_mask"])))
    return 1

def rlcard_steps():
    if rl.is_over():
        rl_state[0] = rl.reset()[0]
    legal = list(rl_state[0]["legal_actions"])
    rl_state[0] = rl.step(legal[rng.integers(len(legal))])[0]
    return 1

for line in sys.stdin:
    name, seconds = line.split()
    one = pettingzoo_steps if name == "pettingzoo" else rlcard_steps
    stop = time.perf_counter() + float(seconds)
    steps, start = 0, time.perf_counter()
    while time.perf_counter() < stop:
        for _ in range(200):
            steps += one()
    print(steps / (time.perf_counter() - start), flush=True)
"""


def worker(python: str, code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([python, "-c", code, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def ask(process: subprocess.Popen, line: str) -> float:
    process.stdin.write(line + "\n")
    process.stdin.flush()
    return float(process.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peers", required=True, metavar="PYTHON", help="interpreter with pettingzoo[classic], rlcard")
    parser.add_argument("--seats", type=int, default=6, help="players at each table (default 6, as peers_bench.py)")
    parser.add_argument("--slices", type=int, default=9)
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one slice")
    args = parser.parse_args()
    ours = worker(sys.executable, OURS, str(ROOT), str(args.seats))
    peers = worker(args.peers, PEERS, str(args.seats))
    rates: dict[str, list[float]] = {"ours": [], "pettingzoo": [], "rlcard": []}
    ratios: dict[str, list[float]] = {"pettingzoo": [], "rlcard": []}
    ask(ours, "0.3")  # warm both up: imports, first games
    ask(peers, "pettingzoo 0.3")
    ask(peers, "rlcard 0.3")
    for _ in range(args.slices):
        for peer in ("pettingzoo", "rlcard"):
            mine = ask(ours, str(args.seconds))
            theirs = ask(peers, f"{peer} {args.seconds}")
            rates["ours"].append(mine)
            rates[peer].append(theirs)
            ratios[peer].append(mine / theirs)
    for process in (ours, peers):
        process.stdin.close()
        process.wait()
    print(f"bench/env_speed.py: {args.seats} seats, random masked play, {args.slices} interleaved pairs of "
          f"{args.seconds:g} s slices per peer")
    for name, values in rates.items():
        print(f"  {name:<11} median {statistics.median(values):>9,.0f} steps/s  (min {min(values):,.0f}, "
              f"max {max(values):,.0f})")
    for name, values in ratios.items():
        print(f"  ours ÷ {name:<11} median of paired ratios {statistics.median(values):.2f}×")
    goal = statistics.median(ratios["pettingzoo"]) >= 2.0
    print(f"  goal ≥ 2× PettingZoo's: {'met' if goal else 'not met'}")


if __name__ == "__main__":
    main()
