"""A shown hand's capability as the showdown counts it up, one step at a time.

The numbers are the core's: compute points come from the `CardsShown` event, each card's points
from `game.core.cards.card_points`, each event's bonus from the effects `game.core.cards.scoring`
gathers, tested with `game.core.effects.holds`. Only the firm's facts (its compute, AMD share,
cash, stake) are read from the view before the showdown plus what the showdown's own step bought.
If the steps do not add up to the core's total (a view too old to know the facts), the tally
falls back to the three parts the event gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from game.content.text import domain_name, money, number, percent, signed, times
from game.core import Observation
from game.core import events as ev
from game.core.cards import FirmFacts, card_points, scoring
from game.core.effects import holds, weights_after
from game.core.market import compute_and_amd_share
from game.core.state import Lot

from .i18n import language, t
from .table_view import short_h100e

SAME = 1e-6  # the core rounds totals to 6 decimals


class TallyStep(NamedTuple):
    """One line of the count-up: `label` adds `points`; `notes` say why (a condition met, an
    event's multiplier or bonus); `running` is the capability after it."""

    kind: str  # "compute", "card" or "event"
    label: str
    points: float
    running: float
    notes: tuple[str, ...] = ()
    card: str | None = None
    tip: str | None = None  # what the line means, for its tooltip


def showdown_facts(view: Observation, shown: ev.CardsShown, events: Sequence[str],
                   step_events: Sequence) -> tuple[FirmFacts, float]:
    """(facts, compute weight) of the shown firm at the showdown: the view's firm plus the chips and
    stake its last action (in `step_events`) added, with `events` face up."""
    scenario = view.scenario
    firm = view.firms[shown.seat]
    bought = tuple(Lot(view.year, event.vendor, event.chip, event.h100e, event.cost) for event in step_events
                   if isinstance(event, ev.ChipsBought) and event.seat == shown.seat)
    paid = sum(event.paid for event in step_events if isinstance(event, ev.Acted) and event.seat == shown.seat)
    effects = [effect for event in events for effect in scenario.events[event].effects]
    weight, amd_delta = weights_after(effects, scenario.compute_weight, 0.0)
    amd_eff = max(0.0, scenario.amd_efficiency[view.year_index] + amd_delta)
    compute, share = compute_and_amd_share(firm.lots[firm.idle_lots:] + bought, amd_eff)
    domains = tuple(scenario.rd_cards[card].domain for card in shown.cards)
    facts = FirmFacts(compute, share, shown.seat in view.compute_leaders, domains, firm.cash - paid,
                      firm.year_stake + paid)
    return facts, weight


# Each condition test's short form and the value it shows, formatted.
SHORT_FORMS = {
    "amd_share_at_least": ("tally.short.amd_share_at_least", "percent"),
    "amd_share_below": ("tally.short.amd_share_below", "percent"),
    "compute_at_least": ("tally.short.compute_at_least", "h100e"),
    "compute_below": ("tally.short.compute_below", "h100e"),
    "has_domain": ("tally.short.has_domain", "domain"),
    "lacks_domain": ("tally.short.lacks_domain", "domain"),
    "cash_at_least": ("tally.short.cash_at_least", "money"),
    "staked_at_least": ("tally.short.staked_at_least", "money"),
}


def _short_value(kind: str, value, lang: str) -> str:
    if kind == "percent":
        return percent(value, lang)
    if kind == "h100e":
        return short_h100e(value)
    if kind == "domain":
        return domain_name(value, lang)
    return money(value, lang)


def short_condition(condition) -> str:
    """A card's condition as a few symbols ("≥ 100k H100e"); its full sentence is the card's tooltip."""
    lang = language()
    parts = []
    for test, value in condition.tests:
        if test == "compute_leader":
            parts.append(t("tally.short.compute_leader") if value else t("tally.short.not_compute_leader"))
            continue
        key, kind = SHORT_FORMS[test]
        parts.append(t(key, **{kind: _short_value(kind, value, lang)}))
    return ", ".join(parts)


def tally(view: Observation, shown: ev.CardsShown, events: Sequence[str],
          step_events: Sequence = ()) -> list[TallyStep]:
    """The steps from 0 to `shown.capability`: compute, each card, each event bonus that applies."""
    lang = language()
    scenario = view.scenario
    facts, weight = showdown_facts(view, shown, events, step_events)
    rules = scoring(scenario, events)
    steps: list[TallyStep] = []
    running = shown.compute_points
    tip = t("tally.compute_tip", weight=number(weight, lang), h100e=number(round(facts.compute), lang),
            points=number(round(shown.compute_points, 1), lang))
    steps.append(TallyStep("compute", t("tally.compute", h100e=short_h100e(facts.compute)), shown.compute_points,
                           running, tip=tip))
    for card_id in shown.cards:
        card = scenario.rd_cards[card_id]
        points = card_points(card, facts, rules)
        notes = []
        if card.condition is not None and holds(card.condition.tests, facts):
            notes.append(t("tally.condition", points=signed(card.condition_points, lang),
                           condition=short_condition(card.condition)))
        for event in events:
            for effect in scenario.events[event].effects:
                if effect.domain != card.domain:
                    continue
                title = scenario.events[event].title[lang]
                if effect.kind == "domain_factor":
                    notes.append(t("tally.factor", factor=times(effect.factor, lang), event=title))
                elif effect.kind == "domain_bonus":
                    notes.append(t("tally.bonus", points=signed(effect.points, lang), event=title,
                                   domain=domain_name(card.domain, lang)))
        running += points
        steps.append(TallyStep("card", card.title[lang], points, running, tuple(notes), card_id))
    for event in events:
        for effect in scenario.events[event].effects:
            if effect.kind == "firm_bonus" and (effect.condition is None or holds(effect.condition.tests, facts)):
                running += effect.points
                steps.append(TallyStep("event", scenario.events[event].title[lang], effect.points, running))
    if abs(running - shown.capability) < SAME:
        return steps
    return parts_only(shown)


def parts_only(shown: ev.CardsShown) -> list[TallyStep]:
    """The three parts the core's event gives, when the view cannot tell them apart further."""
    running = shown.compute_points
    steps = [TallyStep("compute", t("showdown.compute"), shown.compute_points, running)]
    running += shown.card_points
    steps.append(TallyStep("card", t("showdown.cards"), shown.card_points, running))
    if shown.event_points:
        running += shown.event_points
        steps.append(TallyStep("event", t("showdown.events"), shown.event_points, running))
    return steps
