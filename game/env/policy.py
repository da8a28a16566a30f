"""A trained policy seated like any bot: `ppo:path/to/model.zip` (sb3-contrib's MaskablePPO).

It sees what every bot sees — its observation and the legal actions — encodes them as the
environment does, asks the model for an index among those the mask allows, and plays the action
that index stands for. Needs the [train] extra (sb3-contrib, which brings torch).
"""

from __future__ import annotations

import importlib.util
import zipfile
from functools import partial
from pathlib import Path

from game.core import Action, LegalActions, Observation, hand_capability

from .actions import action_mask, concrete, free_used_after
from .encoding import Encoder

PREFIX = "ppo:"


class PolicyLoadError(ValueError):
    """The model file cannot be used: missing, not a MaskablePPO model, or sb3-contrib is not installed."""


def policy_factory(spec: str):
    """A bot factory (seed → bot) for `ppo:PATH`, checked here without loading torch: the model is loaded
    in the process that plays (once per process), since torch's threads do not survive the fork of the
    headless runner's workers when the parent has used them."""
    path = Path(spec.removeprefix(PREFIX))
    if not path.is_file():
        raise PolicyLoadError(f"policy file '{path}' not found (expected a model saved by bench/train_ppo.py)")
    if importlib.util.find_spec("sb3_contrib") is None:
        raise PolicyLoadError("a ppo: bot needs the [train] extra: pip install -e '.[train]' (docs/rl.md)")
    if not zipfile.is_zipfile(path) or not {"data", "policy.pth"} <= set(zipfile.ZipFile(path).namelist()):
        raise PolicyLoadError(f"policy file '{path}' is not a model saved by stable-baselines3 (bench/train_ppo.py)")
    factory = partial(PolicyBot, model=str(path.resolve()), label=path.stem)
    factory.keeps_own_time = True  # loading torch and the model is not a decision: the referee does not time it
    return factory


_MODELS: dict[str, object] = {}  # path → model, per process


def _model(path: str):
    if path not in _MODELS:
        import torch
        from sb3_contrib import MaskablePPO

        torch.set_num_threads(1)  # a decision is one small forward pass; the runner's workers share the cores
        _MODELS[path] = MaskablePPO.load(path, device="cpu")
    return _MODELS[path]


class PolicyBot:
    """Plays a trained model's choices. A free action (raising funds, the AMD share) is taken at most
    once a turn, as in the environment it learned in."""

    def __init__(self, seed: int, model, label: str = "ppo") -> None:
        """`model`: a loaded model (anything with MaskablePPO's `predict`), or the path of one."""
        self.model, self.name = _model(model) if isinstance(model, str) else model, f"ppo ({label})"
        self._encoders: dict[str, Encoder] = {}
        self._free_used: frozenset[str] = frozenset()

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        scenario = observation.scenario
        encoder = self._encoders.get(scenario.id) or self._encoders.setdefault(scenario.id, Encoder(scenario))
        me = observation.viewer
        capability = hand_capability(observation, me, observation.my_cards) if observation.my_cards else None
        mask = action_mask(observation, legal, self._free_used)
        if not mask.any():  # it used its free actions and nothing else is left: impossible, but never stall
            self._free_used = frozenset()
            mask = action_mask(observation, legal)
        index, _ = self.model.predict(encoder.encode(observation, legal, capability), action_masks=mask.astype(bool),
                                      deterministic=True)
        action = concrete(int(index), observation, legal)
        self._free_used = free_used_after(self._free_used, action, acts_again=True)  # asked again after a free one
        return action
