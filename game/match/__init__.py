"""The match: the one authority over a running game, the turn driver that asks its bots, and the
hot-seat policy for people sharing a screen (DESIGN.md §3). It imports no pygame and no shell
module: the window, the headless runner, narration, the soak — and later the network server and
the RL environment — all drive games through it.
"""

from .authority import HOST, PUBLIC, Match, MatchRefusal, Submitted
from .driver import BotTurn, TurnDriver
from .hot_seat import HotSeat

__all__ = ["BotTurn", "HOST", "HotSeat", "Match", "MatchRefusal", "PUBLIC", "Submitted", "TurnDriver"]
