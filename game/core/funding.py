"""Funding rounds and who owns a firm (DESIGN.md §1.4 step 3, §1.9).

A round is priced at the firm's net worth, with no premium: raising r multiplies the
founders' ownership by net worth / (net worth + r). Hype decides only how much a firm may
raise. Every dollar raised adds to the investors' preference, which grows by the investors'
return every year; the investors' claim is the larger of the preference and their share of
the net worth (at most the net worth), and the founders' claim, the score, is the rest.

>>> investors_claim(net_worth=1000, ownership=0.8, preference=150)
200
>>> investors_claim(net_worth=1000, ownership=0.8, preference=350)
350
>>> founders_claim(net_worth=300, ownership=0.8, preference=350)
0
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .cards import leaders_among
from .pots import BASIS_POINTS
from .scenario import Scenario
from .state import Firm


def diluted(ownership: float, worth: int, amount: int) -> float:
    """The founders' ownership after raising `amount` $M in a round priced at `worth` $M."""
    return ownership * worth / (worth + amount)


def grown_preference(preference: int, return_bp: int) -> int:
    """The preference a year later: it grows by the investors' return, rounded up to whole $M."""
    return preference + -(-preference * return_bp // BASIS_POINTS)


def investors_claim(net_worth: int, ownership: float, preference: int) -> int:
    """$M of the net worth that belongs to the investors: max(preference, (1 − ownership) × net worth),
    rounded up to whole $M, at most the net worth (the share is rounded to 6 decimals first, so
    that float noise in the ownership never costs the founders a whole $M)."""
    share = math.ceil(round((1.0 - ownership) * net_worth, 6))
    return min(net_worth, max(preference, share))


def founders_claim(net_worth: int, ownership: float, preference: int) -> int:
    """The score: what is left of the net worth for the founders once the investors have theirs."""
    return net_worth - investors_claim(net_worth, ownership, preference)


def under_water(worth: int, preference: int) -> bool:
    """Investors who put money in hold a preference the net worth no longer covers: they take the firm
    over at the start of a year, and it cannot raise more."""
    return preference > 0 and worth <= preference


def funding_round(scenario: Scenario, firms: Sequence[Firm], worths: Sequence[int], last_winners: Sequence[int],
                  amd_eff: float) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(valuations, caps) per seat for this year's round, fixed at the start of the year: the round is
    priced at the net worth (`worths`, 0 for a firm out of the race), and a firm may raise up to
    `max_raise_pct` × (1 + hype) of it (`amd_eff`: what an AMD H100e counts then, before any event,
    to find the compute leaders).

    Hype is investors' enthusiasm: the scenario's figure for last year's main-pot winner, for the
    compute leader, or for the rest; a firm that is several gets the highest that applies. A firm
    out of the race, worth nothing, or at or below its preference may not raise.
    """
    leaders = leaders_among(firms, amd_eff)
    other = scenario.hype_other
    winner = max(scenario.hype_winner, other)
    leader = max(scenario.hype_leader, other)
    share = scenario.max_raise_pct / 100
    caps = []
    for seat, firm in enumerate(firms):
        worth = worths[seat]
        if worth <= firm.preference:  # worth nothing, or under water
            caps.append(0)
            continue
        if seat in leaders:
            hype = max(winner, leader) if seat in last_winners else leader
        else:
            hype = winner if seat in last_winners else other
        caps.append(int(worth * (1.0 + hype) * share))
    return tuple(worths), tuple(caps)


def funding_left(scenario: Scenario, cap: int, firm: Firm) -> int:
    """$M a firm whose cap this year is `cap` may still raise (0 if funding is off or used)."""
    if not scenario.funding or firm.raised_this_year:
        return 0
    return cap
