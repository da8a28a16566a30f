"""Bots: players that see only an observation and the legal actions.

`make_bot_factory("steady")` gives a built-in personality; `make_bot_factory("my_bot.py:MyBot")`
loads a class from a file. Either way the factory is called with a seed per seat and game.
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import sys
from collections.abc import Callable
from pathlib import Path

from .base import Bot, pass_action
from .personalities import AggressiveBot, CautiousBot, SteadyBot
from .random_bot import RandomBot

# The built-in bots by name, as module:class. Each is imported when first built: the calculator
# loads numpy, which a window that only lists the bots (or draws the coach's panel) need not.
BUILT_IN: dict[str, str] = {
    "random": "random_bot:RandomBot",
    "cautious": "personalities:CautiousBot",
    "aggressive": "personalities:AggressiveBot",
    "steady": "personalities:SteadyBot",
    "calculator": "calculator:CalculatorBot",
}


def _built_in(name: str) -> type[Bot]:
    module, class_name = BUILT_IN[name].split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), class_name)


def __getattr__(name: str) -> type[Bot]:
    if name == "CalculatorBot":  # on first use, so importing the bots loads no numpy
        return _built_in("calculator")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class BotLoadError(Exception):
    """A bot named on the command line cannot be found or built."""


def bot_seed(game_seed: int, seat: int, purpose: str = "bot") -> int:
    """The seed a seat's bot is built with: a hash of the game's seed, the seat and what it is for.
    It reveals nothing of the game's seed, from which a bot could replay the deal and see its
    rivals' cards and the events to come (DESIGN.md §1.10)."""
    digest = hashlib.sha256(f"table-stakes-bot-seed:{game_seed}:{seat}:{purpose}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def make_bot_factory(spec: str) -> Callable[[int], object]:
    """A callable that builds the bot named by `spec` from a seed."""
    if spec in BUILT_IN:
        return _built_in(spec)
    if spec.startswith("ppo:"):  # a trained policy (docs/rl.md): game.env loads it, with its own extra
        from game.env.policy import PolicyLoadError, policy_factory

        try:
            return policy_factory(spec)
        except PolicyLoadError as error:
            raise BotLoadError(str(error)) from None
    if ":" not in spec:
        raise BotLoadError(f"unknown bot '{spec}': built-in bots are {', '.join(BUILT_IN)}; "
                           f"a bot of your own is given as FILE.py:ClassName, a trained policy as ppo:MODEL.zip")
    file_name, class_name = spec.rsplit(":", 1)
    path = Path(file_name)
    if path.suffix != ".py" or not path.is_file():
        raise BotLoadError(f"bot file '{file_name}' not found (expected a .py file, as in my_bot.py:MyBot)")
    module_name = "table_stakes_bot_" + hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    loader_spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(loader_spec)
    sys.modules[module_name] = module
    try:
        loader_spec.loader.exec_module(module)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 — its own code failed to import (sys.exit too): report it
        raise BotLoadError(f"bot file '{file_name}' failed to load: {type(error).__name__}: {error}") from None
    factory = getattr(module, class_name, None)
    if factory is None or not inspect.isclass(factory):
        raise BotLoadError(f"bot file '{file_name}' has no class '{class_name}'")
    if not callable(getattr(factory, "act", None)):
        raise BotLoadError(f"class '{class_name}' in '{file_name}' has no act(observation, legal) method")
    return factory


__all__ = ["AggressiveBot", "BUILT_IN", "Bot", "BotLoadError", "CalculatorBot", "CautiousBot", "RandomBot", "SteadyBot",
           "bot_seed", "make_bot_factory", "pass_action"]
