"""Build the printable teacher packs: docs/unterricht/ (German) and docs/teaching/ (English).

    .venv/bin/python docs/unterricht/build.py          # HTML (and the example debrief charts)
    .venv/bin/python docs/unterricht/build.py --pdf    # also a PDF of each pack, with Chromium

Each pack's Markdown pages become print-ready HTML in its html/ folder: one file per page and
one with every page (alles.html / all.html), each page starting on a new A4 sheet. The HTML
needs nothing from the internet: the stylesheet is inline and the font is the game's own
DejaVu Sans, linked from assets/fonts. Markdown is converted with python-markdown (the [docs]
extra in pyproject.toml). The example charts the debrief script walks through come from one
bot game of classroom-45 with a fixed seed, exported by the game's own debrief (German charts
into docs/unterricht/beispiel/, English ones into docs/teaching/example/).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# (folder, language, the page with every page, the folder of the example charts), pages in order
PACKS = {
    "de": (ROOT / "docs" / "unterricht", "alles.html", "beispiel",
           ("README.md", "lernziele.md", "stunde-45.md", "stunde-90.md", "technik.md", "handout.md",
            "arbeitsblatt.md", "nachbesprechung.md", "diskussion.md", "vorbereitung.md")),
    "en": (ROOT / "docs" / "teaching", "all.html", "example",
           ("README.md", "learning-goals.md", "lesson-45.md", "lesson-90.md", "setup.md", "handout.md",
            "worksheet.md", "debrief-script.md", "discussion.md", "preparation-check.md")),
}
EXAMPLE_SEED = 7
EXAMPLE_BOTS = ("aggressive", "steady", "cautious", "random")
EXAMPLE_TEAMS = {"de": ("Team Rot", "Team Blau", "Team Gelb", "Team Grün"),
                 "en": ("Team Red", "Team Blue", "Team Yellow", "Team Green")}
EXAMPLE_CHARTS = ("score", "ownership", "compute", "money_flow", "concentration")

STYLE = """
@font-face { font-family: "DejaVu Sans"; src: url("../../../assets/fonts/DejaVuSans.ttf"); }
@font-face { font-family: "DejaVu Sans"; font-weight: bold; src: url("../../../assets/fonts/DejaVuSans-Bold.ttf"); }
@page { size: A4; margin: 16mm 15mm 16mm 15mm; }
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.42; color: #222; }
body { max-width: 180mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 8pt; border-bottom: 2px solid #2b6e4f; padding-bottom: 3pt; }
h2 { font-size: 12.5pt; margin: 13pt 0 5pt; color: #1d4d37; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
p, li { margin: 0 0 5pt; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 9pt; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 3pt 5pt; vertical-align: top; text-align: left; }
th { background: #e8f1ec; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; background: #f3f3f3; }
pre { background: #f3f3f3; padding: 5pt; white-space: pre-wrap; font-size: 8.5pt; }
img { max-width: 100%; }
img.chart { display: block; width: 150mm; margin: 4pt auto 8pt; border: 1px solid #ccc; }
a { color: #1d4d37; }
.page { page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
@media screen { body { margin: 12mm auto; } .page { border-bottom: 1px dashed #aaa; padding-bottom: 10mm;
  margin-bottom: 10mm; } }
"""


def page_html(text: str) -> str:
    """One Markdown page as HTML: tables, lists, links to the other pages' HTML, charts as images."""
    body = markdown.markdown(text, extensions=["tables", "sane_lists", "fenced_code"], output_format="html")
    body = body.replace('.md"', '.html"').replace('<img alt="', '<img class="chart" alt="')
    return body.replace('src="beispiel/', 'src="../beispiel/').replace('src="example/', 'src="../example/')


def document(title: str, lang: str, pages: list[str]) -> str:
    sections = "\n".join(f'<section class="page">\n{page}\n</section>' for page in pages)
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{sections}\n</body>\n</html>\n")


def build_pack(lang: str) -> list[Path]:
    """Write the pack's HTML files; return them (the page with every page last)."""
    folder, all_name, _, names = PACKS[lang]
    out = folder / "html"
    out.mkdir(exist_ok=True)
    written, pages = [], []
    for name in names:
        text = (folder / name).read_text(encoding="utf-8")
        title = text.splitlines()[0].lstrip("# ").strip()
        page = page_html(text)
        pages.append(page)
        target = out / (Path(name).stem + ".html")
        target.write_text(document(title, lang, [page]), encoding="utf-8")
        written.append(target)
    everything = out / all_name
    title = "Table Stakes — " + ("Unterrichtsmaterialien" if lang == "de" else "Teacher pack")
    everything.write_text(document(title, lang, pages), encoding="utf-8")
    written.append(everything)
    return written


def example_charts(lang: str) -> list[Path]:
    """Play the example game with bots and export its debrief charts into the pack."""
    from game.content import load_scenario
    from game.content.saves import SeatPlayer
    from game.debrief import build_debrief, export_debrief
    from game.session import Session

    folder, _, charts, _ = PACKS[lang]
    players = [SeatPlayer(name, bot) for name, bot in zip(EXAMPLE_TEAMS[lang], EXAMPLE_BOTS, strict=True)]
    session = Session.new(load_scenario("classroom-45"), players, EXAMPLE_SEED, time_limit=None)
    while not session.is_over:
        session.bot_step()
    debrief = build_debrief(session.history(), session.players)
    with tempfile.TemporaryDirectory() as temporary:
        export_debrief(debrief, temporary, lang)
        target = folder / charts
        target.mkdir(exist_ok=True)
        written = []
        for name in EXAMPLE_CHARTS:
            shutil.copyfile(Path(temporary) / f"{name}.png", target / f"{name}.png")
            written.append(target / f"{name}.png")
        shutil.copyfile(Path(temporary) / "totals.csv", target / "totals.csv")
        written.append(target / "totals.csv")
    return written


def pdf(html: Path) -> Path:
    """Print `html` to a PDF beside it with headless Chromium."""
    target = html.with_suffix(".pdf")
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={target}", html.as_uri()], check=True, capture_output=True, timeout=120)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also print each pack to PDF with Chromium")
    parser.add_argument("--no-charts", action="store_true", help="keep the example charts as they are")
    args = parser.parse_args(argv)
    for lang in PACKS:
        if not args.no_charts:
            for path in example_charts(lang):
                print(path.relative_to(ROOT))
        written = build_pack(lang)
        for path in written:
            print(path.relative_to(ROOT))
        if args.pdf:
            print(pdf(written[-1]).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
