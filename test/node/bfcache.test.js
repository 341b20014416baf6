// The back/forward cache, in headless Chromium (which keeps cacheable pages with an open
// WebSocket): the element says goodbye when the page is hidden and comes back at once
// when it is shown, as API.md "The back/forward cache" describes.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {after, before, describe, it} from 'node:test';
import puppeteer from 'puppeteer-core';
import {WebSocketServer} from 'ws';
import {chromiumArgs, chromiumPath} from '../../scripts/engines/chromium.js';
import {root} from './scratch-app.js';

// Cacheable pages (no Cache-Control: no-store), or the engine keeps none of them.
const pages = {
  '/page.html': `<!doctype html>
<meta charset="utf-8">
<script type="module" src="/dist/py-websocket.js"></script>
<py-websocket id="ws" host="/echo"></py-websocket>
<script>
  // What the page sees, in its own heap: a page restored from the cache still has it.
  window.seen = [];
  const ws = document.getElementById('ws');
  for (const type of ['open', 'close', 'error', 'reconnecting', 'connecting', 'giveup']) {
    ws.addEventListener(type, (evt) =>
      seen.push({type, at: Date.now(), code: evt.code, reason: evt.reason, wasClean: evt.wasClean, delay: evt.delay, attempt: evt.attempt})
    );
  }
  ws.addEventListener('message', (evt) => seen.push({type: 'message', data: evt.data}));
  // Sends made around the move: as the page is hidden, and as it is shown again.
  addEventListener('pagehide', (evt) => {
    seen.push({type: 'pagehide', persisted: evt.persisted});
    if (evt.persisted) ws.send('as hidden');
  });
  addEventListener('pageshow', (evt) => {
    seen.push({type: 'pageshow', persisted: evt.persisted});
    if (evt.persisted) ws.send('as shown');
  });
</script>`,
  '/away.html': '<!doctype html><meta charset="utf-8"><p>elsewhere</p>',
  // share="tabs": the tab holding the socket goes into the cache; another tab of the origin takes over.
  '/shared.html': `<!doctype html>
<meta charset="utf-8">
<script type="module" src="/dist/py-websocket.js"></script>
<py-websocket id="ws" share="tabs" host="/echo" reconnect-delay="10" reconnect-max-delay="50"></py-websocket>
<script>
  window.seen = [];
  const ws = document.getElementById('ws');
  for (const type of ['open', 'close', 'error', 'reconnecting']) {
    ws.addEventListener(type, (evt) => seen.push({type, code: evt.code, reason: evt.reason, delay: evt.delay}));
  }
  ws.addEventListener('message', (evt) => seen.push({type: 'message', data: evt.data}));
  addEventListener('pageshow', (evt) => seen.push({type: 'pageshow', persisted: evt.persisted}));
</script>`,
};

let server;
let origin;
let browser;
let page;
const pageErrors = [];
/** Every connection the echo server had: when it opened and closed, its close code and reason, and what it received. */
const connections = [];
/** Every message the server received, across connections, in arrival order. */
const received = [];
let closed = () => {};

before(async () => {
  const http = createServer((request, response) => {
    const {pathname} = new URL(request.url, 'http://127.0.0.1');
    // The bundle, and the files it loads on demand beside it (sharing).
    if (/^\/dist\/py-websocket(-[\w-]+)?\.js$/.test(pathname)) {
      response.writeHead(200, {'content-type': 'text/javascript'});
      return response.end(readFileSync(new URL(pathname.slice(1), `file://${root}`)));
    }
    if (pages[pathname] === undefined) return response.writeHead(404).end();
    response.writeHead(200, {'content-type': 'text/html; charset=utf-8'});
    response.end(pages[pathname]);
  });
  const sockets = new WebSocketServer({server: http, path: '/echo'});
  sockets.on('connection', (socket) => {
    const connection = {openedAt: Date.now(), closedAt: undefined, code: undefined, reason: undefined};
    connections.push(connection);
    socket.on('message', (data) => {
      received.push(String(data));
      socket.send(String(data));
    });
    socket.on('close', (code, reason) => {
      Object.assign(connection, {closedAt: Date.now(), code, reason: String(reason)});
      closed();
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${http.address().port}`;
  server = {http, sockets};
  browser = await puppeteer.launch({executablePath: chromiumPath, headless: true, args: chromiumArgs});
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  for (const socket of server?.sockets.clients ?? []) socket.terminate();
  server?.http.close();
});

/** Resolves once `check` (run in the page) is true; fails naming `what` if it never is. */
const until = (check, what, ...args) =>
  page.waitForFunction(check, {timeout: 10000, polling: 50}, ...args).catch(() => assert.fail(`never happened: ${what}`));

/** Resolves once the server has seen `count` connections end; fails naming `what` if it never does. */
function serverClosed(count, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never happened: ${what}`)), 10000);
    closed = () => {
      if (connections.filter((c) => c.closedAt !== undefined).length < count) return;
      clearTimeout(timer);
      resolve();
    };
    closed();
  });
}

describe('the back/forward cache (Chromium)', () => {
  it('says goodbye while the page is cached and reconnects at once on return, sending what was sent around it once, in order', async () => {
    await page.goto(`${origin}/page.html`);
    await until(() => window.seen.some((e) => e.type === 'open'), 'the first open');
    await page.evaluate(() => document.getElementById('ws').send('before'));
    await until(() => window.seen.some((e) => e.type === 'message' && e.data === 'before'), 'the echo of "before"');

    await page.goto(`${origin}/away.html`);
    await serverClosed(1, 'the server sees the socket closed while the page is hidden');
    const [first] = connections;
    assert.deepEqual({code: first.code, reason: first.reason}, {code: 1000, reason: 'page hidden'});
    const backAt = Date.now();
    assert.ok(first.closedAt < backAt);

    await page.goBack();
    assert.equal(await page.evaluate(() => window.seen.findLast((e) => e.type === 'pageshow')?.persisted), true, 'the page came back from the cache');
    await page.evaluate(() => document.getElementById('ws').send('after'));
    await until(() => window.seen.filter((e) => e.type === 'open').length === 2, 'the second open');
    await until(() => window.seen.some((e) => e.type === 'message' && e.data === 'after'), 'the echo of "after"');

    const seen = await page.evaluate(() => window.seen);
    const sinceHidden = seen.slice(seen.findIndex((e) => e.type === 'pagehide'));
    const elementEvents = sinceHidden.filter((e) => ['open', 'close', 'error', 'reconnecting', 'connecting', 'giveup'].includes(e.type));
    assert.deepEqual(
      elementEvents.map(({type, code, reason, wasClean, delay}) =>
        type === 'close' ? {type, code, reason, wasClean} : type === 'reconnecting' ? {type, delay} : {type}
      ),
      [
        {type: 'close', code: 1001, reason: 'page hidden', wasClean: true},
        {type: 'reconnecting', delay: 0},
        {type: 'connecting'},
        {type: 'open'},
      ]
    );
    // The close for the cached end is dispatched on return, not as the page was hidden
    // (the page and this process read the same clock).
    assert.ok(sinceHidden.find((e) => e.type === 'close').at >= backAt, 'close dispatched on return');
    assert.equal(connections.length, 2, 'one new connection');
    assert.deepEqual(received, ['before', 'as hidden', 'as shown', 'after']);
    assert.equal(await page.evaluate(() => document.getElementById('ws').readyState), 1);
    assert.deepEqual(pageErrors, []);
  });

  it('share="tabs": a holder going into the cache hands the socket over, and comes back as a follower or holder at once', async () => {
    const before = connections.length;
    await page.goto(`${origin}/shared.html`);
    await until(() => window.seen.some((e) => e.type === 'open'), 'the holder open');
    const other = await browser.newPage();
    try {
      await other.goto(`${origin}/shared.html`);
      await other.waitForFunction(() => window.seen.some((e) => e.type === 'open'), {timeout: 10000, polling: 50});
      assert.equal(connections.length, before + 1, 'one socket for both tabs');
      await page.goto(`${origin}/away.html`);
      // The other tab takes the socket over: a second connection, the first closed as "page hidden".
      await other.waitForFunction(() => window.seen.filter((e) => e.type === 'open').length === 2, {timeout: 10000, polling: 50});
      assert.deepEqual({code: connections[before].code, reason: connections[before].reason}, {code: 1000, reason: 'page hidden'});
      await page.goBack();
      assert.equal(await page.evaluate(() => window.seen.findLast((e) => e.type === 'pageshow')?.persisted), true, 'the page came back from the cache');
      await until(() => window.seen.filter((e) => e.type === 'open').length === 2, 'open again after the return');
      const seen = await page.evaluate(() => window.seen.filter((e) => ['close', 'reconnecting', 'error'].includes(e.type)));
      assert.deepEqual(seen, [
        {type: 'close', code: 1001, reason: 'page hidden'},
        {type: 'reconnecting', code: 1001, reason: 'page hidden', delay: 0},
      ]);
      await page.evaluate(() => document.getElementById('ws').send('back'));
      await until(() => window.seen.some((e) => e.type === 'message' && e.data === 'back'), 'the echo after the return');
      assert.deepEqual(pageErrors, []);
    } finally {
      await other.close();
    }
  });
});
