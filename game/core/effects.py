"""Every condition test and event effect a scenario may use, defined once (DESIGN.md §1.8).

The scenario parser reads the names and what each takes from here; the rules, the observations
and the calculator bot's numpy model evaluate them with the definitions here (the calculator's
tables compare arrays with the same `compare`, and tests/test_calculator.py checks that both score
every hand alike). A new condition test is one entry in `TESTS` (and its fact in
`cards.FirmFacts`); a new event effect is one entry in `EFFECT_PARAMS` and its meaning in
`cards.reveal_events` (acts at once) or `cards.scoring` (changes how capability is scored).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple


class Test(NamedTuple):
    """A condition test: it holds when `compare(the firm's fact, the test's value)`, or its opposite
    when `negated`. `compare` works on one value and elementwise on numpy arrays alike."""

    fact: str  # the `cards.FirmFacts` field it reads
    compare: Callable[[Any, Any], Any]
    value_kind: str  # what the scenario gives: "percent", "h100e", "bool", "domain" or "money"
    negated: bool = False


TESTS: dict[str, Test] = {
    "amd_share_at_least": Test("amd_share", operator.ge, "percent"),  # share of its effective compute on AMD
    "amd_share_below": Test("amd_share", operator.ge, "percent", negated=True),
    "compute_at_least": Test("compute", operator.ge, "h100e"),  # its effective compute
    "compute_below": Test("compute", operator.ge, "h100e", negated=True),
    "compute_leader": Test("compute_leader", operator.eq, "bool"),  # the most effective compute (ties included)
    "has_domain": Test("domains", operator.contains, "domain"),  # holds an R&D card of that domain
    "lacks_domain": Test("domains", operator.contains, "domain", negated=True),
    "cash_at_least": Test("cash", operator.ge, "money"),
    "staked_at_least": Test("staked", operator.ge, "money"),  # staked this year, ante included
}
CONDITION_TESTS = {name: test.value_kind for name, test in TESTS.items()}


def holds(tests: Iterable[tuple[str, Any]], facts: Any) -> bool:
    """Whether every (test name, value) holds for a firm's `facts` (a `cards.FirmFacts`)."""
    for name, value in tests:
        test = TESTS[name]
        if bool(test.compare(getattr(facts, test.fact), value)) == test.negated:
            return False
    return True


# Event effects and the parameters each takes; they last for the rest of the year. The first five act
# the moment the event is revealed (`cards.reveal_events`), the rest change how capability is scored
# at the showdown (`cards.scoring`).
EFFECT_PARAMS = {
    "price": ("vendor", "factor"),
    "supply": ("vendor", "factor"),
    "market": ("factor",),
    "compute_weight": ("delta",),
    "amd_efficiency": ("delta",),
    "domain_factor": ("domain", "factor"),
    "domain_bonus": ("domain", "points"),
    "firm_bonus": ("points",),  # plus an optional `condition`
}


def weights_after(effects: Iterable[Any], weight: float, amd_delta: float) -> tuple[float, float]:
    """The compute weight and the change to AMD's efficiency once `effects` have acted, in order,
    on `weight` and `amd_delta` (the weight never falls below zero)."""
    for effect in effects:
        if effect.kind == "compute_weight":
            weight = max(0.0, weight + effect.delta)
        elif effect.kind == "amd_efficiency":
            amd_delta += effect.delta
    return weight, amd_delta
