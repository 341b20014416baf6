/**
 * node scripts/bfcache-probe.js [--engine chromium|firefox|webkit] (all three by default)
 *
 * What each engine does with a page that holds an open plain WebSocket when the
 * user navigates away and comes back: is the page restored from the
 * back/forward cache (`pageshow.persisted`), what the server sees and when
 * (while the page is hidden, or only on return), and which events the page
 * gets on return. A measurement, not a test: it prints what happened.
 *
 * The page is cacheable (no `Cache-Control: no-store`) and served from
 * 127.0.0.1 with its WebSocket server on the same origin. Two variants: a
 * quiet server, and one that sends a message every 250 ms (a live feed), since
 * an engine may treat a message for a cached page differently.
 */
import {createServer} from 'node:http';
import {parseArgs} from 'node:util';
import {WebSocketServer} from 'ws';
import {engineLabels, openEnginePage} from './engines/automation.js';

const {values: options} = parseArgs({options: {engine: {type: 'string', multiple: true}}});
const engines = options.engine ?? ['chromium', 'firefox', 'webkit'];

// How long the page stays away: enough for an engine that closes a cached page's socket to do so.
const HIDDEN_MS = 3000;
// After the return, how long to collect the page's events.
const SETTLE_MS = 2000;

const page = (talking) => `<!doctype html>
<meta charset="utf-8"><title>bfcache probe</title>
<script>
  // Everything the page sees, kept in its own heap: a restored page still has it, a reloaded one starts afresh.
  window.probe = {loadId: Math.random().toString(36).slice(2), events: []};
  const note = (what, extra = {}) => probe.events.push({what, at: Date.now(), ...extra});
  const navigation = performance.getEntriesByType('navigation')[0];
  note('load', {navigationType: navigation && navigation.type});
  addEventListener('pageshow', (event) => note('pageshow', {persisted: event.persisted}));
  addEventListener('pagehide', (event) => note('pagehide', {persisted: event.persisted}));
  document.addEventListener('visibilitychange', () => note('visibilitychange', {state: document.visibilityState}));
  const ws = new WebSocket('ws://' + location.host + '/socket?load=' + probe.loadId + '${talking ? '&talk=1' : ''}');
  ws.onopen = () => note('open');
  ws.onmessage = (event) => { probe.messages = (probe.messages || 0) + 1; };
  ws.onerror = () => note('error', {readyState: ws.readyState});
  ws.onclose = (event) => note('close', {code: event.code, reason: event.reason, wasClean: event.wasClean});
  probe.readyState = () => ws.readyState;
</script>
<p>page A</p>`;

function startServer() {
  const connections = [];
  const http = createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    if (url.pathname === '/a.html' || url.pathname === '/a-talking.html') {
      response.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
      return response.end(page(url.pathname === '/a-talking.html'));
    }
    if (url.pathname === '/b.html') {
      response.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
      return response.end('<!doctype html><meta charset="utf-8"><title>B</title><p>page B</p>');
    }
    response.writeHead(404).end();
  });
  const sockets = new WebSocketServer({server: http, path: '/socket'});
  sockets.on('connection', (socket, request) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const record = {load: url.searchParams.get('load'), openedAt: Date.now(), closedAt: undefined, code: undefined, reason: undefined};
    connections.push(record);
    let timer;
    if (url.searchParams.has('talk')) timer = setInterval(() => socket.send(`tick ${Date.now()}`), 250);
    socket.on('close', (code, reason) => {
      clearInterval(timer);
      Object.assign(record, {closedAt: Date.now(), code, reason: String(reason)});
    });
  });
  return new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve({port: http.address().port, connections, stop: () => {
    for (const client of sockets.clients) client.terminate();
    http.close();
  }})));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `check()` is true, or after `ms` (a measurement: it reports what it saw either way). */
async function until(check, ms) {
  const end = Date.now() + ms;
  while (!(await check()) && Date.now() < end) await sleep(50);
}

async function probe(engine, server, talking) {
  const base = `http://127.0.0.1:${server.port}`;
  const first = `${base}/${talking ? 'a-talking' : 'a'}.html`;
  const browser = await openEnginePage(engine, first);
  try {
    await until(() => browser.evaluate(() => window.probe.readyState() === 1), 10000);
    const loadId = await browser.evaluate(() => window.probe.loadId);
    const messagesBefore = await browser.evaluate(() => window.probe.messages || 0);
    const leftAt = Date.now();
    await browser.navigate(`${base}/b.html`);
    const record = server.connections.find((c) => c.load === loadId);
    await until(() => record.closedAt !== undefined, HIDDEN_MS);
    const closedWhileHidden = record.closedAt !== undefined;
    const backAt = Date.now();
    await browser.back();
    await until(() => browser.evaluate(() => Boolean(window.probe)), 10000);
    await sleep(SETTLE_MS);
    const after = await browser.evaluate(() => ({
      loadId: window.probe.loadId,
      events: window.probe.events,
      readyState: window.probe.readyState(),
      messages: window.probe.messages || 0,
    }));
    const restored = after.loadId === loadId;
    const returned = after.events.filter((event) => event.at >= backAt);
    const newConnection = server.connections.find((c) => c.load === after.loadId && c !== record);
    return {
      engine: `${engineLabels[engine]} (${browser.version})`,
      variant: talking ? 'server sends every 250 ms' : 'quiet server',
      restored,
      pageshowPersisted: returned.find((event) => event.what === 'pageshow')?.persisted,
      hiddenEvents: after.events.filter((event) => event.at >= leftAt && event.at < backAt).map(describe),
      server: record.closedAt === undefined
        ? `still open ${Date.now() - record.openedAt} ms after the page left`
        : `closed ${record.code} "${record.reason}" ${closedWhileHidden ? `while hidden, ${record.closedAt - leftAt} ms after leaving` : `on return, ${record.closedAt - backAt} ms after going back`}`,
      onReturn: returned.map(describe),
      readyStateAfter: after.readyState,
      ...(talking && restored ? {messages: `${messagesBefore} before leaving, ${after.messages} after the return`} : {}),
      newConnection: newConnection ? 'a new page load opened a new socket' : restored ? 'no new socket' : 'reloaded page: see onReturn',
    };
  } finally {
    await browser.close();
  }
}

function describe(event) {
  const {what, at, ...rest} = event;
  const fields = Object.entries(rest).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return fields.length ? `${what}(${fields.join(', ')})` : what;
}

const server = await startServer();
console.log(`bfcache probe, ${new Date().toISOString().slice(0, 10)}, pages on http://127.0.0.1:${server.port}/ (cacheable), away ${HIDDEN_MS} ms`);
try {
  for (const engine of engines) {
    for (const talking of [false, true]) {
      try {
        console.log(JSON.stringify(await probe(engine, server, talking), null, 2));
      } catch (error) {
        console.log(`${engineLabels[engine]}, ${talking ? 'talking' : 'quiet'}: failed: ${error.stack}`);
      }
    }
  }
} finally {
  server.stop();
}
