"""The year's AI market as pots: base market plus a share of the staked dollars, in layers.

A firm all-in for less is eligible only for the layers it matched; the base market
belongs to the main pot; each layer pays floor(share × layer stakes) and the rest of
the staked dollars stays with the chip vendors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

BASIS_POINTS = 10_000


class Pot(NamedTuple):
    stakes: int  # $M staked into this layer
    amount: int  # $M it pays to its winners
    eligible: tuple[int, ...]  # seats, in seat order


def side_pots(year_stakes: Sequence[int], in_hand: Sequence[int], share_bp: int, base_market: int) -> list[Pot]:
    """Split the staked dollars into a main pot and side pots.

    >>> side_pots([1000, 400, 1000, 700], [0, 1, 2], 6000, 2000)  # seat 3 folded
    [Pot(stakes=1600, amount=2960, eligible=(0, 1, 2)), Pot(stakes=1500, amount=900, eligible=(0, 2))]
    """
    levels = sorted({year_stakes[seat] for seat in in_hand})
    if len(levels) == 1:  # the usual case: everyone still in staked the same, one pot takes it all
        stakes = sum(year_stakes)
        return [Pot(stakes, stakes * share_bp // BASIS_POINTS + base_market, tuple(in_hand))]
    pots = []
    below = 0  # every firm's stakes up to the previous level: the layers below this one
    for index, level in enumerate(levels):
        if index == len(levels) - 1:
            # Money staked above the highest level still in the hand (by firms that
            # later folded) belongs to the top layer.
            up_to = sum(year_stakes)
        else:
            up_to = sum([min(staked, level) for staked in year_stakes])
        stakes = up_to - below
        amount = stakes * share_bp // BASIS_POINTS + (base_market if index == 0 else 0)
        eligible = tuple([seat for seat in in_hand if year_stakes[seat] >= level])
        pots.append(Pot(stakes, amount, eligible))
        below = up_to
    return pots


def seats_from_button(seats: Sequence[int], button: int) -> list[int]:
    """`seats` ordered as play goes round the table, starting left of the button."""
    ordered = sorted(seats)
    return [seat for seat in ordered if seat > button] + [seat for seat in ordered if seat <= button]


def split_pot(amount: int, winners: Sequence[int], button: int) -> list[tuple[int, int]]:
    """Divide evenly; each odd $M goes to the next winner left of the button.

    >>> split_pot(1001, [0, 2], button=1)
    [(2, 501), (0, 500)]
    """
    if len(winners) == 1:
        return [(winners[0], amount)]
    ordered = seats_from_button(winners, button)
    share, odd = divmod(amount, len(ordered))
    return [(seat, share + (1 if rank < odd else 0)) for rank, seat in enumerate(ordered)]
