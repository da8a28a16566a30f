"""The rule-based personalities: cautious, aggressive and steady.

Each reads a quick win-chance estimate (`reading.win_chance`) and the pot odds, and
differs in how much it risks, bluffs and dilutes its owners. Their docstrings are
the plain-words descriptions in docs/bots.md.
"""

from __future__ import annotations

from game.core import Action, LegalActions, Observation, call, check, fold, raise_funds, set_mix, sit_in, sit_out

from .base import Bot
from .reading import aggressive_action, opponents_in_hand, passive_action, required_chance, win_chance


def _stake_now(observation: Observation) -> int:
    return observation.firms[observation.viewer].quarter_stake


def _must_sit_in(observation: Observation) -> bool:
    """Sitting out now would be the second year running: the firm would leave the race."""
    return observation.firms[observation.viewer].last_sat_out == observation.year - 1


class CautiousBot(Bot):
    """A careful CFO. Sits in only when the cash covers two antes, in the last year, or when
    sitting out again would end the race; never sells shares unless that is the only way to
    stay in. Plays few hands, but those hard: it weighs its chance against its fair share of
    the table (one in the number of firms still in), checks or folds the weak ones, calls when
    the pot odds are right and either the call is a small part of its cash or its hand is
    strong, and bets or raises the minimum with a strong hand."""

    name = "cautious"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        me = observation.firms[observation.viewer]
        if legal.is_ante_round:
            if legal.can_sit_in and (me.cash >= 2 * legal.ante or _must_sit_in(observation)
                                     or observation.year == observation.scenario.last_year):
                return sit_in()
            if _must_sit_in(observation) and legal.can_raise_funds and me.cash + legal.raise_funds_max >= legal.ante:
                return raise_funds(legal.ante - me.cash)
            return sit_out()
        chance = win_chance(observation)
        fair = 1 / (1 + len(opponents_in_hand(observation)))
        strong = chance >= min(0.8, 1.5 * fair)
        if legal.can_check:
            if strong and legal.can_bet:
                return aggressive_action(legal, legal.bet_min)
            return check()
        if chance >= min(0.8, 3 * fair) and legal.can_raise:
            return aggressive_action(legal, legal.raise_min)
        if chance >= required_chance(observation, legal) and (legal.call_amount <= 0.4 * me.cash or strong):
            return call()
        return fold()


class AggressiveBot(Bot):
    """A hype founder. Sells shares to keep a war chest of several antes, always sits in,
    bets and raises big with any decent hand, bluffs about a third of the time, and calls
    almost anything."""

    name = "aggressive"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        me = observation.firms[observation.viewer]
        if legal.is_ante_round:
            if legal.can_raise_funds and me.cash < 4 * legal.ante:
                return raise_funds(legal.raise_funds_max)
            return sit_in() if legal.can_sit_in else sit_out()
        chance = win_chance(observation)
        bluff = self.rng.random() < 0.33
        pot = observation.pot
        if legal.can_check:
            if chance > 0.35 or bluff:
                return aggressive_action(legal, int(pot * self.rng.uniform(0.5, 1.0)))
            return check()
        if chance > 0.55 or bluff:
            return aggressive_action(legal, _stake_now(observation) + legal.call_amount * 3)
        if chance >= required_chance(observation, legal) - 0.1:
            return call()
        return fold()


class SteadyBot(Bot):
    """A hyperscaler. Sits in every year it can, raising funds only when it could not
    otherwise pay the ante, buys a quarter of its chips from AMD when AMD is the cheaper
    compute, bets an ante's worth as a steady investment when ahead, calls to stay in the
    hand when the price is small or the odds are right, and raises only with a strong hand."""

    name = "steady"

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        me = observation.firms[observation.viewer]
        target_mix = self._target_mix(observation)
        if me.amd_pct != target_mix:
            return set_mix(target_mix)
        if legal.is_ante_round:
            if legal.can_sit_in:
                return sit_in()
            if legal.can_raise_funds and me.cash + legal.raise_funds_max >= legal.ante:
                return raise_funds(legal.ante - me.cash)
            return sit_out()
        chance = win_chance(observation)
        if legal.can_check:
            if chance > 0.5 and legal.can_bet:
                return aggressive_action(legal, legal.ante)
            return check()
        if chance > 0.7 and legal.can_raise:
            return aggressive_action(legal, legal.raise_min)
        if chance >= required_chance(observation, legal) or legal.call_amount <= 2 * legal.ante:
            return call()
        return passive_action(legal)

    @staticmethod
    def _target_mix(observation: Observation) -> int:
        nvidia, amd = observation.prices_for(observation.viewer)
        if amd is None:
            return 0
        if nvidia is None:
            return 100
        return 25 if amd / max(observation.amd_efficiency, 1e-9) < nvidia else 0
