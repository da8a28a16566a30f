"""The one turn driver: whenever a bot is to act, ask it — through its referee, which keeps a slow
or broken bot from costing more than its own decision — and submit its action to the match.

Every shell that seats bots uses it: the window, the headless runner, `--narrate`, the soak, and
later the network server and the RL environment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from game.bots import bot_seed
from game.bots.referee import Referee

from .authority import Match, Submitted


class BotTurn(NamedTuple):
    """A bot's accepted action, and the referee's incident if it had to replace what the bot did."""

    submitted: Submitted
    incident: str | None  # e.g. "raised", "illegal", "timeout" (game.bots.referee); None: the bot's own action


class TurnDriver:
    """Drives the bots seated in a match. `factories` builds each bot seat's bot from its seed;
    seeds come from `bot_seed(game_seed, seat)`, so a bot learns nothing of the game's seed."""

    def __init__(self, match: Match, factories: Mapping[int, Callable[[int], object]], game_seed: int,
                 time_limit: float | None) -> None:
        self.match = match
        self._game_seed, self._time_limit = game_seed, time_limit
        self.referees = {seat: Referee.build(factory, bot_seed(game_seed, seat), time_limit)
                         for seat, factory in factories.items()}

    def seat_bot(self, seat: int, factory: Callable[[int], object]) -> None:
        """From now on a bot plays `seat` (the network host replaces a team that has gone)."""
        self.referees[seat] = Referee.build(factory, bot_seed(self._game_seed, seat), self._time_limit)

    def unseat_bot(self, seat: int) -> None:
        """A person plays `seat` again (its team is back)."""
        del self.referees[seat]

    @property
    def bot_to_act(self) -> bool:
        return self.match.to_act in self.referees

    def step(self) -> BotTurn:
        """Let the bot to act decide and submit its action (the referee returns only legal ones)."""
        match = self.match
        seat = match.to_act
        referee = self.referees.get(seat)
        if referee is None:
            raise RuntimeError(f"no bot is to act (seat {seat} is to act)")
        action = referee.decide(match.view(seat), match.legal())
        return BotTurn(match.submit(seat, action, match.version), referee.last_incident)
