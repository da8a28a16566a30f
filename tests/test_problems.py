"""Refusals and problems in the player's language (game/client/problems.py): every problem the core,
the session, the debrief and the scenario files can raise has a key with an English and a German
text that use exactly its values; a German player sees German refusals, German load problems and
German teacher-option problems, money in German format; the English messages of the errors
themselves (the command line's, the bots') stay as they were.
"""

from __future__ import annotations

import ast
import json
import random
import string
from pathlib import Path

import pytest

from client_support import click, make_app, pump
from game.client.problems import describe
from game.content import load_scenario
from game.content.options import with_teacher_options
from game.content.files import saves_dir
from game.content.locale import ui_locale
from game.content.saves import SaveError, SeatPlayer
from game.core import (
    Action, IllegalActionError, LegalActions, Problem, ScenarioError, SetupError, apply_action, bet, default_seats,
    legal_actions, new_game, parse_scenario, replay, sit_in,
)
from game.core import legal as core_legal
from game.core.actions import KINDS
from game.debrief import load_debrief
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "game" / "client"
TABLES = ("refusal", "match", "setup_problem", "file_problem", "scenario_problem", "net")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def raised_problems() -> tuple[dict[str, tuple[str, set[str], str]], list[str]]:
    """Every `Problem.of(KEY, TEMPLATE, **values)` in the game, by key: (English template, value names,
    where); and the places that build one from a key that is not a literal."""
    found: dict[str, tuple[str, set[str], str]] = {}
    indirect = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "of"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "Problem"):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            key, template = node.args[:2]
            names = {keyword.arg for keyword in node.keywords}
            if isinstance(key, ast.Constant) and isinstance(template, ast.Constant):
                assert key.value not in found or found[key.value][:2] == (template.value, names), \
                    f"{where}: {key.value} is raised with another sentence at {found[key.value][2]}"
                found[key.value] = (template.value, names, where)
            else:
                indirect.append(where)
    return found, indirect


def every_problem() -> dict[str, tuple[str, set[str], str]]:
    found, indirect = raised_problems()
    # the places that take the key from a table: a bet's or a raise's range, by betting structure, and
    # why a firm cannot bet or raise, kept as a clause and an amount until it is asked for
    assert {where.rsplit(":", 1)[0] for where in indirect} == {"game/core/legal.py"}, indirect
    for key, template in core_legal._RANGES.values():
        found[key] = (template, {"low", "high"}, "game/core/legal.py:_RANGES")
    for name, clause in vars(core_legal).items():
        if isinstance(clause, core_legal._Clause):
            found[clause.key] = (clause.template, {"amount"}, f"game/core/legal.py:{name}")
    return found


# --------------------------------------------------------------------------- every key in both languages

def test_the_core_the_session_the_debrief_and_the_scenario_files_raise_problems_with_keys():
    problems = every_problem()
    assert {key.split(".")[0] for key in problems} == set(TABLES)
    for key, module in [("refusal.bet_out_of_range", "game/core/legal.py"),
                        ("refusal.does_not_replay", "game/core/rules.py"),
                        ("setup_problem.firm_twice", "game/core/rules.py"),
                        ("file_problem.not_json", "game/content/reader.py"),
                        ("file_problem.newer_version", "game/content/saves.py"),
                        ("file_problem.hand_history_damaged", "game/content/saves.py"),
                        ("file_problem.newer_history_version", "game/content/saves.py"),
                        ("file_problem.no_such_file", "game/content/reader.py"),
                        ("scenario_problem.unknown_field", "game/core/scenario.py"),
                        ("file_problem.not_toml", "game/content/reader.py"),
                        ("file_problem.too_deep", "game/content/reader.py"),
                        ("scenario_problem.not_a_percentage", "game/content/options.py")]:
        assert problems[key][2].startswith(module + ":"), (key, problems[key][2])


# the argument that says what is wrong, by error: (position, keyword)
PROBLEM_ARGUMENT = {"IllegalActionError": (0, "reason"), "SetupError": (0, "reason"), "SaveError": (1, "problem"),
                    "ScenarioError": (2, "problem"), "error": (0, "problem")}


def _is_text(node: ast.AST) -> bool:
    return (isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))
            or (isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))))


def test_no_error_outside_the_client_is_raised_with_bare_english_text():
    """Every refusal, setup problem, save, debrief and scenario problem is raised as a `Problem`
    (a `_Table.error` too): text alone could only be shown in English."""
    bare = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        if CLIENT in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in PROBLEM_ARGUMENT:
                continue
            position, keyword = PROBLEM_ARGUMENT[name]
            argument = next((item.value for item in node.keywords if item.arg == keyword),
                            node.args[position] if len(node.args) > position else None)
            if argument is not None and _is_text(argument):
                bare.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}({ast.unparse(argument)[:60]})")
    assert not bare, "\n".join(bare)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_problem_the_code_raises_has_a_text_using_exactly_its_values(lang):
    locale = ui_locale(lang)
    problems = []
    for key, (template, names, where) in sorted(every_problem().items()):
        if _placeholders(template) != names:
            problems.append(f"{where}: the English sentence of {key} does not use exactly its values {sorted(names)}")
        if key not in locale.keys():
            problems.append(f"{where}: {key} has no text in ui/{lang}/problems.toml")
        elif _placeholders(locale.get(key)) != names:
            problems.append(f"{where}: ui/{lang} {key} uses {sorted(_placeholders(locale.get(key)))}, "
                            f"the problem has {sorted(names)}")
    assert not problems, "\n".join(problems)


def test_the_locale_has_no_problem_text_that_nothing_raises():
    raised = set(every_problem()) | {"scenario_problem.in_field", "scenario_problem.in_file"}  # the client's frames
    texts = {key for key in ui_locale("en").keys() if key.split(".")[0] in TABLES}
    assert texts == raised
    assert {key.split(".")[1] for key in ui_locale("en").keys() if key.startswith("refusal_verb.")} == set(KINDS)


def _keys(problem: Problem) -> set[str]:
    return {problem.key} | {key for _, value in problem.values if isinstance(value, Problem) for key in _keys(value)}


def _refusals_in_play() -> dict[str, Problem]:
    """Refusals met in seeded random games of every betting structure, trying every kind of action
    with awkward amounts at every decision: the first refusal seen for each key."""
    seen: dict[str, Problem] = {}

    def note(problem: Problem | str | None) -> None:
        if isinstance(problem, Problem):
            for key in _keys(problem):
                seen.setdefault(key, problem)

    classic = load_scenario("classic")
    for betting in ("no_limit", "pot_limit", "fixed_limit"):
        scenario = with_teacher_options(classic, {}, betting=betting)
        for seed in range(6):
            rng = random.Random(seed)
            state = new_game(scenario, default_seats(scenario, 4), seed)
            while not state.is_over:
                legal = legal_actions(state)
                note(legal.no_raise_reason)
                for kind in (*KINDS, "fly"):
                    for amount in (None, 1, 7.5, 10**9, legal.bet_min - 1, legal.raise_min - 1):
                        note(legal.refusal(Action(kind, amount)))
                kind = rng.choice([kind for kind in legal.kinds if kind != "set_mix"])
                amount = {"bet": (legal.bet_min, legal.bet_max), "raise": (legal.raise_min, legal.raise_max),
                          "raise_funds": (1, legal.raise_funds_max)}.get(kind)
                state = apply_action(state, Action(kind, rng.randint(*amount) if amount else None)).state
            with pytest.raises(IllegalActionError) as over:
                apply_action(state, Action("fold"))
            note(over.value.reason)
    note(LegalActions(0, "Atlas AI", ("fold",)).refusal("fold"))  # not an Action at all
    state = new_game(classic, default_seats(classic, 2), 1)
    with pytest.raises(IllegalActionError) as damaged:
        replay(classic, state.seats, state.seed, [sit_in(), sit_in(), bet(7)])
    note(damaged.value.reason)
    return seen


def test_every_refusal_the_rules_can_produce_is_met_in_play_and_said_in_both_languages():
    met = _refusals_in_play()
    refusals = {key for key in every_problem() if key.startswith("refusal.")}
    assert set(met) >= refusals, f"never met: {sorted(refusals - set(met))}"
    for key in sorted(refusals):
        english, german = describe(met[key], "en"), describe(met[key], "de")
        assert english and german and german != english, key
        assert not any(word in german for word in (" cannot ", " may ", " must ", " instead")), (key, german)
        assert "$" not in german or "Mio. $" in german, (key, german)


# --------------------------------------------------------------------------- the English stays as it was

def test_the_errors_keep_their_english_message_and_carry_the_problem():
    classic = load_scenario("classic")
    state = apply_action(apply_action(new_game(classic, ["atlas", "borealis"], 3), sit_in()).state, sit_in()).state
    state = apply_action(state, bet(500)).state
    with pytest.raises(IllegalActionError) as refused:
        apply_action(state, Action("raise", 600))
    assert str(refused.value) == ("Borealis Labs cannot raise to 600: it may raise to 1,000 to 6,700 "
                                  "(minimum raise rule; its cash caps it)")
    reason = refused.value.reason
    assert reason.key == "refusal.raise_out_of_range" and str(reason) == str(refused.value)
    assert dict(reason.values)["amount"] == 600 and dict(reason.values)["rule"].key == "refusal.range_raise_no_limit"
    assert str(legal_actions(state).refusal(Action("raise", 600))) == str(refused.value)

    with pytest.raises(ScenarioError) as broken:
        parse_scenario({**classic.source, "antee": 1}, "my.toml")
    assert str(broken.value) == "my.toml: field 'antee': unknown field (did you mean 'schedules.ante'?)"
    assert broken.value.reason.key == "scenario_problem.unknown_field"

    with pytest.raises(SetupError) as setup:
        new_game(classic, ["atlas", "atlas"], 1)
    assert str(setup.value) == "seat 1: firm 'atlas' already sits at seat 0"
    assert setup.value.reason.key == "setup_problem.firm_twice"


# --------------------------------------------------------------------------- German

def test_a_german_player_reads_a_refused_raise_in_german_with_german_money():
    session = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), SeatPlayer("Bo")], 3)
    for action in (sit_in(), sit_in(), bet(500)):
        session.apply(action)
    with pytest.raises(IllegalActionError) as refused:
        session.apply(Action("raise", 600))
    assert describe(refused.value, "de") == (
        "Borealis Labs kann nicht auf 600 Mio. $ erhöhen: die Firma darf auf 1.000 Mio. $ bis 6.700 Mio. $ "
        "erhöhen (Regel der Mindesterhöhung; ihr Bargeld begrenzt sie)")
    assert describe(refused.value, "en") == (
        "Borealis Labs cannot raise to $600M: it may raise to between $1,000M and $6,700M "
        "(the minimum raise rule; its cash caps it)")
    with pytest.raises(IllegalActionError) as check:
        session.apply(Action("check"))
    assert describe(check.value, "de") == ("Borealis Labs kann jetzt nicht checken: die Firma muss 500 Mio. $ "
                                           "mitgehen; jetzt möglich: den AMD-Anteil ändern, passen, mitgehen, "
                                           "erhöhen, All-in gehen")


def test_scenario_problems_in_german_keep_the_files_names_and_write_german_numbers():
    classic = load_scenario("classic")
    with pytest.raises(ScenarioError) as misspelt:
        parse_scenario({**classic.source, "antee": 1}, "meine.toml")
    assert describe(misspelt.value, "de") == ("meine.toml: Feld „antee“: unbekanntes Feld "
                                             "(meintest du „schedules.ante“?)")
    with pytest.raises(ScenarioError) as too_large:
        with_teacher_options(classic, {"amd_efficiency": "2,5"})
    assert describe(too_large.value, "de", source="classic (angepasst)") == (
        "classic (angepasst): Feld „schedules.amd_efficiency[0]“: darf höchstens 2,0 sein, ist aber 2,5")
    with pytest.raises(ScenarioError) as percent:
        with_teacher_options(classic, {"market_share_pct": "150"})
    assert describe(percent.value, "de").endswith("muss zwischen 0 und 100 % liegen, ist aber 150 %")


def test_what_has_no_key_is_shown_in_english():
    assert describe(SaveError("x.json", "a problem told in words"), "de") == "a problem told in words"
    assert describe(ValueError("plain"), "de") == "plain"
    future = Problem.of("refusal.from_a_newer_core", "{who} cannot do that", who="Ada")
    assert describe(IllegalActionError(future), "de") == "Ada cannot do that"
    nested = Problem.of("refusal.does_not_replay", "action {number} ({action}) does not replay: {why}", number=3,
                        action="bet 7", why="an English reason")
    assert describe(nested, "de") == "Aktion 3 (bet 7) lässt sich nicht nachspielen: an English reason"


def test_a_damaged_save_and_its_debrief_say_the_refused_action_in_german(tmp_path):
    session = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), SeatPlayer("Bo")], 3)
    path = session.save(tmp_path / "game.json")
    document = json.loads(path.read_text(encoding="utf-8"))
    document["history"]["actions"] = [["sit_in", None], ["sit_in", None], ["bet", 7]]
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SaveError) as damaged:
        Session.load(path)
    assert describe(damaged.value, "de") == (
        "seine Aktionen lassen sich nicht nachspielen (die Datei ist beschädigt): Aktion 2 (bet 7) lässt sich "
        "nicht nachspielen: Atlas AI kann nicht 7 Mio. $ setzen: die Firma darf 500 Mio. $ bis 6.700 Mio. $ "
        "setzen (der Mindesteinsatz ist der Tischeinsatz des Jahres; ihr Bargeld begrenzt ihn)")
    with pytest.raises(SaveError) as debrief:
        load_debrief(path)
    assert describe(debrief.value, "de").startswith("seine Aktionen lassen sich nicht nachspielen (die Datei ist "
                                                    "beschädigt): Aktion 3 (bet 7): Atlas AI kann nicht 7 Mio. $")


def german_menu_choice(home, button: str):
    """(app, scene) after choosing `button` on the title screen of a German app."""
    from game.client.scenes.title import TitleScene

    app = make_app(home, language="de")
    app.push(TitleScene(app))
    pump(app, 2)
    click(app, app.scene.buttons[button])
    return app, app.scene


def test_the_german_load_screen_lists_a_corrupt_save_with_a_german_problem(home):
    from game.client.scenes.load import LoadScene

    folder = saves_dir()
    good = Session.new(load_scenario("classic"), [SeatPlayer("Ada"), SeatPlayer("Bo", "steady")], 3)
    good_path = good.save(folder / "table-stakes_2026-01-02_10-00-00.json")
    (folder / "kaputt.json").write_text('{"format": "table-stakes/save", "version": 1, "sav', encoding="utf-8")
    app, scene = german_menu_choice(home, "load")
    assert isinstance(scene, LoadScene)
    shown = " ".join(box.html_text for box in scene.manager.get_root_container().elements
                     if hasattr(box, "html_text"))
    assert ("kaputt.json: ist kein gültiges JSON (Zeile 1, Spalte 47: Unterminated string starting at); "
            "die Datei ist beschädigt oder abgeschnitten") in shown
    assert "is not valid JSON" not in shown and "cut short" not in shown

    good_path.unlink()  # gone between listing and loading
    click(app, scene.load_button)
    assert app.scene is scene
    assert scene.note == f"{good_path.name} lässt sich nicht laden: die Datei gibt es nicht"
    assert scene.note_label.text == scene.note


def test_german_teacher_options_say_their_problem_in_german(home):
    from game.client.scenes.setup import SetupScene

    _, setup = german_menu_choice(home, "new_game")
    assert isinstance(setup, SetupScene)
    setup.set_option("ante_growth", "0")
    assert setup.message == ("Lehrkraft-Optionen: classic (angepasst): Feld „schedules.ante.growth“: "
                             "muss größer als 0,0 sein, ist aber 0")
    assert setup.message_label.text == setup.message
    setup.set_option("ante_growth", "schnell")
    assert setup.message.endswith("muss eine Zahl sein, ist aber der Text „schnell“")
