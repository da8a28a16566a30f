"""A seat at a table server, played through the table scene like a local game (`game.session.TableSeats`).

The server's match decides everything: `apply` sends the action with the version of the snapshot it
was chosen on, and the step (or the refusal) comes back through `updates` with the next snapshot. A
snapshot holds views, not events, so the log lines and animations of a step are rebuilt from what
changed between two views: the actions added to the game's log, market events turned face up and
cards shown at a showdown. Several actions may arrive in one snapshot (views coalesce); a stake's
amount is then the change in the firm's stake only when it made one action alone in that year.
"""

from __future__ import annotations

import time

import pygame

from game.bots import BUILT_IN
from game.content.saves import SeatPlayer
from game.core import Action, ActionKind, IllegalActionError, LegalActions, Observation, Problem
from game.core import events as ev
from game.core.cards import FirmFacts, score_hand, scoring
from game.core.market import compute_and_amd_share
from game.core.state import Showdown
from game.match import HotSeat
from game.net.client import CLOSE_KEYS, Closed, Debrief, NetClient, Refused, Snapshot, Status, Welcome
from game.session import Step, TableStatus

from ..i18n import t
from ..problems import describe

NET_EVENT = pygame.event.custom_type()  # posted by the network thread: something arrived, wake the loop
STAKES = (ActionKind.BET, ActionKind.RAISE, ActionKind.CALL, ActionKind.ALL_IN, ActionKind.SIT_IN)


def wake_the_loop() -> None:
    """Wake the window's loop from the network thread (SDL's event queue is thread-safe)."""
    try:
        pygame.event.post(pygame.event.Event(NET_EVENT))
    except pygame.error:  # the queue is full or the window closed: the next frame drains anyway
        pass


def closed_text(closed: Closed) -> str:
    """Why the server closed the connection for good, in the UI language: each final close code has a
    sentence written for a player; another close says the server's reason."""
    if closed.code in CLOSE_KEYS:
        return t(CLOSE_KEYS[closed.code])
    return describe(closed.reason) if closed.reason is not None else t("net_client.closed")


class RemoteRefusal(IllegalActionError):
    """The server refused this screen's action (`reason`: the server's `Problem`, values and all)."""


def cards_shown(record: Showdown, view: Observation) -> ev.CardsShown:
    """A showdown record as the event a local game has, its capability broken down as the core scores it
    from the public view before it (compute, cards, face-up events). When that view is older than the
    showdown (views coalesce) and its figures no longer give the recorded total, the compute term is
    kept and the rest is counted as the cards'."""
    firm = view.firms[record.seat]
    compute, amd_share = compute_and_amd_share(firm.lots[firm.idle_lots:], view.amd_efficiency)
    cards = view.scenario.rd_cards
    facts = FirmFacts(compute, amd_share, record.seat in view.compute_leaders,
                      tuple(cards[card].domain for card in record.cards), firm.cash, firm.year_stake)
    scored = score_hand(view.scenario, facts, record.cards, scoring(view.scenario, view.revealed_events),
                        view.compute_weight)
    if abs(scored.total - record.capability) < 1e-6:
        return ev.CardsShown(record.seat, record.cards, record.capability, scored.compute_points,
                             scored.card_points, scored.event_points)
    return ev.CardsShown(record.seat, record.cards, record.capability, scored.compute_points,
                         record.capability - scored.compute_points, 0.0)


def year_end_events(before: Observation, after: Observation) -> list:
    """What a local game's events say when the year of `before` ends, rebuilt from the views around it:
    the cards shown, the markets paid (one line for all pots: a view has each firm's winnings, not the
    pots), the chips bought (the year's lots, merged per vendor as the lots are), the year's end with
    the vendors' take, and the firms their investors took over as the next year opened."""
    events: list = [cards_shown(record, before) for record in after.showdowns[len(before.showdowns):]
                    if record.year == before.year]
    won = [(seat, firm.won_total - old.won_total)
           for seat, (old, firm) in enumerate(zip(before.firms, after.firms, strict=True))
           if firm.won_total > old.won_total]
    if won:
        events.append(ev.PotAwarded(0, sum(share for _, share in won), tuple(seat for seat, _ in won),
                                    tuple(share for _, share in won)))
    events += [ev.ChipsBought(firm.seat, lot.vendor, lot.chip, lot.h100e, lot.cost, lot.cost * 1e6 / lot.h100e)
               for firm in after.firms for lot in firm.lots if lot.year == before.year and lot.h100e > 0]
    take = after.vendor_take_by_year
    events.append(ev.YearEnded(before.year, take[before.year_index] if before.year_index < len(take) else 0,
                               any(isinstance(event, ev.CardsShown) for event in events)))
    events += [ev.TakenOver(firm.seat, firm.net_worth, firm.preference)
               for old, firm in zip(before.firms, after.firms, strict=True) if firm.taken_over and not old.taken_over]
    return events


def steps_between(before: Observation, after: Observation, version: int, bots: tuple[bool, ...]) -> list[Step]:
    """The steps that lead from view `before` to view `after`: one per action added to the game's log,
    the last also carrying what the views show happened besides (events revealed, cards shown, the
    year's end when exactly one year ended between them: more, and the views cannot tell the years apart)."""
    added = after.log[len(before.log):] if after.log[:len(before.log)] == before.log else ()
    per_seat: dict[int, int] = {}
    for entry in added:
        per_seat[entry.seat] = per_seat.get(entry.seat, 0) + 1
    same_year = before.year == after.year
    steps = []
    for entry in added:
        paid = 0
        if entry.action.kind in STAKES and same_year and per_seat[entry.seat] == 1:
            paid = max(0, after.firms[entry.seat].year_stake - before.firms[entry.seat].year_stake)
        steps.append(Step(version, (ev.Acted(entry.seat, entry.action, paid),), entry.seat, entry.action,
                          entry.seat < len(bots) and bots[entry.seat]))
    year_ended = (after.year_index == before.year_index + 1
                  or same_year and after.is_over and not before.is_over)
    extra: list = year_end_events(before, after) if year_ended else []
    extra += [ev.YearStarted(after.year, after.button)] if not same_year else []
    seen = set(before.revealed_events) if same_year else set()
    extra += [ev.EventRevealed(event) for event in after.revealed_events if event not in seen]
    if not year_ended:
        extra += [cards_shown(record, before) for record in after.showdowns[len(before.showdowns):]]
    if extra:
        if steps:
            last = steps[-1]
            steps[-1] = last._replace(events=last.events + tuple(extra))
        else:
            steps.append(Step(version, tuple(extra), after.to_act, Action(ActionKind.CHECK), False))
    return steps


def seat_players(snapshot: Snapshot) -> tuple[SeatPlayer, ...]:
    """Each seat's team; a seat a bot plays is marked: a server's bot by its name, a team's seat the host
    handed to a bot as that team's (the snapshot does not say which bot)."""
    table = snapshot.table
    players = []
    for seat, team in enumerate(snapshot.teams):
        bot = table is not None and seat < len(table.bots) and table.bots[seat]
        if team is None:
            players.append(SeatPlayer(t("net_client.open_seat", number=seat + 1)))
        elif bot and team in BUILT_IN:
            players.append(SeatPlayer(team, team))
        elif bot:
            players.append(SeatPlayer(t("net_client.bot_plays_team", name=team)))
        else:
            players.append(SeatPlayer(team))
    return tuple(players)


class RemoteSeat:
    """This screen's seat at a table server (or the public view, for a watcher), as the table scene
    plays it. Built from the connection's welcome and first snapshot (and what arrived after it)."""

    autosave_error = None  # nothing is saved here: the game lives on the server
    unsaved_changes = False
    is_bot_turn = False  # the server's bots act on the server

    def __init__(self, client: NetClient, welcome: Welcome, first: Snapshot, later: list = ()) -> None:
        self.client = client
        self._arrived = list(later)  # drained from the connection after `first`, not yet taken
        self.seat = welcome.seat
        self.scenario = welcome.scenario
        self.code = welcome.table
        self.hot_seat = HotSeat(() if self.seat is None else (self.seat,))
        self.snapshot = first
        self._acted_on: int | None = None  # the version this screen's action was sent on, until it is answered
        self._connection = "connected"
        self._closed: Closed | None = None

    # ----------------------------------------------------------------------- reading the game

    @property
    def players(self) -> tuple[SeatPlayer, ...]:
        return seat_players(self.snapshot)

    @property
    def version(self) -> int:
        return self.snapshot.version

    @property
    def table_state(self) -> str:
        return "playing" if self.snapshot.table is None else self.snapshot.table.state

    @property
    def is_over(self) -> bool:
        return self.snapshot.observation.is_over or self.table_state == "over"

    @property
    def to_act(self) -> int | None:
        return None if self.is_over else self.snapshot.observation.to_act

    @property
    def is_human_turn(self) -> bool:
        """This screen's seat is to act, the server takes actions now, and none is on its way."""
        return (self.snapshot.legal is not None and not self.is_over and self.table_state == "playing"
                and self._connection == "connected" and self._acted_on != self.version)

    def legal(self) -> LegalActions:
        return self.snapshot.legal

    def observation(self, seat: int) -> Observation:
        if seat != self.seat:
            raise ValueError(f"this screen sees seat {self.seat}'s view, not seat {seat}'s")
        return self.snapshot.observation

    def public_view(self) -> Observation:
        """The view without this seat's cards (what every other device sees)."""
        return self.snapshot.observation._replace(viewer=None, my_cards=())

    @property
    def status(self) -> TableStatus:
        table = self.snapshot.table
        left = None
        if table is not None and table.turn_left is not None:
            left = max(0.0, table.turn_left - (time.monotonic() - self.snapshot.received))
        why = None if self._closed is None else self._closed.reason
        bots = () if table is None else table.bots
        taken = sum(team is not None for team in self.snapshot.teams), len(self.snapshot.teams)
        return TableStatus(self._connection, self.table_state, left, why, taken,
                           self.seat is not None and self.seat < len(bots) and bots[self.seat])

    # ----------------------------------------------------------------------- playing

    def apply(self, action: Action) -> None:
        """Send the action, chosen on the snapshot on screen; its step or refusal comes through `updates`."""
        if not self.client.act(action, self.version):
            raise RemoteRefusal(Problem("net_client.not_sent", (), "not connected: the action was not sent"))
        self._acted_on = self.version

    def bot_step(self) -> Step:
        raise RuntimeError("the server's bots act on the server")

    def updates(self) -> list[Step | RemoteRefusal | Debrief]:
        """What has arrived since the last call: the steps of each newer snapshot, refusals, and the
        debrief once the game is over."""
        found: list[Step | RemoteRefusal] = []
        arrived, self._arrived = self._arrived + self.client.drain(), []
        for message in arrived:
            if isinstance(message, Snapshot):
                if message.version >= self.version:
                    bots = () if message.table is None else message.table.bots
                    found += steps_between(self.snapshot.observation, message.observation, message.version, bots)
                    self.snapshot = message
            elif isinstance(message, Refused):
                self._acted_on = None  # the action did not count: the seat may act again
                found.append(RemoteRefusal(message.reason))
            elif isinstance(message, Status):
                self._connection = "connected" if message.state == "connected" else "reconnecting"
            elif isinstance(message, Closed):
                self._connection, self._closed = "lost", message
            elif isinstance(message, Debrief):
                found.append(message)
            elif isinstance(message, Welcome):
                self._acted_on = None  # a new connection: whatever was on its way is answered by its snapshot
        return found

    def lost_text(self) -> str:
        """Why the connection is lost for good, in the UI language."""
        return "" if self._closed is None else closed_text(self._closed)

    def leave(self) -> None:
        self.client.close()
