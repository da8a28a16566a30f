"""The one authority over a running game (DESIGN.md §3).

A `Match` holds the game's state and who plays each seat, and is the only thing that applies
actions: `submit(seat, action, expected_version)` accepts an action only from the seat to act and
only against the current version, and answers with what happened and the new version. Every
viewer gets only its own view: a seat its observation, the public and the host the public one.
The full state, hidden parts included, is there only for trusted code on the host (`state`:
saves, the soak's invariant checks) and is never sent to a viewer.

>>> from game.content import load_scenario
>>> from game.core import new_game, sit_in
>>> match = Match(new_game(load_scenario("classic"), ["atlas", "borealis"], 7), ("Ada", "Bo"))
>>> match.version, match.to_act
(0, 0)
>>> match.submit(0, sit_in(), expected_version=0).version
1
>>> match.submit(1, sit_in(), expected_version=0)
Traceback (most recent call last):
  ...
game.match.authority.MatchRefusal: the view it was chosen on is out of date (version 0; the game is at version 1)
>>> match.submit(0, sit_in(), expected_version=1)
Traceback (most recent call last):
  ...
game.match.authority.MatchRefusal: it is not Ada's turn: Bo is to act
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from game.core import (
    Action, History, IllegalActionError, LegalActions, Observation, Problem, Standing, State, advance, apply_action,
    history_of, legal_actions, observe, standings,
)
from game.core.state import OVER, new_record

PUBLIC = None  # the viewer who sees only what every seat may see: spectators, the projector
HOST = "host"  # the host's screen: the public view too (a person at the host plays from a device)


class MatchRefusal(IllegalActionError):
    """A submitted action was refused: out of turn, stale, from no seat, after the game, or illegal
    by the rules. `reason` says why (a `Problem`, for a shell to say in its language); the game is
    unchanged."""


class Submitted(NamedTuple):
    """What an accepted action did."""

    seat: int
    action: Action
    events: tuple  # the core's public events (game.core.events); none from a match made with events=False
    version: int  # the match's version after it


class Match:
    """A running game: its state, the name of whoever plays each seat, and its version (the number
    of actions applied, so a game resumed from its history has the version it was saved at)."""

    def __init__(self, state: State, names: Sequence[str], *, events: bool = True) -> None:
        """`events=False`: `submit` answers with no events (the core's simulation path, `advance`), for
        players that read only views, such as an RL environment."""
        if len(names) != len(state.firms):
            raise ValueError(f"the game has {len(state.firms)} seats but {len(names)} names were given")
        self._state = state
        self.names = tuple(names)
        self._events = events

    @property
    def state(self) -> State:
        """The full state, seed and hidden cards included: for trusted code on the host only (saving,
        invariant checks). Never hand it, or anything built from it but a view, to a player or a bot."""
        return self._state

    # ----------------------------------------------------------------------- what anyone may know

    @property
    def version(self) -> int:
        return len(self._state.log)

    @property
    def seats(self) -> int:
        return len(self._state.firms)

    @property
    def to_act(self) -> int | None:
        """The seat to act, or None once the game is over."""
        seat = self._state.to_act
        return None if seat < 0 else seat  # the core's -1: nobody, the game is over

    @property
    def is_over(self) -> bool:
        return self._state.phase == OVER

    def view(self, viewer: int | str | None) -> Observation:
        """What `viewer` may know now: a seat's own view (its R&D cards included), or the public one
        for `PUBLIC` and `HOST`."""
        if type(viewer) is int and 0 <= viewer < len(self._state.firms):  # first: a seat's view, on every decision
            return observe(self._state, viewer)
        if viewer is PUBLIC or viewer == HOST:
            return observe(self._state, None)
        raise ValueError(f"no viewer {viewer!r}: seats are 0 to {self.seats - 1}, or PUBLIC, or HOST")

    def legal(self) -> LegalActions:
        """What the seat to act may do now (no kinds once the game is over)."""
        return legal_actions(self._state)

    def standings(self) -> tuple[Standing, ...]:
        return standings(self._state)

    def history(self) -> History:
        """The hand history that replays to the game so far (its result filled in once it is over).
        Its hidden parts — the seed, so the deal — are for saves and replays, not for any viewer."""
        return history_of(self._state)

    # ----------------------------------------------------------------------- the one way to act

    def submit(self, seat: int, action: Action, expected_version: int) -> Submitted:
        """Apply `action` for `seat`, chosen on the view of version `expected_version`.

        Raises `MatchRefusal` (the game unchanged) when the game is over, `seat` is not a seat or
        not the one to act, the version is stale, or the rules refuse the action.
        """
        state = self._state
        if seat != state.to_act or type(seat) is not int or expected_version != len(state.log) or state.to_act < 0:
            raise MatchRefusal(self._refusal(seat, expected_version))
        try:
            if self._events:
                self._state, events = apply_action(state, action)
            else:
                self._state, events = advance(state, action), ()
        except IllegalActionError as error:
            raise MatchRefusal(error.reason or Problem.of("match.illegal", "{why}", why=str(error))) from None
        return new_record(Submitted, (seat, action, events, len(self._state.log)))  # every decision: see new_record

    def _refusal(self, seat: object, expected_version: object) -> Problem:
        """Why an action from `seat`, chosen on version `expected_version`, is refused before the rules see it."""
        state = self._state
        if state.is_over:
            return _GAME_OVER
        if isinstance(seat, bool) or not isinstance(seat, int) or not 0 <= seat < self.seats:
            return Problem.of("match.no_such_seat", "there is no seat {seat} at this table", seat=repr(seat))
        # stale first: a teammate's device that acted a moment too late chose on an old view, whoever acts now
        if expected_version != self.version:
            return Problem.of("match.stale", "the view it was chosen on is out of date (version {given}; the game is "
                              "at version {version})", given=repr(expected_version), version=self.version)
        return Problem.of("match.not_your_turn", "it is not {name}'s turn: {other} is to act",
                          name=self.names[seat], other=self.names[state.to_act])


_GAME_OVER = Problem.of("match.game_over", "the game is over: no action is taken any more")
