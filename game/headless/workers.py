"""Games played in worker processes, watched, and handed back in game order.

A worker that dies (a bot called `os._exit`, or crashed the interpreter) or is stuck in a bot's
decision past its time limit and a grace (a bot that catches even the referee's interruption) is
killed and replaced: the game it was playing is recorded as failed and the run goes on. Workers
ignore Ctrl-C, so the parent alone answers it.

Finished games wait in a reorder buffer until every game before them is done; no game is sent
more than `window` games ahead of the oldest unfinished one, so the buffer stays small and the
memory of a run does not grow with its length.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import wait

GRACE_SECONDS = 1.0  # past a decision's time limit before its worker counts as stuck
POLL_SECONDS = 0.25
HANG, CRASH = "hang", "crash"


class RunStopped(Exception):
    """The run cannot go on (a hand history cannot be written): the games before are kept."""


def failed_record(index: int, seed: int, reason: str) -> dict:
    """The record of a game its worker could not finish."""
    return {"game": index, "seed": seed, "failed": reason}


class _Worker:
    def __init__(self, context, start: Callable, slot: int, deadlines) -> None:
        self.slot = slot
        parent_end, child_end = context.Pipe()
        # not a daemon, which may not start processes of its own: its bots may run in their own
        self.process = context.Process(target=_serve, args=(start, child_end, deadlines, slot, os.getpid()))
        self.process.start()
        child_end.close()
        self.connection = parent_end
        self.pending: deque[int] = deque()  # games sent and not yet answered, in the order it plays them

    def send(self, indices: list[int]) -> None:
        self.pending.extend(indices)
        self.connection.send(indices)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.close()
        self.process.kill()
        self.process.join()


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this worker when the run's process dies (kill -9); if it died
    before that was asked, end now."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(0)


def _serve(start: Callable, connection, deadlines, slot: int, parent: int) -> None:
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    play = start(deadlines, slot)
    while True:
        try:
            indices = connection.recv()
        except (EOFError, OSError):
            return
        for index in indices:
            try:
                message = ("done", index, play(index))
            except RunStopped as error:
                message = ("stopped", index, str(error))
            try:
                connection.send(message)
            except OSError:
                return
            if message[0] == "stopped":
                return


def play_in_workers(start: Callable, seed_of: Callable[[int], int], games: range, jobs: int,
                    time_limit: float | None) -> Iterator[dict]:
    """Yield the records of `games`, in order, played by `jobs` worker processes.

    `start(deadlines, slot)` runs in each worker and returns its `play(index) -> record`; while a bot
    decides, the worker keeps in `deadlines[slot]` the monotonic time by which it must be done (0
    otherwise). With a `time_limit`, a worker past its deadline by `GRACE_SECONDS` is killed and its
    game recorded as failed ("hang"); a worker that dies loses only its game ("crash").
    """
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    deadlines = context.RawArray(ctypes.c_double, jobs)
    chunk = max(1, min(20, len(games) // (jobs * 8)))
    window = jobs * chunk * 4
    workers = [_Worker(context, start, slot, deadlines) for slot in range(jobs)]
    retry: deque[int] = deque()  # games a lost worker had been sent but not started
    next_to_send, next_to_yield, done = games.start, games.start, {}
    try:
        while next_to_yield < games.stop:
            for worker in workers:
                while len(worker.pending) < 2 * chunk:
                    batch = [retry.popleft() for _ in range(min(chunk, len(retry)))]
                    while len(batch) < chunk and next_to_send < min(games.stop, next_to_yield + window):
                        batch.append(next_to_send)
                        next_to_send += 1
                    if not batch:
                        break
                    worker.send(batch)
            for connection in wait([worker.connection for worker in workers], POLL_SECONDS):
                worker = next(worker for worker in workers if worker.connection is connection)
                try:
                    kind, index, payload = connection.recv()
                except (EOFError, OSError):
                    workers[worker.slot] = _replace(worker, CRASH, context, start, deadlines, done, retry, seed_of)
                    continue
                if kind == "stopped":
                    raise RunStopped(payload)
                worker.pending.popleft()
                done[index] = payload
            if time_limit:
                now = time.monotonic()
                for worker in workers:
                    deadline = deadlines[worker.slot]
                    if worker.pending and deadline and now > deadline + GRACE_SECONDS:
                        workers[worker.slot] = _replace(worker, HANG, context, start, deadlines, done, retry, seed_of)
            while next_to_yield in done:
                yield done.pop(next_to_yield)
                next_to_yield += 1
    finally:
        for worker in workers:
            worker.stop()


def _replace(worker: _Worker, reason: str, context, start: Callable, deadlines, done: dict, retry: deque,
             seed_of: Callable[[int], int]) -> _Worker:
    """Kill `worker`, record the game it was playing as failed, requeue the rest it had, start another."""
    worker.stop()
    deadlines[worker.slot] = 0.0
    if worker.pending:
        lost = worker.pending.popleft()
        done[lost] = failed_record(lost, seed_of(lost), reason)
        waiting = sorted([*retry, *worker.pending])
        retry.clear()
        retry.extend(waiting)
    return _Worker(context, start, worker.slot, deadlines)
