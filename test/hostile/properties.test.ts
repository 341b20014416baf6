import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, type PyWebSocketErrorEvent, type PyWebSocketReconnectingEvent} from '../../src/index.js';
import {FaultServer, oneEvent, pause, recordEvents, serverLog, uniqueId} from '../helpers.js';

/** An element in the document that has not connected (manual), with `host` set as a property. */
async function withHost(host: unknown): Promise<PyWebSocketElement> {
  const element = await fixture<PyWebSocketElement>(html`<py-websocket></py-websocket>`);
  (element as unknown as {host: unknown}).host = host;
  return element;
}

describe('host set as a property takes what a reflected string attribute takes', () => {
  it('connects to a URL object, as its text', async () => {
    const id = uniqueId();
    const element = await withHost(new URL(`/ws/echo?id=${id}`, location.href));
    await oneEvent(element, 'open');
    expect(element.host).to.equal(new URL(`/ws/echo?id=${id}`, location.href).href);
    expect((await serverLog(id)).opened).to.equal(1);
  });

  it('connects to an object with toString, as its text', async () => {
    const id = uniqueId();
    const element = await withHost({toString: () => `/ws/echo?id=${id}`});
    await oneEvent(element, 'open');
    expect((await serverLog(id)).opened).to.equal(1);
  });

  for (const [what, value] of [
    ['a Symbol', Symbol('host')],
    ['an object whose toString throws', {toString: () => {throw new RangeError('no text here');}}],
  ] as const) {
    it(`gives one error event for ${what}, no exception and no unhandled rejection, and stays CLOSED`, async () => {
      const element = await fixture<PyWebSocketElement>(html`<py-websocket></py-websocket>`);
      const events = recordEvents(element, ['error', 'open', 'close']);
      expect(() => ((element as unknown as {host: unknown}).host = value)).not.to.throw();
      await waitUntil(() => events.length > 0, 'an event');
      await pause(50);
      expect(events.map((event) => event.type)).to.deep.equal(['error']);
      expect((events[0] as PyWebSocketErrorEvent).message).to.match(/^The host could not be read as text: /);
      expect(element.host).to.equal('');
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    });
  }

  it('treats a host of whitespace only as no host: it does not connect to the page itself', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket host="   "></py-websocket>`);
    const events = recordEvents(element, ['open', 'error']);
    await pause(100);
    expect(events).to.deep.equal([]);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect(element.url).to.equal('');
    expect(() => element.send('x')).to.throw(DOMException, /no host is set/);
  });

  it('refuses credentials in the URL with an error event that does not show the password, and does not connect', async () => {
    const id = uniqueId();
    const host = `ws://someone:SECRET123@${location.host}/ws/echo?id=${id}`;
    const element = await fixture<PyWebSocketElement>(html`<py-websocket host=${host}></py-websocket>`);
    const error = await oneEvent(element, 'error');
    expect(error.message).to.contain('credentials');
    expect(error.message).not.to.contain('SECRET123');
    expect(element.url).not.to.contain('SECRET123');
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    await pause(50);
    expect((await serverLog(id)).opened).to.equal(0);
  });

  it('refuses a host longer than 2 MB with an error event, without handing it to the browser', async () => {
    const element = document.createElement('py-websocket');
    element.host = `/ws/echo?pad=${'a'.repeat(2 * 1024 * 1024)}`;
    const error = oneEvent(element, 'error');
    document.body.append(element);
    try {
      expect((await error).message).to.match(/^The host is \d+ characters long; a URL may have at most 2097152\.$/);
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    } finally {
      element.remove();
    }
  });
});

describe('numeric properties take what their attributes take', () => {
  const defaults: [keyof PyWebSocketElement, number][] = [
    ['reconnectDelay', 1000],
    ['reconnectMaxDelay', 15000],
    ['maxRetries', Infinity],
    ['queueLimit', 1000],
    ['minUptime', 5000],
    ['heartbeat', 0],
    ['heartbeatTimeout', 0],
    ['connectTimeout', 10000],
  ];
  for (const [name, fallback] of defaults) {
    it(`${name}: NaN, −5, "abc", Infinity and a Symbol mean the default (${fallback}); "250" means 250`, () => {
      const element = document.createElement('py-websocket') as unknown as Record<string, unknown>;
      for (const value of [NaN, -5, 'abc', Infinity, Symbol('n'), null]) {
        element[name] = 7;
        element[name] = value;
        expect(element[name], String(value)).to.equal(fallback);
      }
      element[name] = '250';
      expect(element[name]).to.equal(250);
    });
  }

  it('reconnectDelay = NaN backs off with the default, and every reconnecting delay is a finite number', async () => {
    const server = await FaultServer.start();
    await server.setMode('refuse');
    const element = document.createElement('py-websocket');
    element.reconnectDelay = NaN;
    element.reconnectMaxDelay = -5;
    element.host = server.host;
    const delays: number[] = [];
    element.addEventListener('reconnecting', (event) => delays.push((event as PyWebSocketReconnectingEvent).delay));
    document.body.append(element);
    try {
      await waitUntil(() => delays.length >= 1, 'a reconnecting event', {timeout: 5000});
      expect(Number.isFinite(delays[0])).to.equal(true);
      expect(delays[0]).to.be.within(0, 1000);
    } finally {
      element.remove();
      await server.stop();
    }
  });

  for (const limit of [NaN, -1]) {
    it(`queueLimit = ${limit} queues up to the default 1000: neither without limit nor nothing at all`, async () => {
      const element = document.createElement('py-websocket');
      element.manual = true;
      element.host = '/ws/echo';
      document.body.append(element);
      try {
        element.connect();
        element.queueLimit = limit;
        for (let i = 0; i < 1000; i++) element.send(`m${i}`);
        expect(() => element.send('one too many')).to.throw(DOMException).with.property('name', 'QuotaExceededError');
      } finally {
        element.remove();
      }
    });
  }
});

describe('a server that accepts and then fails at once', () => {
  it('makes an element with max-retries="1" give up, instead of reconnecting for ever', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    for (const [name, value] of Object.entries({'max-retries': '1', 'reconnect-delay': '50', host: `/ws/close?code=1011&id=${id}`})) {
      element.setAttribute(name, value);
    }
    const events = recordEvents(element, ['open', 'close', 'reconnecting', 'giveup']);
    document.body.append(element);
    try {
      await oneEvent(element, 'giveup');
      expect(events.map((event) => event.type)).to.deep.equal(['open', 'close', 'reconnecting', 'open', 'close', 'giveup']);
      await pause(150);
      expect((await serverLog(id)).opened).to.equal(2);
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    } finally {
      element.remove();
    }
  });
});

describe('online and offline events dispatched by a script', () => {
  it('a fake offline event (navigator.onLine still true) does not stop reconnecting', async () => {
    const server = await FaultServer.start();
    await server.setMode('refuse');
    const element = document.createElement('py-websocket');
    element.reconnectDelay = 20;
    element.reconnectMaxDelay = 40;
    element.host = server.host;
    const attempts: number[] = [];
    element.addEventListener('reconnecting', (event) => attempts.push((event as PyWebSocketReconnectingEvent).attempt));
    document.body.append(element);
    try {
      await waitUntil(() => attempts.length >= 1, 'waiting to reconnect');
      expect(navigator.onLine).to.equal(true);
      window.dispatchEvent(new Event('offline'));
      await waitUntil(() => attempts.length >= 4, 'reconnecting goes on', {timeout: 5000});
    } finally {
      element.remove();
      await server.stop();
    }
  });

  it('fake online events do not skip the backoff', async () => {
    const server = await FaultServer.start();
    await server.setMode('refuse');
    const element = document.createElement('py-websocket');
    element.reconnectDelay = 10000;
    element.reconnectMaxDelay = 10000;
    element.host = server.host;
    document.body.append(element);
    try {
      // A wait long enough that it cannot end by itself while the test looks (full jitter may draw a short one).
      while ((await oneEvent(element, 'reconnecting')).delay < 1000);
      const before = (await server.status()).connections;
      for (let i = 0; i < 20; i++) window.dispatchEvent(new Event('online'));
      await pause(300);
      expect((await server.status()).connections).to.equal(before);
      expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    } finally {
      element.remove();
      await server.stop();
    }
  });
});
