// Table Stakes in the browser: one page, four modes chosen by the URL fragment.
//   (none) or #join=CODE   the join form (a team name and the join code)
//   #play=CODE             a seat: reconnects with the seat token stored for that code
//   #team=CODE.TOKEN       a teammate's device: stores the token, then plays the seat
//   #watch=CODE            the projector: the public table
//   #host=TOKEN            the teacher panel
// Everything shown comes from the server's messages (docs/network.md, docs/network_next.md).

import { h, paint, replace } from "./dom.js";
import { debriefView } from "./debrief.js";
import { hostView } from "./host.js";
import { clock, lang, localized, reasonText, setLang, t } from "./i18n.js";
import { Link } from "./net.js";
import { actionsPanel, myPanel, shortcut } from "./seat.js";
import {
  eventsPanel, firmsList, logPanel, phaseText, potsPanel, pricesPanel, scenarioIndex, secondsLeft, teamName, turnLine,
} from "./table.js";

const SEAT_KEY = (code) => `tablestakes.seat.${code}`;
const CODE_CHARS = /^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/;

const app = {
  mode: "join",
  code: null,
  hostToken: null,
  link: null,
  conn: "closed",
  connDetail: {},
  welcome: null,
  index: scenarioIndex(null),
  snapshot: null,
  clock: null,
  debrief: null,
  showTable: false, // on a finished game: the table instead of the debrief
  lobby: null,
  lobbyAt: 0,
  lobbyText: "",
  hostUi: {},
  ui: { kind: null, amounts: {}, pendingVersion: null, rerender: () => renderActions() },
  notice: null,
  closed: null, // {code, text}: the connection was refused for good
  form: { code: "", team: "", pin: "", error: "" },
  lastError: null,
};

const regions = {};

// --------------------------------------------------------------------------- storage

function loadSeat(code) {
  try {
    return JSON.parse(localStorage.getItem(SEAT_KEY(code)) || "null");
  } catch {
    return null;
  }
}

function saveSeat(code, seat) {
  try {
    localStorage.setItem(SEAT_KEY(code), JSON.stringify(seat));
  } catch {
    // storage blocked: a reload will need the team link
  }
}

function forgetSeat(code) {
  try {
    localStorage.removeItem(SEAT_KEY(code));
  } catch {
    // nothing stored
  }
}

export function normaliseCode(typed) {
  return String(typed || "").toUpperCase().replace(/[\s-]/g, "");
}

export function displayCode(code) {
  return code && code.length === 6 ? `${code.slice(0, 3)}-${code.slice(3)}` : code || "";
}

// --------------------------------------------------------------------------- routing

function route() {
  if (app.link) app.link.close();
  Object.assign(app, {
    link: null, welcome: null, snapshot: null, debrief: null, lobby: null, lobbyText: "", closed: null, notice: null,
    clock: null, showTable: false, conn: "closed",
  });
  app.ui.pendingVersion = null;
  const fragment = decodeURIComponent(location.hash.slice(1));
  const [name, ...rest] = fragment.split("=");
  const value = rest.join("=");
  if (name === "host" && value) {
    app.mode = "host";
    app.hostToken = value;
    connect(() => ({ host: app.hostToken }));
  } else if (name === "watch" && value) {
    app.mode = "watch";
    app.code = normaliseCode(value);
    connect(() => ({ code: app.code, watch: true }));
  } else if (name === "team" && value.includes(".")) {
    const [code, token] = value.split(".");
    saveSeat(normaliseCode(code), { token, seat: null, team: null });
    history.replaceState(null, "", `#play=${normaliseCode(code)}`);
    route();
    return;
  } else if (name === "play" && value && loadSeat(normaliseCode(value))?.token) {
    app.mode = "seat";
    app.code = normaliseCode(value);
    connect(() => ({ code: app.code, token: loadSeat(app.code).token }));
  } else {
    app.mode = "join";
    if ((name === "join" || name === "play") && value) app.form.code = displayCode(normaliseCode(value));
  }
  render();
}

function connect(hello) {
  app.link = new Link(hello, onMessage, onConnState);
  app.link.open();
}

function joinAs(team) {
  const code = normaliseCode(app.form.code);
  app.mode = "seat";
  app.code = code;
  history.replaceState(null, "", `#play=${code}`);
  // The first hello claims a seat with the team name (and the team's PIN to join a teammate's seat);
  // every later one (a dropped Wi-Fi) uses the token.
  const pin = app.form.pin.trim();
  connect(() => {
    const stored = loadSeat(code);
    if (stored?.token) return { code, token: stored.token };
    return /^\d{4}$/.test(pin) ? { code, team, pin } : { code, team };
  });
  render();
}

// --------------------------------------------------------------------------- messages

function onConnState(state, detail) {
  app.conn = state;
  app.connDetail = detail;
  if (state === "closed") onRefused(detail.code);
  renderTop();
  if (state === "closed") render();
}

function onRefused(code) {
  app.closed = { code, text: t(`close.${code}`) };
  if (app.mode === "seat" && [4002, 4006].includes(code)) {
    const stored = loadSeat(app.code);
    forgetSeat(app.code);
    app.form.team = stored?.team ?? app.form.team;
  }
  if (app.mode === "seat" && [4001, 4002, 4003, 4005, 4006, 4008, 4011].includes(code)) {
    // back to the form, with the reason above it
    app.form.code = displayCode(app.code);
    app.form.error = t(`close.${code}`);
    app.mode = "join";
    app.closed = null;
    history.replaceState(null, "", `#join=${app.code}`);
  }
}

function onMessage(doc) {
  switch (doc.type) {
    case "welcome":
      app.welcome = doc;
      app.closed = null;
      if (doc.scenario) app.index = scenarioIndex(doc.scenario);
      if (app.mode === "seat" && doc.token) {
        const stored = loadSeat(app.code);
        saveSeat(app.code, { token: doc.token, seat: doc.seat, team: stored?.team ?? app.form.team });
      }
      render();
      break;
    case "snapshot": {
      const before = app.snapshot;
      app.snapshot = doc;
      const left = doc.table?.turn_left;
      app.clock = left === null || left === undefined ? null : { left, at: performance.now() };
      if (app.mode === "seat" && doc.view?.viewer !== null && doc.view?.viewer !== undefined) {
        const stored = loadSeat(app.code);
        if (stored && stored.seat !== doc.view.viewer) saveSeat(app.code, { ...stored, seat: doc.view.viewer });
      }
      if (!before || before.version !== doc.version) app.notice = app.notice?.sticky ? app.notice : null;
      renderGame(before);
      break;
    }
    case "refused":
      app.ui.pendingVersion = null;
      app.notice = { text: t("refused", { reason: reasonText(doc.reason) }), kind: "refused", sticky: false };
      renderNotice();
      renderActions();
      break;
    case "debrief":
      app.debrief = doc;
      app.showTable = false;
      render();
      break;
    case "lobby": {
      const text = JSON.stringify(doc.tables) + doc.address;
      app.lobby = doc;
      app.lobbyAt = performance.now();
      if (text !== app.lobbyText) {
        app.lobbyText = text;
        renderHost();
      }
      break;
    }
    case "error":
      app.lastError = doc.reason;
      break;
    default:
      break; // a newer server's message this page does not know: ignored
  }
}

function act(kind, amount) {
  const snapshot = app.snapshot;
  if (!snapshot?.legal || app.ui.pendingVersion === snapshot.version) return;
  const doc = { type: "act", kind, expected_version: snapshot.version };
  if (amount !== undefined && amount !== null) doc.amount = Math.round(amount);
  if (!app.link?.send(doc)) {
    app.notice = { text: t("conn.closed"), kind: "refused" };
    renderNotice();
    return;
  }
  app.ui.pendingVersion = snapshot.version;
  app.notice = null;
  renderNotice();
  renderActions();
}

function control(fields) {
  app.link?.send({ type: "control", ...fields });
}

// --------------------------------------------------------------------------- drawing

function connText() {
  switch (app.conn) {
    case "open": return t("conn.open");
    case "connecting": return t("conn.connecting");
    case "retry": return t("conn.retry", { seconds: app.connDetail.seconds ?? 1 });
    default: return t("conn.closed");
  }
}

function renderTop() {
  const parts = [];
  if (app.mode === "seat" && app.code) {
    parts.push(t("top.table", { code: displayCode(app.code) }));
    const seat = app.snapshot?.view?.viewer ?? app.welcome?.seat;
    if (seat !== null && seat !== undefined) parts.push(t("top.seat", { seat: seat + 1 }));
  } else if (app.mode === "watch") {
    parts.push(t("top.watching"), t("top.table", { code: displayCode(app.code) }));
  } else if (app.mode === "host") {
    parts.push(t("top.teacher"));
  }
  replace(regions.top,
    h("h1", { class: "brand" }, h("img", { src: "icon.svg", alt: "", width: 28, height: 28 }), h("span", { class: "brand-text" }, "Table Stakes")),
    h("span", { class: "where", "data-testid": "where" }, parts.join(" · ")),
    app.mode === "join" ? null : h("span", { class: `conn conn-${app.conn}`, role: "status", "data-conn": app.conn }, connText()),
    h("button", {
      type: "button", class: "lang", lang: lang() === "en" ? "de" : "en", "aria-label": t("lang.switch_label"), "data-key": "lang",
      on: { click: () => { setLang(lang() === "en" ? "de" : "en"); render(); } },
    }, t("lang.switch")));
}

function renderNotice() {
  const notice = app.notice;
  replace(regions.notice, notice ? h("p", { class: `notice ${notice.kind}` }, notice.text) : null);
}

function joinForm() {
  const codeField = h("input", {
    id: "join-code", name: "code", autocomplete: "off", autocapitalize: "characters", spellcheck: false, maxLength: 9,
    value: app.form.code, required: true, "aria-describedby": "join-code-hint", "data-key": "join-code",
    on: { input: (event) => { app.form.code = event.target.value; } },
  });
  const teamField = h("input", {
    id: "join-team", name: "team", autocomplete: "off", maxLength: 24, value: app.form.team, required: false,
    "aria-describedby": "join-team-hint", "data-key": "join-team",
    on: { input: (event) => { app.form.team = event.target.value; } },
  });
  const pinField = h("input", {
    id: "join-pin", name: "pin", autocomplete: "off", inputmode: "numeric", maxLength: 4, value: app.form.pin,
    required: false, "aria-describedby": "join-pin-hint", "data-key": "join-pin",
    on: { input: (event) => { app.form.pin = event.target.value; } },
  });
  const check = () => {
    const code = normaliseCode(app.form.code);
    if (!CODE_CHARS.test(code)) {
      app.form.error = t("join.bad_code");
      render();
      codeFocus();
      return null;
    }
    return code;
  };
  const codeFocus = () => regions.main.querySelector("#join-code")?.focus();
  const form = h("form", {
    class: "panel join", novalidate: true,
    on: {
      submit: (event) => {
        event.preventDefault();
        if (!check()) return;
        const team = app.form.team.trim();
        if (!team) {
          app.form.error = t("join.no_team");
          render();
          regions.main.querySelector("#join-team")?.focus();
          return;
        }
        app.form.error = "";
        joinAs(team);
      },
    },
  },
  h("h2", {}, t("join.title")),
  h("p", { class: "tagline" }, t("app.tagline")),
  app.form.error ? h("p", { class: "notice refused", role: "alert", id: "join-error" }, app.form.error) : null,
  h("label", { for: "join-code" }, t("join.code")), codeField,
  h("p", { class: "hint", id: "join-code-hint" }, t("join.code_hint")),
  h("label", { for: "join-team" }, t("join.team")), teamField,
  h("p", { class: "hint", id: "join-team-hint" }, t("join.team_hint")),
  h("label", { for: "join-pin" }, t("join.pin")), pinField,
  h("p", { class: "hint", id: "join-pin-hint" }, t("join.pin_hint")),
  h("button", { type: "submit", class: "act primary", "data-key": "join-go" }, t("join.join")),
  h("button", {
    type: "button", class: "secondary", "data-key": "join-watch",
    on: { click: () => { const code = check(); if (code) location.hash = `#watch=${code}`; } },
  }, t("join.watch")),
  h("p", { class: "hint" }, t("join.privacy")));
  return form;
}

function closedPanel() {
  const code = app.closed.code;
  return h("section", { class: "panel closed", role: "alert" },
    h("p", {}, app.closed.text || t("close.other", { code })),
    h("button", { type: "button", class: "act primary", on: { click: () => location.reload() } }, t("close.reload")));
}

function render() {
  document.body.className = `mode-${app.mode}`;
  renderTop();
  renderNotice();
  if (app.mode === "join") {
    replace(regions.main, joinForm());
    return;
  }
  if (app.mode === "host") {
    replace(regions.main, app.closed ? closedPanel() : h("div", { id: "host-region" }));
    regions.host = regions.main.querySelector("#host-region");
    renderHost();
    return;
  }
  if (app.closed) {
    replace(regions.main, closedPanel());
    return;
  }
  renderGame(null, true);
}

function names(seat) {
  return app.snapshot ? teamName(app.snapshot, seat, lang()) : null;
}

function renderGame(before, full = false) {
  const snapshot = app.snapshot;
  renderTop();
  if (!snapshot) {
    replace(regions.main, h("p", { class: "panel muted loading" }, connText()));
    return;
  }
  if (app.debrief && !app.showTable) {
    replace(regions.main,
      h("div", { class: "debrief-bar" }, h("button", {
        type: "button", class: "secondary", "data-key": "to-table", on: { click: () => { app.showTable = true; render(); } },
      }, t("debrief.back"))),
      debriefView(app.debrief, snapshot, lang(), app.mode === "seat" ? snapshot.view.viewer : null, names));
    paint(regions.main);
    return;
  }
  const debriefButton = app.debrief ? h("div", { class: "debrief-bar" }, h("button", {
    type: "button", class: "secondary", "data-key": "to-debrief", on: { click: () => { app.showTable = false; render(); } },
  }, t("debrief.show"))) : null;
  if (app.mode === "watch") {
    replace(regions.main, projector(snapshot), debriefButton);
    return;
  }
  // the seat: keep the action panel (slider, typed amount, focus) unless the version changed
  const keepActions = !full && before && before.version === snapshot.version && regions.actions?.isConnected
    && JSON.stringify(before.legal) === JSON.stringify(snapshot.legal) && JSON.stringify(before.table) === JSON.stringify(snapshot.table);
  const lng = lang();
  const status = h("div", { class: "status-bar" },
    h("p", { class: "phase" }, phaseText(snapshot.view)),
    h("div", { id: "turn-region" }, turnLine(snapshot, app.clock, lng, snapshot.view.viewer)));
  if (keepActions) {
    replace(regions.main.querySelector("#status-region"), status);
    replace(regions.main.querySelector("#info-region"), ...infoPanels(snapshot, lng));
    replace(regions.main.querySelector("#me-region"), myPanel(snapshot, app.index, lng, teamLink()));
    return;
  }
  replace(regions.main,
    debriefButton,
    h("div", { id: "status-region" }, status),
    h("div", { class: "seat-layout" },
      h("div", { class: "col-main" },
        h("div", { id: "actions-region" }),
        h("div", { id: "me-region" }, myPanel(snapshot, app.index, lng, teamLink(), app.welcome?.pin ?? null))),
      h("div", { class: "col-side", id: "info-region" }, ...infoPanels(snapshot, lng))));
  regions.actions = regions.main.querySelector("#actions-region");
  renderActions();
}

/** The link a teammate's device opens to join this seat (the seat token is its key). */
function teamLink() {
  const token = loadSeat(app.code)?.token;
  return token ? `${location.origin}/#team=${app.code}.${token}` : null;
}

function infoPanels(snapshot, lng) {
  return [potsPanel(snapshot, lng), firmsList(snapshot, lng, snapshot.view.viewer), eventsPanel(snapshot, app.index),
    pricesPanel(snapshot, app.index, snapshot.view.viewer), logPanel(snapshot, app.index, lng)];
}

function renderActions() {
  if (app.mode !== "seat" || !app.snapshot || !regions.actions?.isConnected) return;
  replace(regions.actions, actionsPanel(app.snapshot, app.index, app.ui, act));
}

function projector(snapshot) {
  const lng = lang();
  // the address the host announced (its network address), else the one this page came from
  const address = (app.welcome?.address || `${location.origin}/`).replace(/^https?:\/\//, "").replace(/\/$/, "");
  const state = snapshot.table?.state;
  const open = (snapshot.teams ?? []).filter((team) => team === null).length;
  const title = localized(app.index.scenario?.title, "");
  return h("div", { class: "projector" },
    h("header", { class: "proj-head" },
      h("div", { class: "proj-join" },
        h("p", { class: "proj-label" }, t("proj.join_at")),
        h("p", { class: "proj-address" }, address),
        h("p", { class: "proj-label" }, t("proj.code")),
        h("p", { class: "proj-code", "data-testid": "join-code" }, displayCode(app.code))),
      h("img", { class: "proj-qr", src: `/qr.svg?join=${app.code}`, alt: t("proj.qr"), "data-key": "join-qr" }),
      h("div", { class: "proj-state" },
        h("p", { class: "proj-title" }, title),
        h("p", { class: "phase" }, phaseText(snapshot.view)),
        h("div", { id: "turn-region" }, turnLine(snapshot, app.clock, lng, null)),
        state === "waiting" && open ? h("p", { class: "muted" }, t("proj.waiting", { count: open })) : null),
      potsPanel(snapshot, lng)),
    h("div", { class: "proj-body" },
      firmsList(snapshot, lng, null),
      h("div", { class: "proj-side" }, eventsPanel(snapshot, app.index), pricesPanel(snapshot, app.index, null),
        logPanel(snapshot, app.index, lng, 12))));
}

function renderHost() {
  if (app.mode !== "host" || !regions.host?.isConnected) return;
  replace(regions.host, app.lobby ? hostView(app.lobby, app.hostUi, lang(), control) : h("p", { class: "muted" }, connText()));
}

// --------------------------------------------------------------------------- the turn clock

function tick() {
  const left = secondsLeft(app.clock);
  if (left !== null) {
    for (const element of document.querySelectorAll("[data-countdown]")) {
      element.textContent = t("turn.left", { time: clock(left) });
      element.classList.toggle("urgent", left <= 10);
    }
  }
  if (app.mode === "host" && app.lobby) {
    const passed = (performance.now() - app.lobbyAt) / 1000;
    for (const element of document.querySelectorAll("[data-countdown-table]")) {
      const table = app.lobby.tables.find((item) => item.code === element.dataset.countdownTable);
      if (table && table.turn_left !== null && table.turn_left !== undefined) {
        element.textContent = ` · ${t("turn.left", { time: clock(Math.max(0, table.turn_left - passed)) })}`;
      }
    }
  }
}

// --------------------------------------------------------------------------- start

function start() {
  setLang(lang());
  regions.top = document.getElementById("top");
  regions.notice = document.getElementById("notice");
  regions.main = document.getElementById("main");
  window.addEventListener("hashchange", route);
  document.addEventListener("keydown", (event) => {
    if (app.mode === "seat" && !(app.debrief && !app.showTable) && shortcut(event, app.snapshot, act)) event.preventDefault();
  });
  setInterval(tick, 250);
  route();
}

start();
