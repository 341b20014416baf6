import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {PyWebSocketElement, PyWebSocketErrorEvent} from '../src/index.js';
import {closedPortHost, oneEvent, openSocket, pause, recordEvents, serverLog, uniqueId, waitForServer} from './helpers.js';

/** Fails the test if anything reaches the page as an uncaught exception while `run` runs. */
async function withoutUncaughtErrors(run: () => Promise<void>): Promise<void> {
  const uncaught: unknown[] = [];
  const onError = (event: ErrorEvent) => uncaught.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => uncaught.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
    await pause(20);
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  expect(uncaught).to.deep.equal([]);
}

function nativeError(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as DOMException).name;
  }
  return 'nothing thrown';
}

describe('<py-websocket> bad host', () => {
  const badHosts: [string, string][] = [
    ['ftp://example.org/feed', '"ftp:"'],
    ['ws://example.org/feed#part', 'fragment'],
    ['ws://[::1', 'not a valid URL'],
    ['javascript:alert(1)', '"javascript:"'],
  ];
  for (const [host, named] of badHosts) {
    it(`reports ${host} with one error event naming the problem, then is CLOSED`, async () => {
      await withoutUncaughtErrors(async () => {
        const element = document.createElement('py-websocket');
        const events = recordEvents(element, ['error', 'close', 'open']);
        element.host = host;
        document.body.append(element);
        try {
          await waitUntil(() => events.length > 0, 'an event');
          await pause(50);
          expect(events.map((event) => event.type)).to.deep.equal(['error']);
          const error = events[0] as PyWebSocketErrorEvent;
          expect(error).to.be.instanceOf(PyWebSocketErrorEvent);
          expect(error.message).to.contain(named);
          expect(error.detail.message).to.equal(error.message);
          expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
        } finally {
          element.remove();
        }
      });
    });
  }

  it('reports a bad host given to connect() on a later task, so handlers bound after it still hear it', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket manual host="gopher://x"></py-websocket>`);
    element.connect();
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    const error = await oneEvent(element, 'error');
    expect(error.message).to.contain('"gopher:"');
  });

  it('reports bad protocols with the native SyntaxError attached', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket manual host="/ws/echo"></py-websocket>`);
    element.protocols = ['chat', 'chat'];
    element.connect();
    const error = await oneEvent(element, 'error');
    expect(error.message).to.contain('Could not open a WebSocket');
    expect(error.error).to.be.instanceOf(DOMException);
    expect(error.error!.name).to.equal('SyntaxError');
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
  });

  it('says "WebSocket is not supported in this browser" when there is none', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket manual host="/ws/echo"></py-websocket>`);
    const descriptor = Object.getOwnPropertyDescriptor(window, 'WebSocket')!;
    delete (window as {WebSocket?: unknown}).WebSocket;
    try {
      await withoutUncaughtErrors(async () => {
        element.connect();
        const error = await oneEvent(element, 'error');
        expect(error.message).to.contain('WebSocket is not supported in this browser');
      });
    } finally {
      Object.defineProperty(window, 'WebSocket', descriptor);
    }
  });
});

describe('<py-websocket> connection failures', () => {
  it('reports a refused port with an error event, then a 1006 close', async () => {
    const host = await closedPortHost();
    const element = document.createElement('py-websocket');
    element.maxRetries = 0;
    const events = recordEvents(element, ['error', 'close']);
    element.host = host;
    document.body.append(element);
    try {
      await waitUntil(() => events.length === 2, 'error and close');
      const [error, close] = events as [PyWebSocketErrorEvent, CustomEvent & {code: number; wasClean: boolean}];
      expect(error.type).to.equal('error');
      expect(error.message).to.equal(`Could not connect to ${host}.`);
      expect(close.type).to.equal('close');
      expect(close.code).to.equal(1006);
      expect(close.wasClean).to.equal(false);
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    } finally {
      element.remove();
    }
  });

  it('reports a refused handshake the same way', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket host="/ws/refuse"></py-websocket>`);
    const error = await oneEvent(element, 'error');
    expect(error.message).to.contain(`ws://${location.host}/ws/refuse`);
    expect((await oneEvent(element, 'close')).code).to.equal(1006);
  });

  it('reports a close from the server with its code and reason', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket host="/ws/close?code=4001&reason=bye"></py-websocket>`);
    const close = await oneEvent(element, 'close');
    expect(close).to.include({code: 4001, reason: 'bye', wasClean: true});
    expect(close.detail).to.deep.equal({code: 4001, reason: 'bye', wasClean: true});
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
  });
});

describe('<py-websocket> close()', () => {
  it('closes with 1000 by default; CLOSING at once, CLOSED at the close event', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    element.close();
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSING);
    const close = await oneEvent(element, 'close');
    expect(close).to.include({code: 1000, wasClean: true});
    expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    expect((await waitForServer(id, (log) => log.closes.length === 1, 'server saw it')).closes[0].code).to.equal(1000);
  });

  it('sends the given code and reason to the server and does not reconnect', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    element.close(4321, 'done here');
    await oneEvent(element, 'close');
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'server saw it');
    expect(log.closes[0]).to.deep.equal({code: 4321, reason: 'done here'});
    await pause(200);
    expect((await serverLog(id)).opened).to.equal(1);
  });

  it('throws what the native close() throws for a bad code or reason, and stays open', async () => {
    const element = await openSocket('/ws/echo');
    const native = new WebSocket(`ws://${location.host}/ws/echo`);
    try {
      const cases: [number, string?][] = [[42], [1001], [2999], [5000], [1000, 'x'.repeat(124)], [42, 'x'.repeat(124)]];
      for (const args of cases) {
        const expected = nativeError(() => native.close(...args));
        expect(expected).not.to.equal('nothing thrown');
        expect(() => element.close(...args), JSON.stringify(args))
          .to.throw(DOMException)
          .with.property('name', expected);
      }
      expect(element.readyState).to.equal(PyWebSocketElement.OPEN);
    } finally {
      native.close();
    }
  });

  it('rounds a fractional code as the standard says, the same in every engine', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    expect(() => element.close(4999.5)).to.throw(DOMException).with.property('name', 'InvalidAccessError');
    element.close(2999.5, 'rounded');
    await oneEvent(element, 'close');
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'server saw it');
    expect(log.closes[0]).to.deep.equal({code: 3000, reason: 'rounded'});
  });

  it('closes with 1000 and the reason when the code is undefined', async () => {
    const id = uniqueId();
    const element = await openSocket(`/ws/echo?id=${id}`);
    element.close(undefined, 'why');
    await oneEvent(element, 'close');
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'server saw it');
    expect(log.closes[0]).to.deep.equal({code: 1000, reason: 'why'});
  });

  it('closing while connecting gives a close event and no error event', async () => {
    const element = document.createElement('py-websocket');
    const events = recordEvents(element, ['error', 'close', 'open']);
    element.host = '/ws/echo';
    document.body.append(element);
    try {
      await element.updateComplete;
      element.close();
      await waitUntil(() => events.length > 0, 'an event');
      await pause(50);
      expect(events.map((event) => event.type)).to.deep.equal(['close']);
      expect(element.readyState).to.equal(PyWebSocketElement.CLOSED);
    } finally {
      element.remove();
    }
  });
});

describe('<py-websocket> send() when nothing would send', () => {
  const expectInvalidState = (run: () => void) =>
    expect(run).to.throw(DOMException).with.property('name', 'InvalidStateError');

  it('throws InvalidStateError with no host', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket></py-websocket>`);
    expectInvalidState(() => element.send('x'));
  });

  it('throws InvalidStateError before a manual element’s first connect()', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket manual host="/ws/echo"></py-websocket>`);
    expectInvalidState(() => element.send('x'));
  });

  it('throws InvalidStateError once close() was called, and after the close', async () => {
    const element = await openSocket('/ws/echo');
    element.close();
    expectInvalidState(() => element.send('x'));
    await oneEvent(element, 'close');
    expectInvalidState(() => element.send('x'));
  });

  it('throws InvalidStateError after the server closed the connection', async () => {
    const element = await fixture<PyWebSocketElement>(html`<py-websocket host="/ws/close?code=1000"></py-websocket>`);
    await oneEvent(element, 'close');
    expectInvalidState(() => element.send('x'));
  });
});
