// Kitchen board: the tenant's live orders in columns, moved with a click. State comes from the REST
// API once, then from the event stream (/api/v1/events, docs/realtime.md); on reconnect the stream
// replays what was missed from the last sequence number seen, so the board never reloads. Products
// sold out are listed above the columns, from the menu at load, then from the stream's stock events.
// A cook signs in with e-mail and password (docs/identity.md): the access token lives in memory and is
// refreshed before it expires (the stream is handed the fresh one), the refresh token stays in this tab.
// Each card names who moved the order last (the timeline's and the stream's "by"); the header names the
// person signed in. An OPS person's board also opens the codec session (docs/personal-data.md): an
// HttpOnly cookie for /codec carrying their access token, renewed with each refresh, so Temporal UI set to
// include cross-origin credentials decodes their restaurant's orders while this tab is open; the header
// says so ("Temporal UI decoding on") and turns it off. OPS reads the board; it does not move orders.
"use strict";

const COLUMNS = ["CONFIRMED", "ACCEPTED", "PREPARING", "READY"];
const NEXT = { CONFIRMED: "ACCEPTED", ACCEPTED: "PREPARING", PREPARING: "READY" };
const HAND_OVER = { DELIVERY: "OUT_FOR_DELIVERY", TAKEAWAY: "PICKED_UP", DINE_IN: "SERVED" };
const LABEL = { ACCEPTED: "Accept", PREPARING: "Start preparing", READY: "Ready",
  OUT_FOR_DELIVERY: "Out for delivery", PICKED_UP: "Picked up", SERVED: "Served" };
const LABEL_DONE = { ACCEPTED: "Accepted", PREPARING: "Started", READY: "Ready", CONFIRMED: "Confirmed" };
const REFRESH_KEY = "comanda.kitchen.refresh";
const CODEC_OFF_KEY = "comanda.kitchen.codec-off"; // set when the person turned Temporal UI decoding off
const REFRESH_AT = 0.8;           // of the access token's life
const PING_EVERY_MS = 15000;      // the server's own pings are invisible to page scripts
const SILENCE_LIMIT_MS = 45000;   // no message at all for this long: the connection is dead
const RETRY_MAX_MS = 10000;

const $ = (id) => document.getElementById(id);
const board = {
  access: null,        // the access token (JWT), in memory only
  role: null,          // the signed-in person's role, as the token says (only shown, never trusted)
  codec: false,        // whether the codec session (Temporal UI decoding) is open
  refresh: sessionStorage.getItem(REFRESH_KEY),
  refreshing: null,    // the refresh in progress, shared by whoever needs a fresh token
  refreshTimer: null,
  orders: new Map(),   // id -> { id, status, orderSeq, details, by }
  products: new Map(), // sku -> name, from the menu
  soldOut: new Set(),  // skus with nothing available
  lastSeq: null,       // last tenant-stream number seen; null until the first hello
  loading: null,       // the REST load in progress; events wait for it
  waiting: [],
  socket: null,
  retryMs: 500,
  lastHeard: 0,
};

async function call(path, options, token) {
  const headers = { ...(token ? { Authorization: "Bearer " + token } : {}), ...(options.headers || {}) };
  const response = await fetch(path, { ...options, headers });
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const reason = body && (body.detail || body.title) || response.statusText;
    const error = new Error(response.status + " " + reason);
    error.status = response.status;
    throw error;
  }
  return body;
}

// An API call with the access token; a 401 (it expired, say) is tried once more with a fresh one.
async function api(path, options = {}) {
  try {
    return await call(path, options, board.access);
  } catch (error) {
    if (error.status !== 401) throw error;
    await refreshTokens();
    return call(path, options, board.access);
  }
}

const json = (body) => ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

// What the access token says of its person (its payload is base64url JSON); only shown, never trusted:
// the API checks the token itself.
function claimsOf(token) {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return {};
  }
}

function useTokens(tokens) {
  board.access = tokens.accessToken;
  const claims = claimsOf(tokens.accessToken);
  $("person").textContent = claims.name || "";
  board.role = claims.role || null;
  board.refresh = tokens.refreshToken;
  sessionStorage.setItem(REFRESH_KEY, board.refresh);
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
  clearTimeout(board.refreshTimer);
  board.refreshTimer = setTimeout(() => refreshTokens().catch(() => {}), tokens.expiresIn * 1000 * REFRESH_AT);
  const socket = board.socket;
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ type: "auth", token: board.access }));
  }
  // The codec session's cookie carries the access token and lives as long: each new token renews it.
  if (board.role === "OPS" && !sessionStorage.getItem(CODEC_OFF_KEY)) openCodecSession();
  else showCodec();
}

// Temporal UI decoding: the API sets the codec session's cookie for this person's access token.
async function openCodecSession() {
  try {
    await call("/codec/session", { method: "POST" }, board.access);
    board.codec = true;
  } catch (error) {
    board.codec = false;
    showMessage(error);
  }
  showCodec();
}

function closeCodecSession() {
  board.codec = false;
  showCodec();
  return fetch("/codec/session", { method: "DELETE" }).catch(() => {});
}

function showCodec() {
  const button = $("codec");
  button.hidden = board.role !== "OPS";
  button.dataset.state = board.codec ? "on" : "off";
  button.textContent = "Temporal UI decoding " + (board.codec ? "on" : "off");
  button.title = board.codec
    ? "Temporal UI shows this restaurant's customers while this tab is open; click to stop"
    : "Click to let Temporal UI show this restaurant's customers";
}

// One refresh at a time: the refresh token is good for one use, a second use would end the session.
function refreshTokens() {
  if (!board.refreshing) {
    board.refreshing = call("/api/v1/auth/refresh", json({ refreshToken: board.refresh }))
      .then(useTokens)
      .catch((error) => {
        signOut("Your session has ended; sign in again.", false);
        throw error;
      })
      .finally(() => { board.refreshing = null; });
  }
  return board.refreshing;
}

const lastTimelineSeq = (order) =>
  (order.timeline || []).reduce((max, entry) => Math.max(max, entry.seq), -1);

// Who asked for the order's latest step someone asked for (a move, a cancellation), from its timeline.
const lastBy = (order) =>
  (order.timeline || []).reduce((found, entry) => (entry.by ? entry : found), null);

async function loadBoard() {
  const [page, menu] = await Promise.all([
    api("/api/v1/orders?status=" + COLUMNS.join(",") + "&per_page=100&sort=created_at&include=items,timeline"),
    api("/api/v1/products"),
  ]);
  board.products.clear();
  board.soldOut.clear();
  for (const product of menu) {
    board.products.set(product.sku, product.name);
    if (product.active && product.available === 0) board.soldOut.add(product.sku);
  }
  board.orders.clear();
  for (const order of page.items) {
    const moved = lastBy(order);
    board.orders.set(order.id, { id: order.id, status: order.status, orderSeq: lastTimelineSeq(order), details: order,
      by: moved ? { status: moved.status, name: moved.by.name } : null });
  }
  render();
}

// An order's status only moves with its own timeline number, so a late or repeated event is harmless.
function apply(id, status, orderSeq, by) {
  let entry = board.orders.get(id);
  if (entry && orderSeq <= entry.orderSeq) return;
  if (!entry) {
    if (!COLUMNS.includes(status)) return;
    entry = { id, status, orderSeq, details: null, by: null };
    board.orders.set(id, entry);
    api("/api/v1/orders/" + id).then((order) => {
      entry.details = order;
      const moved = lastBy(order);
      apply(id, order.status, lastTimelineSeq(order), moved ? moved.by : null);
      render();
    }).catch(showMessage);
  }
  entry.status = status;
  entry.orderSeq = orderSeq;
  if (by) entry.by = { status, name: by.name };
  if (!COLUMNS.includes(status)) board.orders.delete(id);
  render();
}

// Stock events come in stream order, so the last one applied is the product's state.
function applyStock(sku, step) {
  if (step === "SOLD_OUT") board.soldOut.add(sku);
  else board.soldOut.delete(sku);
  renderSoldOut();
}

function applyMessage(message) {
  if (message.type === "stock") applyStock(message.sku, message.step);
  else apply(message.orderId, message.status, message.orderSeq, message.by);
}

function onEvent(message) {
  board.lastSeq = message.seq;
  if (board.loading) board.waiting.push(message);
  else applyMessage(message);
}

function reload() {
  board.loading = loadBoard().catch(showMessage).finally(() => {
    board.loading = null;
    const waiting = board.waiting.splice(0);
    waiting.forEach(applyMessage);
  });
}

function connect() {
  setConnection("connecting");
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const since = board.lastSeq === null ? "" : "?since=" + board.lastSeq;
  const socket = new WebSocket(scheme + location.host + "/api/v1/events" + since);
  board.socket = socket;
  socket.onopen = () => socket.send(JSON.stringify({ type: "auth", token: board.access }));
  socket.onmessage = (e) => {
    board.lastHeard = Date.now();
    const message = JSON.parse(e.data);
    switch (message.type) {
      case "hello":
        $("tenant").textContent = message.tenant;
        if (board.lastSeq === null) {
          board.lastSeq = message.seq;
          reload();
        }
        break;
      case "event":
      case "stock": onEvent(message); break;
      case "reset": board.lastSeq = message.seq; reload(); break;
      case "caught-up":
        board.retryMs = 500;
        setConnection("live");
        break;
    }
  };
  socket.onclose = (e) => {
    if (board.socket !== socket) return;
    board.socket = null;
    setConnection("disconnected", e.reason);
    if (e.code === 4401) {
      // The access token expired or was refused: a fresh one, then the stream resumes where it was.
      refreshTokens().then(() => setTimeout(connect, board.retryMs), () => {});
      board.retryMs = Math.min(board.retryMs * 2, RETRY_MAX_MS);
      return;
    }
    setTimeout(connect, board.retryMs);
    board.retryMs = Math.min(board.retryMs * 2, RETRY_MAX_MS);
  };
}

setInterval(() => {
  const socket = board.socket;
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  if (Date.now() - board.lastHeard > SILENCE_LIMIT_MS) socket.close();
  else socket.send(JSON.stringify({ type: "ping" }));
}, PING_EVERY_MS);

function nextStatus(entry) {
  if (entry.status === "READY") {
    return entry.details ? HAND_OVER[entry.details.fulfilment.type] : null;
  }
  return NEXT[entry.status];
}

async function advance(entry, button) {
  const target = nextStatus(entry);
  if (!target) return;
  button.disabled = true;
  try {
    const order = await api("/api/v1/orders/" + entry.id + "/transitions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: target }),
    });
    const moved = lastBy(order);
    apply(entry.id, order.status, lastTimelineSeq(order), moved ? moved.by : null);
  } catch (error) {
    showMessage(error);
    button.disabled = false;
  }
}

function renderSoldOut() {
  const box = $("sold-out");
  box.querySelector("ul").replaceChildren(...[...board.soldOut].sort().map((sku) => {
    const item = document.createElement("li");
    item.dataset.sku = sku;
    item.textContent = board.products.get(sku) || sku;
    return item;
  }));
  box.hidden = board.access === null || board.soldOut.size === 0;
}

function render() {
  renderSoldOut();
  const template = $("card").content;
  for (const status of COLUMNS) {
    const column = $("col-" + status);
    const list = column.querySelector("ol");
    const entries = [...board.orders.values()].filter((o) => o.status === status);
    column.querySelector(".count").textContent = entries.length ? "(" + entries.length + ")" : "";
    list.replaceChildren(...entries.map((entry) => {
      const card = template.cloneNode(true).firstElementChild;
      const order = entry.details;
      card.dataset.orderId = entry.id;
      card.id = "order-" + entry.id;
      card.querySelector(".short-id").textContent = "#" + entry.id.slice(0, 6);
      if (order) {
        const fulfilment = order.fulfilment;
        card.querySelector(".fulfilment").textContent =
          fulfilment.type + (fulfilment.table ? " " + fulfilment.table : "");
        card.querySelector(".customer").textContent = order.customer ? order.customer.name : "";
        card.querySelector(".age").textContent = new Date(order.createdAt).toLocaleTimeString();
        card.querySelector(".items").replaceChildren(...(order.items || []).map((line) => {
          const item = document.createElement("li");
          item.textContent = line.quantity + "× " + line.name;
          return item;
        }));
      }
      card.querySelector(".by").textContent = entry.by && entry.by.name
        ? LABEL_DONE[entry.by.status] + " by " + entry.by.name : "";
      const button = card.querySelector(".advance");
      const target = nextStatus(entry);
      button.textContent = target ? LABEL[target] + " →" : "…";
      button.disabled = !target;
      button.hidden = board.role === "OPS";
      button.onclick = () => advance(entry, button);
      return card;
    }));
  }
}

function setConnection(state, reason) {
  const badge = $("connection");
  badge.dataset.state = state;
  badge.textContent = state + (reason ? " (" + reason + ")" : "");
}

function showMessage(error) {
  const box = $("message");
  box.textContent = String(error.message || error);
  box.hidden = false;
  clearTimeout(showMessage.timer);
  showMessage.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

function signOut(why, endSession = true) {
  if (endSession && board.refresh) {
    call("/api/v1/auth/logout", json({ refreshToken: board.refresh })).catch(() => {});
  }
  sessionStorage.removeItem(REFRESH_KEY);
  clearTimeout(board.refreshTimer);
  if (board.codec) closeCodecSession();
  sessionStorage.removeItem(CODEC_OFF_KEY);
  board.access = null;
  board.refresh = null;
  board.role = null;
  showCodec();
  $("person").textContent = "";
  if (board.socket) {
    const socket = board.socket;
    board.socket = null;
    socket.close();
  }
  board.orders.clear();
  board.soldOut.clear();
  board.lastSeq = null;
  $("board").hidden = true;
  $("sold-out").hidden = true;
  $("sign-out").hidden = true;
  $("login").hidden = false;
  setConnection("offline");
  if (why) showMessage(why);
}

function start() {
  $("login").hidden = true;
  $("board").hidden = false;
  $("sign-out").hidden = false;
  render();
  connect();
}

$("login").addEventListener("submit", async (e) => {
  e.preventDefault();
  const credentials = { tenant: $("restaurant").value.trim(), email: $("email").value.trim(), password: $("password").value };
  $("password").value = "";
  try {
    useTokens(await call("/api/v1/auth/login", json(credentials)));
    start();
  } catch (error) {
    showMessage(error);
  }
});
$("sign-out").addEventListener("click", () => signOut());
$("codec").addEventListener("click", () => {
  if (board.codec) {
    sessionStorage.setItem(CODEC_OFF_KEY, "1");
    closeCodecSession();
  } else {
    sessionStorage.removeItem(CODEC_OFF_KEY);
    openCodecSession();
  }
});

if (board.refresh) refreshTokens().then(start, () => {});
else $("login").hidden = false;
