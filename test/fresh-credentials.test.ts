import {expect} from '@open-wc/testing';
import type {PyWebSocketConnectingEvent, PyWebSocketErrorEvent, PyWebSocketReconnectingEvent} from '../src/index.js';
import {nativeCloseCode, oneEvent, recordEvents, serverLog, socketElement, uniqueId, waitForServer} from './helpers.js';

/** The `token` of each handshake the server saw for `id`. */
const tokens = async (id: string) => (await serverLog(id)).handshakes.map((handshake) => new URL(handshake.url, location.href).searchParams.get('token'));

describe('<py-websocket> connecting: fresh credentials before each attempt', () => {
  it('dispatches connecting before each attempt with attempt and url, non-bubbling, not cancelable', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    const seen: PyWebSocketConnectingEvent[] = [];
    element.addEventListener('connecting', (event) => seen.push(event));
    let bubbled = false;
    document.addEventListener('connecting', () => (bubbled = true), {once: true});
    element.setAttribute('reconnect-delay', '10');
    element.setAttribute('reconnect-max-delay', '50');
    element.setAttribute('host', `/ws/close-first?id=${id}&code=1012&reason=restart`);
    const opened = new Promise((resolve) => element.addEventListener('open', resolve, {once: false}));
    document.body.append(element);
    try {
      await opened;
      await waitForServer(id, (log) => log.opened === 2, 'a second connection after the 1012');
      await new Promise((resolve) => (element.readyState === element.OPEN ? resolve(null) : element.addEventListener('open', resolve, {once: true})));
      expect(seen.map((event) => event.attempt)).to.deep.equal([0, 1]);
      expect(seen[0].url).to.equal(`ws://${location.host}/ws/close-first?id=${id}&code=1012&reason=restart`);
      expect(seen[0]).to.be.instanceOf(CustomEvent);
      expect(seen[0].bubbles).to.equal(false);
      expect(seen[0].cancelable).to.equal(false);
      expect(seen[0].detail).to.deep.equal({attempt: 0, url: seen[0].url});
      expect(bubbled).to.equal(false);
    } finally {
      element.remove();
    }
  });

  it('uses a token that changes per attempt, fetched in waitUntil(), with no extra close', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.setAttribute('reconnect-delay', '10');
    element.setAttribute('reconnect-max-delay', '50');
    const events = recordEvents(element, ['open', 'close', 'error', 'reconnecting']);
    let issued = 0;
    element.addEventListener('connecting', (event) => {
      // As a token service would: the new host lands before the promise settles.
      event.waitUntil(
        fetch(`/__ws/log?id=unused-${id}`).then(() => {
          element.host = `/ws/close-first?id=${id}&n=2&code=1012&reason=restart&token=t${++issued}`;
        })
      );
    });
    element.setAttribute('host', `/ws/close-first?id=${id}&n=2&code=1012&reason=restart&token=stale`);
    document.body.append(element);
    try {
      await waitForServer(id, (log) => log.opened === 3, 'three connections');
      if (element.readyState !== element.OPEN) await oneEvent(element, 'open');
      expect(await tokens(id)).to.deep.equal(['t1', 't2', 't3']);
      // Where the browser reports the server's 1012 as 1006, an error comes before each close.
      const reported = await nativeCloseCode(1012);
      const end = reported === 1006 ? ['error', 'close'] : ['close'];
      expect(events.map((event) => event.type)).to.deep.equal(['open', ...end, 'reconnecting', 'open', ...end, 'reconnecting', 'open']);
      expect(events.filter((event) => event.type === 'close').map((event) => (event as CloseEvent).code)).to.deep.equal([reported, reported]);
      expect(element.url).to.contain('token=t3');
      // The host set during the attempt made no socket of its own.
      expect((await serverLog(id)).opened).to.equal(3);
    } finally {
      element.remove();
    }
  });

  it('uses protocols set during dispatch for that attempt', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.addEventListener('connecting', () => (element.protocols = ['fresh.v2']), {once: true});
    element.setAttribute('protocols', 'stale.v1');
    const opened = oneEvent(element, 'open');
    element.setAttribute('host', `/ws/echo?id=${id}`);
    document.body.append(element);
    try {
      await opened;
      expect(element.protocol).to.equal('fresh.v2');
      expect((await serverLog(id)).handshakes.map((handshake) => handshake.protocol)).to.deep.equal(['fresh.v2']);
    } finally {
      element.remove();
    }
  });

  it('turns a rejecting provider into an error naming it and a failed attempt, then goes on', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.setAttribute('reconnect-delay', '10');
    const events = recordEvents(element, ['open', 'close', 'error', 'reconnecting']);
    let calls = 0;
    element.addEventListener('connecting', (event) => {
      if (calls++ < 2) event.waitUntil(Promise.reject(new Error('token service down')));
    });
    element.setAttribute('host', `/ws/echo?id=${id}`);
    const opened = oneEvent(element, 'open');
    document.body.append(element);
    try {
      await opened;
      const types = events.map((event) => event.type);
      expect(types).to.deep.equal(['error', 'close', 'reconnecting', 'error', 'close', 'reconnecting', 'open']);
      expect((events[0] as PyWebSocketErrorEvent).message).to.match(/waitUntil\(\) promise was rejected: Error: token service down/);
      expect((events[0] as PyWebSocketErrorEvent).error?.message).to.equal('token service down');
      expect(events.filter((event) => event.type === 'reconnecting').map((event) => (event as PyWebSocketReconnectingEvent).attempt)).to.deep.equal([1, 2]);
      expect((await serverLog(id)).opened).to.equal(1);
    } finally {
      element.remove();
    }
  });

  it('gives up after max-retries when the provider always rejects: the loop never stalls', async () => {
    const element = document.createElement('py-websocket');
    element.setAttribute('reconnect-delay', '10');
    element.setAttribute('max-retries', '2');
    element.addEventListener('connecting', (event) => event.waitUntil(Promise.reject(new Error('expired'))));
    element.setAttribute('host', `/ws/echo?id=${uniqueId()}`);
    const gaveUp = oneEvent(element, 'giveup');
    document.body.append(element);
    try {
      expect(((await gaveUp) as CustomEvent).detail.attempts).to.equal(2);
      expect(element.readyState).to.equal(element.CLOSED);
    } finally {
      element.remove();
    }
  });

  it('fails a provider slower than connect-timeout, and the next attempt goes on', async () => {
    const id = uniqueId();
    const element = document.createElement('py-websocket');
    element.setAttribute('reconnect-delay', '10');
    element.setAttribute('connect-timeout', '200');
    const events = recordEvents(element, ['open', 'close', 'error', 'reconnecting']);
    element.addEventListener('connecting', (event) => {
      if (event.attempt === 0) event.waitUntil(new Promise(() => {}));
    });
    element.setAttribute('host', `/ws/echo?id=${id}`);
    const opened = oneEvent(element, 'open');
    document.body.append(element);
    try {
      await opened;
      expect(events.map((event) => event.type)).to.deep.equal(['error', 'close', 'reconnecting', 'open']);
      expect((events[0] as PyWebSocketErrorEvent).message).to.match(/did not settle within 200 ms/);
      expect((await serverLog(id)).opened).to.equal(1);
    } finally {
      element.remove();
    }
  });

  it('queues sends made while the provider runs and sends them once open', async () => {
    const id = uniqueId();
    let release!: () => void;
    const element = await socketElement(`/ws/echo?id=${id}`);
    element.close();
    element.addEventListener('connecting', (event) => event.waitUntil(new Promise<void>((resolve) => (release = resolve))), {once: true});
    element.connect();
    element.send('while preparing');
    expect(element.readyState).to.equal(element.CONNECTING);
    const opened = oneEvent(element, 'open');
    release();
    await opened;
    await waitForServer(id, (log) => log.messages.includes('while preparing'), 'the queued send');
    element.remove();
  });

  it('lets the element that opened a shared socket decide each attempt', async () => {
    const id = uniqueId();
    const host = `/ws/echo?id=${id}&share-test=1`;
    const first = document.createElement('py-websocket');
    const second = document.createElement('py-websocket');
    const heard: string[] = [];
    first.addEventListener('connecting', () => heard.push('first'));
    second.addEventListener('connecting', () => heard.push('second'));
    for (const element of [first, second]) {
      element.setAttribute('share', 'page');
      element.setAttribute('host', host);
    }
    const opened = Promise.all([oneEvent(first, 'open'), oneEvent(second, 'open')]);
    document.body.append(first, second);
    try {
      await opened;
      expect(heard).to.deep.equal(['first']);
      expect((await serverLog(id)).opened).to.equal(1);
    } finally {
      first.remove();
      second.remove();
    }
  });
});
