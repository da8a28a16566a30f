"""Who may see the screen when several people share one (DESIGN.md §5): the hot-seat policy.

The screen shows a seat's private view only to the person whose turn it is; before a person's
turn a hand-over screen hides everything until they confirm, unless the screen already shows their
view. With one person at the screen it always shows that person's view; while bots act it keeps
showing whoever's view it showed.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.core import Observation, Phase


class HotSeat:
    """The policy for the seats `people` play at this screen (the others are bots, or remote)."""

    def __init__(self, people: Iterable[int]) -> None:
        self.people = tuple(sorted(people))

    def person_to_act(self, view: Observation) -> int | None:
        """The seat to act if a person at this screen plays it (None while bots act or once it is over)."""
        seat = view.to_act
        return seat if view.phase != Phase.OVER and seat in self.people else None

    def needs_handover(self, view: Observation, shown: int | None) -> bool:
        """Whether a hand-over screen must hide everything before the next decision: a person is to
        act, two or more share the screen, and it does not show that person's view (`shown`: the
        seat whose view it shows now, None for the public view)."""
        seat = self.person_to_act(view)
        return seat is not None and len(self.people) > 1 and shown != seat

    def screen_seat(self, view: Observation, shown: int | None) -> int | None:
        """The seat whose view the screen shows once any hand-over is done (None: the public view)."""
        if len(self.people) == 1:
            return self.people[0]
        seat = self.person_to_act(view)
        return shown if seat is None else seat
