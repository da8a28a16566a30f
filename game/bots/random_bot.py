"""The `random` personality: uniform over the legal action kinds, amounts uniform in range."""

from __future__ import annotations

from game.core import Action, ActionKind, LegalActions, Observation

from .base import Bot


class RandomBot(Bot):
    """Picks a legal action kind uniformly, then an amount uniformly in the legal range."""

    name = "random"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        kind = self.rng.choice(legal.kinds)
        if kind == ActionKind.BET:
            return Action(kind, self.rng.randint(legal.bet_min, legal.bet_max))
        if kind == ActionKind.RAISE:
            return Action(kind, self.rng.randint(legal.raise_min, legal.raise_max))
        if kind == ActionKind.RAISE_FUNDS:
            return Action(kind, self.rng.randint(1, legal.raise_funds_max))
        if kind == ActionKind.SET_MIX:
            return Action(kind, self.rng.randint(0, 100))
        return Action(kind)
