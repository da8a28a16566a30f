#!/usr/bin/env python3
"""Self-play on Ray RLlib: one PPO policy shared by every seat of the Table Stakes environment (docs/rl.md).

RLlib pins its own gymnasium (ray[rllib] 2.60 wants 1.2.2), so it gets a virtualenv of its own:

    python3 -m venv rllib-venv
    rllib-venv/bin/pip install 'ray[rllib]==2.60.0' torch pettingzoo==1.27.0 -e .
    rllib-venv/bin/python docs/rl_selfplay.py --iterations 3

RLlib's action-masking module reads the keys "observations" and "action_mask" (a float mask), so a
small wrapper renames the environment's "observation" and converts its int8 mask.
"""

from __future__ import annotations

import argparse

import gymnasium
import numpy as np
from pettingzoo.utils import BaseWrapper
from ray.rllib.algorithms.ppo import PPOConfig
from ray.rllib.core.rl_module.multi_rl_module import MultiRLModuleSpec
from ray.rllib.core.rl_module.rl_module import RLModuleSpec
from ray.rllib.env.wrappers.pettingzoo_env import PettingZooEnv
from ray.rllib.examples.rl_modules.classes.action_masking_rlm import ActionMaskingTorchRLModule
from ray.tune.registry import register_env

from game.env import TableStakesEnv


class RLlibKeys(BaseWrapper):
    """The observation under the names RLlib's action-masking module reads."""

    def observation_space(self, agent):
        inner = super().observation_space(agent)
        return gymnasium.spaces.Dict({
            "observations": inner["observation"],
            "action_mask": gymnasium.spaces.Box(0.0, 1.0, inner["action_mask"].shape, np.float32),
        })

    def observe(self, agent):
        seen = super().observe(agent)
        return {"observations": seen["observation"], "action_mask": seen["action_mask"].astype(np.float32)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=3)
    parser.add_argument("--seats", type=int, default=4)
    args = parser.parse_args()
    register_env("table_stakes", lambda config: PettingZooEnv(RLlibKeys(TableStakesEnv(seats=args.seats))))
    config = (
        PPOConfig()
        .environment("table_stakes")
        .env_runners(num_env_runners=1)
        .multi_agent(policies={"shared"}, policy_mapping_fn=lambda agent_id, episode, **kwargs: "shared")
        .rl_module(rl_module_spec=MultiRLModuleSpec(rl_module_specs={
            "shared": RLModuleSpec(module_class=ActionMaskingTorchRLModule,
                                   model_config={"head_fcnet_hiddens": [128, 128]})}))
        .training(train_batch_size_per_learner=2000, minibatch_size=250, num_epochs=2)
    )
    algorithm = config.build_algo()
    for iteration in range(1, args.iterations + 1):
        result = algorithm.train()
        runners = result["env_runners"]
        print(f"iteration {iteration}: {int(runners['num_env_steps_sampled_lifetime']):,} steps, "
              f"{int(runners.get('num_episodes_lifetime', 0)):,} games, "
              f"mean return per game {runners.get('episode_return_mean', float('nan')):.3f}")
    algorithm.stop()


if __name__ == "__main__":
    main()
