"""`python main.py --check-scenario FILE` (issue #5): a summary and exit status 0 for a good file;
for a broken one the file, the field, the problem and how to fix it, exit status 2, no traceback.
And the field reference behind the hints covers every field the parser reads, as does
docs/scenarios.md."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.content import list_scenarios, load_scenario
from game.content.check import DOCS, FIELDS, field_help, how_to_fix
from game.core import ScenarioError
from game.core import scenario as core_scenario
from game.core.scenario import CONDITION_TESTS
from test_scenario_files import BROKEN, BROKEN_DIR

ROOT = Path(__file__).resolve().parents[1]
FALLBACK = f"see {DOCS}"


def run(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)


def check(capsys, path) -> tuple[int, str]:
    status = main(["--check-scenario", str(path)])
    out = capsys.readouterr()
    assert out.err == ""
    return status, out.out


def test_a_good_file_gets_a_summary_and_status_0():
    out = run("--check-scenario", "assets/scenarios/export-controls.toml")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == 'assets/scenarios/export-controls.toml: OK — "Export controls" / "Exportkontrollen" ' \
                       '(id export-controls)'
    text = out.stdout
    for words in ("2023–2028 (6 years)", "8 (4 export-restricted)", "$400M in 2023 → $7,558M in 2028",
                  "35 % of every stake", "12 flagships, 10 export-grade", "they count 3 years",
                  "41 R&D cards", "24 market events", "5 in English, 5 in German"):
        assert words in text, words


@pytest.mark.parametrize("name", list_scenarios())
def test_every_shipped_scenario_checks_out(capsys, name):
    status, text = check(capsys, name)
    assert status == 0 and text.startswith(f"{name}: OK"), text


def test_a_teachers_own_copy_is_summarised(capsys, tmp_path):
    source = (ROOT / "assets" / "scenarios" / "classic.toml").read_text(encoding="utf-8")
    mine = tmp_path / "my-class.toml"
    shorter = source.replace('id = "classic"', 'id = "my-class"').replace("last = 2030", "last = 2026")
    shorter = shorter.replace("[0.55, 0.70, 0.85, 0.85, 0.85, 0.85, 0.85]", "[0.55, 0.70, 0.85]")
    mine.write_text(shorter, encoding="utf-8")
    status, text = check(capsys, mine)  # the chips of 2027-2030 are still listed
    assert status == 2 and "field:      market.chips[3].year" in text and "must be at most 2026, got 2027" in text
    assert "how to fix: remove the chips of the years after years.last" in text

    chips = [line for line in shorter.splitlines() if "vendor = " in line and "year = " in line]
    for line in chips:
        if int(re.search(r"year = (\d+)", line).group(1)) > 2026:
            shorter = shorter.replace(line + "\n", "")
    mine.write_text(shorter.replace("enabled = false", "enabled = true"), encoding="utf-8")
    status, text = check(capsys, mine)
    assert status == 0, text
    assert "(id my-class)" in text and "2024–2026 (3 years)" in text and "opex:       on, $1,500 per H100e" in text


@pytest.mark.parametrize("file_name, field, words", BROKEN, ids=[case[0].removesuffix(".toml") for case in BROKEN])
def test_a_broken_file_names_the_field_the_problem_and_how_to_fix_it(capsys, file_name, field, words):
    status, text = check(capsys, BROKEN_DIR / file_name)
    assert status == 2
    lines = text.splitlines()
    assert lines[0] == f"{file_name}: the scenario has a problem and was not loaded"
    assert f"  file:       {BROKEN_DIR / file_name}" in lines
    shown = "(the file itself)" if field in ("(file)", "(syntax)") else field
    assert f"  field:      {shown}" in lines
    flat = " ".join(line.strip() for line in lines)
    for word in words:
        assert word.casefold() in flat.casefold(), word
    assert "how to fix: " in flat and "Traceback" not in flat


def test_a_long_path_stays_on_one_line_so_it_can_be_copied(capsys, tmp_path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 4)
    deep.mkdir(parents=True)
    broken = deep / "export_restricted_without_export_chip.toml"
    broken.write_text((BROKEN_DIR / broken.name).read_text(encoding="utf-8"), encoding="utf-8")
    status, text = check(capsys, broken)
    assert status == 2
    assert f"  file:       {broken}" in text.splitlines()


@pytest.mark.parametrize("file_name, field, words", BROKEN, ids=[case[0].removesuffix(".toml") for case in BROKEN])
def test_every_kind_of_problem_has_its_own_hint(file_name, field, words):
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BROKEN_DIR / file_name)
    hint = how_to_fix(caught.value)
    assert not hint.startswith(FALLBACK), f"{file_name}: only the generic hint for {caught.value.problem!r}"
    assert "{" not in hint.replace("{ ", "").replace("[{", ""), f"an unfilled placeholder in {hint!r}"


def test_hints_quote_the_field_its_range_and_an_example():
    error = ScenarioError("t.toml", "market.chips[1].h100e", "must be at least 0.001, got 0.0")
    assert how_to_fix(error) == "use a value inside the allowed range: 0.001 to 1000."
    error = ScenarioError("t.toml", "firms[3].cash", "must be a whole number, got the text 'lots'")
    assert how_to_fix(error) == "write a whole number, without quotes or a decimal point, e.g. cash = 6000."
    error = ScenarioError("t.toml", "rules.betting", "is missing")
    assert how_to_fix(error) == 'add the field in rules: betting = "no_limit".'


def test_a_missing_file_and_an_unknown_name_get_status_2_and_no_traceback():
    out = run("--check-scenario", "no/such/file.toml")
    assert out.returncode == 2 and "Traceback" not in out.stdout + out.stderr
    assert out.stdout.splitlines()[:3] == [
        "no/such/file.toml: the scenario has a problem and was not loaded",
        "  field:      (the file itself)",
        "  problem:    no such file",
    ]
    assert "how to fix: check the file's name and folder" in out.stdout
    out = run("--check-scenario", "clasic")
    assert out.returncode == 2 and "no such scenario" in out.stdout and "classic" in out.stdout


def test_a_syntax_error_is_explained_without_a_traceback():
    out = run("--check-scenario", str(BROKEN_DIR / "invalid_syntax.toml"))
    assert out.returncode == 2 and "Traceback" not in out.stdout + out.stderr
    assert "not valid TOML" in out.stdout and "line 43" in out.stdout and "how to fix: fix the line named" in out.stdout


# --------------------------------------------------------------------------- the field reference

def fields_the_parser_reads(monkeypatch) -> set[str]:
    """Every field path (without list indices) the parser reads from the shipped scenarios, plus
    the optional ones those files leave out, found by watching `_Table.raw`."""
    seen: set[str] = set()
    original = core_scenario._Table.raw

    def watching(table, key, *args):
        seen.add(re.sub(r"\[\d+\]", "", table.where(key)))
        return original(table, key, *args)

    monkeypatch.setattr(core_scenario._Table, "raw", watching)
    for name in list_scenarios():
        load_scenario(name)
    return seen


def test_the_field_reference_covers_every_field_the_parser_reads(monkeypatch):
    read = fields_the_parser_reads(monkeypatch)
    missing = sorted(path for path in read if field_help(path) is None)
    assert not missing, f"fields with no entry in game.content.check.FIELDS: {missing}"
    for optional in ("firms.export_restricted", "market.chips.tier", "rd_cards.copies", "rules.compute_weight"):
        assert optional in read


def test_docs_scenarios_md_documents_every_field():
    docs = (ROOT / DOCS).read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z0-9_]+(?:\.[a-z0-9_]+)*)`", docs))
    tests = {f"{where}.{test}" for where in ("rd_cards.condition", "events.effects.condition")
             for test in CONDITION_TESTS}
    missing = sorted(path for path in FIELDS if path not in tests and path not in documented)
    assert not missing, f"fields not in {DOCS}: {missing}"
    for test in CONDITION_TESTS:
        assert f"`{test}`" in docs, test


@pytest.mark.parametrize("path", ["assets/scenarios/export-controls.toml",
                                  "tests/data/broken_scenarios/short_schedule.toml"])
def test_the_examples_in_docs_scenarios_md_are_what_the_command_prints(path):
    out = run("--check-scenario", path)
    assert out.stdout.rstrip("\n") in (ROOT / DOCS).read_text(encoding="utf-8")
