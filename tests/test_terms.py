"""One name for each thing, one register for each reader (docs/terms.md, issue 14).

The term list in docs/terms.md is the single source: its tables give each term in English and
German and the variants no text may use. These tests read every text a player, a teacher or a
student sees — the locale files, the scenario files' English and German texts and the teacher
pack — and fail on a banned variant, on a German text that mixes "Sie" and "du", and on a text
that addresses its reader in the wrong register.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "docs" / "terms.md"
LOCALE = ROOT / "assets" / "locale"
SCENARIOS = ROOT / "assets" / "scenarios"
UNTERRICHT = ROOT / "docs" / "unterricht"
TEACHING = ROOT / "docs" / "teaching"
STUDENT_PAGES = ("handout.md", "arbeitsblatt.md")  # docs/terms.md, "Register"

# Formal address: "Sie"/"Ihnen"/"Ihr…" written in capitals where no sentence starts (a capital
# "Sie" after a full stop or a colon may be "they"). Informal address: any form of "du".
FORMAL = re.compile(r"(?<![.!?:;„“\"»—–(]\s)(?<![.!?:;„“\"»—–(])(?<!^)\b(Sie|Ihnen|Ihre?[mnrs]?)\b", re.MULTILINE)
INFORMAL = re.compile(r"\b([Dd]u|[Dd]ich|[Dd]ir|[Dd]eine?[mnrs]?|[Ee]uch|[Ee]ure?[mnrs]?)\b")
QUOTED = re.compile(r"„[^“]*“|\"[^\"]*\"")  # what someone says may be in the other register


def term_tables(text: str) -> list[dict[str, str]]:
    """The rows of every term table in docs/terms.md, keyed by the tables' column names."""
    rows, header = [], None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
        elif not set("".join(cells)) <= set("-: "):
            rows.append(dict(zip(header, cells, strict=True)))
    return rows


def banned_patterns(column: str) -> list[tuple[str, re.Pattern]]:
    out = []
    for row in term_tables(TERMS.read_text(encoding="utf-8")):
        for variant in filter(None, (part.strip() for part in row[column].split(";"))):
            body = r"\w*".join(re.escape(piece) for piece in variant.split("…"))
            out.append((variant, re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)))
    return out


def strings(data, path: str = ""):
    """Every string in parsed TOML with its dotted key."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, f"{path}.{key}" if path else key)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value, path)
    elif isinstance(data, str):
        yield path, data


def scenario_texts(lang: str):
    """The texts of every scenario file in one language: titles, notes, card and event names."""
    for file in sorted(SCENARIOS.glob("*.toml")):
        for key, value in strings(tomllib.loads(file.read_text(encoding="utf-8"))):
            if key.split(".")[-1] == lang:
                yield f"{file.name}:{key}", value


def locale_texts(lang: str):
    files = [LOCALE / f"{lang}.toml", *sorted((LOCALE / "ui" / lang).glob("*.toml"))]
    for file in files:
        for key, value in strings(tomllib.loads(file.read_text(encoding="utf-8"))):
            yield f"{file.relative_to(LOCALE)}:{key}", value


def doc_texts(lang: str):
    folder, others = (UNTERRICHT, [ROOT / "docs" / "netzwerk.md"]) if lang == "de" else (TEACHING, [])
    for file in [*sorted(folder.glob("*.md")), *others]:
        yield str(file.relative_to(ROOT)), file.read_text(encoding="utf-8")


WEB_TEXTS = ROOT / "assets" / "web" / "i18n.js"


def web_texts(lang: str):
    """The browser client's texts in one language: the `"key": "text"` lines of its `lang` blocks."""
    block = None
    for number, line in enumerate(WEB_TEXTS.read_text(encoding="utf-8").splitlines(), 1):
        if found := re.match(r"^  (en|de): \{", line):
            block = found.group(1)
        elif found := re.match(r'^\s+"([\w.]+)": "(.*)",?$', line):
            if block == lang:
                yield f"assets/web/i18n.js:{number}:{found.group(1)}", found.group(2)


def texts(lang: str):
    yield from locale_texts(lang)
    yield from scenario_texts(lang)
    yield from doc_texts(lang)
    yield from web_texts(lang)


def test_the_browser_client_s_texts_are_read_in_both_languages():
    german, english = dict(web_texts("de")), dict(web_texts("en"))
    assert len(german) > 200 and len(english) > 200
    assert any(text == "Kapital aufnehmen" for text in german.values())


def test_the_term_list_names_each_term_in_both_languages_and_bans_some_variants():
    rows = term_tables(TERMS.read_text(encoding="utf-8"))
    assert len(rows) >= 30
    assert all(row["English"] and row["Deutsch"] for row in rows)
    german = {row["Deutsch"] for row in rows}
    for term in ("Wertung", "Nettovermögen", "Rennmodus", "Einkommen", "Kapital aufnehmen", "Basismarkt",
                 "Marktkonzentration", "Gefangenendilemma", "Opportunitätskosten", "Grenzkosten",
                 "Liquidationspräferenz"):
        assert term in german
    assert len(banned_patterns("not (German)")) >= 20


@pytest.mark.parametrize(("lang", "column"), [("de", "not (German)"), ("en", "not (English)")])
def test_no_text_uses_a_banned_variant(lang, column):
    patterns = banned_patterns(column)
    found = [f"{where}: {variant!r} in {text[:90]!r}" for where, text in texts(lang)
             for variant, pattern in patterns if pattern.search(text)]
    assert not found, "use the term from docs/terms.md:\n" + "\n".join(found)


def test_the_pattern_matches_whole_words_and_endings():
    patterns = dict(banned_patterns("not (German)"))
    assert patterns["Einnahmen"].search("die Einnahmen steigen")
    assert not patterns["Finanzieren"].search("eine Finanzierungsrunde")
    assert not patterns["Wettrennen"].search("das KI-Rennen")
    assert patterns["Wettrennen"].search("das KI-Wettrennen")
    assert patterns["Grundmärkte"].search("die grundmärkte plus")


def teacher_key(key: str) -> bool:
    """The locale keys written for the teacher (docs/terms.md, "Register")."""
    key = key.split(":", 1)[1]
    return key.startswith(("host.", "bot_files.", "startup.")) or key in ("title.tip_host_table", "net.unknown_bot")


def register_problems(where: str, text: str, reader: str) -> list[str]:
    """'teacher' reads Sie, 'player' reads du; what someone is quoted as saying does not count."""
    said = QUOTED.sub("", text)
    formal, informal = FORMAL.search(said), INFORMAL.search(said)
    if reader == "teacher" and informal:
        return [f"{where}: says {informal.group(0)!r} to a teacher: {text[:100]!r}"]
    if reader == "player" and formal:
        return [f"{where}: says {formal.group(0)!r} to a player: {text[:100]!r}"]
    return []


def test_german_locale_says_du_to_players_and_sie_to_teachers():
    problems = [problem for where, text in locale_texts("de")
                for problem in register_problems(where, text, "teacher" if teacher_key(where) else "player")]
    assert not problems, "\n".join(problems)


def test_scenario_notes_speak_to_the_teacher():
    problems = [problem for where, text in scenario_texts("de") if ".notes." in where or where.endswith("notes.de")
                for problem in register_problems(where, text, "teacher")]
    notes = [where for where, _ in scenario_texts("de") if "notes" in where]
    assert len(notes) >= 6 * 5
    assert not problems, "\n".join(problems)


def test_the_register_check_catches_a_mix():
    assert register_problems("x", "Klicken Sie auf Start, dann wählst du ein Team.", "teacher")
    assert register_problems("x", "Wähle ein Team. Danach können Sie starten.", "player")
    assert not register_problems("x", "Sagen Sie: „Du hast 30 Sekunden.“", "teacher")
    assert not register_problems("x", "Die Investoren übernehmen: Sie scheidet aus.", "player")


def test_every_scenario_has_as_many_german_notes_as_english_ones():
    for file in sorted(SCENARIOS.glob("*.toml")):
        notes = tomllib.loads(file.read_text(encoding="utf-8"))["notes"]
        assert len(notes["en"]) == len(notes["de"]), file.name
