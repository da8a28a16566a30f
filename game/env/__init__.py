"""Table Stakes for reinforcement learning (DESIGN.md §8; docs/rl.md): a PettingZoo AEC environment
over the match, and a Gymnasium single-agent wrapper whose other seats are built-in bots.

Needs the optional extra: `pip install -e '.[rl]'` (pettingzoo, gymnasium).
"""

try:
    from .aec import REWARDS, IllegalAction, TableStakesEnv, env
    from .single import SingleSeatEnv
except ImportError as missing:  # pettingzoo or gymnasium
    raise ImportError(f"the RL environment needs the [rl] extra (pip install -e '.[rl]'): {missing}") from None

from .actions import ACTIONS
from .encoding import SIZE, Encoder

__all__ = ["ACTIONS", "REWARDS", "SIZE", "Encoder", "IllegalAction", "SingleSeatEnv", "TableStakesEnv", "env"]
