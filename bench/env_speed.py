#!/usr/bin/env python3
"""RL environment throughput beside PettingZoo's and RLCard's no-limit hold'em (issue 15), interleaved.

Each environment runs in a long-lived worker process (bench/interleave.py): ours in this interpreter,
the peers in `--peers PYTHON` (a virtualenv with `pettingzoo[classic]` and `rlcard`: PettingZoo's
classic games pull in pygame-ce and must not touch the game's environment). Short slices alternate
ours, PettingZoo, ours, RLCard, ours, …; each peer slice is paired with the geometric mean of our
slices just before and after it, so a machine busier in one minute than the next moves both sides of
a pair alike. The policy is random masked play: each step picks uniformly among the actions the mask
allows; an episode is one game here and one hand there (each environment's own episode), run to its
end, then reset. With `--both` it measures a pure and a compiled copy of this tree side by side (the
compiled core built by game/build_fast.py, as `make fast` does), this tree itself left as it is.

    python bench/env_speed.py --peers /tmp/peers-venv/bin/python --slices 9 --seconds 2
    python bench/env_speed.py --peers /tmp/peers-venv/bin/python --both

It prints each environment's median steps/s, the median of the paired ratios ours ÷ peer with their
quartiles, which interpreter and which build of the core ran (issue 15's goal: at least 2× PettingZoo's).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_speed import our_builds, print_what_ran  # noqa: E402
from interleave import Worker, alternate, spread  # noqa: E402

GOAL = 2.0  # issue 15: at least 2× PettingZoo's steps/s

OURS = r"""
import sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np
import game.core.rules
from game.env import TableStakesEnv
env = TableStakesEnv(scenario="classic", seats=int(sys.argv[2]))
rng = np.random.default_rng(1)
env.reset(seed=1)

def steps(seconds):
    stop = time.perf_counter() + seconds
    count, start = 0, time.perf_counter()
    while time.perf_counter() < stop:
        for _ in range(200):
            obs, reward, terminated, truncated, info = env.last()
            if terminated or truncated:
                env.step(None)
                if not env.agents:
                    env.reset()
                continue
            env.step(rng.choice(np.flatnonzero(obs["action_mask"])))
            count += 1
    return count / (time.perf_counter() - start)

steps(0.3)  # warm up: imports, first games
print("ready", game.core.rules.__file__, flush=True)
for line in sys.stdin:
    print(steps(float(line)), flush=True)
"""

PEER = r"""
import sys, time, warnings
from importlib.metadata import version
warnings.filterwarnings("ignore")
import numpy as np
name, seats = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(1)
if name == "pettingzoo":
    from pettingzoo.classic import texas_holdem_no_limit_v6
    pz = texas_holdem_no_limit_v6.env(num_players=seats)
    pz.reset(seed=1)

    def one():
        obs, reward, terminated, truncated, info = pz.last()
        if terminated or truncated:
            pz.step(None)
            if not pz.agents:
                pz.reset()
            return 0
        pz.step(rng.choice(np.flatnonzero(obs["action_mask"])))
        return 1
else:
    import rlcard
    rl = rlcard.make("no-limit-holdem", config={"seed": 1, "game_num_players": seats})
    state = [rl.reset()[0]]

    def one():
        if rl.is_over():
            state[0] = rl.reset()[0]
        legal = list(state[0]["legal_actions"])
        state[0] = rl.step(legal[rng.integers(len(legal))])[0]
        return 1

def steps(seconds):
    stop = time.perf_counter() + seconds
    count, start = 0, time.perf_counter()
    while time.perf_counter() < stop:
        for _ in range(200):
            count += one()
    return count / (time.perf_counter() - start)

steps(0.3)
print("ready", name, version("pettingzoo" if name == "pettingzoo" else "rlcard"), flush=True)
for line in sys.stdin:
    print(steps(float(line)), flush=True)
"""
PEERS = ("pettingzoo", "rlcard")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peers", required=True, metavar="PYTHON", help="interpreter with pettingzoo[classic], rlcard")
    parser.add_argument("--seats", type=int, default=6, help="players at each table (default 6, as peers_bench.py)")
    parser.add_argument("--slices", type=int, default=9, help="slices per peer (default 9)")
    parser.add_argument("--seconds", type=float, default=2.0, help="length of one slice (default 2)")
    parser.add_argument("--both", action="store_true", help="measure a pure and a compiled copy of this tree")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="env-speed-") as temp:
        trees = our_builds(args.both, Path(temp))
        ours = {label: Worker([sys.executable, "-c", OURS, str(tree), str(args.seats)], label)
                for label, tree in trees.items()}
        peers = {name: Worker([args.peers, "-c", PEER, name, str(args.seats)], name) for name in PEERS}
        rates, ratios = alternate(ours, peers, args.slices, args.seconds)

    print_what_ran(ours, args.peers)
    print(f"bench/env_speed.py: {args.seats} seats, random masked play, {args.slices} slices of {args.seconds:g} s "
          "per peer, interleaved ours, peer, ours, …; each peer slice paired with the geometric mean of ours either "
          "side of it")
    for name in rates:
        info = f" ({peers[name].info})" if name in peers else ""
        print(f"  {name + info:<32} median {statistics.median(rates[name]):>9,.0f} steps/s")
    for (label, name), values in ratios.items():
        print(f"  ours ({label}) ÷ {name:<11} {spread(values)}")
    for label in ours:
        here = statistics.median(ratios[label, "pettingzoo"])
        print(f"  {label}: goal ≥ {GOAL:g}× PettingZoo's: {'met' if here >= GOAL else 'not met'} ({here:.2f}×)")


if __name__ == "__main__":
    main()
