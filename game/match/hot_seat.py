"""Who may see the screen when several people share one (DESIGN.md §5): the hot-seat policy.

The screen shows one seat's private view only to the person whose turn it is, and a hand-over
screen first when the person to act is not the one who acted last; with one person at the
screen, it always shows that person's view; while bots act, nobody's cards.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.core import Observation


class HotSeat:
    """The policy for the seats `people` play at this screen (the others are bots or remote)."""

    def __init__(self, people: Iterable[int]) -> None:
        self.people = tuple(sorted(people))

    def last_person(self, view: Observation) -> int | None:
        """The seat of the last person here who acted (from the public log, so it survives a reload)."""
        for entry in reversed(view.log):
            if entry.seat in self.people:
                return entry.seat
        return None

    def person_to_act(self, view: Observation) -> int | None:
        seat = view.to_act
        return seat if view.phase != "over" and seat in self.people else None

    def needs_handover(self, view: Observation) -> bool:
        """Whether a hand-over screen must hide everything before the next decision: a person is to
        act, two or more share the screen, and someone else acted last (or nobody has yet)."""
        seat = self.person_to_act(view)
        return seat is not None and len(self.people) > 1 and self.last_person(view) != seat

    def screen_seat(self, view: Observation) -> int | None:
        """The seat whose private view the screen may show now; None for the public view."""
        if len(self.people) == 1:
            return self.people[0]
        return self.person_to_act(view)
