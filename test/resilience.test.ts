import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {
  PyWebSocketElement,
  PyWebSocketGiveupEvent,
  PyWebSocketReconnectingEvent,
  type PyWebSocketCloseEvent,
} from '../src/index.js';
import {FaultServer, oneEvent, pause, recordEvents, serverLog, uniqueId, waitForServer} from './helpers.js';

/** A connected element with fast reconnects, for tests that must not wait seconds. */
async function resilientSocket(host: string, attributes: Record<string, string> = {}): Promise<PyWebSocketElement> {
  const element = document.createElement('py-websocket');
  element.setAttribute('reconnect-delay', '20');
  element.setAttribute('reconnect-max-delay', '100');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.setAttribute('host', host);
  return fixture(html`${element}`);
}

const types = (events: Event[]) => events.map((event) => event.type);

/** The close code this browser's own WebSocket reports for a server's close at `path`. */
async function nativeCloseCode(path: string): Promise<number> {
  const socket = new WebSocket(new URL(path, location.href.replace(/^http/, 'ws')));
  const close = await oneEvent(socket, 'close');
  return close.code;
}

describe('<py-websocket> reconnecting', () => {
  it('reconnects after the server restarts on the same port', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host);
    await oneEvent(element, 'open');
    const events = recordEvents(element, ['close', 'reconnecting', 'open']);
    let stateInCloseHandler = -1;
    element.addEventListener('close', () => (stateInCloseHandler = element.readyState), {once: true});
    await server.stop();
    await waitUntil(() => types(events).includes('reconnecting'), 'a reconnecting event');
    expect((events[0] as PyWebSocketCloseEvent).code).to.equal(1006);
    expect(stateInCloseHandler, 'readyState inside the close handler').to.equal(PyWebSocketElement.CONNECTING);
    expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    await server.act('start');
    await waitUntil(() => element.readyState === PyWebSocketElement.OPEN, 'open again', {timeout: 3000});
    expect((await server.status()).open).to.equal(1);
  });

  const retried: [string, number][] = [
    ['1001', 1001],
    ['1011', 1011],
    ['1012', 1012],
    ['1013', 1013],
    ['1014', 1014],
    ['none', 1005],
    ['drop', 1006],
  ];
  for (const [given, code] of retried) {
    it(`reconnects after a server close with ${code}`, async () => {
      // WebKitGTK reports a server close with 1012, 1013 or 1014 as 1006, not clean:
      // the element passes on whatever code this browser reports, and reconnects either way.
      const reported = await nativeCloseCode(`/ws/close?code=${given}`);
      expect([code, 1006], 'the code this browser reports').to.include(reported);
      const id = uniqueId();
      const element = await resilientSocket(`/ws/close?code=${given}&id=${id}`, {'max-retries': '1'});
      const reconnecting = await oneEvent(element, 'reconnecting');
      expect(reconnecting).to.include({attempt: 1, code: reported});
      await waitForServer(id, (log) => log.opened >= 2, 'a second connection');
    });
  }

  for (const code of [1000, 1003, 1007, 1008, 1009, 1010, 4000, 4001, 4999]) {
    it(`does not reconnect after a server close with ${code}`, async () => {
      const id = uniqueId();
      const element = await resilientSocket(`/ws/close?code=${code}&id=${id}`);
      const events = recordEvents(element, ['reconnecting', 'giveup']);
      let stateInCloseHandler = -1;
      element.addEventListener('close', () => (stateInCloseHandler = element.readyState), {once: true});
      const close = await oneEvent(element, 'close');
      expect(close.code).to.equal(code);
      expect(stateInCloseHandler).to.equal(PyWebSocketElement.CLOSED);
      await pause(150);
      expect(types(events)).to.deep.equal([]);
      expect((await serverLog(id)).opened).to.equal(1);
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    });
  }

  it('does not reconnect after its own close(), whatever the code', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host);
    await oneEvent(element, 'open');
    const events = recordEvents(element, ['reconnecting']);
    element.close(4000);
    await oneEvent(element, 'close');
    await pause(150);
    expect(events).to.have.length(0);
    expect((await server.status()).connections).to.equal(1);
  });

  it('stops reconnecting when a reconnecting listener calls preventDefault()', async () => {
    const id = uniqueId();
    const element = await resilientSocket(`/ws/close?code=1012&id=${id}`);
    const prevented: PyWebSocketReconnectingEvent[] = [];
    element.addEventListener('reconnecting', (event) => {
      prevented.push(event);
      event.preventDefault();
    });
    await oneEvent(element, 'close');
    await pause(150);
    expect(prevented).to.have.length(1);
    expect(prevented[0].cancelable).to.equal(true);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect((await serverLog(id)).opened).to.equal(1);
  });

  it('with min-uptime="0", starts the attempt count afresh at every open', async () => {
    const element = await resilientSocket('/ws/close?code=1012', {'min-uptime': '0'});
    const attempts: number[] = [];
    element.addEventListener('reconnecting', (event) => attempts.push(event.attempt));
    await waitUntil(() => attempts.length >= 4, 'four reconnects');
    expect(attempts.slice(0, 4)).to.deep.equal([1, 1, 1, 1]);
  });

  it('counts a connection that fails sooner than min-uptime as a failed attempt, and gives up after max-retries', async () => {
    const id = uniqueId();
    const element = await resilientSocket(`/ws/close?code=1011&id=${id}`, {'max-retries': '2'});
    const events = recordEvents(element, ['open', 'reconnecting', 'giveup']);
    await oneEvent(element, 'giveup');
    const attempts = events.filter((event) => event.type === 'reconnecting').map((event) => (event as PyWebSocketReconnectingEvent).attempt);
    expect(attempts).to.deep.equal([1, 2]);
    expect(events.filter((event) => event.type === 'open')).to.have.length(3);
    expect((events.at(-1) as PyWebSocketGiveupEvent).attempts).to.equal(2);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect((await serverLog(id)).opened).to.equal(3);
  });

  it('counts attempts up while connecting keeps failing, waiting within the backoff ceiling', async () => {
    const server = await FaultServer.start();
    await server.setMode('refuse');
    const element = await resilientSocket(server.host, {'reconnect-delay': '10', 'reconnect-max-delay': '40'});
    const events: PyWebSocketReconnectingEvent[] = [];
    element.addEventListener('reconnecting', (event) => events.push(event));
    await waitUntil(() => events.length >= 5, 'five reconnecting events', {timeout: 4000});
    expect(events.slice(0, 5).map((event) => event.attempt)).to.deep.equal([1, 2, 3, 4, 5]);
    events.slice(0, 5).forEach((event, n) => expect(event.delay).to.be.within(0, Math.min(40, 10 * 2 ** n)));
  });

  it('gives up after max-retries and hands back what was queued, in order', async () => {
    const server = await FaultServer.start();
    await server.setMode('refuse');
    const element = await resilientSocket(server.host, {'max-retries': '2'});
    element.send('one');
    element.send(new Uint8Array([2]));
    element.send('three');
    expect(element.queued).to.equal(3);
    const attempts: number[] = [];
    element.addEventListener('reconnecting', (event) => attempts.push(event.attempt));
    const giveup = await oneEvent(element, 'giveup');
    expect(giveup).to.be.instanceOf(PyWebSocketGiveupEvent);
    expect(giveup.attempts).to.equal(2);
    expect(attempts).to.deep.equal([1, 2]);
    expect(giveup.unsent[0]).to.equal('one');
    expect([...(giveup.unsent[1] as Uint8Array)]).to.deep.equal([2]);
    expect(giveup.unsent[2]).to.equal('three');
    expect(giveup.detail.unsent).to.equal(giveup.unsent);
    expect(element.queued).to.equal(0);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect(() => element.send('x')).to.throw(DOMException).with.property('name', 'InvalidStateError');
    expect((await server.status()).connections).to.equal(0);
  });

  it('with max-retries="0", gives up right after an abnormal end, with 0 attempts', async () => {
    const id = uniqueId();
    const element = await resilientSocket(`/ws/close?code=drop&id=${id}`, {'max-retries': '0'});
    const events = recordEvents(element, ['close', 'reconnecting', 'giveup']);
    await waitUntil(() => events.length === 2, 'close and giveup');
    expect(types(events)).to.deep.equal(['close', 'giveup']);
    expect((events[1] as PyWebSocketGiveupEvent).attempts).to.equal(0);
    expect((events[1] as PyWebSocketGiveupEvent).unsent).to.deep.equal([]);
  });

  it('hands queued messages back when close() stops it while it waits to reconnect', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host, {'reconnect-delay': '5000', 'reconnect-max-delay': '5000'});
    await oneEvent(element, 'open');
    const reconnecting = oneEvent(element, 'reconnecting');
    await server.stop();
    await reconnecting;
    element.send('waiting');
    const giveup = oneEvent(element, 'giveup');
    element.close();
    expect((await giveup).unsent).to.deep.equal(['waiting']);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
  });

  it('hands queued messages back when removed from the document', async () => {
    const server = await FaultServer.start();
    await server.setMode('hang');
    const element = await resilientSocket(server.host);
    element.send('a');
    element.send('b');
    const giveup = oneEvent(element, 'giveup');
    element.remove();
    expect((await giveup).unsent).to.deep.equal(['a', 'b']);
  });
});

describe('<py-websocket> send queue', () => {
  it('throws QuotaExceededError beyond queue-limit and keeps the queue as it was', async () => {
    const server = await FaultServer.start();
    await server.setMode('hang');
    const element = await resilientSocket(server.host, {'queue-limit': '3'});
    element.send('1');
    element.send('2');
    element.send('3');
    expect(() => element.send('4')).to.throw(DOMException).with.property('name', 'QuotaExceededError');
    expect(element.queued).to.equal(3);
    const giveup = oneEvent(element, 'giveup');
    element.close();
    expect((await giveup).unsent).to.deep.equal(['1', '2', '3']);
  });

  it('delivers 100 numbered messages sent while the server is down after it restarts: in order, each once', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host);
    await oneEvent(element, 'open');
    const close = oneEvent(element, 'close');
    await server.stop();
    await close;
    const numbered = Array.from({length: 100}, (_, n) => `message ${n + 1}`);
    numbered.forEach((message) => element.send(message));
    expect(element.queued).to.equal(100);
    await server.act('start');
    await waitUntil(async () => (await server.status()).received.length >= 100, 'all 100 arrived', {timeout: 4000});
    await pause(100);
    expect((await server.status()).received).to.deep.equal(numbered);
    expect(element.queued).to.equal(0);
  });
});

describe('<py-websocket> timeouts and heartbeat', () => {
  it('counts a handshake that hangs past connect-timeout as a failed connect, and retries', async () => {
    const server = await FaultServer.start();
    await server.setMode('hang');
    const element = await resilientSocket(server.host, {'connect-timeout': '150'});
    const events = recordEvents(element, ['error', 'close', 'reconnecting']);
    await waitUntil(() => events.length >= 3, 'error, close, reconnecting');
    expect(types(events).slice(0, 3)).to.deep.equal(['error', 'close', 'reconnecting']);
    expect((events[0] as Event & {message: string}).message).to.contain('within 150 ms');
    expect(events[1]).to.include({code: 1006, wasClean: false});
    expect((events[1] as PyWebSocketCloseEvent).reason).to.match(/^connect timeout/);
  });

  it('detects a silent (half-open) server with the heartbeat, closes with 1006 and reconnects', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host, {heartbeat: '100', 'heartbeat-timeout': '150', 'heartbeat-message': 'are you there'});
    await oneEvent(element, 'open');
    await server.setMode('silent');
    const close = await oneEvent(element, 'close');
    expect(close.code).to.equal(1006);
    expect(close.wasClean).to.equal(false);
    expect(close.reason).to.match(/^heartbeat timeout/);
    expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    const status = await server.status();
    expect(status.received[0]).to.equal('are you there');
    await oneEvent(element, 'open');
  });

  it('keeps a connection whose server answers heartbeats', async () => {
    const server = await FaultServer.start();
    // Answers must keep clearing the timeout: 30 heartbeats span more than one timeout (1 s, wide
    // enough that a busy machine's late answer is not taken for a dead server).
    const element = await resilientSocket(server.host, {heartbeat: '40', 'heartbeat-timeout': '1000'});
    await oneEvent(element, 'open');
    const events = recordEvents(element, ['close']);
    const pings = async () => (await server.status()).received.filter((message) => message === 'ping').length;
    const started = performance.now();
    await waitUntil(async () => (await pings()) >= 30 && performance.now() - started > 1000, 'thirty answered heartbeats', {timeout: 20000, interval: 100});
    expect(events).to.have.length(0);
    expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
  });
});

/**
 * The browser's own offline signals: `navigator.onLine` and the window's `offline`
 * and `online` events. (Chromium's network emulation would also cut the test
 * runner's own connection to the page, so the signals are given directly.)
 */
function goOffline(): void {
  Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => false});
  window.dispatchEvent(new Event('offline'));
}
function goOnline(): void {
  delete (navigator as {onLine?: boolean}).onLine;
  window.dispatchEvent(new Event('online'));
}

describe('<py-websocket> offline and online', () => {
  afterEach(() => {
    if (!navigator.onLine) goOnline();
  });

  it('makes no attempt while offline and reconnects at once when back online', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host, {heartbeat: '100', 'heartbeat-timeout': '100'});
    await oneEvent(element, 'open');
    // The server falls silent, the browser goes offline, and the heartbeat finds the socket dead.
    await server.setMode('silent');
    goOffline();
    await oneEvent(element, 'reconnecting');
    const events = recordEvents(element, ['error', 'close', 'open']);
    await pause(400);
    expect(types(events)).to.deep.equal([]);
    expect((await server.status()).connections, 'no attempt while offline').to.equal(1);
    expect(element.readyState).to.equal(PyWebSocketElement.CONNECTING);
    const reopened = oneEvent(element, 'open');
    goOnline();
    await reopened;
    expect((await server.status()).connections).to.equal(2);
  });

  it('stops the wait when the browser goes offline during it', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host);
    await oneEvent(element, 'open');
    // Offline arrives just after the wait has started.
    element.addEventListener('reconnecting', () => queueMicrotask(goOffline), {once: true});
    const reconnecting = oneEvent(element, 'reconnecting');
    await server.drop();
    await reconnecting;
    await pause(400);
    expect((await server.status()).connections, 'no attempt while offline').to.equal(1);
    const reopened = oneEvent(element, 'open');
    goOnline();
    await reopened;
  });
});

describe('<py-websocket> lifecycle', () => {
  it('cancels a pending reconnect when removed from the document', async () => {
    const server = await FaultServer.start();
    const element = await resilientSocket(server.host, {'reconnect-delay': '200', 'reconnect-max-delay': '200'});
    await oneEvent(element, 'open');
    const reconnecting = oneEvent(element, 'reconnecting');
    await server.stop();
    await reconnecting;
    element.remove();
    await server.act('start');
    await pause(400);
    expect((await server.status()).connections, 'only the first connection').to.equal(1);
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
  });

  it('leaves no open connection and no pending timer after 300 insert/remove cycles', async () => {
    const pending = new Map<number, string>();
    const {setTimeout: realSetTimeout, clearTimeout: realClearTimeout, setInterval: realSetInterval, clearInterval: realClearInterval} = window;
    // Watch every timer the page starts from here on, and which of them are still due.
    window.setTimeout = ((run: () => void, delay?: number) => {
      const id = realSetTimeout(() => {
        pending.delete(id);
        run();
      }, delay);
      pending.set(id, new Error().stack ?? '');
      return id;
    }) as typeof setTimeout;
    window.clearTimeout = ((id: number) => {
      pending.delete(id);
      realClearTimeout(id);
    }) as typeof clearTimeout;
    window.setInterval = ((run: () => void, delay?: number) => {
      const id = realSetInterval(run, delay);
      pending.set(id, new Error().stack ?? '');
      return id;
    }) as typeof setInterval;
    window.clearInterval = ((id: number) => {
      pending.delete(id);
      realClearInterval(id);
    }) as typeof clearInterval;
    const id = uniqueId();
    const parent = document.createElement('div');
    document.body.append(parent);
    try {
      for (let cycle = 0; cycle < 300; cycle++) {
        const element = document.createElement('py-websocket');
        element.setAttribute('heartbeat', '1000');
        element.setAttribute('host', `/ws/echo?id=${id}`);
        parent.append(element);
        // Every tenth stays until it is open, the rest leave while connecting.
        if (cycle % 10 === 0) await oneEvent(element, 'open');
        else await element.updateComplete;
        element.remove();
        await new Promise((resolve) => realSetTimeout(resolve));
      }
      await new Promise((resolve) => realSetTimeout(resolve, 50));
      const stillPending = [...pending.values()];
      Object.assign(window, {setTimeout: realSetTimeout, clearTimeout: realClearTimeout, setInterval: realSetInterval, clearInterval: realClearInterval});
      expect(stillPending, 'timers still pending').to.deep.equal([]);
      const log = await waitForServer(id, (log) => log.open === 0, 'every connection closed');
      expect(log.opened).to.be.at.least(30);
    } finally {
      Object.assign(window, {setTimeout: realSetTimeout, clearTimeout: realClearTimeout, setInterval: realSetInterval, clearInterval: realClearInterval});
      parent.remove();
    }
  });
});
