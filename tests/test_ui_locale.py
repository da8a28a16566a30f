"""The UI locale (assets/locale/ui/<lang>/*.toml): every language complete, every key used,
placeholders that agree, German numbers on a German table, and the language chosen from the
system locale.

Which keys the code uses is found statically, by reading the client's source with `ast`
(no game is played). The rules of the scanner:

1. What is read: every ``.py`` file under ``game/`` (UI text is also built outside the client, e.g.
   by ``game/debrief/charts.py`` and ``game/debrief/export.py`` through a ``text`` function they are given, and
   the keys of the problems the core, the session and ``game/content`` raise), except
   ``game/content/text.py``: the rules text it builds (assets/locale/<lang>.toml) is another
   locale with its own test (tests/test_card_text.py), and its keys share table names with the UI's.
2. A literal: any string constant in that code that is exactly a key of the English locale
   counts as a use, wherever it stands: ``t("title.quit")``, ``ui_locale(lang).text(...)``,
   ``key = "a.b" if x else "a.c"``, or a key kept in a table (``PAGES``, ``KEYS``, ...).
3. A dynamic key is an f-string, or a ``"literal" + expression`` sum, whose literal head is
   ``<table>.`` for a top-level table of the English locale (``f"status.{status}"``,
   ``"vendor." + vendor``). Strings built any other way (``str.format``, ``%``, an f-string that
   begins with its table name as a value) are not recognised: their keys count as unused.
4. Each value in a dynamic key is resolved from the code, to the set of strings it can take:
   - a string constant; both branches of ``a if c else b``;
   - an expression narrowed by an enclosing ``if <same expression> in ("x", "y")`` or
     ``== "x"`` (also the ``if`` of a comprehension): those values;
   - a name bound by an enclosing ``for`` or comprehension: the elements of what it iterates,
     matched position by position through tuple targets, ``enumerate(...)`` and ``zip(...)``.
     What is iterated may be a literal tuple/list/set (also of tuples), a name assigned such
     a literal in the same function, a parameter (its default and every literal passed for it
     in the same file), or a module-level name, which is imported and read (a dict gives its keys);
   - a parameter of the enclosing function: its default and the literal arguments of every
     call of that function (by name or as ``self.<name>``) in the same file;
   - a name assigned in the enclosing function: the values of all its assignments.
   Every possible combination of the values of a key's parts is a key the code can reach.
5. A value that comes from game data (a firm's status, an event's reason, a bot's id) cannot
   be read from the code; `explicit()` lists those patterns with their values, taken from the
   game's own constants where there are any (else checked to appear in `EXPLICIT_SOURCES`).
   A dynamic key that neither rule 4 nor `explicit()` resolves fails the test with its file and
   line, and so does an `explicit()` pattern that no code builds.

A key of the English locale that no literal and no resolved dynamic key reaches fails the test.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pygame
import pytest

from client_support import click, make_app, pump
from game.bots import BUILT_IN
from game.client import i18n
from game.content import load_scenario, saves
from game.content.locale import UI_LOCALE_DIR, ui_languages, ui_locale
from game.content.saves import SeatPlayer
from game.core import state as core_state
from game.core.scenario import DOMAINS, VENDORS
from game.session import Session

ROOT = Path(__file__).resolve().parents[1]
GAME = ROOT / "game"
CLIENT = GAME / "client"
RULES_TEXT = GAME / "content" / "text.py"  # builds the rules text (assets/locale/<lang>.toml): not the UI's

STATUSES = (core_state.FOLDED, core_state.ALL_IN, core_state.SITTING_OUT, core_state.EXITED)  # not "active"


def explicit() -> dict[str, tuple[str, ...]]:
    """Patterns whose values come from game data, not from the code that builds the key, with those
    values (read when the test runs, so a renamed constant fails a test, not the collection)."""
    from game import debrief

    return {
        "status.{}": STATUSES,  # a firm's status; table_view shows no badge for "active"
        "tip.status_{}": STATUSES,
        "domain.{}": DOMAINS,  # an R&D card's domain
        "vendor.{}": VENDORS,  # a lot's or a chip's vendor
        "setup.bots.{}": tuple(BUILT_IN),  # a built-in bot's personality
        "log.over_{}": ("last_year", "one_firm_left", "agi"),  # GameOver.reason, set in game/core/rules.py
        "debrief.outcome_{}": debrief.OUTCOMES,  # FirmYear.outcome
        "debrief.file_{}": tuple(name.split(".")[0] for name in (*debrief.CSV_FILES, debrief.HISTORY_FILE)),
        "replay.item_{}": (saves.AUTOSAVE, saves.SAVE),  # GameFile.kind (a hand history has its own line)
        "replay.kind_{}": (saves.AUTOSAVE, saves.SAVE, saves.HISTORY),  # GameFile.kind
    }


# where the values of an `explicit()` pattern that have no constant of their own appear as literals
EXPLICIT_SOURCES = {"log.over_{}": GAME / "core" / "rules.py"}


def _flat_keys(path: Path) -> set[str]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    keys: set[str] = set()

    def walk(table: dict, prefix: str) -> None:
        for name, value in table.items():
            key = f"{prefix}.{name}" if prefix else name
            if isinstance(value, dict):
                walk(value, key)
            else:
                keys.add(key)

    walk(data, "")
    return keys


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


OTHER_LANGUAGES = [lang for lang in ui_languages() if lang != i18n.FALLBACK]


# --------------------------------------------------------------------------- (a) same keys


def test_english_and_at_least_one_other_language_exist():
    assert i18n.FALLBACK in ui_languages()
    assert "de" in OTHER_LANGUAGES


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_every_language_has_exactly_the_keys_of_english_file_by_file(lang):
    english = {path.name: _flat_keys(path) for path in sorted((UI_LOCALE_DIR / "en").glob("*.toml"))}
    other = {path.name: _flat_keys(path) for path in sorted((UI_LOCALE_DIR / lang).glob("*.toml"))}
    problems = []
    for name in sorted(english.keys() | other.keys()):
        if name not in other:
            problems.append(f"ui/{lang}/{name} is missing (ui/en/{name} has {len(english[name])} keys)")
        elif name not in english:
            problems.append(f"ui/{lang}/{name} has no English counterpart ui/en/{name}")
        else:
            missing, extra = sorted(english[name] - other[name]), sorted(other[name] - english[name])
            if missing:
                problems.append(f"ui/{lang}/{name} lacks {len(missing)}: {', '.join(missing)}")
            if extra:
                problems.append(f"ui/{lang}/{name} has {len(extra)} not in English: {', '.join(extra)}")
    assert not problems, "\n".join(problems)
    assert ui_locale(lang).keys() == ui_locale("en").keys()  # and the merged languages agree too


# --------------------------------------------------------------------------- (c) placeholders


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_placeholders_match_english_for_every_key(lang):
    english, other = ui_locale("en"), ui_locale(lang)
    problems = []
    for key in sorted(english.keys() & other.keys()):
        theirs, ours = _placeholders(english.get(key)), _placeholders(other.get(key))
        if theirs != ours:
            problems.append(f"{key}: en has {sorted(theirs)}, {lang} has {sorted(ours)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ui_languages())
def test_every_template_is_well_formed_and_not_empty(lang):
    locale = ui_locale(lang)
    for key in sorted(locale.keys()):
        template = locale.get(key)
        assert template.strip(), f"ui/{lang}: {key} is empty"
        list(string.Formatter().parse(template))  # raises on a stray { or }
        assert all(re.fullmatch(r"[a-z_][a-z0-9_]*", name) for name in _placeholders(template)), \
            f"ui/{lang}: {key} has a placeholder that is not a plain name: {template!r}"


def test_the_keyboard_letters_are_the_same_in_every_language():
    """The code maps keys by letter (table.py SHORTCUTS): a translated label keeps "[F]" etc.
    (Named keys may take their local name: "[Home]" is "[Pos1]" on a German keyboard.)"""
    english = ui_locale("en")
    for lang in OTHER_LANGUAGES:
        other = ui_locale(lang)
        for key in english.keys():
            letters = re.findall(r"\[[A-Z]\]", english.get(key))
            assert re.findall(r"\[[A-Z]\]", other.get(key)) == letters, f"ui/{lang}: {key}"


# --------------------------------------------------------------------------- (b) every key used


@dataclass
class Dynamic:
    template: str  # "status.{}"
    parts: list  # str pieces and AST expressions, in order
    file: Path
    line: int
    values: list[set[str] | None] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.file.relative_to(ROOT)}:{self.line}"

    def keys(self, fallback: tuple[str, ...] | None = None) -> set[str] | None:
        slots = []
        for value in self.values:
            if value is None:
                if fallback is None:
                    return None
                value = set(fallback)
            slots.append(sorted(value))
        keys = set()
        for combination in itertools.product(*slots):
            values = iter(combination)
            keys.add("".join(part if isinstance(part, str) else next(values) for part in self.parts))
        return keys


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


class Resolver:
    """The values an expression in one source file can take (rule 4 of the module docstring)."""

    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.path = path
        self.tree = tree
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.functions: dict[str, list[ast.FunctionDef]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions.setdefault(node.name, []).append(node)

    # -------------------------------------------------------------- helpers

    def _ancestors(self, node: ast.AST):
        while node in self.parents:
            child, node = node, self.parents[node]
            yield child, node

    def _function_of(self, node: ast.AST):
        for _, parent in self._ancestors(node):
            if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return parent
        return None

    @staticmethod
    def _same(a: ast.AST, b: ast.AST) -> bool:
        return ast.dump(a) == ast.dump(b)

    @staticmethod
    def _strings(node: ast.AST) -> set[str] | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        return None

    # -------------------------------------------------------------- values of an expression

    def values(self, expr: ast.AST, depth: int = 0) -> set[str] | None:
        if depth > 8:
            return None
        found = self._strings(expr)
        if found is not None:
            return found
        if isinstance(expr, ast.IfExp):
            body, orelse = self.values(expr.body, depth + 1), self.values(expr.orelse, depth + 1)
            return None if body is None or orelse is None else body | orelse
        narrowed = self._narrowed(expr)
        if narrowed is not None:
            return narrowed
        if isinstance(expr, ast.Name):
            return self._name(expr.id, expr, depth)
        return None

    def _narrowed(self, expr: ast.AST) -> set[str] | None:
        """`if <expr> in ("a", "b"):` (or `== "a"`) around `expr`, in an if statement's body or a
        comprehension's condition."""
        for child, parent in self._ancestors(expr):
            tests = []
            if isinstance(parent, ast.If) and child in parent.body:
                tests = [parent.test]
            elif isinstance(parent, ast.IfExp) and child is parent.body:
                tests = [parent.test]
            elif isinstance(parent, ast.comprehension):
                tests = list(parent.ifs)
            elif isinstance(parent, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
                tests = [test for generator in parent.generators for test in generator.ifs]
            for test in tests:
                for clause in (test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)
                               else [test]):
                    if (isinstance(clause, ast.Compare) and len(clause.ops) == 1
                            and self._same(clause.left, expr)):
                        operator, right = clause.ops[0], clause.comparators[0]
                        if isinstance(operator, ast.In) and isinstance(right, ast.Tuple | ast.List | ast.Set):
                            strings = [self._strings(element) for element in right.elts]
                            if all(strings):
                                return set().union(*strings)
                        if isinstance(operator, ast.Eq) and self._strings(right):
                            return self._strings(right)
        return None

    def _name(self, name: str, at: ast.AST, depth: int) -> set[str] | None:
        # bound by an enclosing for loop or comprehension
        for child, parent in self._ancestors(at):
            generators = []
            if isinstance(parent, ast.For) and child in parent.body:
                generators = [(parent.target, parent.iter)]
            elif isinstance(parent, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
                generators = [(generator.target, generator.iter) for generator in parent.generators]
            for target, iterable in generators:
                if name in {node.id for node in ast.walk(target) if isinstance(node, ast.Name)}:
                    return self._bind(target, iterable, name, depth)
            if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                break
        function = self._function_of(at)
        if function is not None:
            if name in [argument.arg for argument in function.args.args + function.args.kwonlyargs]:
                nodes = self._parameter_nodes(function, name)
                if nodes is None:
                    return None
                values = [self.values(node, depth + 1) for node in nodes]
                return None if not values or any(value is None for value in values) else set().union(*values)
            assigned = [node.value for node in ast.walk(function) if isinstance(node, ast.Assign)
                        and any(isinstance(target, ast.Name) and target.id == name for target in node.targets)]
            if assigned:
                values = [self.values(node, depth + 1) for node in assigned]
                return None if any(value is None for value in values) else set().union(*values)
        return None

    def _bind(self, target: ast.AST, iterable: ast.AST, name: str, depth: int) -> set[str] | None:
        """The values `name` takes when `target` runs over `iterable`."""
        if isinstance(target, ast.Name):
            elements = self._elements(iterable, depth)
            if elements is None:
                return None
            values = set()
            for element in elements:
                if isinstance(element, str):
                    values.add(element)
                else:
                    found = self.values(element, depth + 1)
                    if found is None:
                        return None
                    values |= found
            return values
        if not isinstance(target, ast.Tuple | ast.List):
            return None
        position = next(index for index, element in enumerate(target.elts)
                        if name in {node.id for node in ast.walk(element) if isinstance(node, ast.Name)})
        if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name):
            if iterable.func.id == "enumerate" and position == 1 and iterable.args:
                return self._bind(target.elts[1], iterable.args[0], name, depth)
            if iterable.func.id == "zip" and position < len(iterable.args):
                return self._bind(target.elts[position], iterable.args[position], name, depth)
        elements = self._elements(iterable, depth)
        if elements is None:
            return None
        values = set()
        for element in elements:
            if not isinstance(element, ast.Tuple | ast.List) or len(element.elts) != len(target.elts):
                return None
            inner = target.elts[position]
            if isinstance(inner, ast.Name):
                found = self.values(element.elts[position], depth + 1)
            else:  # a nested tuple target: bind it to a one-element literal of that tuple
                found = self._bind(inner, ast.Tuple(elts=[element.elts[position]], ctx=ast.Load()), name, depth)
            if found is None:
                return None
            values |= found
        return values

    def _elements(self, iterable: ast.AST, depth: int) -> list | None:
        """What a loop over `iterable` yields: AST nodes, or strings read from an imported module."""
        if isinstance(iterable, ast.Tuple | ast.List | ast.Set):
            return list(iterable.elts)
        if isinstance(iterable, ast.Dict):
            return list(iterable.keys)
        if not isinstance(iterable, ast.Name):
            return None
        name = iterable.id
        function = self._function_of(iterable)
        if function is not None:
            if name in [argument.arg for argument in function.args.args + function.args.kwonlyargs]:
                nodes = self._parameter_nodes(function, name)
                if not nodes:
                    return None
                elements = []
                for node in nodes:
                    inner = self._elements(node, depth + 1)
                    if inner is None:
                        return None
                    elements += inner
                return elements
            assigned = [node.value for node in ast.walk(function) if isinstance(node, ast.Assign)
                        and any(isinstance(target, ast.Name) and target.id == name for target in node.targets)]
            if assigned:
                elements = []
                for node in assigned:
                    inner = self._elements(node, depth + 1)
                    if inner is None:
                        return None
                    elements += inner
                return elements
        try:  # a module-level name (assigned or imported): read it from the imported module
            value = getattr(importlib.import_module(_module_name(self.path)), name)
        except (ImportError, AttributeError):
            return None
        items = list(value.keys() if isinstance(value, dict) else value)
        return items if all(isinstance(item, str) for item in items) else None

    def _parameter_nodes(self, function, name: str) -> list[ast.AST] | None:
        """The default of parameter `name` and the literal arguments of every call of `function`
        in this file; None if some call passes it a value that is not a literal."""
        if isinstance(function, ast.Lambda):
            return None  # a lambda's calls cannot be found by name
        arguments = function.args
        positional = arguments.args
        index = [argument.arg for argument in positional].index(name) if name in [
            argument.arg for argument in positional] else None
        nodes: list[ast.AST] = []
        defaults = dict(zip([argument.arg for argument in positional[len(positional) - len(arguments.defaults):]],
                            arguments.defaults, strict=True))
        defaults.update({argument.arg: default for argument, default in zip(arguments.kwonlyargs,
                                                                             arguments.kw_defaults, strict=True)
                         if default is not None})
        if name in defaults:
            nodes.append(defaults[name])
        method = bool(positional) and positional[0].arg in ("self", "cls")
        for call in ast.walk(self.tree):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            by_attribute = isinstance(func, ast.Attribute) and func.attr == function.name
            if not (isinstance(func, ast.Name) and func.id == function.name) and not by_attribute:
                continue
            keyword = next((keyword.value for keyword in call.keywords if keyword.arg == name), None)
            if keyword is not None:
                nodes.append(keyword)
                continue
            if index is not None:
                offset = index - (1 if method and by_attribute else 0)
                if 0 <= offset < len(call.args):
                    argument = call.args[offset]
                    if isinstance(argument, ast.Starred):
                        return None
                    nodes.append(argument)
        return nodes


def _english_tables() -> set[str]:
    return {key.split(".")[0] for key in ui_locale("en").keys()}


def _is_key_head(text: str, tables: set[str]) -> bool:
    match = re.match(r"([a-z_]+)\.", text)
    return bool(match) and match.group(1) in tables


def scanned_files() -> list[Path]:
    return [path for path in sorted(GAME.rglob("*.py")) if path != RULES_TEXT]


def scan(paths: list[Path]) -> tuple[set[str], list[Dynamic]]:
    """The string constants of the code, and its dynamic keys with the values resolved from the code."""
    tables = _english_tables()
    literals: set[str] = set()
    dynamics: list[Dynamic] = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        resolver = Resolver(path, tree)
        for node in ast.walk(tree):
            parts = None
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = [value.value for value in node.values]  # a Constant's string, a FormattedValue's expression
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)
                  and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
                parts = [node.left.value, node.right]
            if not parts or not isinstance(parts[0], str) or not _is_key_head(parts[0], tables):
                continue
            template = "".join(part if isinstance(part, str) else "{}" for part in parts)
            dynamic = Dynamic(template, parts, path, node.lineno)
            dynamic.values = [resolver.values(part) for part in parts if not isinstance(part, str)]
            dynamics.append(dynamic)
    return literals, dynamics


@pytest.fixture(scope="module")
def scanned():
    return scan(scanned_files())


def test_the_scanner_reads_the_client_and_resolves_the_dynamic_keys_it_should(scanned):
    """The scanner itself, on the patterns the client uses today."""
    files = scanned_files()
    assert CLIENT / "scenes" / "title.py" in files and RULES_TEXT not in files
    assert GAME / "content" / "options.py" in files, "it raises the teacher options' own problem"
    _, dynamics = scanned
    resolved = {}
    for dynamic in dynamics:
        keys = dynamic.keys()
        if keys is not None:
            resolved.setdefault(dynamic.template, set()).update(keys)
    assert {"title.quick_game", "title.quit"} <= resolved["title.{}"]  # for index, name in enumerate(names)
    assert "pause.quit_to_title" in resolved["pause.{}"]  # zip(names, ...) in a dict comprehension
    assert resolved["settings.speed_{}"] == {f"settings.speed_{speed}" for speed in ("slow", "normal", "fast",
                                                                                     "instant")}  # an import
    assert "settings.window_size" in resolved["settings.{}"]  # a nested function's literal arguments
    assert resolved["action.preset_{}"] == {"action.preset_half_pot", "action.preset_pot", "action.preset_max"}
    assert resolved["setup.{}"] == {"setup.name", "setup.kind", "setup.firm"}  # tuples of tuples
    assert resolved["vendor.{}"] == {"vendor.nvidia", "vendor.amd"}  # a conditional expression


def test_every_dynamic_key_is_resolved_and_every_explicit_pattern_is_used(scanned):
    _, dynamics = scanned
    patterns = explicit()
    unresolved = [f"{dynamic.where}: {dynamic.template}" for dynamic in dynamics
                  if dynamic.keys() is None and dynamic.template not in patterns]
    assert not unresolved, ("keys built from values the scanner cannot list; resolve them in the code or add "
                            "the pattern to explicit() in this test:\n" + "\n".join(unresolved))
    templates = {dynamic.template for dynamic in dynamics}
    assert not set(patterns) - templates, f"explicit() patterns no code builds: {sorted(set(patterns) - templates)}"
    for template, path in EXPLICIT_SOURCES.items():
        source = path.read_text(encoding="utf-8")
        for value in patterns[template]:
            assert f'"{value}"' in source, f"{template}: {value!r} no longer appears in {path.relative_to(ROOT)}"


def reachable_keys(scanned) -> set[str]:
    literals, dynamics = scanned
    patterns = explicit()
    keys = set(literals)
    for dynamic in dynamics:
        keys |= dynamic.keys(patterns.get(dynamic.template)) or set()
    return keys


def test_every_key_of_the_english_locale_is_used_by_the_code(scanned):
    english = ui_locale("en").keys()
    unused = sorted(english - reachable_keys(scanned))
    by_file = {}
    for path in sorted((UI_LOCALE_DIR / "en").glob("*.toml")):
        for key in sorted(_flat_keys(path) & set(unused)):
            by_file.setdefault(path.name, []).append(key)
    assert not unused, "keys no code can reach (scanner rules in this test's docstring):\n" + "\n".join(
        f"ui/en/{name}: {', '.join(keys)}" for name, keys in by_file.items())


def test_every_key_the_code_builds_exists_in_english(scanned):
    """The other way round: a dynamic key the code can build must have a text (a crash otherwise)."""
    _, dynamics = scanned
    patterns = explicit()
    english = ui_locale("en").keys()
    optional = {"setup.bots.{}"}  # setup.personality_name falls back to the bot's id for a bot with no text
    missing = []
    for dynamic in dynamics:
        if dynamic.template in optional:
            continue
        keys = dynamic.keys(patterns.get(dynamic.template)) or set()
        missing += [f"{dynamic.where}: {key}" for key in sorted(keys - english)]
    assert not missing, "\n".join(missing)


# --------------------------------------------------------------------------- (d) German on the table

ENGLISH_MONEY = re.compile(r"\$\d[\d,]*M\b")  # "$1,234M"


def _rendered_texts(app, monkeypatch) -> list[str]:
    """Every text the theme renders while the app draws one frame."""
    from game.client.theme import Theme

    texts: list[str] = []
    original = Theme.text

    def recording(self, text, *args, **kwargs):
        texts.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(Theme, "text", recording)
    app.theme._text_cache.clear()
    app.draw()
    return texts


def test_a_german_table_shows_german_money_numbers_and_words(home, monkeypatch):
    from game.client.scenes.table import TableScene

    app = make_app(home, language="de")
    players = [SeatPlayer("Ada"), SeatPlayer("Bot A", "steady"), SeatPlayer("Bot B", "aggressive")]
    session = Session.new(load_scenario("classic"), players, 5)
    app.push(TableScene(app, session))
    pump(app, 3)
    scene = app.scene
    assert "sit_in" in scene.buttons, "Ada's first decision: sit in or sit out"
    drawn = _rendered_texts(app, monkeypatch)
    buttons = [button.text for button in scene.buttons.values()]
    tips = [region[1] for region in scene.view.hover.regions]  # (rect, text, ...)
    shown = drawn + buttons + tips

    assert "Pot 1.500 Mio. $" in drawn
    assert "Tischeinsatz 500 Mio. $" in drawn
    assert drawn.count("7.200 Mio. $") == 3, "every seat's cash"
    assert "Nvidia H100 SXM: 50.000 $ je H100e" in drawn
    assert any("Mio. $" in label and "[I]" in label for label in buttons)
    assert any(tip.startswith("Der KI-Markt dieses Jahres") for tip in tips)
    assert "Bot A (Bot: Beständig)" in drawn, "bot personalities by their German name"
    english_money = [text for text in shown if ENGLISH_MONEY.search(text)]
    assert not english_money, english_money
    english_only = {ui_locale("en").get(key) for key in ui_locale("en").keys()} - {
        ui_locale("de").get(key) for key in ui_locale("de").keys()}
    assert not [text for text in shown if text in english_only], "English words on a German table"

    # the log and the showdown: decimals with a comma, thousands with a dot
    from game.client.log_lines import log_line
    from game.core import events as ev

    lines = []
    names = [player.name for player in players]
    while not session.is_over:
        step = session.apply(_passive(session)) if session.is_human_turn else session.bot_step()
        lines += [log_line(event, session.state.scenario, names) for event in step.events]
        if any(isinstance(event, ev.CardsShown) for event in step.events):
            break
    shows = [line for line in lines if line and " zeigt " in line]
    assert shows and all(re.search(r"Fähigkeit \d+,\d\.$", line) for line in shows), shows
    assert not [line for line in lines if line and ENGLISH_MONEY.search(line)]


def _passive(session):
    """Ada's most passive legal move: sit in, check or call (so the year reaches its showdown)."""
    from game.core import Action

    legal = session.legal()
    if "sit_out" in legal.kinds:
        return Action("sit_in") if legal.can_sit_in else Action("sit_out")
    if legal.can_check:
        return Action("check")
    return Action("call") if legal.can_call else Action("fold")


# --------------------------------------------------------------------------- (e) the system's language


def test_without_a_settings_file_the_language_follows_the_system_locale(home, monkeypatch):
    from game.client.settings import Settings

    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    settings, warning = Settings.load(home)
    assert warning is None and not (home / "settings.json").exists()
    assert settings.language == "de" and Settings().language == "de"
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")  # LC_ALL wins over LANG
    assert Settings().language == "en"
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # a language the client does not speak: English
    assert Settings().language == "en"


def _choose(app, menu, option_id: str) -> None:
    click(app, menu)
    listing = menu.menu_states["expanded"].options_selection_list
    text = next(text for text, ident in menu.options_list if ident == option_id)
    button = next(item["button_element"] for item in listing.item_list
                  if item["text"] == text and item["button_element"] is not None)
    click(app, button)


def test_the_settings_scene_switches_the_language_and_keeps_it(home, monkeypatch):
    from game.client.app import App
    from game.client.scenes.settings import SettingsScene
    from game.client.scenes.title import TitleScene
    from game.client.settings import Settings

    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    settings, _ = Settings.load(home)
    app = App(settings.replace(animation_speed="instant", bot_delay=0.0, sound=False), data_dir=home, idle_poll=0)
    pygame.event.clear()
    app.push(TitleScene(app))
    pump(app, 2)
    assert app.scene.buttons["new_game"].text == "Neues Spiel"
    assert pygame.display.get_caption()[0] == "Table Stakes"
    click(app, app.scene.buttons["settings"])
    scene = app.scene
    assert isinstance(scene, SettingsScene)
    assert scene.language_menu.selected_option[0] == "Deutsch"
    _choose(app, scene.language_menu, "en")
    assert i18n.language() == "de", "nothing changes before Apply"
    click(app, scene.apply_button)
    assert i18n.language() == "en" and app.settings.language == "en"
    assert scene.note == "Saved: the new settings are in use."
    assert scene.language_menu.selected_option[0] == "English"
    assert Settings.load(home)[0].language == "en", "kept for the next start, whatever the system says"
    app.pop()
    pump(app, 2)
    assert app.scene.buttons["new_game"].text == "New game", "the title was laid out again in English"

    click(app, app.scene.buttons["settings"])
    _choose(app, app.scene.language_menu, "de")
    click(app, app.scene.apply_button)
    assert app.scene.note == "Gespeichert: Die neuen Einstellungen gelten jetzt."
    assert Settings.load(home)[0].language == "de"
