"""The `calculator` personality: Monte Carlo win chances with numpy, bets sized by expected value."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from game.core import (
    Action, ActionKind, LegalActions, Observation, Phase, Status, all_in, call, check, fold, hand_capability,
    raise_funds, set_mix, sit_in, sit_out,
)
from game.core.effects import TESTS, holds
from game.core.observation import stake_h100e

from .base import Bot
from .reading import WORLDS, retained_share

BANK = 4096  # pre-shuffled deck orders per deck size, shared by all calculators
FRACTIONS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)  # bet and raise sizes tried, as shares of the pot
RESERVE_PENALTY = 0.5  # extra cost per $M staked out of the cash kept for next year's table stakes
FOLD_PRIOR = (0.6, 2.0)  # an opponent not yet seen facing bets folds to them 30 % of the time
GROWTHS_WORTH_RAISING = 1  # it raises the most it may once the preference will grow at most this many more times
IN_HAND = ("active", "all_in")


class CalculatorBot(Bot):
    """Counts. Before each decision it deals the cards and market events it cannot see a thousand
    times (numpy, consistent with its observation) and scores every world exactly as a showdown
    would, which gives its chance of having the highest capability. A staked dollar is not lost: it
    buys chips, so its cost is only the part that will have depreciated by the end of the game (all
    of it in the early years, a year's worth in the last), plus a penalty for spending the cash it
    keeps for next year's table stakes. Betting buys compute, which raises its own chance, and every call adds
    the market's share to the pot. It weighs folding, checking, calling and bets from a quarter of
    the pot to all-in, assuming each rival folds to a bet about as often as it has so far (more
    often to bigger bets), and plays the one with the highest expected value: chance × pot, minus
    the cost. In race mode it also counts the chance that it, or a rival, wins a showdown past the
    AGI threshold (and the prize). It sits in when its chance before the deal pays for the stakes,
    and always when sitting out would make it exit. It raises funds to pay the stakes, the most it may
    in the last two years (when the investors' preference grows at most once more), and the most it
    may when that money would take it past the AGI threshold this year. It stakes each dollar at the
    procurement mix that gives its hand the highest capability, along both vendors' scarcity curves.
    Its chances are against every firm still in, for the whole pot: side pots are not split out.
    """

    name = "calculator"

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self._pending: tuple[tuple, Action] | None = None
        self._log_seen = 0
        self._log_last = None
        self._folds: dict[int, int] = {}
        self._faced: dict[int, int] = {}

    # ------------------------------------------------------------------ entry point

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        if self._pending is not None:
            key, action = self._pending
            self._pending = None
            if key == _decision_key(observation) and action in legal:
                return action
        if legal.is_ante_round:
            action = self._ante(observation, legal)
        else:
            action = self._betting(observation, legal)
        paid = _paid(observation, legal, action)
        if paid and "set_mix" in legal.kinds:
            mix = self.mix(observation, paid)
            if mix != observation.firms[observation.viewer].amd_pct:
                # A free action: the turn goes on, and the decision already taken is played next.
                self._pending = (_decision_key(observation, 1), action)
                return set_mix(mix)
        return action

    def mix(self, observation: Observation, amount: int) -> int:
        """The procurement mix (percent AMD) it stakes `amount` $M at: the one that buys the most
        effective compute now, along both vendors' scarcity curves."""
        return _best_mix(observation, amount)

    def win_chance(self, observation: Observation) -> float:
        """Estimated chance of having the highest capability among the firms still in (ties split):
        with its own cards while betting; before the deal, against the firms likely to sit in."""
        if observation.phase == Phase.BETTING and observation.my_cards:
            seats = _in_hand(observation)
            if len(seats) == 1:
                return 1.0
            parts = self._worlds(observation, seats, observation.my_cards)
            caps, _ = parts.with_spend(np.zeros(len(seats)), _h100e_per_million(observation, seats))
            return float(_win_share(caps, np.ones((WORLDS, len(seats) - 1), dtype=bool)).mean())
        return self._before_deal(observation, observation.ante)[0]

    def _rng(self, observation: Observation) -> np.random.Generator:
        # Seeded by the bot's seed and the point in the game (its own set_mix moves not counted): the
        # same seed facing the same observation decides the same way.
        log = observation.log
        position = len(log)
        while (position and log[position - 1].seat == observation.viewer
               and log[position - 1].action.kind == ActionKind.SET_MIX):
            position -= 1
        return np.random.default_rng((self.seed, observation.year_index, position, 7219))

    def _worlds(self, observation: Observation, seats: Sequence[int], my_cards: Sequence[str] | None,
                rng: np.random.Generator | None = None) -> Parts:
        model = capability_model(observation.scenario)
        hands, events = model.sample_worlds(observation, seats, my_cards, rng or self._rng(observation), WORLDS)
        return model.components(observation, seats, hands, events)

    # ------------------------------------------------------------------ ante round

    def _ante(self, observation: Observation, legal: LegalActions) -> Action:
        me = observation.viewer
        firm = observation.firms[me]
        ante = legal.ante
        can_pay = firm.cash >= ante or firm.cash + legal.raise_funds_max >= ante
        if not can_pay:
            return sit_out()
        must = firm.last_sat_out == observation.year - 1  # sitting out again would exit the race
        if firm.raised_this_year and firm.cash >= ante:
            return sit_in()  # it raised funds to sit in: no second thoughts
        if not must:
            value = self._sit_in_value(observation, ante)
            if value < 0:
                return sit_out()
        wanted = self._funds_wanted(observation, legal)
        if wanted:
            return raise_funds(wanted)
        return sit_in()

    def _funds_wanted(self, observation: Observation, legal: LegalActions) -> int:
        """$M to raise before sitting in. A round costs the founders nothing on the day (it is priced at
        net worth), but the investors' preference grows every year and they share every later gain.
        So it raises what the table stakes need; the most it may in the last two years, when the
        preference grows at most once more (money it does not stake then costs the founders little, and
        in the last year nothing); and, in race mode,
        the most it may when that money would take it past the AGI threshold this year (the prize is
        the others' net worth)."""
        firm = observation.me
        most = legal.raise_funds_max
        need = min(most, max(0, legal.ante - firm.cash))
        if most and observation.scenario.last_year - observation.year <= GROWTHS_WORTH_RAISING:
            return most
        if most and observation.scenario.race_mode:
            threshold = observation.scenario.agi_threshold_h100e
            if (self._reach(observation, firm.cash) < threshold <= self._reach(observation, firm.cash + most)):
                return most
        return need

    def _reach(self, observation: Observation, cash: int) -> float:
        """The effective compute it would hold this year if it staked all of `cash` now."""
        me = observation.viewer
        nvidia, amd = stake_h100e(observation, me, cash, self.mix(observation, cash))
        return observation.me.effective_compute + nvidia + amd * observation.amd_efficiency

    def _sit_in_value(self, observation: Observation, ante: int) -> float:
        """Expected value of paying the table stakes: chance before the deal × expected pot − cost."""
        chance, pot = self._before_deal(observation, ante)
        return chance * pot - ante * _cost_per_dollar(observation) - _reserve_penalty(observation, ante)

    def _before_deal(self, observation: Observation, ante: int) -> tuple[float, float]:
        """(Chance of the best capability, pot) if it sits in with the firms likely to: those that
        have paid and those that can pay, raising funds if they must. Every hand is unknown."""
        me = observation.viewer
        scenario = observation.scenario
        seats = [me]
        extra = [0 if observation.firms[me].year_stake >= ante else ante]
        for firm in observation.firms:
            if firm.seat == me or firm.status != Status.ACTIVE:
                continue
            paid = firm.year_stake >= ante
            funding = 0
            if scenario.funding and not firm.raised_this_year:
                funding = observation.funding_caps[firm.seat]
            if paid or firm.cash + funding >= ante:
                seats.append(firm.seat)
                extra.append(0 if paid else ante)
        spend = np.array(extra, dtype=float)
        staked = sum(observation.firms[seat].year_stake for seat in seats) + spend.sum()
        pot = observation.base_market + scenario.market_share_bp / 10_000 * staked
        if len(seats) == 1:
            return 1.0, pot
        parts = self._worlds(observation, seats, None)
        per_million = _h100e_per_million(observation, seats, my_mix=self.mix(observation, ante))
        caps, _ = parts.with_spend(spend, per_million)
        return float(_win_share(caps, np.ones((WORLDS, len(seats) - 1), dtype=bool)).mean()), pot

    # ------------------------------------------------------------------ betting

    def _betting(self, observation: Observation, legal: LegalActions) -> Action:
        me = observation.viewer
        firms = observation.firms
        scenario = observation.scenario
        self._read_log(observation.log)
        seats = _in_hand(observation)
        if len(seats) == 1:
            return check() if legal.can_check else call()
        rng = self._rng(observation)
        parts = self._worlds(observation, seats, observation.my_cards, rng)
        per_million = _h100e_per_million(observation, seats,
                                          my_mix=self.mix(observation, max(legal.call_amount, legal.ante)))
        uniform = rng.random((WORLDS, len(seats) - 1))
        share = scenario.market_share_bp / 10_000
        pot = float(observation.pot)
        cost = _cost_per_dollar(observation)
        stakes = [firms[s].quarter_stake for s in seats]
        top = max(f.quarter_stake for f in firms)
        mine = stakes[0]
        cash = firms[me].cash
        rates = [self._fold_rate(s) for s in seats[1:]]

        # Race mode: winning a showdown with compute past the threshold ends the race and adds the prize.
        agi_gain, agi_loss = _agi_stakes(observation, seats, per_million, parts)
        agi = agi_gain > 0 or agi_loss > 0
        if agi:  # each opponent's compute if it staked all its cash
            all_cash = np.array([0.0] + [firms[seat].cash for seat in seats[1:]])
            _, reach = parts.with_spend(all_cash, per_million)
            reach = reach[:, 1:]
        threshold = scenario.agi_threshold_h100e

        def value(paid: int, target: int) -> float:
            """EV of staking `paid` now so that my quarter stake becomes `target`."""
            spend = np.zeros(len(seats))
            spend[0] = paid
            stays = np.ones((WORLDS, len(seats) - 1), dtype=bool)
            pot_w = np.full(WORLDS, pot + share * paid)
            if target > top:  # a bet or raise: the active opponents must answer it
                for i, seat in enumerate(seats[1:], start=1):
                    firm = firms[seat]
                    if firm.status != Status.ACTIVE:
                        continue
                    owed = min(target - stakes[i], firm.cash)
                    if owed <= 0:
                        continue
                    fold = min(0.95, rates[i - 1] * 2.0 * owed / (pot + owed))
                    stays[:, i - 1] = uniform[:, i - 1] >= fold
                    spend[i] = owed
                    pot_w = pot_w + share * owed * stays[:, i - 1]
            caps, compute = parts.with_spend(spend, per_million, stays)
            win = _win_share(caps, stays)
            ev = float((win * pot_w).mean()) - paid * cost - _reserve_penalty(observation, paid)
            if agi:
                ev += _agi_balance(caps, compute, reach, stays, win, threshold, agi_gain, agi_loss)
            return ev

        def fold_value() -> float:
            """Folding: nothing more won or spent, but two or more firms left may still race to AGI."""
            if not agi or len(seats) < 3:
                return 0.0  # a lone firm left wins without a showdown: no AGI
            caps, _ = parts.with_spend(np.zeros(len(seats)), per_million)
            best = caps[:, 1:].argmax(axis=1)
            reached = reach[np.arange(WORLDS), best] >= threshold
            return -agi_loss * float(reached.mean())

        options: list[tuple[float, Action]] = []
        if legal.can_check:
            options.append((value(0, mine), check()))
        if legal.can_fold:
            options.append((fold_value(), fold()))
        if legal.can_call:
            options.append((value(legal.call_amount, mine + legal.call_amount), call()))
        tried = set()
        if legal.can_bet or legal.can_raise:
            low, high = legal.bet_range if legal.can_bet else legal.raise_range
            base = top if legal.can_raise else 0  # raises name the quarter stake to raise to
            pot_after_call = pot + share * (top - mine)
            kind = "bet" if legal.can_bet else "raise"
            amounts = {low, high}
            for fraction in FRACTIONS:
                amounts.add(min(high, max(low, int(base + fraction * pot_after_call))))
            for amount in sorted(amounts):
                tried.add(amount)
                options.append((value(amount - mine, amount), Action(kind, amount)))
        if legal.can_all_in and mine + cash not in tried and cash > legal.call_amount:
            options.append((value(cash, mine + cash), all_in()))
        # Highest EV; on equal EV the first listed (passive before aggressive) wins.
        best = max(range(len(options)), key=lambda i: (options[i][0], -i))
        return options[best][1]

    def _read_log(self, log: Sequence) -> None:
        """Count, per seat, how often it folded when it faced a bet (public action history)."""
        start = self._log_seen
        if start > len(log) or (start and log[start - 1] is not self._log_last):
            start = 0
            self._folds.clear()
            self._faced.clear()
        for entry in log[start:]:
            kind = entry.action.kind
            if kind in (ActionKind.FOLD, ActionKind.CALL, ActionKind.RAISE):
                self._faced[entry.seat] = self._faced.get(entry.seat, 0) + 1
                if kind == ActionKind.FOLD:
                    self._folds[entry.seat] = self._folds.get(entry.seat, 0) + 1
        self._log_seen = len(log)
        self._log_last = log[-1] if log else None

    def _fold_rate(self, seat: int) -> float:
        prior_folds, prior_faced = FOLD_PRIOR
        return (self._folds.get(seat, 0) + prior_folds) / (self._faced.get(seat, 0) + prior_faced)


def estimate(observation: Observation, seed: int = 0) -> tuple[float, float]:
    """The calculator's view of the viewer's decision, for advice (the client's coach): its chance
    of the best capability and the pot that chance plays for. While betting, the chance with its
    own cards against every firm still in (`CalculatorBot.win_chance`) and the pot now; in the ante
    round, the chance before the deal if it sits in, against the firms likely to, and the pot they
    would then play for. Same seed, same observation: same answer."""
    bot = CalculatorBot(seed)
    if observation.phase == Phase.ANTE:
        return bot._before_deal(observation, observation.ante)
    return bot.win_chance(observation), float(observation.pot)


# ---------------------------------------------------------------------- helpers

def _in_hand(observation: Observation) -> list[int]:
    """The viewer's seat, then the other firms holding cards and still in the hand."""
    me = observation.viewer
    return [me] + [f.seat for f in observation.firms if f.seat != me and f.status in IN_HAND and f.holds_cards]


def _decision_key(observation: Observation, ahead: int = 0) -> tuple:
    return (observation.viewer, observation.year_index, observation.phase, observation.quarter,
            len(observation.log) + ahead)


MIX_STEP = 10  # the procurement mixes it compares, in percent AMD


def _best_mix(observation: Observation, amount: int) -> int:
    """The mix (percent AMD, in steps of MIX_STEP) at which staking `amount` $M now gives its hand the
    highest capability: the most effective compute for the money (AMD until its price, climbing with
    what the table buys, makes an effective H100e dearer than Nvidia's), unless a card or a face-up
    event pays for an AMD share above or below 50 %. Its current mix where only one vendor sells to it."""
    me = observation.viewer
    nvidia, amd = observation.prices_for(me)
    if amd is None or nvidia is None or amount <= 0:
        return observation.firms[me].amd_pct
    hand = observation.my_cards
    best, most = 0, (-math.inf, -math.inf)
    for mix in range(0, 101, MIX_STEP):
        bought = stake_h100e(observation, me, amount, mix)
        compute = bought[0] + bought[1] * observation.amd_efficiency
        capability = hand_capability(observation, me, hand, bought=bought, spent=amount).total if hand else 0.0
        if (capability, compute) > most:
            best, most = mix, (capability, compute)
    return best


def _paid(observation: Observation, legal: LegalActions, action: Action) -> int:
    """$M that `action` stakes on chips."""
    kind = action.kind
    mine = observation.me.quarter_stake
    if kind == ActionKind.SIT_IN:
        return legal.ante
    if kind == ActionKind.CALL:
        return legal.call_amount
    if kind in (ActionKind.BET, ActionKind.RAISE):
        return action.amount - mine
    if kind == ActionKind.ALL_IN:
        return observation.me.cash
    return 0


def _h100e_per_million(observation: Observation, seats: Sequence[int], my_mix: int | None = None) -> np.ndarray:
    """(spec Nvidia H100e, spec AMD H100e) each seat gets per $M staked now, at its mix: shape (2, n)."""
    out = np.zeros((2, len(seats)))
    for i, seat in enumerate(seats):
        nvidia, amd = observation.prices_for(seat)  # an export-restricted firm pays export-grade prices
        pct = observation.firms[seat].amd_pct if (i or my_mix is None) else my_mix
        if amd is None:
            pct = 0
        elif nvidia is None:
            pct = 100
        if pct < 100:
            out[0, i] = (100 - pct) / 100 * 1e6 / nvidia
        if pct > 0:
            out[1, i] = pct / 100 * 1e6 / amd
    return out


def _cost_per_dollar(observation: Observation) -> float:
    """Share of a staked dollar gone by the end of the game: chips depreciate straight-line over their
    lifetime and count at book value in the score."""
    return 1.0 - retained_share(observation)


def _reserve_penalty(observation: Observation, paid: float) -> float:
    """Penalty for staking cash needed to pay next year's table stakes (beyond next year's income)."""
    scenario = observation.scenario
    index = observation.year_index + 1
    if index >= scenario.years or paid <= 0:
        return 0.0
    firm = observation.firms[observation.viewer]
    profile = scenario.profile(firm.profile)
    income = profile.income[index] if profile is not None else 0
    reserve = scenario.ante[index] - income
    short = max(0.0, reserve - (firm.cash - paid)) - max(0.0, reserve - firm.cash)
    return RESERVE_PENALTY * short


def _agi_stakes(observation: Observation, seats: Sequence[int], per_million: np.ndarray,
                parts: Parts) -> tuple[float, float]:
    """($M gained if I reach AGI, $M lost if an opponent does), or (0, 0) when no firm in the hand
    could reach the threshold this year even going all-in. Reaching AGI adds the prize (a share of
    every other firm's net worth) and ends the race; an opponent's AGI ends it for me, which costs
    what I could still win: the table's net worth weighed by my chance of coming first on score
    anyway (the square of my founders' claim over the sum of squares: a crude estimate)."""
    scenario = observation.scenario
    if not scenario.race_mode:
        return 0.0, 0.0
    eff = float(parts.amd_eff.max())
    for i, seat in enumerate(seats):
        cash = observation.firms[seat].cash
        most = parts.nvidia[i] + cash * per_million[0, i] + (parts.amd[i] + cash * per_million[1, i]) * eff
        if most >= scenario.agi_threshold_h100e:
            break
    else:
        return 0.0, 0.0
    table = 0.0
    squares = 0.0
    for firm in observation.firms:
        if firm.status != Status.EXITED:
            table += firm.net_worth
        squares += firm.founders_claim ** 2
    me = observation.firms[observation.viewer]
    chance = me.founders_claim ** 2 / squares if squares > 0 else 0.0
    prize = scenario.agi_prize_share * (table - me.net_worth)
    return prize + table * (1.0 - chance), table * chance


def _agi_balance(caps: np.ndarray, compute: np.ndarray, reach: np.ndarray, stays: np.ndarray, win: np.ndarray,
                 threshold: float, gain: float, loss: float) -> float:
    """Expected $M from AGI this year: my chance of winning the showdown past the threshold × `gain`
    minus an opponent's × `loss`. There is a showdown only where some opponent stays; an opponent
    that stays may still stake all its cash before it (`reach`: its compute if it does)."""
    showdown = stays.any(axis=1)
    mine = (compute[:, 0] >= threshold) & showdown
    others = np.where(stays, caps[:, 1:], -np.inf)
    best = others.argmax(axis=1)
    theirs = (reach[np.arange(len(best)), best] >= threshold) & showdown
    return gain * float((win * mine).mean()) - loss * float(((1.0 - win) * theirs).mean())


def _win_share(caps: np.ndarray, stays: np.ndarray) -> np.ndarray:
    """Per world: 1 if column 0 has the highest capability among itself and the opponents that stay,
    1/k if it ties with k-1 of them, else 0."""
    mine = caps[:, 0]
    others = np.where(stays, caps[:, 1:], -np.inf)
    best = others.max(axis=1)
    ties = (others == mine[:, None]).sum(axis=1)
    return np.where(mine > best, 1.0, np.where(mine == best, 1.0 / (1 + ties), 0.0))


# ---------------------------------------------------------------------- the capability model

class Parts:
    """Capability in sampled worlds, split so that added compute can be re-scored cheaply.

    `points` (worlds × firms) holds card points and event bonuses; `weight` and `amd_eff`
    (per world) the compute weight and AMD efficiency; `nvidia`/`amd` (per firm) spec H100e
    on working lots.
    """

    __slots__ = ("points", "weight", "amd_eff", "nvidia", "amd")

    def __init__(self, points, weight, amd_eff, nvidia, amd) -> None:
        self.points, self.weight, self.amd_eff, self.nvidia, self.amd = points, weight, amd_eff, nvidia, amd

    def total(self) -> np.ndarray:
        compute = self.nvidia[None, :] + self.amd[None, :] * self.amd_eff[:, None]
        return self.points + self.weight[:, None] * 10.0 * np.log10(np.maximum(1.0, compute))

    def with_spend(self, spend: np.ndarray, per_million: np.ndarray,
                   stays: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Capabilities (rounded as the showdown rounds them) and effective compute (worlds × firms)
        if each firm stakes `spend` $M more,
        at `per_million` H100e per $M; firms that do not stay (folded) spend nothing. Conditions on
        compute keep the values they had before the spend (an approximation)."""
        nvidia = spend * per_million[0]
        amd = spend * per_million[1]
        if stays is None:
            compute = (self.nvidia + nvidia)[None, :] + (self.amd + amd)[None, :] * self.amd_eff[:, None]
        else:
            added = np.ones((stays.shape[0], len(spend)), dtype=bool)
            added[:, 1:] = stays
            compute = (self.nvidia[None, :] + added * nvidia[None, :]
                       + (self.amd[None, :] + added * amd[None, :]) * self.amd_eff[:, None])
        total = self.points + self.weight[:, None] * 10.0 * np.log10(np.maximum(1.0, compute))
        return np.round(total, 6), compute


class CapabilityModel:
    """A scenario's cards and events as numpy tables, to score many worlds at once exactly as
    `game.core` scores a showdown (`hand_capability`). Build with `capability_model(scenario)`."""

    def __init__(self, scenario) -> None:
        self.scenario = scenario
        cards = scenario.rd_cards
        events = scenario.events
        domains: list[str] = []

        def domain_index(name: str) -> int:
            if name not in domains:
                domains.append(name)
            return domains.index(name)

        for card in cards.values():
            domain_index(card.domain)
        for event in events.values():
            for effect in event.effects:
                if effect.domain:
                    domain_index(effect.domain)
        all_conditions = [c.condition for c in cards.values() if c.condition is not None]
        all_conditions += [e.condition for ev in events.values() for e in ev.effects if e.condition is not None]
        for condition in all_conditions:
            for test, value in condition.tests:
                if TESTS[test].fact == "domains":
                    domain_index(value)
        self.domains = tuple(domains)
        n_domains = len(domains)

        # R&D cards.
        self.card_ids = tuple(cards)
        self.card_index = {card_id: i for i, card_id in enumerate(self.card_ids)}
        n_cards = len(self.card_ids)
        self.card_domain = np.array([domain_index(cards[c].domain) for c in self.card_ids], dtype=np.intp)
        self.card_points = np.array([float(cards[c].points) for c in self.card_ids])
        self.card_condition_points = np.array([float(cards[c].condition_points) for c in self.card_ids])
        conditional = [c for c in self.card_ids if cards[c].condition is not None]
        self.condition_row = np.full(n_cards, len(conditional), dtype=np.intp)  # last row: never holds
        self.condition_tests = []  # per conditional card: its tests except those on domains
        self.domain_ok = np.ones((n_cards, n_domains), dtype=bool)  # domain tests, given the other card's domain
        for row, card_id in enumerate(conditional):
            index = self.card_index[card_id]
            self.condition_row[index] = row
            card = cards[card_id]
            tests = []
            for test, value in card.condition.tests:
                if TESTS[test].fact == "domains":  # decided by the card's own domain and the other card's
                    for other in range(n_domains):
                        pair = (self.domains[self.card_domain[index]], self.domains[other])
                        if not holds(((test, value),), _Domains(pair)):
                            self.domain_ok[index, other] = False
                else:
                    tests.append((test, value))
            self.condition_tests.append(tuple(tests))
        self.deck = np.array([self.card_index[c] for c in scenario.rd_deck], dtype=np.intp)

        # Market events: each effect kind as layers of per-event tables (one layer per effect of
        # that kind in an event), so that applying them in order repeats the core's arithmetic.
        self.event_ids = tuple(events)
        self.event_index = {event_id: i for i, event_id in enumerate(self.event_ids)}
        n_events = len(self.event_ids)

        def layers(kind: str) -> int:
            return max((sum(1 for e in events[ev].effects if e.kind == kind) for ev in self.event_ids), default=0)

        self.weight_deltas = np.zeros((layers("compute_weight"), n_events))
        self.amd_deltas = np.zeros((layers("amd_efficiency"), n_events))
        self.domain_factors = np.ones((layers("domain_factor"), n_events, n_domains))
        self.domain_bonuses = np.zeros((layers("domain_bonus"), n_events, n_domains))
        self.firm_bonuses = []  # (event index, points, tests)
        for e, event_id in enumerate(self.event_ids):
            seen = {"compute_weight": 0, "amd_efficiency": 0, "domain_factor": 0, "domain_bonus": 0}
            for effect in events[event_id].effects:
                kind = effect.kind
                if kind == "compute_weight":
                    self.weight_deltas[seen[kind], e] = effect.delta
                elif kind == "amd_efficiency":
                    self.amd_deltas[seen[kind], e] = effect.delta
                elif kind == "domain_factor":
                    self.domain_factors[seen[kind], e, domain_index(effect.domain)] = effect.factor
                elif kind == "domain_bonus":
                    self.domain_bonuses[seen[kind], e, domain_index(effect.domain)] = effect.points
                elif kind == "firm_bonus":
                    tests = effect.condition.tests if effect.condition is not None else ()
                    self.firm_bonuses.append((e, float(effect.points), tuple(
                        (test, domain_index(value) if TESTS[test].fact == "domains" else value)
                        for test, value in tests)))
                if kind in seen:
                    seen[kind] += 1
        self.bonus_events = sorted({e for e, _, _ in self.firm_bonuses})
        self.event_deck = np.array([self.event_index[e] for e in scenario.event_deck], dtype=np.intp)
        self._banks: dict[tuple[int, int], np.ndarray] = {}

    # -------------------------------------------------------------- sampling

    def bank(self, size: int, prefix: int) -> np.ndarray:
        """BANK random orders of `size` items, first `prefix` positions (a fixed, shared table)."""
        key = (size, prefix)
        table = self._banks.get(key)
        if table is None:
            rng = np.random.default_rng((size, prefix, 20240))
            table = np.argsort(rng.random((BANK, size)), axis=1)[:, :prefix].astype(np.intp)
            self._banks[key] = table
        return table

    def sample_worlds(self, observation: Observation, seats: Sequence[int], my_cards: Sequence[str] | None,
                      rng: np.random.Generator, worlds: int) -> tuple[np.ndarray, np.ndarray]:
        """Hands (worlds × seats × 2 card indices) and this year's four events (worlds × 4, in reveal
        order) consistent with the observation. With `my_cards`, seats[0] holds them and the others'
        cards come from the rest of the deck; without, every seat's cards are drawn."""
        deck = self.deck
        n = len(seats)
        hands = np.empty((worlds, n, 2), dtype=np.intp)
        if my_cards:
            rest = list(deck)
            for card in my_cards:
                rest.remove(self.card_index[card])
            rest_arr = np.array(rest, dtype=np.intp)
            hands[:, 0, 0] = self.card_index[my_cards[0]]
            hands[:, 0, 1] = self.card_index[my_cards[1]]
            drawn = 2 * (n - 1)
            order = self.bank(len(rest_arr), min(len(rest_arr), 14))[rng.integers(0, BANK, worlds), :drawn]
            hands[:, 1:, :] = rest_arr[order].reshape(worlds, n - 1, 2)
        else:
            order = self.bank(len(deck), min(len(deck), 16))[rng.integers(0, BANK, worlds), :2 * n]
            hands[:] = deck[order].reshape(worlds, n, 2)
        revealed = [self.event_index[e] for e in observation.revealed_events]
        unseen = observation.events_to_come if observation.phase == Phase.BETTING else 4
        events = np.empty((worlds, len(revealed) + unseen), dtype=np.intp)
        events[:, :len(revealed)] = revealed
        if unseen:
            rest = list(self.event_deck)
            for e in revealed:
                rest.remove(e)
            rest_arr = np.array(rest, dtype=np.intp)
            order = self.bank(len(rest_arr), unseen)[rng.integers(0, BANK, worlds)]
            events[:, len(revealed):] = rest_arr[order]
        return hands, events

    # -------------------------------------------------------------- scoring

    def capabilities(self, observation: Observation, seats: Sequence[int], hands: np.ndarray,
                     events: np.ndarray) -> np.ndarray:
        """Capability (unrounded) of each seat in each world: worlds × seats. `hands` holds card
        indices (worlds × seats × 2), `events` event indices in reveal order (worlds × k); world w
        equals `hand_capability(observation, seats[j], hand, events)` for its hand and events."""
        return self.components(observation, seats, hands, events).total()

    def components(self, observation: Observation, seats: Sequence[int], hands: np.ndarray,
                   events: np.ndarray) -> Parts:
        worlds = hands.shape[0]
        n = len(seats)
        scenario = self.scenario
        # Events, applied in order as `hand_capability` applies them.
        weight = np.full(worlds, scenario.compute_weight)
        amd_delta = np.zeros(worlds)
        factors = np.ones((worlds, len(self.domains)))
        bonuses = np.zeros((worlds, len(self.domains)))
        for k in range(events.shape[1]):
            column = events[:, k]
            for layer in self.weight_deltas:
                weight = np.maximum(0.0, weight + layer[column])
            for layer in self.amd_deltas:
                amd_delta = amd_delta + layer[column]
            for layer in self.domain_factors:
                factors = factors * layer[column]
            for layer in self.domain_bonuses:
                bonuses = bonuses + layer[column]
        amd_eff = np.maximum(0.0, scenario.amd_efficiency[observation.year_index] + amd_delta)

        # Public facts about each firm.
        nvidia = np.zeros(n)
        amd = np.zeros(n)
        leader = np.zeros(n, dtype=bool)
        cash = np.zeros(n)
        staked = np.zeros(n)
        for j, seat in enumerate(seats):
            firm = observation.firms[seat]
            nv = am = 0.0
            for lot in firm.lots[firm.idle_lots:]:
                if lot.vendor == "amd":
                    am += lot.h100e
                else:
                    nv += lot.h100e
            nvidia[j], amd[j] = nv, am
            leader[j] = seat in observation.compute_leaders
            cash[j] = firm.cash
            staked[j] = firm.year_stake
        amd_part = amd[None, :] * amd_eff[:, None]
        compute = nvidia[None, :] + amd_part
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(compute > 0, 100.0 * amd_part / compute, 0.0)
        first, second = hands[:, :, 0], hands[:, :, 1]
        dom1, dom2 = self.card_domain[first], self.card_domain[second]
        facts = (compute, share, leader, dom1, dom2, cash, staked)

        # Card points: a card's condition points if its condition holds, times domain factors,
        # plus domain bonuses.
        points1 = self.card_points[first]
        points2 = self.card_points[second]
        if self.condition_tests:
            holds_table = np.zeros((len(self.condition_tests) + 1, worlds, n), dtype=bool)
            for row, tests in enumerate(self.condition_tests):
                holds_table[row] = _holds(tests, facts)
            w_index = np.arange(worlds)[:, None]
            s_index = np.arange(n)[None, :]
            ok1 = holds_table[self.condition_row[first], w_index, s_index] & self.domain_ok[first, dom2]
            ok2 = holds_table[self.condition_row[second], w_index, s_index] & self.domain_ok[second, dom1]
            points1 = np.where(ok1, self.card_condition_points[first], points1)
            points2 = np.where(ok2, self.card_condition_points[second], points2)
        card_total = (points1 * np.take_along_axis(factors, dom1, axis=1) + np.take_along_axis(bonuses, dom1, axis=1)
                      + points2 * np.take_along_axis(factors, dom2, axis=1)
                      + np.take_along_axis(bonuses, dom2, axis=1))

        # Firm bonuses from events, for firms meeting their conditions.
        if self.firm_bonuses:
            counts = {e: (events == e).sum(axis=1) for e in self.bonus_events}
            for e, points, tests in self.firm_bonuses:
                count = counts[e]
                if not count.any():
                    continue
                card_total = card_total + (count * points)[:, None] * _holds(tests, facts)
        return Parts(card_total, weight, amd_eff, nvidia, amd)


def _holds(tests, facts) -> np.ndarray | bool:
    """`game.core.effects.holds` over arrays of facts (worlds × firms), with the same definitions; a
    domain test compares the two cards' domains (domain indices, worlds × firms each)."""
    compute, share, leader, dom1, dom2, cash, staked = facts
    arrays = {"compute": compute, "amd_share": share, "compute_leader": leader, "cash": cash, "staked": staked}
    ok: np.ndarray | bool = True
    for name, value in tests:
        test = TESTS[name]
        if test.fact == "domains":
            result = (dom1 == value) | (dom2 == value)
        else:
            result = test.compare(arrays[test.fact], value)
        ok = ok & (~result if test.negated else result)
    return ok


class _Domains(NamedTuple):
    """The facts a domain test reads: the domains of a hand's two cards."""

    domains: tuple[str, str]


_MODELS: list[tuple[object, CapabilityModel]] = []


def capability_model(scenario) -> CapabilityModel:
    """The (cached) numpy tables for `scenario`."""
    for known, model in _MODELS:
        if known is scenario:
            return model
    model = CapabilityModel(scenario)
    _MODELS.insert(0, (scenario, model))
    del _MODELS[8:]
    return model


__all__ = ["CalculatorBot", "CapabilityModel", "capability_model", "estimate"]
