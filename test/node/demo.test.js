// `npm start`'s demo, driven in Chromium: each panel does what it shows.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {connect} from 'node:net';
import {networkInterfaces} from 'node:os';
import {after, before, describe, it} from 'node:test';
import puppeteer from 'puppeteer-core';
import {chromiumArgs, chromiumPath} from '../../scripts/engines/chromium.js';
import {freePort} from '../../scripts/free-port.js';
import {root} from './scratch-app.js';

let demo;
let port;
let browser;
let page;
const hosts = new Set();
const pageErrors = [];

/** Resolves once `check` (run in the page) is true; fails with `what` after `timeout`. */
const until = (check, what, timeout = 10000, ...args) =>
  page.waitForFunction(check, {timeout, polling: 50}, ...args).catch(() => assert.fail(`timed out: ${what}`));

before(async () => {
  port = await freePort();
  demo = spawn(process.execPath, ['demo/serve.js'], {cwd: root, env: {...process.env, PORT: String(port)}, stdio: ['ignore', 'pipe', 'inherit']});
  await new Promise((resolve, reject) => {
    demo.stdout.on('data', (chunk) => String(chunk).includes('demo:') && resolve());
    demo.on('exit', (code) => reject(new Error(`the demo server exited with ${code}`)));
  });
  browser = await puppeteer.launch({executablePath: chromiumPath, headless: true, args: chromiumArgs});
  page = await browser.newPage();
  page.on('request', (request) => {
    // (PyScript's workers start from blob: URLs, which are no network request.)
    const url = new URL(request.url());
    if (!['blob:', 'data:'].includes(url.protocol)) hosts.add(url.host);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`http://127.0.0.1:${port}/demo/`);
  await until(() => ['alice', 'bob', 'faulty', 'ticks'].every((id) => document.getElementById(id).readyState === 1), 'every element open');
});

after(async () => {
  await browser?.close();
  demo?.kill();
});

describe('the demo', () => {
  it('chats between two elements through their forms and command buttons, showing messages as text', async () => {
    await page.type('#alice input[name=text]', 'Hi Bob, <b>not bold</b>');
    await page.click('#alice form button');
    await until(() => document.querySelector('#bob .chat-log')?.textContent.includes('Alice: Hi Bob, <b>not bold</b>'), "Bob sees Alice's line");
    assert.equal(await page.$eval('#bob .chat-log', (log) => log.querySelector('b')), null, 'no HTML rendered');
    await page.click('button[commandfor=bob][command="--close"]');
    await until(() => document.getElementById('bob').matches(':state(closed)'), 'Bob left');
    await page.click('button[commandfor=bob][command="--connect"]');
    await until(() => document.getElementById('bob').matches(':state(open)'), 'Bob is back');
    await page.click('button[commandfor=bob][command="--send"]');
    await until(() => document.querySelector('#alice .chat-log').textContent.includes('Bob: waves hello'), "Alice sees Bob's wave");
  });

  it('brings every streamed message back, in order, through a restart and refused connections; only what went to the silent server is lost in flight', async () => {
    await page.click('#stream');
    // The timeline notes each open: a fault is over when one more open is noted.
    const opens = () => page.$eval('#timeline', (log) => [...log.children].filter((entry) => entry.className === 'open').length);
    for (const fault of ['deploy', 'restart', 'silent', 'refuse']) {
      await new Promise((resolve) => setTimeout(resolve, 800));
      const before = await opens();
      await page.click(`[data-fault=${fault}]`);
      await until(
        (count) => [...document.getElementById('timeline').children].filter((entry) => entry.className === 'open').length > count,
        `open again after ${fault}`,
        15000,
        before
      );
    }
    await page.click('#stream');
    // Only what was sent to the silent server while the socket still looked open may be missing.
    const count = (id) => `Number(document.getElementById('${id}').value)`;
    await until(`${count('faulty-echoed')} + ${count('faulty-lost')} === ${count('faulty-sent')}`, 'every message echoed or lost in flight');
    const timeline = await page.$eval('#timeline', (log) => log.textContent);
    assert.match(timeline, /code 1012 "service restart"/);
    // The deploy's hint: the wait is what the server asked for, 1–2 s, not the backoff's.
    assert.match(timeline, /code 1012 "deploy; retry-after=1-2"/);
    assert.match(timeline, /reconnecting +attempt 1 in (1\d{3}|2000) ms/);
    assert.match(timeline, /heartbeat timeout/);
    assert.match(timeline, /reconnecting +attempt 2/);
    assert.doesNotMatch(timeline, /out of order/);
    const lines = timeline.split(/(?=\s+\d+\.\d s  )/);
    const silentAt = lines.findIndex((line) => line.includes('Make it go silent'));
    const losses = lines.map((line, i) => (line.includes('never came back') ? i : -1)).filter((i) => i >= 0);
    // The timeline is newest first: every loss is noted after (above) the silent fault, before the restart that follows.
    for (const i of losses) assert.ok(i < silentAt, 'losses only after the server went silent');
  });

  it('draws the JSON feed at about ten messages a second', async () => {
    await until(() => Number(document.getElementById('tick-count').value) >= 20, 'twenty ticks');
    const points = await page.$eval('#sparkline polyline', (line) => line.getAttribute('points').split(' ').length);
    assert.ok(points >= 20, `${points} points drawn`);
    const rate = Number(await page.$eval('#tick-rate', (output) => output.value));
    assert.ok(rate >= 5 && rate <= 15, `${rate} messages/s`);
  });

  it('runs the Brython example on the element', async () => {
    await until(() => !document.getElementById('openbtn').disabled, 'Brython ready');
    await page.click('#openbtn');
    await until(() => !document.getElementById('sendbtn').disabled, 'open');
    await page.click('#sendbtn');
    await until(() => document.getElementById('seed-log').textContent.includes('Message received: Hello from Python'), 'the echo');
  });

  it('runs the asyncio client with MicroPython on the page, and in a PyScript worker', async () => {
    await page.$eval('details[data-runtime=micropython]', (details) => (details.open = true));
    await until(() => !document.getElementById('micropython-asyncio').disabled, 'MicroPython loaded', 30000);
    await page.click('#micropython-asyncio');
    await until(() => document.getElementById('micropython-asyncio-log').textContent.includes('done'), 'the asyncio client ran', 15000);
    const lines = await page.$eval('#micropython-asyncio-log', (log) => log.textContent.trim().split('\n'));
    assert.deepEqual(lines.slice(0, 4), ['echo: Hello', 'echo: from', 'echo: asyncio', 'closed with 1000']);
    assert.equal(lines.filter((line) => line.startsWith('tick: {')).length, 5);

    await page.$eval('details[data-worker]', (details) => (details.open = true));
    await page.click('#worker-run');
    await until(() => document.getElementById('worker-log').textContent.includes('done'), 'the worker ran the client', 60000);
    assert.match(await page.$eval('#worker-log', (log) => log.textContent), /echo: asyncio\nclosed with 1000/);
  });

  it('fits a 390 px wide phone screen without scrolling sideways, every part open', async () => {
    await page.setViewport({width: 390, height: 844});
    try {
      await page.$$eval('details', (all) => all.forEach((details) => (details.open = true)));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      const over = await page.evaluate(() =>
        [...document.body.querySelectorAll('*')].filter((element) => element.getBoundingClientRect().right > 390.5).map((element) => element.outerHTML.slice(0, 60))
      );
      assert.ok(width <= 390, `the page is ${width} px wide: ${JSON.stringify(over)}`);
    } finally {
      await page.setViewport({width: 800, height: 600});
    }
  });

  it('listens on 127.0.0.1 alone, and a taken port says in one line which variable to set', async () => {
    const second = spawn(process.execPath, ['demo/serve.js'], {cwd: root, env: {...process.env, PORT: String(port)}, stdio: ['ignore', 'pipe', 'pipe']});
    let stderr = '';
    second.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => second.on('exit', resolve));
    assert.equal(code, 1);
    assert.equal(stderr, `Port ${port} is taken: set PORT to another one, as in PORT=8123 npm start\n`);
    // This machine's other addresses: nothing answers there.
    const others = Object.values(networkInterfaces()).flat().filter((address) => address.family === 'IPv4' && !address.internal);
    for (const {address} of others) {
      const error = await new Promise((resolve) => connect(port, address).on('connect', function () { this.destroy(); resolve(null); }).on('error', resolve));
      assert.equal(error?.code, 'ECONNREFUSED', `${address}:${port} answered`);
    }
  });

  it('reaches nothing beyond this machine and throws nothing', () => {
    assert.deepEqual([...hosts].filter((host) => !host.startsWith('127.0.0.1:')), []);
    assert.deepEqual(pageErrors, []);
  });
});
