"""Scenario files: TOML under assets/scenarios/ (or anywhere), read by the hardened reader and validated by
the rules core."""

from __future__ import annotations

from pathlib import Path

from game.core import Problem, Scenario, ScenarioError, parse_scenario

from .reader import NO_SUCH_FILE, ReadError, read_toml

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def list_scenarios() -> list[str]:
    """Ids of the scenarios that ship with the game."""
    return sorted(path.stem for path in SCENARIO_DIR.glob("*.toml"))


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load a shipped scenario by id (``"classic"``) or any scenario file by path.

    Raises `ScenarioError` naming the file, the field and the problem.
    """
    path = Path(name_or_path)
    if path.suffix != ".toml":
        shipped = SCENARIO_DIR / f"{name_or_path}.toml"
        if not _exists(shipped):
            raise ScenarioError(str(name_or_path), "(file)", Problem.of(
                "scenario_problem.no_such_scenario", "no such scenario; shipped scenarios are: {names}",
                names=tuple(list_scenarios())))
        path = shipped
    try:
        data = read_toml(path)
    except ReadError as error:
        where = "(syntax)" if error.reason.key == "file_problem.not_toml" else "(file)"
        raise ScenarioError(str(path) if error.reason is NO_SUCH_FILE else path.name, where, error.reason) from None
    return parse_scenario(data, path.name)


def _exists(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the system, or one with a NUL in it
        return False
