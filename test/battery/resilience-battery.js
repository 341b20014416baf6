// A fault battery for <py-websocket>, run with `npm run battery` after `npm run build`.
//
// It drives the built bundle (dist/py-websocket.js) in headless Chromium against
// FaultServers on 127.0.0.1 and checks the reconnect contract where it is hardest
// to keep: a server that keeps crashing while messages flow, and many elements
// reconnecting to one server at once. It prints a report and exits 0 or 1.
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';
import {chromiumArgs, chromiumPath} from '../../scripts/engines/chromium.js';
import {FaultServer} from '../servers/fault-server.js';

const bundlePath = fileURLToPath(new URL('../../dist/py-websocket.js', import.meta.url));
const pagePath = fileURLToPath(new URL('./page.html', import.meta.url));

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

// The whole run must end by itself even if something hangs.
const WATCHDOG_MS = 110_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const checks = [];

function check(name, ok, detail = '') {
  checks.push({name, ok});
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

/** Serves the page and the built bundle, nothing else. */
async function servePage() {
  const files = {
    '/': {type: 'text/html', body: readFileSync(pagePath)},
    '/py-websocket.js': {type: 'text/javascript', body: readFileSync(bundlePath)},
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
    const log = await page.evaluate(() => window.battery.finishRestarts());

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
  } finally {
    await server.stop();
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
    const logs = await page.evaluate(() => window.battery.finishHerd());

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
  } finally {
    await server.stop();
  }
}

/** The crash (index) nearest to the time `at`, and `at`'s signed distance from it in ms. */
function nearestCrash(crashes, at) {
  let crash = 0;
  for (const [i, time] of crashes.entries()) if (Math.abs(at - time) < Math.abs(at - crashes[crash])) crash = i;
  return {crash, ms: at - crashes[crash]};
}

/** The largest number of `times` that fall within any window of `width` ms. */
function densest(times, width) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= width) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
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

async function main() {
  if (!existsSync(bundlePath)) {
    console.error('dist/py-websocket.js is missing: run `npm run build` first, then `npm run battery`.');
    return 1;
  }
  const pageServer = await servePage();
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
    });
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    await page.goto(`http://127.0.0.1:${pageServer.address().port}/`);
    await page.waitForFunction(() => window.battery !== undefined, {timeout: 10000});
    await page.evaluate(() => window.battery.ready());

    await restartsScenario(page);
    await herdScenario(page);
  } catch (error) {
    check('the battery ran to the end', false, error.stack ?? String(error));
  } finally {
    await browser?.close();
    await new Promise((resolve) => pageServer.close(resolve));
  }
  const failed = checks.filter(({ok}) => !ok);
  console.log(
    failed.length === 0
      ? `\nPASS: all ${checks.length} resilience checks passed.`
      : `\nFAIL: ${failed.length} of ${checks.length} checks failed: ${failed.map(({name}) => name).join('; ')}.`
  );
  return failed.length === 0 ? 0 : 1;
}

const watchdog = setTimeout(() => {
  console.error(`\nFAIL: the battery did not finish within ${WATCHDOG_MS / 1000} s.`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();
process.exitCode = await main();
