"""The command line: the composition root that wires scenarios, seats and players.

Until the game window exists, `python main.py` plays one game between random players
and prints its course year by year.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from game.bots import RandomBot
from game.content import list_scenarios, load_scenario
from game.core import (
    TableStakesError, apply_action, default_seats, legal_actions, new_game, observe, standings,
)
from game.core import events as ev
from game.core.scenario import MAX_SEATS, MIN_SEATS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Table Stakes: a poker-style strategy game about the AI compute race. Each year is a hand: "
                    "pay the table stakes in accelerator chips, bet compute through four quarters or fold, and "
                    "the most capable firm wins the year's AI market.",
        epilog=f"Shipped scenarios: {', '.join(list_scenarios())}. Money is in $M.",
    )
    parser.add_argument("--scenario", default="classic", metavar="NAME|FILE",
                        help="a shipped scenario's name or a scenario .toml file (default: classic)")
    parser.add_argument("--seats", type=int, default=4, metavar="N",
                        help=f"number of firms at the table, {MIN_SEATS}-{MAX_SEATS} (default: 4)")
    parser.add_argument("--seed", type=int, default=None, metavar="N",
                        help="seed for cards, events and the players (default: a new one each run)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not MIN_SEATS <= args.seats <= MAX_SEATS:
        parser.error(f"--seats must be {MIN_SEATS} to {MAX_SEATS}, got {args.seats}")
    if args.seed is not None and args.seed < 0:
        parser.error(f"--seed must be 0 or more, got {args.seed}")
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    try:
        scenario = load_scenario(args.scenario)
        seats = default_seats(scenario, args.seats)
    except TableStakesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        play_and_narrate(scenario, seats, seed)
    except BrokenPipeError:  # the reader (e.g. `| head`) stopped listening
        sys.stderr.close()
    return 0


def play_and_narrate(scenario, seats: Sequence[str], seed: int, out=None) -> None:
    """Play one game between random players and print it year by year."""
    out = out or sys.stdout
    state = new_game(scenario, seats, seed)
    players = [RandomBot(seed * 31 + seat) for seat in range(len(seats))]
    names = [firm.name for firm in state.firms]
    print(f"Table Stakes: {scenario.title['en']}, {len(seats)} random players, seed {seed}", file=out)
    narrator = Narrator(scenario, names, out)
    narrator.year_started(state.year, state)
    while not state.is_over:
        seat = state.to_act
        action = players[seat].act(observe(state, seat), legal_actions(state))
        state, events = apply_action(state, action)
        for event in events:
            narrator.note(event, state)
    print(f"\nGame over in {state.year} ({state.over_reason.replace('_', ' ')}).", file=out)
    for row in standings(state):
        flags = " (AGI)" if row.agi_winner else " (exited)" if row.exited else ""
        print(f"  {row.rank}. {row.name}{flags}: score ${row.score:,}M "
              f"= {row.ownership:.0%} of net worth ${row.net_worth:,}M", file=out)


class Narrator:
    """Turns the public events of one game into a short report per year."""

    def __init__(self, scenario, names: list[str], out) -> None:
        self.scenario = scenario
        self.names = names
        self.out = out

    def year_started(self, year: int, state) -> None:
        ante = self.scenario.ante[year - self.scenario.first_year]
        print(f"\n{year}: the table stakes are ${ante:,}M", file=self.out)
        if state.year == year:  # the state still shows the start of this year
            for firm in observe(state, None).firms:
                if firm.status != "exited":
                    self.say(f"{firm.name}: cash ${firm.cash:,}M, compute {firm.effective_compute:,.0f} H100e")

    def say(self, text: str) -> None:
        print(f"  {text}", file=self.out)

    def note(self, event, state) -> None:
        name = self.names
        if isinstance(event, ev.YearStarted):
            self.year_started(event.year, state)
        elif isinstance(event, ev.FundsRaised):
            self.say(f"{name[event.seat]} raises ${event.amount:,}M at a ${event.valuation:,}M valuation "
                     f"(owners keep {event.ownership:.0%})")
        elif isinstance(event, ev.SatOut):
            self.say(f"{name[event.seat]} cannot pay and sits out")
        elif isinstance(event, ev.Acted) and event.action.kind == "sit_out":
            self.say(f"{name[event.seat]} sits out")
        elif isinstance(event, ev.Exited):
            self.say(f"{name[event.seat]} leaves the race (score frozen at ${event.score:,}M)")
        elif isinstance(event, ev.CardsDealt):
            self.say("at the table: " + ", ".join(name[seat] for seat in event.seats))
        elif isinstance(event, ev.EventRevealed):
            self.say(f"market event: {self.scenario.events[event.event].title['en']}")
        elif isinstance(event, ev.Acted) and event.action.kind == "fold":
            self.say(f"{name[event.seat]} folds")
        elif isinstance(event, ev.CardsShown):
            cards = " + ".join(self.scenario.rd_cards[card].title["en"] for card in event.cards)
            self.say(f"showdown: {name[event.seat]} capability {event.capability:.1f} ({cards})")
        elif isinstance(event, ev.PotAwarded):
            winners = " and ".join(name[seat] for seat in event.winners)
            pot = "the market" if event.pot == 0 else f"side pot {event.pot}"
            self.say(f"{winners} win{'s' if len(event.winners) == 1 else ''} {pot}: ${event.amount:,}M")
        elif isinstance(event, ev.YearEnded):
            self.say(f"the chip vendors kept ${event.vendor_take:,}M of the stakes")
