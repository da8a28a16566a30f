"""Probe bots: the calculator with one fixed trick each, to find dominant moves (bench/probes.py).

They are not personalities a player meets: each plays exactly like the calculator except for
its one trick, so a probe that wins more than the calculator in the same seat shows that the
trick, not better play, is what wins — a hole in the rules or the scenario's numbers.
"""

from __future__ import annotations

from game.bots import CalculatorBot
from game.core import Action, LegalActions, Observation, all_in, call, check, raise_funds, set_mix, sit_in, sit_out


class SellMax(CalculatorBot):
    """Sells the most shares it may every year, then plays as the calculator."""

    name = "sell-max"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        if legal.can_raise_funds:
            return raise_funds(legal.raise_funds_max)
        return super().act(observation, legal)


class AllIn(CalculatorBot):
    """Sits in whenever it can (raising only what the ante needs) and goes all-in at every bet,
    buying at the calculator's mix."""

    name = "all-in"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        mix = self.mix(observation, observation.me.cash)
        if "set_mix" in legal.kinds and mix != observation.me.amd_pct:
            return set_mix(mix)
        if "sit_out" in legal.kinds:
            if legal.can_sit_in:
                return sit_in()
            if legal.can_raise_funds and observation.me.cash + legal.raise_funds_max >= legal.ante:
                return raise_funds(legal.ante - observation.me.cash)
            return sit_out()
        if legal.can_all_in:
            return all_in()
        return call() if legal.can_call else check()


class SellMaxAllIn(AllIn):
    """Sells the most shares it may every year and goes all-in at every bet."""

    name = "sell-max-all-in"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        if legal.can_raise_funds:
            return raise_funds(legal.raise_funds_max)
        return super().act(observation, legal)


class AmdOnly(CalculatorBot):
    """Buys only from AMD (where AMD sells it a chip), otherwise the calculator."""

    name = "amd-only"

    def mix(self, observation: Observation, amount: int) -> int:
        return 100


class NvidiaOnly(CalculatorBot):
    """Buys only from Nvidia (where Nvidia sells it a chip), otherwise the calculator."""

    name = "nvidia-only"

    def mix(self, observation: Observation, amount: int) -> int:
        return 0


class SitOut(CalculatorBot):
    """Sits out every year it may without leaving the race (every other year), otherwise the calculator."""

    name = "sit-out"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        if "sit_out" in legal.kinds and observation.me.last_sat_out != observation.year - 1:
            return sit_out()
        return super().act(observation, legal)


class CallEverything(CalculatorBot):
    """Decides the ante round as the calculator, then checks or calls every bet to the showdown."""

    name = "call-everything"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        if "sit_out" in legal.kinds:
            return super().act(observation, legal)
        return call() if legal.can_call else check()


PROBES = {bot.name: bot for bot in (SellMax, AllIn, SellMaxAllIn, AmdOnly, NvidiaOnly, SitOut, CallEverything)}
