"""Where a headless run's games are played: this machine's processes (the default, `workers.py`) or a
Ray cluster (`--backend ray`: the optional extra [ray]).

Every game's seed comes from the run's seed and the game's index, and the records come back in game
order, so a run on Ray writes the same results file, byte for byte, as the same run here.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

from .runner import RunConfig, play_one

BACKENDS = ("process", "ray")


class BackendError(Exception):
    """The backend cannot be used (not installed, or no cluster at the address)."""


class RayBackend:
    """Plays games on Ray: a local cluster of `jobs` workers, or the cluster at `address`
    (as `ray start --head` prints it, e.g. 192.168.1.20:6379)."""

    def __init__(self, jobs: int, address: str | None = None) -> None:
        try:
            import ray
            from ray.util.multiprocessing import Pool
        except ImportError:
            raise BackendError("--backend ray needs the [ray] extra: pip install -e '.[ray]'") from None
        self._ray = ray
        if address:
            _check_reachable(address)
        if not ray.is_initialized():
            try:
                if address:
                    ray.init(address=address, log_to_driver=False)
                else:  # a small local cluster: no dashboard, a capped object store (CI machines are small)
                    ray.init(num_cpus=jobs, include_dashboard=False, object_store_memory=100 * 2**20,
                             log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise BackendError(f"cannot reach a Ray cluster at {address or 'this machine'}: {error}") from None
        self._pool = Pool(processes=jobs if not address else None)
        self.jobs = jobs

    def play(self, config: RunConfig, games: range) -> Iterator[dict]:
        """The records of `games`, in game order."""
        chunk = max(1, min(64, len(games) // (4 * max(1, self.jobs)) or 1))
        yield from self._pool.imap(_Player(config), games, chunksize=chunk)

    def close(self) -> None:
        self._pool.close()
        self._pool.join()
        self._ray.shutdown()


class _Player:
    """Plays one game of `config` in whichever worker process it lands (picklable; one table a process)."""

    def __init__(self, config: RunConfig) -> None:
        self.config = config

    def __call__(self, index: int) -> dict:
        return play_one(self.config, index)


def _check_reachable(address: str) -> None:
    """Ray retries an address that does not answer for minutes: say at once that nothing listens there."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise BackendError(f"--ray-address must be HOST:PORT (as 'ray start --head' prints it), not '{address}'")
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError as error:
        raise BackendError(f"no Ray cluster answers at {address}: {error.strerror or error}") from None


def make_backend(name: str, jobs: int, address: str | None = None) -> RayBackend | None:
    """None for this machine's processes (the runner's own pool), else the backend named."""
    if name == "process":
        if address:
            raise BackendError("--ray-address goes with --backend ray")
        return None
    if name == "ray":
        return RayBackend(jobs, address)
    raise BackendError(f"unknown backend '{name}': choose one of {', '.join(BACKENDS)}")
