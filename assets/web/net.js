// The connection to the table server (docs/network.md, docs/network_next.md): one WebSocket at
// /ws on the page's own host, the hello first, then messages as they come. It reconnects with
// backoff when the connection drops (but not after a refusal, close codes 4001-4010) and keeps an
// app-level heartbeat, since browsers have no WebSocket keepalive of their own.

export const PROTOCOL_VERSION = 1;
const PING_EVERY = 10_000; // ms
const PONG_WITHIN = 5_000; // ms: no message at all this long after a ping and the socket is dead
const BACKOFF = [500, 1000, 2000, 4000, 8000, 10_000]; // ms, then 10 s each time

/** Close codes that mean "do not try again": the server refused this hello (docs/network*.md). */
export function isRefusal(code) {
  return code >= 4001 && code <= 4010;
}

export function socketUrl() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/ws`;
}

/**
 * One device's link to the server. `hello()` gives the hello to send on every (re)connection (so a
 * token received later is used); `onMessage(doc)` gets every message; `onState(state, detail)` gets
 * "connecting", "open", "retry" ({seconds}) and "closed" ({code, reason}).
 */
export class Link {
  constructor(hello, onMessage, onState) {
    this.hello = hello;
    this.onMessage = onMessage;
    this.onState = onState;
    this.socket = null;
    this.attempt = 0;
    this.stopped = false;
    this.timers = { ping: null, deadline: null, retry: null };
  }

  open() {
    this.stopped = false;
    this.clearTimers();
    this.onState("connecting", {});
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.addEventListener("open", () => {
      if (socket !== this.socket) return;
      socket.send(JSON.stringify({ v: PROTOCOL_VERSION, type: "hello", ...this.hello() }));
      this.timers.ping = setInterval(() => this.ping(), PING_EVERY);
    });
    socket.addEventListener("message", (event) => {
      if (socket !== this.socket) return;
      this.alive();
      let doc;
      try {
        doc = JSON.parse(event.data);
      } catch {
        return; // the server only sends JSON; anything else is ignored
      }
      if (doc.type === "welcome") {
        this.attempt = 0;
        this.onState("open", {});
      }
      if (doc.type !== "pong") this.onMessage(doc);
    });
    socket.addEventListener("close", (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.clearTimers();
      if (this.stopped) return;
      if (isRefusal(event.code)) {
        this.stopped = true;
        this.onState("closed", { code: event.code, reason: event.reason });
      } else {
        this.scheduleRetry(event.code);
      }
    });
  }

  send(doc) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify({ v: PROTOCOL_VERSION, ...doc }));
    return true;
  }

  /** Stop for good (the page leaves this mode). */
  close() {
    this.stopped = true;
    this.clearTimers();
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close(1000);
    }
  }

  /** Drop the socket and connect again at once (e.g. the heartbeat found it dead). */
  reconnect() {
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      try {
        socket.close(4100);
      } catch {
        // already closing
      }
    }
    this.clearTimers();
    this.scheduleRetry();
  }

  ping() {
    if (!this.send({ type: "ping" })) return;
    if (this.timers.deadline === null) {
      this.timers.deadline = setTimeout(() => this.reconnect(), PONG_WITHIN);
    }
  }

  alive() {
    clearTimeout(this.timers.deadline);
    this.timers.deadline = null;
  }

  scheduleRetry() {
    const delay = BACKOFF[Math.min(this.attempt, BACKOFF.length - 1)] * (0.8 + Math.random() * 0.4);
    this.attempt += 1;
    this.onState("retry", { seconds: Math.max(1, Math.round(delay / 1000)) });
    this.timers.retry = setTimeout(() => this.open(), delay);
  }

  clearTimers() {
    clearInterval(this.timers.ping);
    clearTimeout(this.timers.deadline);
    clearTimeout(this.timers.retry);
    this.timers = { ping: null, deadline: null, retry: null };
  }
}
