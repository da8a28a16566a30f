// Small SVG charts for the debrief, drawn here (no chart library): lines per firm over the years,
// and grouped bars per year. Colours: the Okabe–Ito palette, lightened where a colour would be too
// dark on the page's dark background; every series is named in a legend too, never by colour alone.

import { h, paint } from "./dom.js";

export const FIRM_COLOURS = ["#E69F00", "#56B4E9", "#2BC48A", "#F0E442", "#FF7A3D", "#E08CBE", "#8DB8FF", "#CFCFCF"];
const MARKERS = ["circle", "square", "diamond", "triangle", "circle", "square", "diamond", "triangle"];
// Drawn in a smaller box on a phone, so that its text, scaled with it, stays readable.
const NARROW = window.matchMedia("(max-width: 600px)").matches;
const W = NARROW ? 380 : 640;
const H = NARROW ? 250 : 300;
const PAD = { left: NARROW ? 52 : 78, right: 14, top: 14, bottom: 36 };

function svg(tag, attrs = {}, ...children) {
  return h(`svg:${tag}`, attrs, ...children);
}

/** Round axis ticks from 0 (or the lowest value) to a nice maximum. */
function ticks(low, high, count = 4) {
  if (high <= low) high = low + 1;
  const raw = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= raw);
  const start = Math.floor(low / step) * step;
  const out = [];
  for (let v = start; v <= high + step * 0.001; v += step) out.push(Math.round(v * 1e6) / 1e6);
  if (out[out.length - 1] < high) out.push(out[out.length - 1] + step);
  return out;
}

function marker(kind, x, y, colour) {
  const r = 5;
  if (kind === "square") return svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: colour });
  if (kind === "diamond") return svg("polygon", { points: `${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`, fill: colour });
  if (kind === "triangle") return svg("polygon", { points: `${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}`, fill: colour });
  return svg("circle", { cx: x, cy: y, r, fill: colour });
}

function frame(title, yTicks, y, format, xs, x, xLabel) {
  return [
    ...yTicks.map((value) => svg("g", { class: "tick" },
      svg("line", { x1: PAD.left, x2: W - PAD.right, y1: y(value), y2: y(value), class: "grid" }),
      svg("text", { x: PAD.left - 8, y: y(value) + 5, "text-anchor": "end", class: "axis" }, format(value)))),
    ...xs.map((value) => svg("text", { x: x(value), y: H - PAD.bottom + 22, "text-anchor": "middle", class: "axis" }, xLabel(value))),
    svg("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom, class: "axis-line" }),
  ];
}

function legend(items) {
  return h("ul", { class: "legend" }, items.map((item) =>
    h("li", {}, h("span", { class: "swatch", "data-colour": item.colour }), item.name)));
}


/**
 * A line chart: `series` = [{name, colour, points: [[x, y], …]}]; x values are years.
 * `format(y)` writes an axis value.
 */
export function lineChart(title, series, format, id) {
  const xs = [...new Set(series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b);
  const values = series.flatMap((s) => s.points.map(([, v]) => v));
  const yTicks = ticks(Math.min(0, ...values), Math.max(1, ...values));
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const x = (value) => xs.length === 1 ? (PAD.left + W - PAD.right) / 2
    : PAD.left + 24 + ((value - xs[0]) / (xs[xs.length - 1] - xs[0])) * (W - PAD.left - PAD.right - 48);
  const y = (value) => H - PAD.bottom - ((value - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": `${id}-title` },
    svg("title", { id: `${id}-title` }, title),
    ...frame(title, yTicks, y, format, xs, x, String),
    ...series.map((s, i) => svg("g", { class: "series", "data-series": s.name },
      s.points.length > 1 ? svg("polyline", {
        points: s.points.map(([px, py]) => `${x(px)},${y(py)}`).join(" "), fill: "none", stroke: s.colour, "stroke-width": 3,
      }) : null,
      ...s.points.map(([px, py]) => marker(MARKERS[i % MARKERS.length], x(px), y(py), s.colour)))));
  return paint(h("figure", { class: "chart-box", id },
    h("figcaption", {}, title), chart, legend(series.map((s) => ({ name: s.name, colour: s.colour })))));
}

/** Grouped bars per year: `groups` = [{name, colour, values: {year: value}}]. */
export function barChart(title, years, groups, format, id) {
  const values = groups.flatMap((g) => years.map((year) => g.values[year] ?? 0));
  const yTicks = ticks(Math.min(0, ...values), Math.max(1, ...values));
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const band = (W - PAD.left - PAD.right) / Math.max(1, years.length);
  const barWidth = Math.min(48, (band * 0.8) / groups.length);
  const x = (year) => PAD.left + band * (years.indexOf(year) + 0.5);
  const y = (value) => H - PAD.bottom - ((value - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-labelledby": `${id}-title` },
    svg("title", { id: `${id}-title` }, title),
    ...frame(title, yTicks, y, format, years, x, String),
    ...groups.map((g, gi) => svg("g", { class: "series", "data-series": g.name }, ...years.map((year) => {
      const value = g.values[year] ?? 0;
      const left = x(year) - (barWidth * groups.length) / 2 + gi * barWidth;
      return svg("rect", {
        x: left + 1, width: barWidth - 2, y: Math.min(y(value), y(0)), height: Math.abs(y(0) - y(value)), fill: g.colour,
      }, svg("title", {}, `${g.name} ${year}: ${format(value)}`));
    }))));
  return paint(h("figure", { class: "chart-box", id },
    h("figcaption", {}, title), chart, legend(groups.map((g) => ({ name: g.name, colour: g.colour })))));
}
