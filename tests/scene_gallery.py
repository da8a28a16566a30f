"""Every scene of the client, opened as the game opens it, for the tests that look at all of them
(first frame, text fit, screenshots). `SCENES` maps a name to a function that pushes that scene on
an app (with whatever lies beneath it) and returns a function that cleans up after it, or None."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from functools import cache

from game.content import load_scenario
from game.content.files import histories_dir
from game.content.saves import SeatPlayer
from game.core import events as ev
from game.session import Session

PLAYERS = [SeatPlayer("Ada"), SeatPlayer("Bot Steady", "steady"), SeatPlayer("Bot Bold", "aggressive"),
           SeatPlayer("Bot Careful", "cautious")]


@cache
def finished_state():
    """A whole four-seat classic game, played by bots (Ada's seat too)."""
    session = Session.new(load_scenario("classic"), [SeatPlayer(p.name, p.bot or "steady") for p in PLAYERS], 5,
                          time_limit=None)
    while not session.is_over:
        session.bot_step()
    return session.state


def finished_session() -> Session:
    return Session(finished_state(), PLAYERS, time_limit=None)  # Ada shows as a person


@cache
def first_year_with_showdown() -> tuple:
    """(scenario, names, shown cards, the year's events) of the first year that ends in a showdown."""
    session = Session.new(load_scenario("classic"), [SeatPlayer(p.name, p.bot or "steady") for p in PLAYERS], 5,
                          time_limit=None)
    year_events: list = []
    while True:
        step = session.bot_step()
        year_events.extend(step.events)
        if any(isinstance(event, ev.YearEnded) for event in step.events):
            shown = [event for event in year_events if isinstance(event, ev.CardsShown)]
            if shown:
                names = [f"{player.name} · {firm.name}" for player, firm in
                         zip(PLAYERS, session.public_view().firms, strict=True)]
                return session.state.scenario, names, shown, year_events
            year_events = []


def _table(app):
    from game.client.scenes.table import TableScene
    session = Session.new(load_scenario("classic"), PLAYERS, 3, time_limit=None)
    app.push(TableScene(app, session))
    return app.scene


def _title(app):
    from game.client.scenes.title import TitleScene
    app.push(TitleScene(app))


def _on_title(factory: Callable) -> Callable:
    def push(app):
        _title(app)
        app.push(factory(app))
    return push


def _scene(module: str, name: str, *args) -> Callable:
    def make(app):
        scene_class = getattr(__import__(f"game.client.scenes.{module}", fromlist=[name]), name)
        return scene_class(app, *args)
    return make


def _showdown(app):
    from game.client.scenes.showdown import ShowdownScene
    _table(app)
    scenario, names, shown, year_events = first_year_with_showdown()
    app.push(ShowdownScene(app, scenario, names, shown, year_events))


def _year_summary(app):
    from game.client.scenes.year_summary import YearSummaryScene
    _table(app)
    scenario, names, _, year_events = first_year_with_showdown()
    year = next(event.year for event in year_events if isinstance(event, ev.YearEnded))
    app.push(YearSummaryScene(app, scenario, names, year, year_events))


def _pause(app):
    from game.client.scenes.pause import PauseScene
    table = _table(app)
    app.push(PauseScene(app, table))


def _confirm_leave(app):
    from game.client.scenes.pause import ConfirmLeaveScene
    table = _table(app)
    app.push(ConfirmLeaveScene(app, table.session, app.quit))


def _handover(app):
    from game.client.scenes.handover import HandOverScene
    _table(app)
    app.push(HandOverScene(app, "Ada", on_ready=lambda: None))


def _notice(app):
    from game.client.scenes.notice import NoticeScene
    _title(app)
    app.push(NoticeScene(app, ["/home/ada/.local/share/table-stakes: read-only file system; games are not saved.",
                               "settings.json: ignored window_size (not a usable value)."]))


def _game_over(app):
    from game.client.scenes.game_over import GameOverScene
    _title(app)
    app.push(GameOverScene(app, finished_session()))


def _debrief(app):
    from game.client.scenes.debrief import DebriefScene
    from game.debrief import build_debrief
    _title(app)
    session = finished_session()
    app.push(DebriefScene(app, build_debrief(session.history(), session.players)))


def _knocked_out(app):
    from game.client.scenes.knocked_out import KnockedOutScene
    table = _table(app)
    app.push(KnockedOutScene(app, table, ["Ada"]))


def _replays(app):
    from game.client.scenes.replay import ReplayScene
    from game.content.saves import to_json
    (histories_dir() / "classic-game.json").write_text(to_json(finished_session().history()), encoding="utf-8")
    _title(app)
    app.push(ReplayScene(app))


def _replay_viewer(app):
    from game.client.scenes.replay import ReplayViewerScene
    from game.debrief.replay import Replay
    _title(app)
    app.push(ReplayViewerScene(app, Replay(finished_session().history())))


def _load(app):
    from game.client.scenes.load import LoadScene
    finished_session().save_new()
    _title(app)
    app.push(LoadScene(app))


def _net_game_over(app):
    from game.client.scenes.net_over import NetGameOverScene
    from game.debrief import build_debrief, export
    from game.net import protocol
    _title(app)
    session = finished_session()
    debrief = build_debrief(session.history(), session.players)
    document = json.loads(protocol.debrief([p.name for p in PLAYERS], export.firm_year_rows(debrief),
                                           export.year_rows(debrief), export.total_row(debrief),
                                           list(session.standings())))
    app.push(NetGameOverScene(app, session.public_view(), document, lambda: None))


def _projector(app):
    from game.client.scenes.host import HostSetupScene
    _title(app)
    app.push(HostSetupScene(app))
    setup = app.scene
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    setup.port_entry.set_text(str(port))
    setup.choices.bind = "127.0.0.1"
    setup.start_hosting()
    projector = app.scene
    return projector.stop


SCENES: dict[str, Callable] = {
    "title": _title,
    "setup": _on_title(_scene("setup", "SetupScene")),
    "settings": _on_title(_scene("settings", "SettingsScene")),
    "how_to_play": _on_title(_scene("how_to_play", "HowToPlayScene")),
    "glossary": _on_title(_scene("glossary", "GlossaryScene")),
    "load": _load,
    "replays": _replays,
    "replay_viewer": _replay_viewer,
    "notice": _notice,
    "table": lambda app: _table(app) and None,
    "pause": _pause,
    "confirm_leave": _confirm_leave,
    "handover": _handover,
    "showdown": _showdown,
    "year_summary": _year_summary,
    "knocked_out": _knocked_out,
    "game_over": _game_over,
    "debrief": _debrief,
    "join": _on_title(_scene("join", "JoinScene")),
    "host_setup": _on_title(_scene("host", "HostSetupScene")),
    "projector": _projector,
    "net_game_over": _net_game_over,
}
