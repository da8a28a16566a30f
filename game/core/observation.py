"""Per-seat observations, built field by field from an allow-list.

An observation holds exactly what one seat may know (DESIGN.md §1.10): everything
public plus its own R&D cards. `observe(state, None)` is the spectators' view. The
seed, the deck order, the year's unrevealed events and other firms' cards are never
copied in; a new field on the state stays private until it is added here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .cards import Capability, FirmFacts, leaders_among, score_hand, scoring
from .effects import weights_after
from .funding import founders_claim, investors_claim, under_water
from .legality import pot_shown
from .market import (
    USD_PER_MILLION, along_the_curve, amd_efficiency, book_value, compute_and_amd_share, effective_compute,
    price_per_h100e, split_stake,
)
from .pots import BASIS_POINTS, Pot, side_pots
from .rules import IN_HAND
from .scenario import VENDORS, Scenario
from .state import ALL_IN, OVER, LogEntry, Lot, Showdown, State, new_record


class FirmView(NamedTuple):
    seat: int
    profile: str
    name: str
    cash: int
    ownership: float  # the founders' share
    preference: int  # $M the investors take back first (public, like every cap table here)
    status: str
    lots: tuple[Lot, ...]
    effective_compute: float
    book_value: int  # frozen at its exit year once it has left the race
    amd_pct: int
    quarter_stake: int
    year_stake: int
    last_sat_out: int  # the last year it sat out (0: never)
    raised_this_year: int
    idle_lots: int
    exit_year: int  # 0 while in the race
    holds_cards: bool  # dealt two R&D cards this year (their faces are private)
    income_total: int
    raised_total: int
    opex_total: int
    spent_total: int
    won_total: int
    export_restricted: bool  # buys export-grade chips only (public: the rule names the firms)

    @property
    def net_worth(self) -> int:
        return self.cash + self.book_value

    @property
    def founders_claim(self) -> int:
        """The score now: the net worth minus the investors' claim (DESIGN.md §1.9)."""
        return founders_claim(self.net_worth, self.ownership, self.preference)

    @property
    def investors_claim(self) -> int:
        return investors_claim(self.net_worth, self.ownership, self.preference)

    @property
    def taken_over(self) -> bool:
        """It left the race because its investors took it over (its net worth fell to its preference)."""
        return self.status == "exited" and under_water(self.net_worth, self.preference)


class Observation(NamedTuple):
    viewer: int | None  # the seat this view is for; None = public view
    scenario: Scenario  # public rules, including which cards the decks hold (not their order)
    year: int
    year_index: int
    phase: str
    quarter: int
    button: int
    to_act: int
    ante: int
    min_raise: int
    full_raises: int
    pot: int  # base market + market share of this year's stakes
    pots: tuple[Pot, ...]  # how the pot splits into a main pot and side pots right now
    base_market: int
    compute_weight: float
    amd_efficiency: float
    prices: tuple[float | None, float | None]  # $ per spec H100e of each flagship now, scarcity included
    export_prices: tuple[float | None, float | None]  # the same for each export-grade chip (None: none on sale)
    price_factor: tuple[float, float]
    supply_factor: tuple[float, float]
    bought: tuple[float, float]
    revealed_events: tuple[str, ...]
    events_to_come: int
    compute_leaders: frozenset[int]
    firms: tuple[FirmView, ...]
    my_cards: tuple[str, ...]  # the viewer's own R&D cards (empty for the public view)
    showdowns: tuple[Showdown, ...]
    log: tuple[LogEntry, ...]
    vendor_take: int
    vendor_take_by_year: tuple[int, ...]
    last_winners: tuple[int, ...]
    valuations: tuple[int, ...]  # $M per seat: the net worth this year's funding round is priced at
    funding_caps: tuple[int, ...]  # $M per seat: the most it may raise this year (hype decides)
    agi_winners: tuple[int, ...]
    agi_prize: int  # $M the AGI winner(s) added to their net worth (0 unless the race was won)
    over_reason: str

    @property
    def me(self) -> FirmView | None:
        return None if self.viewer is None else self.firms[self.viewer]

    @property
    def is_over(self) -> bool:
        return self.phase == OVER

    def pot_with(self, extra: int) -> int:
        """The pot shown once `extra` $M more is staked: its market share added."""
        return self.pot + extra * self.scenario.market_share_bp // BASIS_POINTS

    @property
    def pots_shown(self) -> tuple[Pot, ...]:
        """The pots as a table shows them: the layers of `pots` (one per level of stakes still in
        the hand), merged where no all-in firm cuts them. In a betting round the firms that have not
        matched the highest stake yet can still call, so the uncalled part of a bet is not a side
        pot; only the stake of a firm that is all-in (it can add nothing more) splits the pot. A
        merged layer pays the market share of all its stakes, the main pot the base market too.
        """
        share = self.scenario.market_share_bp
        shown: list[Pot] = []
        stakes, eligible = 0, None
        for index, pot in enumerate(self.pots):
            if eligible is None:  # a group's lowest layer names every seat that can win it
                eligible = pot.eligible
            stakes += pot.stakes
            level = min(self.firms[seat].year_stake for seat in pot.eligible)
            cut = any(self.firms[seat].status == ALL_IN and self.firms[seat].year_stake == level
                      for seat in pot.eligible)
            if cut or index == len(self.pots) - 1:
                amount = stakes * share // BASIS_POINTS + (self.base_market if not shown else 0)
                shown.append(Pot(stakes, amount, eligible))
                stakes, eligible = 0, None
        return tuple(shown)

    def prices_for(self, seat: int) -> tuple[float | None, float | None]:
        """$ per spec H100e (Nvidia, AMD) that `seat` pays now: the export-grade prices if it
        is export-restricted, else the flagship prices; None where it cannot buy."""
        return self.export_prices if self.firms[seat].export_restricted else self.prices


def hand_capability(observation: Observation, seat: int, hand: Sequence[str],
                    events: Sequence[str] | None = None, *, bought: tuple[float, float] = (0.0, 0.0),
                    spent: int = 0) -> Capability:
    """The capability `seat` would show at a showdown holding `hand`, with `events` face up
    (default: the events face up now). A bot scores its own hand with it, or a guess at another's;
    `bought` (spec H100e from Nvidia, AMD) and `spent` ($M) add a purchase it is thinking of
    (`stake_h100e` says what a stake buys).
    """
    scenario = observation.scenario
    if events is None:
        events, weight, amd_eff = observation.revealed_events, observation.compute_weight, observation.amd_efficiency
    else:
        effects = [effect for event in events for effect in scenario.events[event].effects]
        weight, amd_delta = weights_after(effects, scenario.compute_weight, 0.0)
        amd_eff = max(0.0, scenario.amd_efficiency[observation.year_index] + amd_delta)
    firm = observation.firms[seat]
    lots = firm.lots[firm.idle_lots:]
    if bought != (0.0, 0.0):
        lots += tuple(Lot(observation.year, vendor, "", h100e, 0) for vendor, h100e in zip(VENDORS, bought, strict=True)
                      if h100e)
    compute, share = compute_and_amd_share(lots, amd_eff)
    domains = tuple(scenario.rd_cards[card].domain for card in hand)
    facts = FirmFacts(compute, share, seat in observation.compute_leaders, domains, firm.cash - spent,
                      firm.year_stake + spent)
    return score_hand(scenario, facts, hand, scoring(scenario, events), weight)


def observe(state: State, seat: object) -> Observation:
    """What `seat` may know now; `None` gives the public (spectator) view. Anything but a seat number
    or None is refused with a `ValueError`."""
    viewer = seat if isinstance(seat, int) and 0 <= seat < len(state.firms) else None
    if viewer is None and seat is not None:
        raise ValueError(f"no seat {seat!r}: seats are 0 to {len(state.firms) - 1} or None")
    scenario = state.scenario
    amd_eff = amd_efficiency(state)
    year = state.year
    restricted = scenario.export_restricted
    lifetime = scenario.lifetime
    computes = [effective_compute(firm, amd_eff) for firm in state.firms]
    # new_record: one FirmView per firm on every decision of every seat (see state.new_record);
    # the fields in FirmView's order
    firms = tuple(
        new_record(FirmView, (
            index, firm.profile, firm.name, firm.cash, firm.ownership, firm.preference, firm.status, firm.lots,
            computes[index], book_value(firm, firm.exit_year or year, lifetime), firm.amd_pct,
            state.quarter_stakes[index], state.year_stakes[index], firm.last_sat_out, firm.raised_this_year,
            firm.idle_lots, firm.exit_year, bool(state.hands[index]), firm.income_total, firm.raised_total,
            firm.opex_total, firm.spent_total, firm.won_total, firm.profile in restricted,
        ))
        for index, firm in enumerate(state.firms)
    )
    in_hand = [index for index, firm in enumerate(state.firms) if firm.status in IN_HAND]
    pots = side_pots(state.year_stakes, in_hand, scenario.market_share_bp, state.base_market) if in_hand else []
    year_index = state.year_index
    # new_record, as for the firms: the fields in Observation's order
    return new_record(Observation, (
        viewer, scenario, year, year_index, state.phase, state.quarter, state.button, state.to_act,
        scenario.ante[year_index], state.min_raise, state.full_raises, pot_shown(state), tuple(pots),
        state.base_market, state.compute_weight, amd_eff,
        (price_per_h100e(state, 0), price_per_h100e(state, 1)),
        (price_per_h100e(state, 0, export=True), price_per_h100e(state, 1, export=True)),
        state.price_factor, state.supply_factor, state.bought, state.year_events[:state.revealed],
        0 if state.phase == OVER else len(state.year_events) - state.revealed,
        leaders_among(state.firms, amd_eff, computes), firms, state.hands[viewer] if viewer is not None else (),
        state.showdowns, tuple(state.log), state.vendor_take, state.vendor_take_by_year, state.last_winners,
        state.valuations, state.funding_caps, state.agi_winners, state.agi_prize, state.over_reason,
    ))


def stake_h100e(observation: Observation, seat: int, amount: int, amd_pct: int | None = None) -> tuple[float, float]:
    """Spec H100e (Nvidia, AMD) that staking `amount` $M now would buy `seat`, at its mix (or at
    `amd_pct`), moving along each vendor's scarcity curve as the rules do."""
    scenario = observation.scenario
    firm = observation.firms[seat]
    catalogue = scenario.catalogue(firm.profile)
    year_index = observation.year_index
    mix = firm.amd_pct if amd_pct is None else amd_pct
    bought: list[float] = []
    for vendor, part in enumerate(split_stake(catalogue, year_index, mix, amount)):
        chip = catalogue[vendor][year_index]
        if part <= 0 or chip is None:  # split_stake gives a vendor with nothing on sale no part
            bought.append(0.0)
            continue
        bought.append(along_the_curve(scenario, year_index, vendor, chip, observation.price_factor[vendor],
                                      observation.supply_factor[vendor], observation.bought[vendor],
                                      part * USD_PER_MILLION))
    return bought[0], bought[1]
