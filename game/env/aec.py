"""Table Stakes as a PettingZoo AEC environment over the match (DESIGN.md §8; docs/rl.md).

One episode is one game. The agent to act is the match's seat to act; each observes only its own view
(`Match.view`), encoded as a fixed-size vector with a mask over the semantic actions. Every action
goes through `Match.submit`, like every other player's. Rewards come at the end by default: by final
rank, +1 for the winner down to -1 for the last (an AGI win ends the race, and the standings rank it).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv

from game.content import load_scenario
from game.core import Scenario, hand_capability, new_game
from game.match import PUBLIC, Match

from .actions import ACTIONS, action_mask, concrete, free_used_after
from .encoding import BOUND, SIZE, Encoder

REWARDS = ("rank", "founders_claim", "market")
MONEY_UNIT = 10_000.0


def final_reward(kind: str, standing, seats: int, start_score: int) -> float | None:
    """A seat's reward at the end of the game: by rank (+1 first … -1 last) or its score's gain in
    $10B; None for "market", which pays as the markets are won."""
    if kind == "rank":
        return 1.0 - 2.0 * (standing.rank - 1) / max(1, seats - 1)
    if kind == "founders_claim":
        return (standing.score - start_score) / MONEY_UNIT
    return None


class IllegalAction(ValueError):
    """An agent chose an index its mask did not allow."""


class TableStakesEnv(AECEnv):
    """`seats` firms of `scenario` (an id or a Scenario); `reward`: "rank" (default: +1 first … -1
    last, at the end), "founders_claim" (each seat's final score minus its first, in $10B, at the
    end) or "market" (the markets each seat wins, in $10B, as they are paid)."""

    metadata = {"name": "table_stakes_v0", "is_parallelizable": False, "render_modes": []}

    def __init__(self, scenario: str | Scenario = "classic", seats: int = 4, reward: str = "rank") -> None:
        super().__init__()
        self.scenario = load_scenario(scenario) if isinstance(scenario, str) else scenario
        if not 2 <= seats <= min(8, len(self.scenario.profiles)):
            raise ValueError(f"a table seats 2 to {min(8, len(self.scenario.profiles))} firms, not {seats}")
        if reward not in REWARDS:
            raise ValueError(f"reward must be one of {REWARDS}, not {reward!r}")
        self.seats, self.reward_kind = seats, reward
        self.possible_agents = [f"player_{seat}" for seat in range(seats)]
        self.encoder = Encoder(self.scenario)
        observation = spaces.Dict({
            "observation": spaces.Box(-BOUND, BOUND, (SIZE,), np.float32),
            "action_mask": spaces.Box(0, 1, (len(ACTIONS),), np.int8),
        })
        self.observation_spaces = {agent: observation for agent in self.possible_agents}
        self.action_spaces = {agent: spaces.Discrete(len(ACTIONS)) for agent in self.possible_agents}
        self._seed_source = np.random.default_rng()
        self.match: Match | None = None

    def observation_space(self, agent: str) -> spaces.Space:
        return self.observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space:
        return self.action_spaces[agent]

    # ----------------------------------------------------------------------- episode

    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> None:
        if seed is not None:
            self._seed_source = np.random.default_rng(seed)
        game_seed = int(self._seed_source.integers(0, 2**31))
        profiles = [profile.id for profile in self.scenario.profiles][:self.seats]
        self.match = Match(new_game(self.scenario, profiles, game_seed), self.possible_agents, events=False)
        self.agents = list(self.possible_agents)
        self.rewards = dict.fromkeys(self.agents, 0.0)
        self._cumulative_rewards = dict.fromkeys(self.agents, 0.0)
        self.terminations = dict.fromkeys(self.agents, False)
        self.truncations = dict.fromkeys(self.agents, False)
        self._free_used: frozenset[str] = frozenset()
        self._observed: dict[str, tuple] = {}
        self.infos = {agent: {} for agent in self.agents}
        self._masked: str | None = None  # the agent whose info holds the mask
        self._start_scores = {standing.seat: standing.score for standing in self.match.standings()}
        self._won = [0] * self.seats
        self.agent_selection = self.possible_agents[self.match.to_act]
        self._refresh_infos()

    def observe(self, agent: str) -> dict[str, np.ndarray]:
        _, _, seen = self._look(agent)
        return {name: array.copy() for name, array in seen.items()}  # the agent may write into its copy

    def _look(self, agent: str):
        """The agent's view, its legal actions (None unless it is to act) and its encoded observation:
        built once per step, as `last()`, the infos and `step` all ask for them."""
        looked = self._observed.get(agent)
        if looked is None:
            seat = self.possible_agents.index(agent)
            match = self.match
            view = match.view(seat)
            legal = match.legal() if match.to_act == seat else None
            capability = hand_capability(view, seat, view.my_cards) if view.my_cards else None
            mask = (action_mask(view, legal, self._free_used) if legal is not None
                    else np.zeros(len(ACTIONS), dtype=np.int8))
            looked = self._observed[agent] = (view, legal, {
                "observation": self.encoder.encode(view, legal, capability), "action_mask": mask})
        return looked

    def step(self, action: int | None) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        match = self.match
        seat = match.to_act
        view, legal, seen = self._look(agent)
        mask = seen["action_mask"]
        if action is None or not 0 <= int(action) < len(ACTIONS) or not mask[int(action)]:
            raise IllegalAction(f"{agent} may not take action {action!r} now: the mask allows "
                                f"{[ACTIONS[index] for index in np.flatnonzero(mask)]}")
        chosen = concrete(int(action), view, legal)
        match.submit(seat, chosen, match.version)
        self._observed = {}
        self._free_used = free_used_after(self._free_used, chosen, match.to_act == seat)
        self._cumulative_rewards[agent] = 0.0
        if self.reward_kind != "rank" or match.is_over:  # rank rewards are all 0 until the end
            self.rewards = dict.fromkeys(self.agents, 0.0)
        if self.reward_kind == "market":
            self._pay_markets()
        if match.is_over:
            self._finish()
        else:
            self.agent_selection = self.possible_agents[match.to_act]
        self._refresh_infos()
        self._accumulate_rewards()

    def _pay_markets(self) -> None:
        for seat, firm in enumerate(self.match.view(PUBLIC).firms):
            if firm.won_total != self._won[seat]:
                self.rewards[self.possible_agents[seat]] += (firm.won_total - self._won[seat]) / MONEY_UNIT
                self._won[seat] = firm.won_total

    def _finish(self) -> None:
        for standing in self.match.standings():
            reward = final_reward(self.reward_kind, standing, self.seats, self._start_scores[standing.seat])
            if reward is not None:
                self.rewards[self.possible_agents[standing.seat]] = reward
        self.terminations = dict.fromkeys(self.agents, True)

    def _refresh_infos(self) -> None:
        """Only the agent to act has an action mask in its info (as in its observation)."""
        if self._masked is not None and self._masked in self.infos:
            self.infos[self._masked] = {}
        self._masked = None
        if not self.match.is_over:
            self._masked = self.possible_agents[self.match.to_act]
            self.infos[self._masked] = {"action_mask": self._look(self._masked)[2]["action_mask"].copy()}

    def render(self) -> None:
        """No rendering: the game's window plays a trained policy as a bot instead (docs/rl.md)."""

    def close(self) -> None:
        pass


def env(**options: Any) -> TableStakesEnv:
    """PettingZoo's convention: the environment (no wrappers needed; illegal actions raise)."""
    return TableStakesEnv(**options)
