"""Test-wide environment: the client runs headless, with no audio, no GUI backend for charts and
no real home folder; `home` gives a test its own data folder and the machine's locale no say."""

import os
import tempfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TABLE_STAKES_HOME", tempfile.mkdtemp(prefix="table-stakes-tests-"))

import pytest  # noqa: E402

from game.client import i18n  # noqa: E402  (no pygame: the UI texts only)


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh data folder for the game; the UI language is global, so it is reset afterwards."""
    monkeypatch.setenv("TABLE_STAKES_HOME", str(tmp_path))
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    yield tmp_path
    i18n.set_language(i18n.FALLBACK)


def pytest_addoption(parser):
    parser.addoption("--soak", action="store_true", help="also run the long random-play runs marked soak")


def pytest_collection_modifyitems(config, items):
    """Soak runs take minutes: CI leaves them to `--soak` (their figures are quoted in docs/figures.md)."""
    if config.getoption("--soak"):
        return
    skip = pytest.mark.skip(reason="a soak run: give --soak to run it")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)
