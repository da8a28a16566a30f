"""Scenario files: TOML under assets/scenarios/, validated by the rules core."""

from __future__ import annotations

import tomllib
from pathlib import Path

from game.core import Problem, Scenario, ScenarioError, parse_scenario

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
        if not shipped.exists():
            raise ScenarioError(str(name_or_path), "(file)", Problem.of(
                "scenario_problem.no_such_scenario", "no such scenario; shipped scenarios are: {names}",
                names=tuple(list_scenarios())))
        path = shipped
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(str(path), "(file)", Problem.of("scenario_problem.file_not_found", "file not found")) \
            from None
    except OSError as error:
        raise ScenarioError(str(path), "(file)", Problem.of("scenario_problem.cannot_read", "cannot be read: {why}",
                                                            why=error.strerror or str(error))) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ScenarioError(path.name, "(file)", Problem.of(
            "scenario_problem.not_utf8", "is not UTF-8 text: byte {byte} on line {line} (save the file as UTF-8 in "
            "your editor)", byte=f"{raw[error.start]:#04x}", line=line)) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(path.name, "(syntax)", Problem.of("scenario_problem.not_toml", "not valid TOML: {why}",
                                                              why=str(error))) from None
    return parse_scenario(data, path.name)
