"""A bot in a process of its own, so a hostile bot cannot reach the game through the interpreter.

`IsolatedFactory("my_bot.py:MyBot", time_limit)` gives a factory like `make_bot_factory`'s, whose
bots are stand-ins: each decision sends the observation and the legal actions as the codec's JSON
view document (the scenario once per process; nothing is pickled either way) to a separate Python
process — a new interpreter (`python -m game.bots.isolated`), not a fork, so it holds no copy of the
game — that imports the bot file and asks the bot. The bot's answer comes back as the codec's
versioned JSON action document and is read like any untrusted file. The parent keeps the time: a
bot that does not answer within its limit is killed (`SIGKILL`, which no `except BaseException`
can catch) and passes for the rest of that game; the next game starts a new process.

What it does not do: sandbox the operating system. The bot's process runs with the user's rights
and can read and write files like any script (docs/bots.md).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path

from game.core import Action, LegalActions, Observation
from game.core.codec import ACTION_FORMAT, from_json, to_json, view_from_json, view_to_json
from game.core.scenario import parse_scenario

from .referee import EXITED, ILLEGAL, RAISED, TIMEOUT, UNBUILT, BotFailure

GONE = "gone"  # the bot's process was killed or died earlier in the game: it passes
MAX_ANSWER = 4096  # bytes: an action document is about 80
START_SECONDS = 30.0  # for a new process to import the game and the bot file and say it is ready
SOURCE_ROOT = Path(__file__).resolve().parents[2]  # where the new interpreter finds the `game` package


class IsolatedFactory:
    """A factory of bots named by `spec` (as for `make_bot_factory`), each running in a separate
    process that the factory keeps for the next game. `time_limit` None waits as long as it takes.
    Like its bots, it keeps its own time: a referee does not interrupt it."""

    keeps_own_time = True

    def __init__(self, spec: str, time_limit: float | None) -> None:
        self._process = _BotProcess(spec, time_limit)

    def __call__(self, seed: int) -> IsolatedBot:
        return self._process.new_bot(seed)

    def close(self) -> None:
        """End the bot's process (it also ends when this process does)."""
        self._process.close()


class IsolatedBot:
    """Stands in for a bot that runs in another process; its referee leaves the timing to it."""

    keeps_own_time = True

    def __init__(self, process: _BotProcess, game: int) -> None:
        self._process = process
        self._game = game

    def act(self, observation: Observation, legal: LegalActions) -> Action:
        return self._process.act(self._game, observation, legal)


class _BotProcess:
    """The parent's end of one bot process: starts it, talks to it, kills it when it hangs."""

    def __init__(self, spec: str, time_limit: float | None) -> None:
        self.spec = spec
        self.time_limit = time_limit
        self.process: subprocess.Popen | None = None
        self.connection: Connection | None = None
        self.scenario = None  # the scenario the process has, sent once rather than with every view
        self.game = 0  # counts the games built, so a bot of a game whose process died stays gone

    def new_bot(self, seed: int) -> IsolatedBot:
        self.game += 1
        try:
            if self.process is None or self.process.poll() is not None:
                self._start()
            # the constructor has the time of a decision, as in process
            built = self._ask(json.dumps({"new": seed}), self.time_limit) == {"built": True}
        except BotFailure:
            built = False
        if not built:
            raise BotFailure(UNBUILT)
        return IsolatedBot(self, self.game)

    def act(self, game: int, observation: Observation, legal: LegalActions) -> Action:
        if game != self.game or self.process is None:
            raise BotFailure(GONE)
        if observation.scenario is not self.scenario:
            self._send(json.dumps({"scenario": observation.scenario.data()}, ensure_ascii=False))
            self.scenario = observation.scenario
        answer = self._ask(view_to_json(observation, legal), self.time_limit)
        if "failed" in answer:
            raise BotFailure(answer["failed"] if answer["failed"] in (RAISED, EXITED, ILLEGAL) else ILLEGAL)
        if answer.get("format") != ACTION_FORMAT:
            raise BotFailure(ILLEGAL)
        try:
            return from_json(json.dumps(answer))
        except Exception:  # noqa: BLE001 — any malformed action document is the bot's illegal answer
            raise BotFailure(ILLEGAL) from None

    def _start(self) -> None:
        parent_end, child_end = Pipe()
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(SOURCE_ROOT),
                                                                                  os.environ.get("PYTHONPATH"))))}
        # only the connection's descriptor is passed; stdin is closed, stdout and stderr are the run's
        self.process = subprocess.Popen([sys.executable, "-m", "game.bots.isolated", str(child_end.fileno()),
                                         self.spec], pass_fds=(child_end.fileno(),), stdin=subprocess.DEVNULL,
                                        env=environment)
        child_end.close()
        self.connection = parent_end
        self.scenario = None
        if not self.connection.poll(START_SECONDS) or self._answer() != {"ready": True}:
            self._stop()
            raise BotFailure(UNBUILT)

    def _send(self, message: str) -> None:
        try:
            self.connection.send_bytes(message.encode())
        except OSError:  # the process has ended
            self._stop()
            raise BotFailure(EXITED) from None

    def _ask(self, message: str, seconds: float | None) -> dict:
        self._send(message)
        try:
            if not self.connection.poll(seconds):
                self._stop()
                raise BotFailure(TIMEOUT)
        except OSError:
            self._stop()
            raise BotFailure(EXITED) from None
        return self._answer()

    def _answer(self) -> dict:
        try:
            answer = json.loads(self.connection.recv_bytes(MAX_ANSWER))
        except (EOFError, OSError, ValueError):  # died, or an answer too long or not JSON
            self._stop()
            raise BotFailure(EXITED) from None
        if not isinstance(answer, dict):
            raise BotFailure(ILLEGAL)
        return answer

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.connection.close()
        self.process = self.connection = None

    def close(self) -> None:
        self._stop()


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this process when its parent dies (a run killed with -9)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _serve(spec: str, connection) -> None:
    """The bot process: builds the bot for each game and answers each decision with an action document."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to answer
    from . import BotLoadError, make_bot_factory

    try:
        factory = make_bot_factory(spec)
    except BotLoadError:
        factory = None
    try:
        connection.send_bytes(b'{"ready": true}')
    except OSError:
        return
    bot, scenario = None, None
    while True:
        try:
            text = connection.recv_bytes().decode()
        except (EOFError, OSError):
            return
        message = json.loads(text)
        if "scenario" in message:
            scenario = parse_scenario(message["scenario"], "the run's scenario")
            continue
        if "new" in message:
            try:
                bot = factory(message["new"])
                answer: dict = {"built": True}
            except BaseException:  # noqa: BLE001 — whatever the constructor does, the game goes on
                bot, answer = None, {"failed": UNBUILT}
        else:
            answer = _decide(bot, *view_from_json(text, scenario))
        try:
            connection.send_bytes(json.dumps(answer).encode())
        except (OSError, ValueError):
            return


def _decide(bot: object, observation: Observation, legal: LegalActions) -> dict:
    try:
        action = bot.act(observation, legal)
    except Exception:  # noqa: BLE001
        return {"failed": RAISED}
    except BaseException:  # noqa: BLE001 — sys.exit and the like end the decision, not the process
        return {"failed": EXITED}
    if not isinstance(action, Action):
        return {"failed": ILLEGAL}
    try:
        return json.loads(to_json(action))
    except (TypeError, ValueError):
        return {"failed": ILLEGAL}



if __name__ == "__main__":
    _serve(sys.argv[2], Connection(int(sys.argv[1])))
