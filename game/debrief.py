"""The debrief's data: what every firm had at the start of every year, from a hand history.

The game-over screen charts it, and the classroom debrief (DESIGN.md §6) will extend it
with spend, market won and export. Everything here is public information: cash, chips,
effective compute and the *public* capability, the scaling-law term alone
(``compute_weight × 10 × log10(max(1, effective compute))``): R&D cards stay private unless
they were shown, so they are left out.

>>> from game.content import load_scenario
>>> from game.core import new_game, history_of
>>> state = new_game(load_scenario("classic"), ["atlas", "borealis"], seed=3)
>>> rows = yearly_snapshots(history_of(state))
>>> [(row["year"], row["point"], row["firm"], row["cash"], row["compute"]) for row in rows]
[(2024, 'start', 'Atlas AI', 7200, 0.0), (2024, 'start', 'Borealis Labs', 7200, 0.0)]

The replay walks the action log with `apply_action` from `new_game` and takes a snapshot
of every firm at the first decision of each year (``phase == "ante"``: income paid, old
chips retired, before any ante) and, once the game is over, at its end. A year in which no
firm could decide anything (every firm forced to sit out) has no start snapshot.

This module imports no pygame.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from game.core import History, State, apply_action, new_game, observe, standings
from game.core.state import ANTE

START = "start"  # the first decision of a year
END = "end"  # the game is over
NOW = "now"  # the last state of a game still running (a replay of an unfinished save)

Row = dict[str, Any]


def public_capability(compute: float, compute_weight: float) -> float:
    """The scaling-law part of capability, the part everyone can see: ten times the compute adds
    10 points (× compute_weight).

    >>> public_capability(100_000, 1.0), public_capability(0, 1.0), round(public_capability(2, 1.0), 2)
    (50.0, 0.0, 3.01)
    """
    return compute_weight * 10.0 * math.log10(max(1.0, compute))


def snapshot(state: State, point: str) -> list[Row]:
    """One row per firm of `state`, seat order (see `yearly_snapshots` for the fields)."""
    view = observe(state, None)
    ranked = {standing.seat: standing for standing in standings(state)}
    rows = []
    for firm in view.firms:
        standing = ranked[firm.seat]
        rows.append({
            "year": view.year,
            "point": point,
            "seat": firm.seat,
            "firm": firm.name,
            "profile": firm.profile,
            "status": firm.status,
            "cash": firm.cash,
            "compute": firm.effective_compute,
            "capability": public_capability(firm.effective_compute, view.compute_weight),
            "book_value": firm.book_value,
            "net_worth": standing.net_worth,
            "ownership": firm.ownership,
            "score": standing.score,
            "income_total": firm.income_total,
            "raised_total": firm.raised_total,
            "opex_total": firm.opex_total,
            "spent_total": firm.spent_total,
            "won_total": firm.won_total,
        })
    return rows


def yearly_snapshots(history: History) -> list[Row]:
    """Every firm at the start of every year played, and at the end of the game.

    One row per firm and snapshot, in time order then seat order. Each row is a plain dict:

    - ``year``: the year of the snapshot; ``point``: "start" (the year's first decision),
      "end" (the game is over: after the last showdown of ``year``) or "now" (the last state
      of an unfinished game, when it is not a year's start);
    - ``seat``, ``firm`` (its name), ``profile``, ``status``;
    - ``cash`` ($M), ``compute`` (effective H100e), ``capability`` (the public, compute-only
      capability), ``book_value`` ($M of chips), ``ownership`` (0–1);
    - ``net_worth`` and ``score`` ($M, as `standings` values them: frozen at exit, and at
      the end of the game the chips have depreciated through the last year);
    - running totals in $M: ``income_total``, ``raised_total``, ``opex_total``,
      ``spent_total`` (staked on chips, antes included), ``won_total`` (markets won).
    """
    state = new_game(history.scenario, history.seats, history.seed)
    rows: list[Row] = []
    seen_year = -1
    last_snapshot_at = -1
    for number, action in enumerate((None, *history.actions)):
        if action is not None:
            state = apply_action(state, action).state
        if state.phase == ANTE and state.year_index != seen_year:
            seen_year = state.year_index
            last_snapshot_at = number
            rows.extend(snapshot(state, START))
    if state.is_over:
        rows.extend(snapshot(state, END))
    elif last_snapshot_at != len(history.actions):
        rows.extend(snapshot(state, NOW))
    return rows


def chart_position(row: Row) -> float:
    """Where a row sits on a time axis in years: a year's start at the year, the end of the
    game at the start of the following year, a running game's last state mid-year."""
    if row["point"] == START:
        return float(row["year"])
    return row["year"] + (1.0 if row["point"] == END else 0.5)


def series(rows: Sequence[Row], field: str) -> dict[int, tuple[list[float], list[float]]]:
    """Per seat, the (positions, values) of `field` over time, for a chart.

    A firm's line stops at its first snapshot after it left the race (its score is frozen).
    """
    lines: dict[int, tuple[list[float], list[float]]] = {}
    gone: set[int] = set()
    for row in rows:
        seat = row["seat"]
        xs, ys = lines.setdefault(seat, ([], []))
        if seat in gone:
            continue
        if row["status"] == "exited":
            gone.add(seat)
        xs.append(chart_position(row))
        ys.append(float(row[field]))
    return lines
