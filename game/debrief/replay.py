"""A recorded game replayed action by action, for stepping forward and back through it.

`Replay` replays a hand history once: every state and the public events of every step, from
the core's `apply_action`. Observations are built lazily and kept per (step, viewer), so
stepping costs a dictionary look-up. Everything a viewer is shown comes from an observation:
the public view holds only cards revealed at a showdown, a seat's view adds that seat's own
R&D cards and nothing else. The Replays screen shows a `Replay`; the debrief's statements are
built from one. This module imports no pygame.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from game.content.saves import (
    REPLAY_FAILURES, SaveError, SeatPlayer, action_does_not_replay, read_game_file, replay_problem,
)
from game.core import (
    History, IllegalActionError, Observation, Scenario, State, apply_action, new_game, observe, standings,
)
from game.core import events as ev


def open_replay(path: str | os.PathLike) -> Replay:
    """Read a save or a hand history and replay it. Raises `SaveError` for any bad file."""
    game = read_game_file(path)  # a save's players without building its bots
    try:
        return Replay(game.history, game.players)
    except SaveError as error:
        raise SaveError(path, error.reason or error.problem) from None


class Replay:
    """A game replayed once, action by action: step k is the state after k actions (0 = the start).

    Raises `SaveError` (with no file named) if the history does not replay: the file it came
    from is damaged. A recorded result that differs from the replayed one is only noted
    (`result_matches`).

    >>> from game.content import load_scenario
    >>> from game.core import history_of, sit_in
    >>> state = new_game(load_scenario("classic"), ["atlas", "borealis"], seed=3)
    >>> state = apply_action(apply_action(state, sit_in()).state, sit_in()).state
    >>> game = Replay(history_of(state))
    >>> game.length, game.state(2) == state, game.observation(1, None).my_cards
    (2, True, ())
    """

    def __init__(self, history: History, players: Sequence[SeatPlayer] | None = None) -> None:
        if players is not None and len(players) != len(history.seats):
            raise ValueError(f"{len(players)} players for a game of {len(history.seats)} seats")
        self.history = history
        self.players = tuple(players) if players is not None else None
        states: list[State] = []
        events: list[tuple] = [()]
        try:
            states.append(new_game(history.scenario, history.seats, history.seed))
            for action in history.actions:
                state, happened = apply_action(states[-1], action)
                states.append(state)
                events.append(tuple(happened))
        except IllegalActionError as error:
            number = len(states)  # the action refused: 1 is the first
            raise SaveError(None, action_does_not_replay(number, history.actions[number - 1], error)) from None
        except REPLAY_FAILURES as error:
            raise SaveError(None, replay_problem(error)) from None
        self._states = tuple(states)
        self._events = tuple(events)
        self._observations: dict[tuple[int, int | None], Observation] = {}
        self.year_starts = tuple(k for k in range(len(states)) if k == 0 or states[k].year != states[k - 1].year)
        final = states[-1]
        self.result_matches = not history.result or tuple(history.result) == (
            standings(final) if final.is_over else ())

    # ----------------------------------------------------------------------- steps

    @property
    def length(self) -> int:
        """N: the number of actions (steps run from 0 to N)."""
        return len(self._states) - 1

    @property
    def scenario(self) -> Scenario:
        return self.history.scenario

    @property
    def seats(self) -> int:
        return len(self.history.seats)

    def state(self, step: int) -> State:
        return self._states[step]

    def events(self, step: int) -> tuple:
        """The core's public events of the action that led to `step` (none for step 0)."""
        return self._events[step]

    def observation(self, step: int, viewer: int | None) -> Observation:
        """What `viewer` (a seat, or None for the public) may know at `step`; built once."""
        key = (step, viewer)
        view = self._observations.get(key)
        if view is None:
            view = self._observations[key] = observe(self._states[step], viewer)
        return view

    def cards_shown(self, step: int, viewer: int | None) -> dict[int, tuple[str, ...]]:
        """The R&D cards face up on the table at `step` for `viewer`: those shown at a showdown in
        this step, and the viewer's own."""
        shown = {event.seat: tuple(event.cards) for event in self._events[step] if isinstance(event, ev.CardsShown)}
        if viewer is not None:
            mine = self.observation(step, viewer).my_cards
            if mine:
                shown[viewer] = tuple(mine)
        return shown

    def year_start(self, step: int) -> int:
        return max(start for start in self.year_starts if start <= step)

    def next_year(self, step: int) -> int:
        """The first step of the next year (the action that ended this one), or the end."""
        return next((start for start in self.year_starts if start > step), self.length)

    def previous_year(self, step: int) -> int:
        """The start of this year, or of the year before when already there."""
        start = self.year_start(step)
        if start < step:
            return start
        return max((begin for begin in self.year_starts if begin < step), default=0)

    # ----------------------------------------------------------------------- names

    def firm_names(self) -> list[str]:
        return [firm.name for firm in self._states[0].firms]

    def log_names(self) -> list[str]:
        """Who the log names: the players of a save, the firms of a hand history."""
        if self.players is not None:
            return [player.name for player in self.players]
        return self.firm_names()
