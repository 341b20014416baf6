// A fault battery for <py-websocket>, run with `npm run battery` after `npm run build`
// (`-- --scenario restarts,herd,removal,tabs,inflight` runs some of its scenarios).
//
// It drives the built bundle (dist/py-websocket.js) in Chromium, Firefox and WebKit
// (`--engine firefox` picks some) against FaultServers on 127.0.0.1 and checks the
// reconnect contract where it is hardest to keep: a server that keeps crashing while
// messages flow, many elements reconnecting to one server at once, and elements
// removed at every moment of their life leaving no connection behind. It prints a
// report per engine and exits 0 or 1.
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {fileURLToPath} from 'node:url';
import {engineLabels, openEnginePage} from '../../scripts/engines/automation.js';
import {selectedEngines} from '../../scripts/engines/index.js';
import {FaultServer} from '../servers/fault-server.js';
import {densest} from '../../simulate/herd-spread.js';

const bundlePath = fileURLToPath(new URL('../../dist/py-websocket.js', import.meta.url));
const pagePath = fileURLToPath(new URL('./page.html', import.meta.url));
const tabPagePath = fileURLToPath(new URL('./tab.html', import.meta.url));

// Scenario "restarts": 2,000 messages over ~5 s while the server crashes ten times.
const MESSAGES = 2000;
const SEND_INTERVAL_MS = 2.5;
// Outage lengths (ms), fixed so that runs compare; spread over the sending period.
const OUTAGES_MS = [100, 300, 150, 250, 200, 120, 280, 180, 220, 260];
const FIRST_STOP_MS = 250;
const STOP_PERIOD_MS = 470;
// At an open the element hands its whole queue to the new socket at once. A crash
// right then destroys the flush while it is still in the browser's or the kernel's
// buffers (on this machine the way from send() to the server takes up to ~100 ms
// under load, and a crash can even land between the server's handshake answer and
// the browser's open): lost by TCP after the element sent it on an OPEN socket,
// which no client can prevent without acknowledgements. So a crash first waits (at
// most this long) until the page has seen every connection the server accepted open
// and the server has the last message of the latest flush; a queued message lost
// after that is the element's fault.
const FLUSH_WAIT_MS = 1000;
// Messages sent while OPEN may be lost only around a crash: from shortly before it
// (still in flight) until the browser notices the dropped connection.
const CRASH_WINDOW_MS = 300;

// Scenario "herd": 50 elements with the default backoff, one server restart.
const HERD = 50;
const HERD_OUTAGE_MS = 200;
const HERD_LIMIT_MS = 15000;
const BUCKET_MS = 250;
const WINDOW_MS = 50;
// Full jitter over the first 1 s spreads 50 attempts to ~2.5 per 50 ms; without
// jitter all 50 would start together. More than this many in one window is bunching.
const MAX_BUNCH = 15;

// Scenario "tabs": 5 frames share one socket (share="tabs"); every second the frame holding
// it is removed and a new one opened, while the server crashes now and then.
const TABS = 5;
const TAB_MESSAGES = 2000;
const TAB_SEND_INTERVAL_MS = 2.5;
const TAB_SWAP_MS = 1000;
const TAB_OUTAGES = [{at: 700, ms: 150}, {at: 2300, ms: 250}, {at: 3900, ms: 200}];

// Scenario "in flight": 5 frames share one socket; the four that do not hold it send 1 MB
// messages, and the holder's frame is removed while the first of them are still on their way.
const INFLIGHT_MESSAGES = 40;
const INFLIGHT_BYTES = 1024 * 1024;
const INFLIGHT_INTERVAL_MS = 10;
const INFLIGHT_REMOVE_AFTER = 12;

// Scenario "removal": elements removed at every moment of their life.
const REMOVED = 40;
// After the last removal the server must see no connection left, WebSocket or TCP, within this.
const LEFT_OPEN_LIMIT_MS = 1000;
// Firefox's lingering close: how long it waits for the server to drop a connection it ended.
const FIREFOX_LINGER_MS = 1000;

// The whole run must end by itself even if something hangs: this much per engine.
const WATCHDOG_PER_ENGINE_MS = 150_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const checks = [];
/** The engine being run, and what each engine's run measured, for the closing table. */
let engine;
const figures = {};

function check(name, ok, detail = '') {
  checks.push({engine, name, ok});
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

function note(name, value) {
  (figures[engine] ??= {})[name] = value;
}

/**
 * Waits (bounded by `limitMs`) until the server has no WebSocket and no TCP connection
 * left; returns the ms that took since `since`, or undefined if it did not happen.
 */
async function untilNothingOpen(server, since, limitMs) {
  const deadline = since + limitMs;
  for (;;) {
    if (server.open === 0 && server.tcp === 0) return Date.now() - since;
    if (Date.now() > deadline) return undefined;
    await sleep(5);
  }
}

function checkNothingLeftOpen(after, left) {
  check(
    `no connection left open ${LEFT_OPEN_LIMIT_MS} ms after ${after}`,
    left !== undefined,
    left === undefined ? 'still open' : `all gone after ${left} ms`
  );
}

/** Serves the page and the built bundle with its share files, nothing else. */
async function servePage() {
  const files = {
    '/': {type: 'text/html', body: readFileSync(pagePath)},
    '/py-websocket.js': {type: 'text/javascript', body: readFileSync(bundlePath)},
    // What the bundle loads beside itself when an element uses `share` (and, with "tabs", the tab relay).
    '/py-websocket-share.js': {type: 'text/javascript', body: readFileSync(bundlePath.replace(/\.js$/, '-share.js'))},
    '/py-websocket-tabs.js': {type: 'text/javascript', body: readFileSync(bundlePath.replace(/\.js$/, '-tabs.js'))},
    '/tab.html': {type: 'text/html', body: readFileSync(tabPagePath)},
  };
  const server = createServer((request, response) => {
    const file = files[new URL(request.url, 'http://x').pathname];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, {'content-type': file.type, 'cache-control': 'no-store'}).end(file.body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/**
 * Waits (bounded by `limitMs`) until every connection the server accepted has opened
 * in the page and the server has the last message the element flushed; false if not.
 */
async function untilFlushDelivered(page, server, limitMs) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const {opens, flushedThrough} = await page.evaluate(() => window.battery.restartsState());
    const delivered = flushedThrough < 0 || server.received.includes(`n:${flushedThrough}`);
    if (opens === server.connections && delivered) return true;
    if (Date.now() > deadline) return false;
    await sleep(2);
  }
}

/** Waits until the server has received nothing new for `quietMs` (bounded by `limitMs`). */
async function untilQuiet(server, quietMs, limitMs) {
  const deadline = Date.now() + limitMs;
  let count = -1;
  while (count !== server.received.length && Date.now() < deadline) {
    count = server.received.length;
    await sleep(quietMs);
  }
}

async function restartsScenario(page) {
  console.log('\n== restarts: 1 element, %d messages, %d server crashes ==', MESSAGES, OUTAGES_MS.length);
  const server = new FaultServer();
  await server.start();
  try {
    const host = `ws://127.0.0.1:${server.port}/`;
    await page.evaluate((host) => window.battery.openRestarts(host), host);

    const sending = page.evaluate((count, interval) => window.battery.sendNumbered(count, interval), MESSAGES, SEND_INTERVAL_MS);
    // Awaited after the crashes; until then a failure must not count as unhandled.
    sending.catch(() => {});
    const began = Date.now();
    const crashes = [];
    const flushWaits = [];
    let unconfirmed = 0;
    for (const [k, outage] of OUTAGES_MS.entries()) {
      await sleep(began + FIRST_STOP_MS + k * STOP_PERIOD_MS - Date.now());
      const waitStarted = Date.now();
      if (!(await untilFlushDelivered(page, server, FLUSH_WAIT_MS))) unconfirmed++;
      flushWaits.push(Date.now() - waitStarted);
      // Only microtasks run between that check and the drop in stop(): no connection
      // can be accepted in between.
      crashes.push(Date.now());
      await server.stop();
      await sleep(outage);
      await server.start();
    }
    const sent = await sending;
    const drained = await page.evaluate((ms) => window.battery.drainRestarts(ms), 10000);
    // The last messages may still be on their way when the queue is empty.
    await untilQuiet(server, 300, 5000);
    const {log, removedAt} = await page.evaluate(() => window.battery.finishRestarts());
    const leftOpen = await untilNothingOpen(server, removedAt, LEFT_OPEN_LIMIT_MS);

    const delivered = new Set();
    let duplicates = 0;
    let reordered = 0;
    let unexpected = 0;
    let highest = -1;
    for (const text of server.received) {
      const match = /^n:(\d+)$/.exec(text);
      if (!match) {
        unexpected++;
        continue;
      }
      const index = Number(match[1]);
      if (delivered.has(index)) duplicates++;
      // Order is kept when every message arrives after all those sent before it.
      if (index < highest) reordered++;
      delivered.add(index);
      highest = Math.max(highest, index);
    }
    const refused = new Set(sent.thrown.map(({index}) => index));
    const accepted = [...sent.openAtSend.keys()].filter((index) => !refused.has(index));
    const whileOpen = accepted.filter((index) => sent.openAtSend[index]);
    const whileNotOpen = accepted.filter((index) => !sent.openAtSend[index]);
    const lostOpen = whileOpen.filter((index) => !delivered.has(index));
    const lostNotOpen = whileNotOpen.filter((index) => !delivered.has(index));
    // Where each message lost while OPEN was sent: signed ms from the nearest crash.
    const nearest = lostOpen.map((index) => nearestCrash(crashes, sent.sentAt[index]));
    const fromCrash = nearest.map(({ms}) => ms);
    const crashesWithLoss = new Set(nearest.map(({crash}) => crash)).size;

    console.log(`  sent ${MESSAGES} in ${sent.ms} ms; server outages ${OUTAGES_MS.join(', ')} ms`);
    console.log(`  crash delay waiting for the latest flush to arrive: ${summary(flushWaits)}; unconfirmed ${unconfirmed}`);
    console.log(`  element: ${log.open.length - 1} reconnects, ${log.reconnecting.length} reconnecting events, ${log.close.length} closes, ${log.error} errors`);
    console.log(`  server: ${server.connections} connections, ${server.received.length} messages received`);
    console.log(`  sent while OPEN: ${whileOpen.length}, lost ${lostOpen.length} (allowed: cut mid-flight by the crash)${lostOpen.length ? ` [${ranges(lostOpen)}]` : ''}`);
    if (lostOpen.length) {
      console.log(`    at ${crashesWithLoss} of ${crashes.length} crashes, sent ${Math.min(...fromCrash)}..${Math.max(...fromCrash)} ms from the crash`);
    }
    console.log(`  sent while not OPEN (queued): ${whileNotOpen.length}, lost ${lostNotOpen.length}`);
    console.log(`  duplicates ${duplicates}, out of order ${reordered}, unexpected ${unexpected}`);

    check('every send() accepted', sent.thrown.length === 0, sent.thrown.slice(0, 3).map((t) => `n:${t.index} ${t.name}`).join('; '));
    check('the scenario queued messages (the element was seen not open)', whileNotOpen.length > 0, `${whileNotOpen.length}`);
    check('queue drained and open at the end', drained);
    check('no message sent while not open was lost', lostNotOpen.length === 0, lostNotOpen.length ? `lost: ${ranges(lostNotOpen)}` : '');
    check(
      `messages lost while OPEN were all sent within ${CRASH_WINDOW_MS} ms of a crash`,
      fromCrash.every((ms) => Math.abs(ms) <= CRASH_WINDOW_MS)
    );
    check('no duplicates', duplicates === 0, `${duplicates}`);
    check('order preserved', reordered === 0, `${reordered}`);
    check('only the sent messages arrived', unexpected === 0, `${unexpected}`);
    check('no giveup', log.giveup.length === 0, log.giveup.map((g) => `attempts ${g.attempts}, unsent ${g.unsent.length}`).join('; '));
    checkNothingLeftOpen('the element was removed', leftOpen);
    note('restarts: queued', whileNotOpen.length);
    note('restarts: lost of queued', lostNotOpen.length);
    note('restarts: lost in flight at a crash', lostOpen.length);
    note('restarts: duplicates / reordered', `${duplicates} / ${reordered}`);
  } finally {
    await server.close();
  }
}

async function herdScenario(page) {
  console.log('\n== herd: %d elements, default backoff, one %d ms outage ==', HERD, HERD_OUTAGE_MS);
  const server = new FaultServer();
  await server.start();
  try {
    const host = `ws://127.0.0.1:${server.port}/`;
    const openingStarted = Date.now();
    await page.evaluate((host, count) => window.battery.openHerd(host, count), host, HERD);
    console.log(`  opened ${server.open} sockets one after another in ${Date.now() - openingStarted} ms`);

    await sleep(300);
    const stoppedAt = Date.now();
    await server.stop();
    await sleep(HERD_OUTAGE_MS - (Date.now() - stoppedAt));
    await server.start();
    const restartedAt = Date.now() - stoppedAt;

    let reopened = 0;
    while (reopened < HERD && Date.now() - stoppedAt < HERD_LIMIT_MS) {
      await sleep(100);
      reopened = await page.evaluate((since) => window.battery.herdOpenAgain(since), stoppedAt);
    }
    const {logs, removedAt} = await page.evaluate(() => window.battery.finishHerd());
    const leftOpen = await untilNothingOpen(server, removedAt, LEFT_OPEN_LIMIT_MS);

    // Every time below is in ms since the server was stopped.
    const reopenTimes = logs.flatMap((log) => log.open.filter((at) => at >= stoppedAt).slice(0, 1).map((at) => at - stoppedAt));
    const attempts = logs.flatMap((log) => log.reconnecting.filter((r) => r.at >= stoppedAt));
    // An attempt starts when its wait ends: the reconnecting event plus its delay.
    const attemptStarts = attempts.map((r) => r.at + r.delay - stoppedAt);
    const perElement = logs.map((log) => log.reconnecting.filter((r) => r.at >= stoppedAt).length);
    const giveups = logs.reduce((sum, log) => sum + log.giveup.length, 0);

    console.log(`  server back after ${restartedAt} ms; ${server.connections - HERD} reconnections accepted`);
    console.log(`  reconnected: ${reopenTimes.length}/${HERD}`);
    console.log(`  reconnect time: ${summary(reopenTimes)}`);
    console.log(`  reconnect attempts: ${attempts.length} (per element: ${summary(perElement, '')})`);
    console.log(`  most attempts started within any ${WINDOW_MS} ms: ${densest(attemptStarts, WINDOW_MS)} (without jitter: ${HERD})`);
    console.log(`  most reconnects completed within any ${WINDOW_MS} ms: ${densest(reopenTimes, WINDOW_MS)}`);
    console.log(`  reconnect time histogram (${BUCKET_MS} ms buckets):`);
    for (const line of histogram(reopenTimes, BUCKET_MS)) console.log(`    ${line}`);

    check(`all ${HERD} reconnected within ${HERD_LIMIT_MS / 1000} s`, reopenTimes.length === HERD, `${reopenTimes.length}`);
    check('no giveup', giveups === 0, `${giveups}`);
    check(`attempts spread: at most ${MAX_BUNCH} within any ${WINDOW_MS} ms`, densest(attemptStarts, WINDOW_MS) <= MAX_BUNCH);
    checkNothingLeftOpen(`all ${HERD} were removed`, leftOpen);
    const sorted = [...reopenTimes].sort((a, b) => a - b);
    note('herd: reconnected', `${reopenTimes.length}/${HERD}`);
    note('herd: median / p90 reconnect', sorted.length ? `${percentile(sorted, 50)} / ${percentile(sorted, 90)} ms` : 'none');
    note(`herd: most attempts in ${WINDOW_MS} ms`, densest(attemptStarts, WINDOW_MS));
  } finally {
    await server.close();
  }
}

async function removalScenario(page) {
  console.log('\n== removal: %d elements removed 0-7 ms after insertion, then the same while handshakes hang ==', REMOVED);
  const server = new FaultServer();
  await server.start();
  try {
    const host = `ws://127.0.0.1:${server.port}/`;
    const run = async (native) => {
      const {removedAt, states} = await page.evaluate((host, count, native) => window.battery.insertAndRemove(host, count, native), host, REMOVED, native);
      const gone = await untilNothingOpen(server, removedAt, LEFT_OPEN_LIMIT_MS);
      const left = server.tcp;
      // Firefox waits up to 1 s for the server to close a connection it ended without a
      // close frame (a handshake that completed after close()): give that wait its due.
      const goneAfterLinger = gone ?? (await untilNothingOpen(server, removedAt, LEFT_OPEN_LIMIT_MS + FIREFOX_LINGER_MS));
      // Cut what the browser still holds, so that the next run starts from nothing.
      server.drop();
      return {gone, left, goneAfterLinger, states};
    };
    for (const mode of ['echo', 'hang']) {
      server.mode = mode;
      // The same pattern with the browser's own WebSocket (created, then closed) first:
      // what the engine itself leaves behind.
      const own = await run(true);
      const before = server.connections;
      const element = await run(false);
      const shown = ({gone, left}) => (gone === undefined ? `${left} still open` : `all gone after ${gone} ms`);
      const [connecting, open] = element.states;
      console.log(
        `  ${mode}: ${connecting} connecting and ${open} open at removal; server accepted ${server.connections - before} handshakes; ` +
          `1 s after the last removal: ${shown(element)} (the browser's own WebSocket, closed the same way: ${shown(own)})`
      );
      // Firefox finishes some handshakes after close() and lingers on them, and keeps a
      // hanging one until its open timeout: the element cannot close what the engine keeps.
      const lingeredOnly = engine === 'firefox' && element.goneAfterLinger !== undefined;
      check(
        `no connection left ${LEFT_OPEN_LIMIT_MS} ms after the last removal beyond what the browser's own WebSocket leaves (server ${mode === 'hang' ? 'not answering handshakes' : 'echoing'})`,
        element.left <= own.left || lingeredOnly,
        `${shown(element)}; own WebSocket: ${shown(own)}`
      );
      note(`removal (${mode}): left after 1 s`, `${element.left} (own WebSocket ${own.left})`);
    }
  } finally {
    await server.close();
  }
}

async function tabsScenario(page) {
  console.log(
    '\n== tabs: %d frames share one socket; the holder is removed every %d ms; %d messages; %d server crashes ==',
    TABS,
    TAB_SWAP_MS,
    TAB_MESSAGES,
    TAB_OUTAGES.length
  );
  const server = new FaultServer();
  await server.start();
  try {
    const host = `ws://127.0.0.1:${server.port}/`;
    await page.evaluate((host, count) => window.battery.openTabs(host, count), host, TABS);
    const sending = page.evaluate(
      (count, interval, swap) => window.battery.sendFromTabs(count, interval, swap),
      TAB_MESSAGES,
      TAB_SEND_INTERVAL_MS,
      TAB_SWAP_MS
    );
    sending.catch(() => {});
    const began = Date.now();
    const crashes = [];
    for (const {at, ms} of TAB_OUTAGES) {
      await sleep(began + at - Date.now());
      crashes.push(Date.now());
      await server.stop();
      await sleep(ms);
      await server.start();
    }
    const {sent} = await sending;
    const {drained, removed, giveups, handed} = await page.evaluate((ms) => window.battery.drainTabs(ms), 10000);
    await untilQuiet(server, 300, 5000);
    const removedAt = new Map(removed.map(({id, at}) => [id, at]));

    const arrivals = new Map();
    let duplicates = 0;
    let reordered = 0;
    const highest = new Map();
    for (const text of server.received) {
      const match = /^t(\d+):(\d+)$/.exec(text);
      if (!match) continue;
      if (arrivals.has(text)) duplicates++;
      arrivals.set(text, (arrivals.get(text) ?? 0) + 1);
      const [tab, n] = [Number(match[1]), Number(match[2])];
      if (n < (highest.get(tab) ?? -1)) reordered++;
      highest.set(tab, Math.max(highest.get(tab) ?? -1, n));
    }
    const handedBack = new Set(giveups);
    const lost = sent.filter(({text}) => !arrivals.has(text) && !handedBack.has(text));
    // A removed frame takes what it still held with it; what it sent while open may die in flight with its socket.
    const wentWithTab = lost.filter(({tab}) => removedAt.has(tab));
    const lostQueued = lost.filter(({tab, open}) => !removedAt.has(tab) && !open);
    const lostOpen = lost.filter(({tab, open}) => !removedAt.has(tab) && open);
    const queued = sent.filter(({open}) => !open).length;
    // A lost message of a frame still there: cut in flight by a crash when a socket was handed it
    // within CRASH_WINDOW_MS of one; otherwise the relay lost it (handed to a socket far from any
    // crash, or to none), whether its frame saw the element open or not.
    const handedAt = new Map(handed.map(({text, at}) => [text, at]));
    const inFlightAtCrash = ({text}) => handedAt.has(text) && Math.abs(nearestCrash(crashes, handedAt.get(text)).ms) <= CRASH_WINDOW_MS;
    const lostByRelay = lost.filter((message) => !removedAt.has(message.tab) && !inFlightAtCrash(message));

    console.log(`  frames opened ${removed.length + TABS}, removed ${removed.length}; server: ${server.connections} connections, ${server.received.length} messages`);
    console.log(`  sent ${sent.length}: ${queued} while their frame was not open; handed back in giveup: ${handedBack.size}`);
    console.log(`  lost from frames still open at the end: ${lostQueued.length} queued while not open, ${lostOpen.length} sent while open`);
    console.log(`  went with a removed frame (not delivered): ${wentWithTab.length}`);
    console.log(
      `  of those lost from frames still open: ${lost.length - wentWithTab.length - lostByRelay.length} handed to a socket within ${CRASH_WINDOW_MS} ms of a crash, ` +
        `${lostByRelay.filter(({text}) => handedAt.has(text)).length} handed to a socket far from any crash, ${lostByRelay.filter(({text}) => !handedAt.has(text)).length} handed to none`
    );
    console.log(`  duplicates ${duplicates}, out of order (per frame) ${reordered}`);

    check('the scenario queued messages (frames saw the socket not open)', queued > 0, `${queued}`);
    check('every frame left open with nothing queued', drained);
    check('no message queued while not open was lost', lostQueued.length === 0, lostQueued.slice(0, 5).map(({text}) => text).join(', '));
    check(
      `no message lost but in flight at a crash (a socket handed it within ${CRASH_WINDOW_MS} ms of one)`,
      lostByRelay.length === 0,
      lostByRelay
        .slice(0, 5)
        .map(({text}) => {
          if (!handedAt.has(text)) return `${text} (handed to no socket)`;
          const at = handedAt.get(text);
          const removal = Math.min(...removed.map((tab) => Math.abs(tab.at - at)));
          return `${text} (handed ${nearestCrash(crashes, at).ms} ms from a crash, ${removal} ms from a holder's removal)`;
        })
        .join(', ')
    );
    check('no duplicates', duplicates === 0, `${duplicates}`);
    check("each frame's messages in order", reordered === 0, `${reordered}`);
    note('tabs: queued while not open', queued);
    note('tabs: lost of queued (frames left)', lostQueued.length);
    note('tabs: went with a removed frame', wentWithTab.length);
    note('tabs: duplicates / reordered', `${duplicates} / ${reordered}`);
    note('tabs: server connections', server.connections);
    const finishedAt = await page.evaluate(() => window.battery.finishTabs());
    checkNothingLeftOpen('the last frame was removed', await untilNothingOpen(server, finishedAt, LEFT_OPEN_LIMIT_MS));
  } finally {
    await server.close();
  }
}

async function inflightScenario(page) {
  console.log(
    '\n== in flight: %d frames share one socket; %d sends of %d MB from the others; the holder removed after %d ==',
    TABS,
    INFLIGHT_MESSAGES,
    INFLIGHT_BYTES / 1024 / 1024,
    INFLIGHT_REMOVE_AFTER
  );
  const server = new FaultServer();
  await server.start();
  try {
    await page.evaluate((host, count) => window.battery.openTabs(host, count), `ws://127.0.0.1:${server.port}/`, TABS);
    const {sent} = await page.evaluate(
      (count, bytes, interval, removeAfter) => window.battery.sendBigFromFollowers(count, bytes, interval, removeAfter),
      INFLIGHT_MESSAGES,
      INFLIGHT_BYTES,
      INFLIGHT_INTERVAL_MS,
      INFLIGHT_REMOVE_AFTER
    );
    const {drained, giveups} = await page.evaluate((ms) => window.battery.drainTabs(ms), 20000);
    await untilQuiet(server, 500, 10000);
    const arrivals = new Map();
    for (const text of server.received) {
      const label = text.split('|')[0];
      arrivals.set(label, (arrivals.get(label) ?? 0) + 1);
    }
    const handedBack = new Set(giveups);
    const lost = sent.filter(({text}) => !arrivals.has(text) && !handedBack.has(text));
    const duplicates = sent.filter(({text}) => (arrivals.get(text) ?? 0) + (handedBack.has(text) ? 1 : 0) > 1);
    console.log(`  sent ${sent.length} × ${INFLIGHT_BYTES} B; at the server ${arrivals.size}, handed back ${handedBack.size}; server connections ${server.connections}`);
    console.log(`  lost ${lost.length}, duplicated ${duplicates.length}`);
    check('in flight: every frame left open with nothing queued', drained);
    check('in flight: no message lost', lost.length === 0, lost.slice(0, 5).map(({text}) => text).join(', '));
    // Chromium shows a send leaving the socket's buffer a task late, and drops what a destroyed
    // document's socket still buffered: the one message whose last piece left in that task may
    // be sent again by the next holder (see src/sharing/tab-socket.ts). No page can tell.
    const allowed = engine === 'chromium' ? 1 : 0;
    check(
      allowed ? 'in flight: no message duplicated but, at most, the one leaving when the holder went' : 'in flight: no message duplicated',
      duplicates.length <= allowed,
      duplicates.slice(0, 5).map(({text}) => text).join(', ')
    );
    note('in flight: lost / duplicated', `${lost.length} / ${duplicates.length}`);
    note('in flight: handed back', handedBack.size);
    const finishedAt = await page.evaluate(() => window.battery.finishTabs());
    checkNothingLeftOpen('in flight: the last frame was removed', await untilNothingOpen(server, finishedAt, LEFT_OPEN_LIMIT_MS));
  } finally {
    await server.close();
  }
}

/** The crash (index) nearest to the time `at`, and `at`'s signed distance from it in ms. */
function nearestCrash(crashes, at) {
  let crash = 0;
  for (const [i, time] of crashes.entries()) if (Math.abs(at - time) < Math.abs(at - crashes[crash])) crash = i;
  return {crash, ms: at - crashes[crash]};
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values, unit = ' ms') {
  if (values.length === 0) return 'none';
  const sorted = [...values].sort((a, b) => a - b);
  const [min, median, p90, max] = [sorted[0], percentile(sorted, 50), percentile(sorted, 90), sorted.at(-1)];
  return `min ${min}${unit}, median ${median}${unit}, p90 ${p90}${unit}, max ${max}${unit}`;
}

function histogram(values, width) {
  const counts = [];
  for (const value of values) {
    const bucket = Math.floor(value / width);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return Array.from(counts, (count = 0, bucket) => {
    const label = `${bucket * width}-${(bucket + 1) * width} ms`.padStart(15);
    return `${label} ${String(count).padStart(3)} ${'#'.repeat(count)}`;
  });
}

/** Compresses sorted indexes into "3-7, 12" for the report. */
function ranges(indexes) {
  const parts = [];
  for (let i = 0; i < indexes.length; i++) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    parts.push(i === j ? `n:${indexes[i]}` : `n:${indexes[i]}-${indexes[j]}`);
    i = j;
  }
  return parts.join(', ');
}

const scenarios = {restarts: restartsScenario, herd: herdScenario, removal: removalScenario, tabs: tabsScenario, inflight: inflightScenario};
/** `--scenario tabs,inflight` runs some of them; all by default. */
const scenarioFlag = process.argv.indexOf('--scenario');
const chosenScenarios = scenarioFlag > 0 ? process.argv[scenarioFlag + 1].split(',') : Object.keys(scenarios);

async function runEngine(name, url) {
  engine = name;
  console.log(`\n######## ${engineLabels[name]} ########`);
  let page;
  try {
    page = await openEnginePage(name, url);
    console.log(`  ${page.version}`);
    await page.evaluate(() => window.battery.ready());
    for (const [name, scenario] of Object.entries(scenarios)) if (chosenScenarios.includes(name)) await scenario(page);
    const errors = await page.evaluate(() => window.batteryErrors);
    check('no uncaught error in the page', errors.length === 0, errors.slice(0, 3).join('; '));
  } catch (error) {
    check('the battery ran to the end', false, error.stack ?? String(error));
  } finally {
    await page?.close();
  }
}

/** One column per engine, one row per figure. */
function printFigures(engines) {
  const rows = [...new Set(engines.flatMap((name) => Object.keys(figures[name] ?? {})))];
  const table = [['', ...engines.map((name) => engineLabels[name])], ...rows.map((row) => [row, ...engines.map((name) => String(figures[name]?.[row] ?? '-'))])];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  console.log('\n== figures per engine ==');
  for (const line of table) console.log(`  ${line.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`);
}

async function main() {
  if (!existsSync(bundlePath)) {
    console.error('dist/py-websocket.js is missing: run `npm run build` first, then `npm run battery`.');
    return 1;
  }
  const engines = selectedEngines();
  const watchdog = setTimeout(() => {
    console.error(`\nFAIL: the battery did not finish within ${(engines.length * WATCHDOG_PER_ENGINE_MS) / 1000} s.`);
    process.exit(1);
  }, engines.length * WATCHDOG_PER_ENGINE_MS);
  watchdog.unref();
  const pageServer = await servePage();
  try {
    for (const name of engines) await runEngine(name, `http://127.0.0.1:${pageServer.address().port}/`);
  } finally {
    await new Promise((resolve) => pageServer.close(resolve));
  }
  printFigures(engines);
  const failed = checks.filter(({ok}) => !ok);
  for (const name of engines) {
    const own = checks.filter((c) => c.engine === name);
    const bad = own.filter(({ok}) => !ok);
    console.log(`${engineLabels[name]}: ${own.length - bad.length} of ${own.length} checks passed${bad.length ? `; failed: ${bad.map((c) => c.name).join('; ')}` : ''}`);
  }
  console.log(failed.length === 0 ? `\nPASS: all ${checks.length} resilience checks passed.` : `\nFAIL: ${failed.length} of ${checks.length} checks failed.`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
