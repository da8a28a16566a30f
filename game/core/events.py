"""What happened: records `apply_action` returns with the next state.

Every record here is public (it holds nothing a seat may not know), so a shell can show
or broadcast them to all players. Private R&D cards reach a seat only through
`observe(state, seat)`.
"""

from __future__ import annotations

from typing import NamedTuple

from .actions import Action


class YearStarted(NamedTuple):
    year: int
    button: int


class LotsRetired(NamedTuple):
    seat: int
    h100e: float
    lots: int


class IncomePaid(NamedTuple):
    seat: int
    amount: int


class OpexPaid(NamedTuple):
    seat: int
    amount: int
    idle_lots: int  # oldest lots left idle because the firm could not pay for them


class Acted(NamedTuple):
    seat: int
    action: Action
    paid: int  # $M this action staked (0 for fold, check, set_mix, sit_out, raise_funds)


class FundsRaised(NamedTuple):
    seat: int
    amount: int
    valuation: int  # the round's price: the firm's net worth
    ownership: float  # after dilution
    preference: int  # the investors' preference after the round


class SatOut(NamedTuple):
    seat: int
    forced: bool  # could not pay the ante


class TakenOver(NamedTuple):
    """At the start of a year the firm's net worth was at or below its investors' preference:
    the investors take it over, and it exits with score 0."""

    seat: int
    net_worth: int
    preference: int


class Exited(NamedTuple):
    seat: int
    score: int  # frozen from now on


class ChipsBought(NamedTuple):
    seat: int
    vendor: str
    chip: str
    h100e: float
    cost: int
    usd_per_h100e: float  # average price paid per spec H100e, scarcity (along the curve) and events included


class CardsDealt(NamedTuple):
    seats: tuple[int, ...]  # two private cards each; who holds what is private


class QuarterStarted(NamedTuple):
    quarter: int


class EventRevealed(NamedTuple):
    event: str


class CardsShown(NamedTuple):
    seat: int
    cards: tuple[str, ...]
    capability: float
    compute_points: float  # the scaling-law term: compute_weight × 10 × log10(effective compute)
    card_points: float  # both R&D cards, adjusted by the face-up events
    event_points: float  # firm bonuses and penalties from the face-up events


class PotAwarded(NamedTuple):
    pot: int  # 0 = main pot, then side pots in order
    amount: int
    winners: tuple[int, ...]
    shares: tuple[int, ...]


class YearEnded(NamedTuple):
    year: int
    vendor_take: int
    showdown: bool


class AgiPrizeAwarded(NamedTuple):
    seat: int
    amount: int  # $M added to its net worth: the prize share × the other firms' net worth


class GameOver(NamedTuple):
    reason: str  # "last_year", "one_firm_left", "agi"
    agi_winners: tuple[int, ...]


# Every record `apply_action` may return.
Event = (YearStarted | LotsRetired | IncomePaid | OpexPaid | Acted | FundsRaised | SatOut | TakenOver | Exited |
         ChipsBought | CardsDealt | QuarterStarted | EventRevealed | CardsShown | PotAwarded | YearEnded |
         AgiPrizeAwarded | GameOver)
