"""The debrief's charts, drawn with matplotlib for the screen and for PNG files.

One function draws every chart (`chart`): the game-over screen, the debrief screen and the
export all call it, with a style for the dark screen (`screen_style`, from the client's
palette) or for paper and slides (`PRINT_STYLE`). matplotlib is imported only when a chart is
drawn (the import takes about half a second): `Figure` with `FigureCanvasAgg`, never pyplot,
so there is no global figure registry and nothing leaks. The screen turns the pixels from
`rgba` into a pygame Surface once and blits it every frame; the export takes the charts as PNG
bytes from `pngs` and writes the files. This module imports no pygame.

Per-firm charts (`FIRM_CHARTS`) show each firm's value at the end of every year, labelled with
the firm and the team or bot that played it; a firm's line stops in the year it left the race.
The score chart draws the investors' preference beside each score (dotted, same colour), the
ownership chart the founders' share, and compute is on a log axis: the scaling law turns equal
steps of capability into equal factors of compute. Table charts (`TABLE_CHARTS`) show the money
flows and the concentration of compute per year (the Herfindahl index beside what equal firms
would give, the fair reference for a table of a few firms).
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.content.text import money, number

from .model import HIGHLY_CONCENTRATED_HHI, Debrief, FirmInfo

RGB = tuple[int, int, int]
Text = Callable[..., str]

FIRM_CHARTS = ("score", "ownership", "cash", "compute", "capability", "spent", "won")
TABLE_CHARTS = ("money_flow", "concentration")
CHARTS = FIRM_CHARTS + TABLE_CHARTS
# One marker per seat, so that colour never carries the meaning alone.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
NARROW_YEAR = 34  # pixels of plot per year below which years are written '24
CROWDED_YEAR = 24  # pixels of plot per year below which only every other year is labelled
CROWDED_VALUE = 24  # pixels of plot height per value label the value axis needs


def _hex(code: str) -> RGB:
    return (int(code[1:3], 16), int(code[3:5], 16), int(code[5:7], 16))


# Okabe & Ito (2002), the colour-blind-safe set the client's palette uses too.
ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW = _hex("#E69F00"), _hex("#56B4E9"), _hex("#009E73"), _hex("#F0E442")
BLUE, VERMILLION, REDDISH_PURPLE, BLACK = _hex("#0072B2"), _hex("#D55E00"), _hex("#CC79A7"), _hex("#000000")


@dataclass(frozen=True)
class ChartStyle:
    background: RGB
    text: RGB
    dim: RGB  # ticks and notes
    grid: RGB
    firms: tuple[RGB, ...]  # one colour per seat
    spent: RGB
    prize: RGB
    take: RGB
    real_world: RGB
    title_size: float = 11.0
    tick_size: float = 9.0
    small_size: float = 8.0


# For paper and slides: yellow does not read on white, so it comes last.
PRINT_STYLE = ChartStyle(
    background=(255, 255, 255), text=(34, 34, 34), dim=(85, 85, 85), grid=(215, 215, 215),
    firms=(ORANGE, SKY_BLUE, BLUISH_GREEN, BLUE, VERMILLION, REDDISH_PURPLE, BLACK, YELLOW),
    spent=ORANGE, prize=BLUISH_GREEN, take=VERMILLION, real_world=(85, 85, 85))


def screen_style(palette) -> ChartStyle:
    """The style for the client's dark panels, from its palette (standard or colour-blind-safe):
    the Okabe–Ito colours that read on the panel, the palette's text colour instead of black."""
    return ChartStyle(
        background=palette.panel, text=palette.text, dim=palette.text_dim, grid=palette.panel_edge,
        firms=(ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, VERMILLION, REDDISH_PURPLE, palette.text, BLUE),
        spent=ORANGE, prize=BLUISH_GREEN, take=VERMILLION, real_world=palette.text_dim)


def firm_colour(style: ChartStyle, seat: int) -> RGB:
    return style.firms[seat % len(style.firms)]


def _mpl(colour: RGB) -> tuple[float, float, float]:
    return (colour[0] / 255, colour[1] / 255, colour[2] / 255)


# --------------------------------------------------------------------------- number formats

def money_axis(lang: str) -> Callable[[float, object], str]:
    """Tick labels for money, in $M like every figure of the game: "$40,000M", "40.000 Mio. $"."""
    return lambda value, _: "0" if value == 0 else money(value, lang)


def log_compute_axis(text: Text, lang: str) -> Callable[[float, object], str]:
    """Tick labels for H100e on a log axis, each in its own unit: "10 Tsd.", "1 Mio."."""
    def label(value: float, _) -> str:
        if value >= 1e6:
            return text("debrief.axis_millions", value=number(value / 1e6, lang))
        if value >= 1e4:
            return text("debrief.axis_thousands", value=number(value / 1e3, lang))
        return number(value, lang)
    return label


def compute_axis(values: Sequence[float], text: Text, lang: str) -> Callable[[float, object], str]:
    """Tick labels for H100e: plain, in thousands or in millions."""
    top = max(values, default=0)
    if top >= 1e6:
        return lambda value, _: text("debrief.axis_millions", value=number(value / 1e6, lang)) if value else "0"
    if top >= 1e4:
        return lambda value, _: text("debrief.axis_thousands", value=number(value / 1e3, lang)) if value else "0"
    return lambda value, _: number(value, lang)


# --------------------------------------------------------------------------- charts

Lines = dict[int, tuple[Sequence[float], Sequence[float]]]  # per seat: (x positions, values)


def firm_label(firm: FirmInfo, text: Text) -> str:
    """A firm as the legends name it: with the team or bot that played it, when that is known and
    says more than the firm's name ("Nimbus AI (Team Blau)")."""
    if not firm.player or firm.player == firm.name:
        return firm.name
    return text("debrief.legend_firm", firm=firm.name, player=firm.player)


def firm_line_chart(lines: Lines, names: Sequence[str], *, title: str, ticks: Sequence[float],
                    tick_labels: Sequence[str], formatter: Callable[[float, object], str], size: tuple[int, int],
                    style: ChartStyle, dpi: int = 100, legend: bool = False, note: str = "",
                    from_zero: bool = True, log: bool = False, dotted: Lines | None = None):
    """One line per firm (its colour and marker by seat), the chart every screen shares: the
    debrief's per-firm charts and the game-over screen's. `legend` puts the firms' names right of
    the plot; `note` is a small line under it; `log` makes the value axis logarithmic (values of
    zero are left out); `dotted` adds a second, dotted line per firm in its colour."""
    figure, axes = _figure(size, style, dpi, title)
    values: list[float] = []
    for seat, (xs, ys) in lines.items():
        axes.plot(xs, ys, color=_mpl(firm_colour(style, seat)), marker=MARKERS[seat % len(MARKERS)],
                  markersize=4, linewidth=1.8, label=names[seat])
        values.extend(ys)
    for seat, (xs, ys) in (dotted or {}).items():
        axes.plot(xs, ys, color=_mpl(firm_colour(style, seat)), linestyle=":", linewidth=1.5,
                  marker=MARKERS[seat % len(MARKERS)], markersize=4, markerfacecolor="none")  # one year shows too
        values.extend(ys)
    if log:
        axes.set_yscale("log", nonpositive="mask")
    if ticks:
        axes.set_xticks(list(ticks), list(tick_labels))
        axes.set_xlim(ticks[0] - 0.5, ticks[-1] + 0.5)
    if from_zero and not log and min(values, default=0) >= 0:
        axes.set_ylim(bottom=0)
    if legend:
        handle = axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=style.small_size + 0.5,
                             frameon=False, labelcolor=_mpl(style.text), handlelength=1.6, borderaxespad=0.0)
        handle.set_in_layout(True)
    return _finish(figure, axes, style, size, dpi, formatter, note=note, log=log)


def _percent_axis(text: Text, lang: str) -> Callable[[float, object], str]:
    return lambda value, _: text("debrief.axis_percent", value=number(value, lang))


def chart(debrief: Debrief, name: str, size: tuple[int, int], style: ChartStyle, text: Text, lang: str, *,
          dpi: int = 100, legend: bool = False):
    """A matplotlib Figure of the debrief's chart `name` (one of CHARTS), `size` pixels at `dpi`.

    `text` looks up the UI phrases (debrief.*); `legend` puts the firms' legend right of a
    per-firm chart (the debrief screen draws one legend for all charts instead).
    """
    if name not in CHARTS:
        raise ValueError(f"no chart {name!r}; charts are: {', '.join(CHARTS)}")
    title = text(f"debrief.chart_{name}")
    if name in FIRM_CHARTS:
        lines = debrief.series(name)
        dotted = None
        if name == "ownership":  # the founders' share in percent
            lines = {seat: (xs, [100 * value for value in ys]) for seat, (xs, ys) in lines.items()}
        if name == "score":  # each firm's investors' preference beside its score, where it has investors
            dotted = {seat: (xs, [value or math.nan for value in ys])  # no line before the first round
                      for seat, (xs, ys) in debrief.series("preference").items() if any(ys)}
        formatter = (log_compute_axis(text, lang) if name == "compute" else _percent_axis(text, lang)
                     if name == "ownership" else money_axis(lang) if name in ("cash", "spent", "won", "score")
                     else lambda value, _: number(value, lang))
        notes = {"capability": "debrief.chart_capability_note", "score": "debrief.chart_score_note",
                 "compute": "debrief.chart_compute_note"}
        years = sorted({row.year for row in debrief.firm_years})
        figure = firm_line_chart(lines, [firm_label(firm, text) for firm in debrief.firms], title=title,
                                 ticks=years,
                                 tick_labels=year_labels(debrief, years, size[0] * (0.62 if legend else 0.8), text),
                                 formatter=formatter, size=size, style=style, dpi=dpi, legend=legend,
                                 note=text(notes[name]) if name in notes else "",
                                 from_zero=name != "cash", log=name == "compute", dotted=dotted)
        if name == "ownership":
            figure.axes[0].set_ylim(0, 105)
        return figure
    figure, axes = _figure(size, style, dpi, title)
    if name == "money_flow":
        years = _money_flow(debrief, axes, style, text)
        formatter = money_axis(lang)
        axes.set_ylim(bottom=0)
        axes.legend(loc="upper left", fontsize=style.small_size, frameon=False, labelcolor=_mpl(style.text),
                    handlelength=1.6)
        legend_rows = 0
    else:
        years = _concentration(debrief, axes, style, text, lang)
        formatter = lambda value, _: number(value, lang)  # noqa: E731
        axes.set_ylim(0, 10_500)
        # under the plot, in two columns: the lines may run anywhere from 0 to 100 %
        handles, labels = axes.get_legend_handles_labels()
        figure.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.01, 0.01), ncols=2,
                      fontsize=style.small_size, frameon=False, labelcolor=_mpl(style.text), handlelength=1.6,
                      borderaxespad=0.0, columnspacing=1.5)
        legend_rows = 2
    if years:
        axes.set_xticks(years, year_labels(debrief, years, size[0] * 0.8, text))
        axes.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    return _finish(figure, axes, style, size, dpi, formatter, legend_rows=legend_rows)


def _figure(size: tuple[int, int], style: ChartStyle, dpi: int, title: str):
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # lazy: the import takes ~0.5 s
    from matplotlib.figure import Figure

    figure = Figure(figsize=(size[0] / dpi, size[1] / dpi), dpi=dpi, facecolor=_mpl(style.background))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_facecolor(_mpl(style.background))
    # the title across the whole figure, from its left edge, wrapped when the cell is narrow (the plot
    # area alone, right of the value axis, cuts a long title off in a debrief cell)
    per_line = max(12, int(0.97 * size[0] / (0.62 * style.title_size * dpi / 72)))
    figure.text(0.012, 0.985, textwrap.fill(title, per_line), ha="left", va="top", color=_mpl(style.text),
                fontsize=style.title_size, fontweight="bold")
    return figure, axes


def _finish(figure, axes, style: ChartStyle, size: tuple[int, int], dpi: int,
            formatter: Callable[[float, object], str], *, note: str = "", legend_rows: int = 0, log: bool = False):
    """Value axis, colours and grid; room at the bottom for a note or a legend; the layout."""
    from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

    axes.yaxis.set_major_formatter(FuncFormatter(formatter))
    if log:  # a tick at every power of ten, unlabelled minor ticks between
        axes.yaxis.set_major_locator(LogLocator(base=10))
        axes.yaxis.set_minor_formatter(NullFormatter())
    else:
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.tick_params(colors=_mpl(style.dim), labelsize=style.tick_size)
    for spine in axes.spines.values():
        spine.set_color(_mpl(style.grid))
    axes.grid(True, color=_mpl(style.grid), linewidth=0.6, alpha=0.8)
    axes.set_axisbelow(True)
    bottom = 0.0  # of the figure's height, kept free under the plot
    if note:
        size_px = (style.small_size - 0.5) * dpi / 72
        lines = math.ceil(len(note) * 0.56 * size_px / (0.97 * size[0]))  # DejaVu Sans: ~0.56 em a character
        bottom = (lines * 1.25 * size_px + 4) / size[1]
        figure.text(0.01, 0.01, note, ha="left", va="bottom", wrap=True, color=_mpl(style.dim),
                    fontsize=style.small_size - 0.5)
    if legend_rows:
        bottom = (legend_rows * 1.45 * style.small_size * dpi / 72 + 6) / size[1]
    title_lines = figure.texts[0].get_text().count("\n") + 1  # the title, drawn first by `_figure`
    top = 1 - (title_lines * 1.3 * style.title_size * dpi / 72 + 6) / size[1]
    figure.tight_layout(pad=0.6, rect=(0, bottom, 1, top))
    _thin_labels(axes, size, log)
    return figure


def _thin_labels(axes, size: tuple[int, int], log: bool) -> None:
    """Fewer labels where the plot came out too small for them all (the small charts at 1024×640 ran
    '24'25'26… into one another, and a plot squeezed under a long German title stacked its values):
    every other year's label, the last kept; fewer values on a linear axis."""
    from matplotlib.ticker import MaxNLocator

    box = axes.get_position()
    labels = axes.get_xticklabels()
    if len(labels) > 2 and box.width * size[0] / len(labels) < CROWDED_YEAR:
        for index, label in enumerate(labels):
            label.set_visible((len(labels) - 1 - index) % 2 == 0)
    if not log and box.height * size[1] < 5 * CROWDED_VALUE:
        axes.yaxis.set_major_locator(MaxNLocator(nbins=max(1, int(box.height * size[1] // CROWDED_VALUE))))


def _money_flow(debrief: Debrief, axes, style: ChartStyle, text: Text) -> list[int]:
    """Per finished year: spent on chips, markets paid out, vendors' take (bars side by side)."""
    years = [year for year in debrief.years if year.complete]
    xs = [year.year for year in years]
    width = 0.27
    bars = ((-width, [year.spent for year in years], style.spent, "debrief.legend_spent"),
            (0.0, [year.prize for year in years], style.prize, "debrief.legend_prize"),
            (width, [year.vendor_take for year in years], style.take, "debrief.legend_take"))
    for offset, heights, colour, key in bars:
        axes.bar([x + offset for x in xs], heights, width=width, color=_mpl(colour), label=text(key))
    if not years:
        axes.text(0.5, 0.5, text("debrief.no_year_finished"), transform=axes.transAxes, ha="center",
                  color=_mpl(style.dim), fontsize=style.tick_size)
    return xs


def _concentration(debrief: Debrief, axes, style: ChartStyle, text: Text, lang: str) -> list[int]:
    """Per year: the Herfindahl index of the effective compute of the firms in the race, beside
    what the same number of equal firms would give (10,000 / n: the least this table can show)
    and the US agencies' line for "highly concentrated"."""
    years = [year for year in debrief.years if year.hhi is not None]
    xs = [year.year for year in years]
    axes.plot(xs, [year.hhi for year in years], color=_mpl(style.spent), marker="o", markersize=4, linewidth=1.8,
              label=text("debrief.legend_hhi"))
    axes.step(xs, [year.hhi_equal for year in years], where="mid", color=_mpl(style.prize), linestyle="--",
              linewidth=1.4, label=text("debrief.legend_equal_shares"))
    axes.axhline(HIGHLY_CONCENTRATED_HHI, color=_mpl(style.real_world), linestyle=":", linewidth=1.2,
                 label=text("debrief.legend_highly_concentrated", line=number(HIGHLY_CONCENTRATED_HHI, lang)))
    if years:  # the index at the end in plain words, as a legend line of its own
        last = years[-1]
        axes.plot([], [], " ", label=text("debrief.hhi_label", hhi=number(round(last.hhi), lang),
                                          firms=number(round(10_000 / last.hhi, 1), lang)))
    return xs


def year_labels(debrief: Debrief, years: Sequence[int], plot_width: float, text: Text) -> list[str]:
    """The years under a chart: '24 style when they are crowded; the year still being played "now"."""
    short = plot_width / (len(years) + 1) < NARROW_YEAR
    playing = {year.year for year in debrief.years if not year.complete}
    return [text("game_over.axis_now") if year in playing else (f"’{year % 100:02d}" if short else str(year))
            for year in years]


def rgba(figure) -> tuple[bytes, tuple[int, int]]:
    """The drawn figure's pixels (RGBA bytes, a copy) and size, e.g. for pygame.image.frombuffer."""
    canvas = figure.canvas
    canvas.draw()
    return bytes(canvas.buffer_rgba()), canvas.get_width_height()


def pngs(debrief: Debrief, text: Text, lang: str, *, size: tuple[int, int] = (1200, 720),
         dpi: int = 150) -> dict[str, bytes]:
    """Every chart as a PNG image in the print style, legends included, by chart name."""
    images = {}
    for name in CHARTS:
        figure = chart(debrief, name, size, PRINT_STYLE, text, lang, dpi=dpi, legend=True)
        image = io.BytesIO()
        figure.savefig(image, format="png", dpi=dpi, facecolor=figure.get_facecolor())
        images[name] = image.getvalue()
    return images
