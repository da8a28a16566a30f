"""Refusals and problems from outside the client, said in the UI language.

The rules core, the session's saves, the debrief and the scenario parser raise errors whose
English sentence is fixed: the command line, bots, logs and tests read it. Each such error also
carries a core `Problem` (its `reason`): a stable key, which is a key of the UI locale
(assets/locale/ui/<lang>/problems.toml), and the values the sentence is built from. `describe`
fills that phrase in the UI language:

- `Money` values ($M) as money ("$1,200M" / "1.200 Mio. $"); other floats with the language's
  decimal sign, as written ("0.5" / "0,5"); whole numbers and texts as they are;
- a value named `kind` (an action kind) as the action's verb, `kinds` as a list of verbs;
  another tuple as a list of names;
- a nested `Problem` (a clause, e.g. the rule behind a refusal) in the same language.

An error without a `Problem`, or whose key the locale lacks, is shown by its English sentence.
"""

from __future__ import annotations

from typing import Any

from game.content.locale import ui_locale
from game.content.saves import SaveError
from game.content.text import load_locale, money
from game.core import Money, Problem, ScenarioError
from game.core.actions import ALL_IN, BET, CALL, CHECK, FOLD, RAISE, RAISE_FUNDS, SET_MIX, SIT_IN, SIT_OUT

from .i18n import language

VERBS = {
    FOLD: "refusal_verb.fold", CHECK: "refusal_verb.check", CALL: "refusal_verb.call", BET: "refusal_verb.bet",
    RAISE: "refusal_verb.raise", ALL_IN: "refusal_verb.all_in", SET_MIX: "refusal_verb.set_mix",
    RAISE_FUNDS: "refusal_verb.raise_funds", SIT_IN: "refusal_verb.sit_in", SIT_OUT: "refusal_verb.sit_out",
}


def describe(error: BaseException | Problem, lang: str | None = None, *, source: str | None = None) -> str:
    """What a screen shows for `error`, in `lang` (default: the UI language).

    For a `SaveError` (a save or hand history that cannot be read, replayed or written) that is its problem alone,
    as `error.problem` is: the screens name the file themselves. For a `ScenarioError` it is the
    whole message, source and field included (`source` replaces the source, e.g. to say "custom"
    in the UI language); for any other error, its whole message.
    """
    lang = lang or language()
    if isinstance(error, Problem):
        return say(error, lang)
    reason = getattr(error, "reason", None)
    english = error.problem if isinstance(error, SaveError) else str(error)
    if not isinstance(reason, Problem) or not _has(reason.key, lang):
        return english
    if not isinstance(error, ScenarioError):
        return say(reason, lang)
    frame = "scenario_problem.in_file" if error.field in ScenarioError.WHOLE_FILE else "scenario_problem.in_field"
    return ui_locale(lang).text(frame, source=error.source if source is None else source, field=error.field,
                                problem=lambda: say(reason, lang))


def system_reason(error: SaveError) -> str:
    """What the system said when a file could not be written (e.g. "No space left on device"): the
    `why` of its problem, in the system's words; the whole problem if it has none."""
    values = dict(error.reason.values) if error.reason is not None else {}
    return str(values.get("why", error.problem))


def say(problem: Problem | str, lang: str) -> str:
    """`problem` in `lang`: its phrase filled with its values (its English if the locale has no phrase)."""
    if not isinstance(problem, Problem):
        return problem
    if not _has(problem.key, lang):
        return problem.english
    values = {name: (lambda name=name, value=value: _shown(name, value, lang)) for name, value in problem.values}
    return ui_locale(lang).text(problem.key, **values)


def _has(key: str, lang: str) -> bool:
    return key in ui_locale(lang).keys()


def _shown(name: str, value: Any, lang: str) -> str:
    if isinstance(value, Problem):
        return say(value, lang)
    if isinstance(value, Money):
        return money(value, lang)
    if name == "kind":
        return _verb(value, lang)
    if name == "kinds":
        return ", ".join(_verb(kind, lang) for kind in value)
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float):
        return str(value).replace(".", load_locale(lang).get("format.decimal"))
    return str(value)


def _verb(kind: str, lang: str) -> str:
    key = VERBS.get(kind)
    return ui_locale(lang).text(key) if key is not None else str(kind)
