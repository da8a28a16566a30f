"""The chip market: prices with scarcity, purchases into lots, compute and book value."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final, Protocol

from .events import ChipsBought, Event
from .scenario import AMD, NVIDIA, VENDORS, Catalogue, Chip, Scenario
from .state import ALL_IN, Firm, Lot, State, new_record, setter

_after_purchase: Final = setter(Firm, "cash", "lots", "spent_total", "status")

USD_PER_MILLION: Final = 1_000_000


class HoldsChips(Protocol):
    """What the compute and book-value figures read of a firm: a `Firm`, or a seat's view of one (a
    `FirmView`). Read by name: a compiled build reads a record's fields by position when it is typed as
    one record type, and these two put their fields in different places."""

    @property
    def lots(self) -> tuple[Lot, ...]: ...  # oldest first

    @property
    def idle_lots(self) -> int: ...  # how many of the oldest stand idle this year


def amd_efficiency(state: State) -> float:
    """How much an AMD H100e counts this year (software maturity, the CUDA moat)."""
    return max(0.0, state.scenario.amd_efficiency[state.year_index] + state.amd_efficiency_delta)


def price_per_h100e(state: State, vendor: int, *, export: bool = False) -> float | None:
    """Current US dollars per spec H100e of `vendor`'s flagship (or of its export-grade chip),
    or None if it sells no such chip this year.

    base price × event factor × (1 + scarcity × bought this year / supply)

    Both tiers of a vendor share its events and its scarcity: every H100e the table buys
    from the vendor, of either chip, counts as bought against its supply.
    """
    catalogue = state.scenario.export_chips if export else state.scenario.chips
    return _price_after(state, vendor, state.bought[vendor], catalogue)


def _price_after(state: State, vendor: int, bought: float, catalogue: Catalogue) -> float | None:
    chip = catalogue[vendor][state.year_index]
    if chip is None:
        return None
    scenario = state.scenario
    supply = scenario.supply[vendor][state.year_index] * state.supply_factor[vendor]
    return chip.usd_per_h100e * state.price_factor[vendor] * (1.0 + scenario.scarcity[vendor] * bought / supply)


def along_the_curve(scenario: Scenario, year_index: int, vendor: int, chip: Chip, price_factor: float,
                    supply_factor: float, bought: float, usd: float) -> float:
    """Spec H100e that `usd` dollars buy of `chip` when the table has already bought `bought` H100e
    from its vendor this year.

    The price rises linearly with every H100e bought (`slope` dollars per H100e per H100e), so
    the dollars spent on h H100e from the current marginal price m are m·h + slope·h²/2; solved
    for h (in the form that stays exact when there is no scarcity). One big order therefore buys
    what the same dollars buy in any number of smaller steps, to floating-point rounding.
    """
    base = chip.usd_per_h100e * price_factor
    slope = base * scenario.scarcity[vendor] / (scenario.supply[vendor][year_index] * supply_factor)
    marginal = base + slope * bought
    return 2.0 * usd / (marginal + math.sqrt(marginal * marginal + 2.0 * slope * usd))


def effective_compute(firm: HoldsChips, amd_eff: float) -> float:
    """Sum over the firm's working lots of H100e × vendor efficiency (idle lots count zero)."""
    total = 0.0
    for lot in firm.lots[firm.idle_lots:]:
        total += lot.h100e * amd_eff if lot.vendor == "amd" else lot.h100e
    return total


def compute_and_amd_share(working_lots: Sequence[Lot], amd_eff: float) -> tuple[float, float]:
    """Effective compute of `working_lots` and the percent of it that runs on AMD chips."""
    nvidia = amd = 0.0
    for lot in working_lots:
        if lot.vendor == "amd":
            amd += lot.h100e
        else:
            nvidia += lot.h100e
    amd *= amd_eff
    total = nvidia + amd
    return total, (100.0 * amd / total if total > 0 else 0.0)


def book_value(firm: HoldsChips, year: int, lifetime: int) -> int:
    """$M: each lot loses cost/lifetime a year, straight line, from the year it was bought, and
    never falls below zero."""
    total = 0
    for lot in firm.lots:
        left = lifetime - (year - lot.year)
        if left > 0:
            total += lot.cost * left // lifetime
    return total


def net_worth(firm: Firm, year: int, lifetime: int) -> int:
    return firm.cash + book_value(firm, year, lifetime)


def split_stake(catalogue: Catalogue, year_index: int, amd_pct: int, amount: int) -> tuple[int, int]:
    """$M of a stake going to (Nvidia, AMD) at the mix `amd_pct`; a vendor with nothing on sale in
    `catalogue` (the flagships, or the export-grade chips) gets nothing, so an export-restricted
    firm's whole stake goes to the vendor that sells it an export-grade chip."""
    if catalogue[AMD][year_index] is None:
        return amount, 0
    if catalogue[NVIDIA][year_index] is None:
        return 0, amount
    to_amd = amount * amd_pct // 100
    return amount - to_amd, to_amd


def buy_chips(state: State, seat: int, firm: Firm, amount: int,
              events: list[Event] | None) -> tuple[Firm, tuple[float, float]]:
    """Spend `amount` $M of the firm's cash on chips at the current prices and mix.

    Returns the firm after the purchase (all-in if its cash is gone) and the table's
    new `bought` figures. Each vendor's share buys along that vendor's scarcity curve
    (`along_the_curve`); the mix splits the stake into whole $M first. An export-restricted firm
    buys the export-grade chips instead of the flagships (the scenario guarantees one is on
    sale every year). Each vendor's purchase is noted in `events` as `ChipsBought`, unless that is None.
    """
    scenario = state.scenario
    year_index = state.year_index
    year = scenario.first_year + year_index
    catalogue = scenario.catalogue(firm.profile)
    bought = list(state.bought)
    lots = list(firm.lots)
    for vendor, part in enumerate(split_stake(catalogue, year_index, firm.amd_pct, amount)):
        chip = catalogue[vendor][year_index]
        if part <= 0 or chip is None:  # split_stake gives a vendor with nothing on sale no part
            continue
        h100e = along_the_curve(scenario, year_index, vendor, chip, state.price_factor[vendor],
                                state.supply_factor[vendor], bought[vendor], part * USD_PER_MILLION)
        bought[vendor] += h100e
        name = VENDORS[vendor]
        for index in range(len(lots) - 1, -1, -1):
            lot = lots[index]
            if lot.year != year:
                lots.append(new_record(Lot, (year, name, chip.name, h100e, part)))
                break
            if lot.vendor == name:
                lots[index] = new_record(Lot, (year, name, lot.chip, lot.h100e + h100e, lot.cost + part))
                break
        else:
            lots.append(new_record(Lot, (year, name, chip.name, h100e, part)))
        if events is not None:
            events.append(new_record(ChipsBought, (seat, name, chip.name, h100e, part, part * USD_PER_MILLION / h100e)))
    cash = firm.cash - amount
    new_firm = _after_purchase(firm, cash, tuple(lots), firm.spent_total + amount, firm.status if cash else ALL_IN)
    return new_firm, (bought[0], bought[1])
