"""A seat's view as a fixed-size vector (DESIGN.md §8; the layout in docs/rl.md).

Only the seat's own observation goes in (`Match.view(seat)`: public facts and its own R&D cards), so
the vector holds nothing the seat may not know. Seats are padded to `MAX_SEATS` and rotated so the
observer is always slot 0. Money is in units of `MONEY_UNIT` ($10B); compute as log10 of H100e.
Cards and events are one-hot over the scenario's own sorted lists, padded to `MAX_CARDS`/`MAX_EVENTS`.
"""

from __future__ import annotations

import math

import numpy as np

from game.core import LegalActions, Observation, Phase, Scenario, Status

MAX_SEATS = 8
MAX_CARDS = 64
MAX_EVENTS = 64
MONEY_UNIT = 10_000.0  # $M: $10B
PRICE_UNIT = 100_000.0  # $ per H100e
CAPABILITY_UNIT = 100.0
BOUND = 1e6  # no feature comes near it: the observation space's limits

GLOBAL_FIELDS = (
    "year_progress", "quarter", "phase_ante", "phase_betting", "phase_over", "pot", "ante", "min_raise",
    "call_amount", "base_market", "compute_weight", "amd_efficiency", "price_nvidia", "price_amd",
    "events_to_come", "my_compute_points", "my_card_points", "my_event_points", "my_capability", "seats",
)
STATUSES = (Status.ACTIVE, Status.FOLDED, Status.ALL_IN, Status.SITTING_OUT, Status.EXITED)
_ONE_HOT = {status: tuple(float(status == each) for each in STATUSES) for status in STATUSES}
SEAT_FIELDS = (
    "present", "cash", "ownership", "preference", *(f"status_{status}" for status in STATUSES),
    "compute_log10", "book_value", "amd_share", "quarter_stake", "year_stake", "button", "to_act",
    "holds_cards", "export_restricted", "funding_cap", "valuation", "compute_leader",
)
SIZE = len(GLOBAL_FIELDS) + MAX_SEATS * len(SEAT_FIELDS) + MAX_CARDS + MAX_EVENTS


class Encoder:
    """Encodes views of one scenario (its card and event lists fix the one-hot slots)."""

    def __init__(self, scenario: Scenario) -> None:
        cards, events = sorted(scenario.rd_cards), sorted(scenario.events)
        if len(cards) > MAX_CARDS or len(events) > MAX_EVENTS:
            raise ValueError(f"scenario {scenario.id} has {len(cards)} R&D cards and {len(events)} events; "
                             f"the encoding holds {MAX_CARDS} and {MAX_EVENTS}")
        self.card_slot = {card: index for index, card in enumerate(cards)}
        self.event_slot = {event: index for index, event in enumerate(events)}
        self.years = scenario.years

    def encode(self, view: Observation, legal: LegalActions | None, capability=None) -> np.ndarray:
        """The view as `SIZE` float32s; `legal` when the seat is to act (the amount to call), and the
        seat's own `capability` (`game.core.hand_capability`) when it holds cards."""
        me = view.viewer
        seats = len(view.firms)
        nvidia, amd = view.prices_for(me)
        values = [  # one list, made an array once: cheaper than writing slices of an array
            view.year_index / max(1, self.years - 1), view.quarter / 4, view.phase == Phase.ANTE,
            view.phase == Phase.BETTING, view.phase == Phase.OVER, view.pot / MONEY_UNIT, view.ante / MONEY_UNIT,
            view.min_raise / MONEY_UNIT, (legal.call_amount if legal is not None else 0) / MONEY_UNIT,
            view.base_market / MONEY_UNIT, view.compute_weight, view.amd_efficiency,
            (nvidia or 0.0) / PRICE_UNIT, (amd or 0.0) / PRICE_UNIT, view.events_to_come / 8,
            *((capability.compute_points / CAPABILITY_UNIT, capability.card_points / CAPABILITY_UNIT,
               capability.event_points / CAPABILITY_UNIT, capability.total / CAPABILITY_UNIT)
              if capability is not None else (0.0, 0.0, 0.0, 0.0)),
            seats / MAX_SEATS,
        ]
        caps, valuations, leaders = view.funding_caps, view.valuations, view.compute_leaders
        for slot in range(seats):
            seat = (me + slot) % seats  # the observer first, then clockwise
            firm = view.firms[seat]
            values += (
                1.0, firm.cash / MONEY_UNIT, firm.ownership, firm.preference / MONEY_UNIT, *_ONE_HOT[firm.status],
                math.log10(firm.effective_compute) if firm.effective_compute > 1 else 0.0,
                firm.book_value / MONEY_UNIT, firm.amd_pct / 100, firm.quarter_stake / MONEY_UNIT,
                firm.year_stake / MONEY_UNIT, seat == view.button, seat == view.to_act, firm.holds_cards,
                firm.export_restricted, caps[seat] / MONEY_UNIT, valuations[seat] / MONEY_UNIT, seat in leaders,
            )
        out = np.zeros(SIZE, dtype=np.float32)
        out[:len(values)] = np.array(values, dtype=np.float32)  # the empty seats' slots stay 0
        cards = len(GLOBAL_FIELDS) + MAX_SEATS * len(SEAT_FIELDS)
        for card in view.my_cards:
            out[cards + self.card_slot[card]] += 1.0
        events = cards + MAX_CARDS
        for event in view.revealed_events:
            out[events + self.event_slot[event]] += 1.0
        return out
