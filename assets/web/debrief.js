// The debrief every device shows once the game is over (the server's `debrief` message): the final
// standings and charts from the rows of game.debrief.export (firm_year_rows, year_rows, total_row).

import { barChart, FIRM_COLOURS, lineChart } from "./charts.js";
import { h } from "./dom.js";
import { money, number, percent, t } from "./i18n.js";

function present(value) {
  return value !== "" && value !== null && value !== undefined;
}

export function debriefView(debrief, snapshot, lang, viewer, names) {
  const nameOf = (seat) => names(seat) ?? debrief.names?.[seat] ?? String(seat + 1);
  const seats = [...new Set(debrief.firm_years.map((row) => row.seat))].sort((a, b) => a - b);
  const series = (field) => seats.map((seat) => ({
    name: nameOf(seat),
    colour: FIRM_COLOURS[seat % FIRM_COLOURS.length],
    points: debrief.firm_years.filter((row) => row.seat === seat && present(row[field])).map((row) => [row.year, Number(row[field])]),
  }));
  const years = debrief.years.map((row) => row.year);
  const byYear = (field) => Object.fromEntries(debrief.years.map((row) => [row.year, Number(row[field]) || 0]));
  const total = debrief.total ?? {};
  const compact = (value) => (Math.abs(value) >= 1000 ? `${number(value / 1000, 1)}k` : number(value, 0));
  return h("section", { class: "debrief", "aria-labelledby": "debrief-title" },
    h("h2", { id: "debrief-title" }, t("debrief.title")),
    h("div", { class: "panel standings" },
      h("h3", {}, t("debrief.standings")),
      h("table", { class: "standings-table" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, t("debrief.rank")), h("th", { scope: "col" }, t("debrief.firm")),
          h("th", { scope: "col", class: "num" }, t("debrief.score")), h("th", { scope: "col", class: "num" }, t("debrief.net_worth")))),
        h("tbody", {}, debrief.standings.map((row) =>
          h("tr", { class: row.seat === viewer ? "mine" : null, "data-seat": row.seat },
            h("td", { class: "rank" }, `${row.rank}.`),
            h("td", {}, h("span", { class: "swatch", "data-colour": FIRM_COLOURS[row.seat % FIRM_COLOURS.length] }), nameOf(row.seat),
              h("span", { class: "firm-sub" }, row.name && row.name !== nameOf(row.seat) ? ` · ${row.name}` : "")),
            h("td", { class: "num" }, money(row.score)),
            h("td", { class: "num" }, money(row.net_worth)))))),
      h("p", { class: "muted small" }, t("debrief.score_explain"))),
    h("div", { class: "charts" },
      lineChart(t("debrief.chart_net_worth"), series("net_worth_end_usd_m"), compact, "chart-net-worth"),
      lineChart(t("debrief.chart_compute"), series("effective_compute_end_h100e"), compact, "chart-compute"),
      barChart(t("debrief.chart_money_flow"), years, [
        { name: t("debrief.spent"), colour: "#FF7A3D", values: byYear("spent_on_chips_usd_m") },
        { name: t("debrief.prize"), colour: "#56B4E9", values: byYear("markets_paid_usd_m") },
        { name: t("debrief.take"), colour: "#CFCFCF", values: byYear("vendor_take_usd_m") },
      ], compact, "chart-money")),
    h("div", { class: "panel totals" },
      h("h3", {}, t("debrief.totals", { years: total.years_finished ?? years.length })),
      h("dl", { class: "totals-list" },
        h("div", {}, h("dt", {}, t("debrief.spent")), h("dd", {}, money(Number(total.spent_on_chips_usd_m) || 0))),
        h("div", {}, h("dt", {}, t("debrief.prize")), h("dd", {}, money(Number(total.markets_paid_usd_m) || 0))),
        h("div", {}, h("dt", {}, t("debrief.take")), h("dd", {}, present(total.vendor_take_pct_of_spend)
          ? t("debrief.take_value", { take: money(Number(total.vendor_take_usd_m) || 0), share: percent(Number(total.vendor_take_pct_of_spend), 1) })
          : money(Number(total.vendor_take_usd_m) || 0))),
        h("div", {}, h("dt", {}, t("debrief.dissipation")),
          h("dd", {}, present(total.rent_dissipation_pct) ? percent(Number(total.rent_dissipation_pct), 1) : t("misc.dash")))),
      h("p", { class: "muted small" }, t("debrief.dissipation_explain"))));
}
