"""One seat as a Gymnasium environment: the learner plays `seat`, built-in bots play the others
(through the match's `TurnDriver`, as everywhere else). `action_masks()` is what sb3-contrib's
MaskablePPO asks for. An episode is one game; the reward comes at its end (see `TableStakesEnv`).
An action the mask does not allow ends the episode with -1, as PettingZoo's TerminateIllegalWrapper
does, so algorithms without masks can learn the rules too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces

from game.bots import make_bot_factory
from game.content import load_scenario
from game.core import Scenario, hand_capability, new_game
from game.match import Match, TurnDriver

from .actions import ACTIONS, action_mask, concrete, free_used_after
from .aec import MONEY_UNIT, REWARDS, final_reward
from .encoding import BOUND, SIZE, Encoder


class SingleSeatEnv(gymnasium.Env):
    """The learner at `seat` of a table of `scenario` whose other seats are `opponents` (bot specs,
    e.g. "random", "calculator"); `reward` as for `TableStakesEnv`."""

    metadata = {"render_modes": []}

    def __init__(self, scenario: str | Scenario = "classic", opponents: Sequence[str] = ("random",) * 3,
                 seat: int = 0, reward: str = "rank", time_limit: float | None = None) -> None:
        self.scenario = load_scenario(scenario) if isinstance(scenario, str) else scenario
        self.seats = len(opponents) + 1
        if not 2 <= self.seats <= min(8, len(self.scenario.profiles)) or not 0 <= seat < self.seats:
            raise ValueError(f"{len(opponents)} opponents and seat {seat} do not make a table of 2 to 8")
        if reward not in REWARDS:
            raise ValueError(f"reward must be one of {REWARDS}, not {reward!r}")
        self.seat, self.reward_kind, self.time_limit = seat, reward, time_limit
        others = [seat_ for seat_ in range(self.seats) if seat_ != seat]
        self.factories = {other: make_bot_factory(spec) for other, spec in zip(others, opponents, strict=True)}
        self.names = ["learner" if each == seat else opponents[others.index(each)] for each in range(self.seats)]
        self.encoder = Encoder(self.scenario)
        self.observation_space = spaces.Box(-BOUND, BOUND, (SIZE,), np.float32)
        self.action_space = spaces.Discrete(len(ACTIONS))
        self.match: Match | None = None

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        super().reset(seed=seed)
        game_seed = int(self.np_random.integers(0, 2**31))
        profiles = [profile.id for profile in self.scenario.profiles][:self.seats]
        self.match = Match(new_game(self.scenario, profiles, game_seed), self.names, events=False)
        self.driver = TurnDriver(self.match, self.factories, game_seed, self.time_limit)
        self._free_used: frozenset[str] = frozenset()
        self._start_score = next(standing.score for standing in self.match.standings() if standing.seat == self.seat)
        self._won = 0
        self._play_bots()
        return self._observation(), {}

    def _play_bots(self) -> None:
        while self.driver.bot_to_act:
            self.driver.step()

    def _observation(self) -> np.ndarray:
        match = self.match
        view = match.view(self.seat)
        legal = match.legal() if match.to_act == self.seat else None
        capability = hand_capability(view, self.seat, view.my_cards) if view.my_cards else None
        return self.encoder.encode(view, legal, capability)

    def action_masks(self) -> np.ndarray:
        """Which actions are legal now (booleans, as MaskablePPO wants them)."""
        match = self.match
        if match.is_over or match.to_act != self.seat:
            return np.zeros(len(ACTIONS), dtype=bool)
        return action_mask(match.view(self.seat), match.legal(), self._free_used).astype(bool)

    def step(self, action: int):
        match = self.match
        view, legal = match.view(self.seat), match.legal()
        mask = action_mask(view, legal, self._free_used)
        if not 0 <= int(action) < len(ACTIONS) or not mask[int(action)]:
            # as PettingZoo's TerminateIllegalWrapper: an agent that ignores the mask loses the game
            allowed = [ACTIONS[index] for index in np.flatnonzero(mask)]
            return self._observation(), -1.0, True, False, {"illegal_action": ACTIONS[int(action)]
                                                             if 0 <= int(action) < len(ACTIONS) else action,
                                                             "allowed": allowed}
        chosen = concrete(int(action), view, legal)
        match.submit(self.seat, chosen, match.version)
        self._free_used = free_used_after(self._free_used, chosen, match.to_act == self.seat)
        self._play_bots()
        reward = 0.0
        if self.reward_kind == "market":
            won = match.view(self.seat).firms[self.seat].won_total
            reward, self._won = (won - self._won) / MONEY_UNIT, won
        if match.is_over and self.reward_kind != "market":
            standing = next(standing for standing in match.standings() if standing.seat == self.seat)
            reward = final_reward(self.reward_kind, standing, self.seats, self._start_score)
        return self._observation(), reward, match.is_over, False, {}
