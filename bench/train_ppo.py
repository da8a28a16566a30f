#!/usr/bin/env python3
"""Train a MaskablePPO agent for one seat of a 4-seat table and measure it (issue 15; docs/rl.md).

    pip install -e '.[rl,train]'         # sb3-contrib brings torch (docs/rl.md: a CPU-only torch)
    python bench/train_ppo.py --minutes 30 --out models/ppo_vs_random.zip

Trains on `SingleSeatEnv` against three `random` bots, within `--minutes` of wall time (checked after
every rollout), then plays `--games` evaluation games with the policy seated as the bot
`ppo:MODEL.zip` through the headless runner, in every seat in turn: first against three `random`
bots (issue 15's goal: it wins ≥ 70 % of the games), then against three `calculator` bots. A win is
finishing first (the standings' rank 1).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sb3_contrib import MaskablePPO  # noqa: E402
from stable_baselines3.common.callbacks import BaseCallback  # noqa: E402

from game.bots import make_bot_factory  # noqa: E402
from game.content import load_scenario  # noqa: E402
from game.core import new_game  # noqa: E402
from game.env import SingleSeatEnv  # noqa: E402
from game.match import Match, TurnDriver  # noqa: E402


class Deadline(BaseCallback):
    """Stops training once the wall-time budget is spent."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.until = time.monotonic() + seconds

    def _on_step(self) -> bool:
        return time.monotonic() < self.until


def win_rate(model_path: Path, opponent: str, games: int, scenario: str, seed: int) -> float:
    """The share of `games` 4-seat games the policy finishes first, seated in each seat in turn."""
    table = load_scenario(scenario)
    profiles = [profile.id for profile in table.profiles][:4]
    policy = make_bot_factory(f"ppo:{model_path}")
    others = make_bot_factory(opponent)
    wins = 0
    for game in range(games):
        seat = game % 4
        factories = {each: policy if each == seat else others for each in range(4)}
        match = Match(new_game(table, profiles, seed + game), ["policy" if each == seat else opponent
                                                                for each in range(4)])
        driver = TurnDriver(match, factories, seed + game, None)
        while not match.is_over:
            driver.step()
        wins += next(standing.rank for standing in match.standings() if standing.seat == seat) == 1
    return wins / games


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="wall-time budget for training")
    parser.add_argument("--scenario", default="classic")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--games", type=int, default=400, help="evaluation games against each opponent")
    parser.add_argument("--out", type=Path, default=Path("models/ppo_vs_random.zip"))
    args = parser.parse_args()

    env = SingleSeatEnv(scenario=args.scenario, opponents=("random",) * 3)
    model = MaskablePPO("MlpPolicy", env, seed=args.seed, n_steps=2048, batch_size=256, gamma=1.0, verbose=0,
                        device="cpu")
    started = time.monotonic()
    model.learn(total_timesteps=10**9, callback=Deadline(args.minutes * 60))
    trained = time.monotonic() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    print(f"bench/train_ppo.py: MaskablePPO, {args.scenario}, 4 seats, against 3 random bots")
    print(f"  trained      {model.num_timesteps:,} steps in {trained / 60:.1f} min → {args.out}")
    for opponent in ("random", "calculator"):
        started = time.monotonic()
        rate = win_rate(args.out, opponent, args.games, args.scenario, seed=10_000)
        print(f"  vs 3 {opponent:<10} wins {rate:.1%} of {args.games} games (every seat in turn; "
              f"{time.monotonic() - started:.0f} s)")
        if opponent == "random":
            print(f"  goal ≥ 70 % against random: {'met' if rate >= 0.7 else 'not met'}")


if __name__ == "__main__":
    main()
