"""A game of bots told year by year in plain text, from the public events and the public view
(`python main.py --narrate`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from game.content.text import describe_event
from game.core import ActionKind, Observation, Status, new_game
from game.core import events as ev
from game.core.funding import under_water
from game.match import PUBLIC, Match, TurnDriver


def play_and_narrate(scenario, bots: Sequence[str], factories: Sequence[Callable[[int], object]], seed: int,
                     out=None) -> None:
    """Play one game between the given bots and print it year by year."""
    out = out or sys.stdout
    profiles = [profile.id for profile in scenario.profiles[:len(factories)]]
    match = Match(new_game(scenario, profiles, seed), bots)
    driver = TurnDriver(match, dict(enumerate(factories)), seed, None)
    view = match.view(PUBLIC)
    names = [f"{firm.name} ({bot})" for firm, bot in zip(view.firms, bots, strict=True)]
    print(f"Table Stakes: {scenario.title['en']}, seed {seed}: " + ", ".join(names), file=out)
    narrator = Narrator(scenario, names, out)
    narrator.year_started(view.year, view)
    while not match.is_over:
        events = driver.step().submitted.events
        view = match.view(PUBLIC)
        for event in events:
            narrator.note(event, view)
    print(f"\nGame over in {view.year} ({view.over_reason.replace('_', ' ')}). The score is the founders' "
          "claim: net worth minus the investors' claim (the larger of their preference and their share).", file=out)
    for row in match.standings():
        if row.agi_winner:
            flags = " (AGI)"
        elif row.exited:
            flags = " (taken over)" if under_water(row.net_worth, row.preference) else " (exited)"
        else:
            flags = ""
        investors = (f", founders own {row.ownership:.0%}, investors' preference ${row.preference:,}M"
                     if row.preference else ", no investors")
        print(f"  {row.rank}. {row.name}{flags}: score ${row.score:,}M of net worth ${row.net_worth:,}M"
              f"{investors}", file=out)


class Narrator:
    """Turns the public events of one game into a short report per year."""

    def __init__(self, scenario, names: list[str], out) -> None:
        self.scenario = scenario
        self.names = names
        self.out = out
        self.taken_over: set[int] = set()  # seats whose exit the takeover has already told

    def year_started(self, year: int, view: Observation) -> None:
        ante = self.scenario.ante[year - self.scenario.first_year]
        print(f"\n{year}: the table stakes are ${ante:,}M", file=self.out)
        if view.year == year:  # the public view still shows the start of this year
            for firm in view.firms:
                if firm.status != Status.EXITED:
                    self.say(f"{firm.name}: cash ${firm.cash:,}M, compute {firm.effective_compute:,.0f} H100e")

    def say(self, text: str) -> None:
        print(f"  {text}", file=self.out)

    def note(self, event, view: Observation) -> None:
        """Tell one public event; `view` is the public view after the action that caused it."""
        name = self.names
        if isinstance(event, ev.YearStarted):
            self.year_started(event.year, view)
        elif isinstance(event, ev.FundsRaised):
            self.say(f"{name[event.seat]} raises ${event.amount:,}M at its net worth of ${event.valuation:,}M "
                     f"(founders keep {event.ownership:.0%}; investors' preference now ${event.preference:,}M)")
        elif isinstance(event, ev.TakenOver):
            self.taken_over.add(event.seat)
            self.say(f"{name[event.seat]} is taken over by its investors: net worth ${event.net_worth:,}M, "
                     f"preference ${event.preference:,}M; it leaves the race with score $0M")
        elif isinstance(event, ev.SatOut):
            self.say(f"{name[event.seat]} cannot pay and sits out")
        elif isinstance(event, ev.Acted) and event.action.kind == ActionKind.SIT_OUT:
            self.say(f"{name[event.seat]} sits out")
        elif isinstance(event, ev.Exited) and event.seat not in self.taken_over:
            self.say(f"{name[event.seat]} leaves the race (score frozen at ${event.score:,}M)")
        elif isinstance(event, ev.CardsDealt):
            self.say("at the table: " + ", ".join(name[seat] for seat in event.seats))
        elif isinstance(event, ev.EventRevealed):
            card = self.scenario.events[event.event]
            self.say(f"market event: {card.title['en']}: {describe_event(card, 'en')}")
        elif isinstance(event, ev.Acted) and event.action.kind == ActionKind.FOLD:
            self.say(f"{name[event.seat]} folds")
        elif isinstance(event, ev.CardsShown):
            cards = " + ".join(self.scenario.rd_cards[card].title["en"] for card in event.cards)
            self.say(f"showdown: {name[event.seat]} capability {event.capability:.1f} ({cards})")
        elif isinstance(event, ev.PotAwarded):
            winners = " and ".join(name[seat] for seat in event.winners)
            pot = "the market" if event.pot == 0 else f"side pot {event.pot}"
            self.say(f"{winners} win{'s' if len(event.winners) == 1 else ''} {pot}: ${event.amount:,}M")
        elif isinstance(event, ev.AgiPrizeAwarded):
            self.say(f"{name[event.seat]} reaches AGI and adds the AGI prize, ${event.amount:,}M "
                     f"({self.scenario.agi_prize_share:.0%} of the other firms' net worth), to its own")
        elif isinstance(event, ev.YearEnded):
            self.say(f"the chip vendors kept ${event.vendor_take:,}M of the stakes")
