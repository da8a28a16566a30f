"""The teacher pack (issue 14): docs/unterricht/ in German, docs/teaching/ in English.

Both packs have the same pages; the lesson plans' timings add up to the lesson; every link and
chart a page names exists; the printable HTML is what docs/unterricht/build.py makes of the
Markdown now (so a page edited without a rebuild fails) and loads nothing from the internet; the
German pages speak to teachers with "Sie" and to students with "du"; and the corrected figures
keep their sources in the scenario files.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from test_terms import STUDENT_PAGES, TEACHING, UNTERRICHT, register_problems

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "assets" / "scenarios"


def load_build():
    spec = importlib.util.spec_from_file_location("pack_build", UNTERRICHT / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return load_build()


def test_the_packs_list_the_same_pages_in_both_languages(build):
    for lang, (folder, _, _, names) in build.PACKS.items():
        assert sorted(path.name for path in folder.glob("*.md")) == sorted(names), lang
    assert len(build.PACKS["de"][3]) == len(build.PACKS["en"][3]) >= 9


def timings(page: Path) -> list[tuple[int, int]]:
    """The (start, end) minutes of a lesson plan's table rows ("| 5–11 | Regeln | …")."""
    return [(int(start), int(end)) for start, end in
            re.findall(r"^\| (\d+)–(\d+) \|", page.read_text(encoding="utf-8"), re.MULTILINE)]


@pytest.mark.parametrize(("page", "minutes"), [
    (UNTERRICHT / "stunde-45.md", 45), (UNTERRICHT / "stunde-90.md", 90),
    (TEACHING / "lesson-45.md", 45), (TEACHING / "lesson-90.md", 90)])
def test_a_lesson_plan_runs_from_the_first_minute_to_the_bell_without_gaps(page, minutes):
    rows = timings(page)
    assert rows[0][0] == 0 and rows[-1][1] == minutes
    assert all(end == next_start for (_, end), (next_start, _) in zip(rows, rows[1:], strict=False))
    rules = [end - start for (start, end), line in zip(rows, re.findall(r"^\| \d+–\d+ \| ([^|]+)\|",
             page.read_text(encoding="utf-8"), re.MULTILINE), strict=True) if line.strip() in ("Regeln", "Rules")]
    assert rules and 5 <= rules[0] <= 8, "the rules take 5 to 8 minutes"


def test_every_link_and_chart_of_a_page_exists(build):
    for folder, _, _, names in build.PACKS.values():
        for name in names:
            text = (folder / name).read_text(encoding="utf-8")
            for target in re.findall(r"\]\(([^)#]+)\)", text):
                assert not target.startswith("http"), f"{name}: the pack works offline: {target}"
                assert (folder / target).exists(), f"{folder.name}/{name}: {target} is missing"


def test_the_printable_html_is_built_from_the_pages_as_they_are(build):
    """Rebuild every page's HTML in memory and compare: docs/unterricht/build.py was run."""
    for lang, (folder, all_name, _, names) in build.PACKS.items():
        pages = []
        for name in names:
            text = (folder / name).read_text(encoding="utf-8")
            page = build.page_html(text)
            pages.append(page)
            html = (folder / "html" / f"{Path(name).stem}.html").read_text(encoding="utf-8")
            assert page in html, f"{folder.name}/html/{Path(name).stem}.html is older than {name}: run build.py"
        everything = (folder / "html" / all_name).read_text(encoding="utf-8")
        assert all(page in everything for page in pages)
        assert everything.count('<section class="page">') == len(names)
        assert f'<html lang="{lang}">' in everything


def test_the_html_loads_nothing_from_the_internet_and_finds_its_font_and_charts(build):
    for folder, all_name, _, _ in build.PACKS.values():
        html = (folder / "html" / all_name).read_text(encoding="utf-8")
        assert "<script" not in html and "<link" not in html
        sources = re.findall(r'(?:src|url)\(?="?([^")]+)"?', html)
        assert sources and not [source for source in sources if source.startswith(("http:", "https:", "//"))]
        for source in sources:
            assert (folder / "html" / source).resolve().exists(), source


def test_the_student_handout_fits_one_page():
    for page in (UNTERRICHT / "handout.md", TEACHING / "handout.md"):
        assert len(page.read_text(encoding="utf-8").split()) <= 600, page


def test_the_teacher_pack_says_sie_to_teachers_and_du_to_students():
    pages = sorted(UNTERRICHT.glob("*.md"))
    assert {page.name for page in pages} >= set(STUDENT_PAGES)
    problems = []
    for page in pages:
        reader = "player" if page.name in STUDENT_PAGES else "teacher"
        for number, paragraph in enumerate(page.read_text(encoding="utf-8").split("\n\n")):
            problems += register_problems(f"{page.name} ¶{number}", paragraph, reader)
    assert not problems, "\n".join(problems)


def test_the_45_minute_preparation_check_is_written_down():
    for page in (UNTERRICHT / "vorbereitung.md", TEACHING / "preparation-check.md"):
        text = page.read_text(encoding="utf-8")
        steps = re.findall(r"^\| (\d+) \|", text, re.MULTILINE)
        assert [int(step) for step in steps] == list(range(1, len(steps) + 1)) and len(steps) >= 6, page


@pytest.mark.parametrize(("file", "figure", "source"), [
    ("export-controls.toml", "chip ≈ $12–15k", "dunyanews.tv"),  # the H20 card's price, Reuters Feb 2024
    ("export-controls.toml", "blocked AMD's MI308", "amd-expects-800m-charge"),  # AMD's SEC filing, Apr 2025
    ("seed-2024.toml", "about $230–250B", "[S69][S70][S72]"),
    ("seed-2024.toml", "Dec 2024 (HBM and chip-making tools)", "[S105]"),
    ("seed-2024.toml", "planned to spend > $1B (Jan 2024)", "[S1][S3]"),
    ("classic.toml", "a balance setting, not data", "[S62]"),
])
def test_every_corrected_figure_keeps_its_source(file, figure, source):
    text = (SCENARIOS / file).read_text(encoding="utf-8")
    position = text.find(figure)
    assert position >= 0, f"{file}: {figure!r}"
    assert source in text[max(0, position - 400):position + 400], f"{file}: {figure!r} lost its source {source}"
