"""The coach: on the viewer's own turn, its estimated win chance, the pot odds of the decision and
one sentence on what the two mean together.

The chance is the calculator bot's Monte Carlo estimate (`game.bots.calculator.estimate`): the
hidden R&D cards and face-down events dealt a thousand times, consistent with the viewer's own
observation, each world scored as a showdown would score it. So the coach knows exactly what the
player may know, nothing more. The pot odds are the break-even chance of paying: what the payment
really costs over the pot it plays for (`game.bots.reading`). A stake buys chips, and net worth
counts chips at book value, so what is really lost is only the part that depreciates before the
game ends. A firm that has investors also hears how far its net worth stands above their
preference, the line below which they take the firm over.

No pygame here: `advise` returns an `Advice`, `lines` turns it into text; the table view draws it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from game.bots.reading import pot_after_call, required_chance, retained_share
from game.content.text import money, percent
from game.core import ActionKind, LegalActions, Observation, Phase

from .i18n import t

SEED = 0  # the estimate's generator is seeded by this and the point in the game: same decision, same chance
# The sentence for each kind of decision and verdict (see `Advice`).
SAYINGS = {
    ("check", "free"): "coach.say_check",
    ("call", "above"): "coach.say_call_above",
    ("call", "even"): "coach.say_call_even",
    ("call", "below"): "coach.say_call_below",
    ("ante", "above"): "coach.say_ante_above",
    ("ante", "even"): "coach.say_ante_even",
    ("ante", "below"): "coach.say_ante_below",
    ("ante", "must"): "coach.say_ante_must",
    ("ante", "cannot_pay"): "coach.say_ante_cannot_pay",
    ("ante", "cannot_pay_at_all"): "coach.say_ante_cannot_pay_at_all",
}


@dataclass(frozen=True)
class Advice:
    """What the coach says about one decision.

    `kind`: "call" (a bet to match), "check" (nothing to match) or "ante" (the table stakes).
    `needed`: the chance at which paying breaks even (None for a check); `cost` is the call or the
    table stakes in $M, `lost` the part of it that depreciates before the game ends, `pot` the pot
    the chance plays for (after the call; in the ante round, if the likely firms sit in).
    `verdict`: "above", "even" or "below" (the chance against `needed`, as shown in whole
    percent), "free" for a check, "must" (below, but sitting out again would end the race),
    "cannot_pay" / "cannot_pay_at_all" (the cash does not cover the table stakes).
    `preference` and `net_worth` are the viewer's firm's ($M; no preference: it has no investors).
    """

    kind: str
    chance: float
    needed: float | None
    cost: int
    lost: int
    pot: int
    retained: float  # the share of a stake still on the books at the end of the game
    verdict: str
    last_year: int
    seconds: float  # how long the estimate took
    preference: int
    net_worth: int

    @property
    def chance_pct(self) -> int:
        return round(self.chance * 100)

    @property
    def needed_pct(self) -> int | None:
        return None if self.needed is None else round(self.needed * 100)


def advise(observation: Observation, legal: LegalActions, seed: int = SEED) -> Advice:
    """The coach's advice to the viewer of `observation`, who is to act with `legal`."""
    if observation.viewer is None or observation.viewer != legal.seat:
        raise ValueError("the coach advises only the seat to act, from its own observation")
    from game.bots.calculator import estimate  # here, not at the top: the table draws without numpy until asked

    start = time.perf_counter()
    chance, pot = estimate(observation, seed)
    seconds = time.perf_counter() - start
    chance = min(1.0, max(0.0, chance))
    retained = retained_share(observation)
    last_year = observation.scenario.last_year
    firm = observation.firms[legal.seat]
    books = (firm.preference, firm.net_worth)
    if observation.phase == Phase.ANTE:
        cost = legal.ante
        lost = cost * (1 - retained)
        needed = min(1.0, lost / pot) if pot > 0 else 1.0
        if not legal.can_sit_in:
            verdict = "cannot_pay" if legal.can_raise_funds else "cannot_pay_at_all"
        else:
            verdict = _compare(chance, needed)
            if verdict == "below" and firm.last_sat_out == observation.year - 1:
                verdict = "must"
        return Advice("ante", chance, needed, cost, round(lost), round(pot), retained, verdict, last_year, seconds,
                      *books)
    if legal.can_call:
        needed = required_chance(observation, legal)
        cost = legal.call_amount
        return Advice("call", chance, needed, cost, round(cost * (1 - retained)), pot_after_call(observation, legal),
                      retained, _compare(chance, needed), last_year, seconds, *books)
    return Advice("check", chance, None, 0, 0, observation.pot, retained, "free", last_year, seconds, *books)


def _compare(chance: float, needed: float) -> str:
    """"above", "even" or "below", judged on the whole percents the player sees."""
    mine, wanted = round(chance * 100), round(needed * 100)
    if mine == wanted:
        return "even"
    return "above" if mine > wanted else "below"


def lines(advice: Advice, lang: str) -> tuple[str, str, str, str]:
    """(the chance, what paying needs, the pot odds spelled out, the one sentence) in `lang`; for a
    firm with investors the pot odds end with how its net worth stands against their preference."""
    chance = percent(advice.chance_pct, lang)
    values = {"chance": chance, "pot": money(advice.pot, lang), "last_year": advice.last_year}
    if advice.needed is not None:
        values["needed"] = percent(advice.needed_pct, lang)
    headline = t("coach.chance", chance=chance)
    if advice.kind == ActionKind.CHECK:
        detail = t("coach.detail_check", **values) + _preference_note(advice, lang)
        return headline, t("coach.nothing_to_call"), detail, t(SAYINGS[advice.kind, advice.verdict], **values)
    what = "call" if advice.kind == ActionKind.CALL else "ante"
    values.update(cost=money(advice.cost, lang), lost=money(advice.lost, lang))
    needs = t(f"coach.{what}_needs", **values)
    written_off = "all_lost" if advice.retained <= 0 else "part_lost"
    detail = t(f"coach.detail_{what}_{written_off}", **values) + _preference_note(advice, lang)
    return headline, needs, detail, t(SAYINGS[advice.kind, advice.verdict], **values)


def _preference_note(advice: Advice, lang: str) -> str:
    """How the net worth stands against the investors' preference, as a sentence to append (empty for a
    firm without investors)."""
    if not advice.preference:
        return ""
    return " " + t("coach.preference_note", preference=money(advice.preference, lang),
                   worth=money(advice.net_worth, lang))


__all__ = ["Advice", "advise", "lines"]
