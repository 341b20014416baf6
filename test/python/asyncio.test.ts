import {expect, waitUntil} from '@open-wc/testing';
import {closedPortHost, FaultServer, serverLog, uniqueId, waitForServer} from '../helpers.js';
import {closePythonPages, expectNoStrayErrors, type PageWindow} from './python-page.js';
import {brython, pyodide, pyscript, type Runtime} from './runtimes.js';

/**
 * The websockets library's asyncio client in the page (`from py_websocket import connect`),
 * under every runtime: the documentation's examples with only their import changed, the
 * error paths, cancellation, async handlers, and PyScript workers.
 */

const docExamples = (runtime: Runtime) => {
  it("runs the websockets documentation's hello client with only its import changed", async () => {
    const harness = await runtime.run('ws_hello', {printed: 'Hello world!'});
    expect(harness.errors).to.deep.equal([]);
  });

  it("runs the documentation's consumer: async for ends quietly at a 1000 close", async () => {
    const harness = await runtime.run('ws_consumer', {printed: 'consumer done'});
    expect(harness.printed.filter((line) => line.startsWith('consumed'))).to.deep.equal(['consumed 1', 'consumed 2', 'consumed 3']);
  });

  it("runs the documentation's reconnecting loop: async for websocket in connect(...)", async () => {
    const harness = await runtime.run('ws_reconnect', {printed: 'reconnected 3 times'});
    expect(harness.printed.filter((line) => line.startsWith('message'))).to.deep.equal([
      'message 1 on connection 1',
      'message 1 on connection 2',
      'message 1 on connection 3',
    ]);
  });
};

/** OSError, TimeoutError and InvalidURI when opening fails; 1000 and 1011 endings; async with closing on an exception. */
const errorPaths = (runtime: Runtime) => {
  it('raises OSError, TimeoutError (open_timeout) and InvalidURI, and tells a 1000 end from a 1011 one', async () => {
    const hanging = await FaultServer.start();
    await hanging.setMode('hang');
    const id = uniqueId();
    try {
      const harness = await runtime.run('ws_errors', {params: {closed: await closedPortHost(), hanging: hanging.host, id}});
      expect(harness.reports).to.include({
        closed_port: 'OSError',
        hanging: 'TimeoutError',
        bad_scheme: 'InvalidURI',
        ok_messages: '1,2',
        ok_close_code: 1000,
        ok_recv: 'ConnectionClosedOK 1000',
        error_message: '1',
        error_close: 'ConnectionClosedError 1011',
        raised: true,
      });
      const log = await waitForServer(id, (log) => log.closes.length === 1, 'the close at the server');
      expect(log.messages).to.deep.equal(['then fail']);
      expect(log.closes.map((close) => close.code), 'leaving async with on an exception closes with 1000').to.deep.equal([1000]);
    } finally {
      await hanging.stop();
    }
  });
};

/** What websockets does beyond the documentation's examples, done the same here. */
const likeCpython = (runtime: Runtime) => {
  it("refuses and joins what send() is given, and ends, closes and raises as websockets does", async () => {
    const harness = await runtime.run('ws_like_cpython');
    expect(harness.reports).to.include({
      uri_at_call: 'InvalidURI',
      state: true,
      dict: 'TypeError: data is a dict-like object',
      mixed: 'TypeError: iterable must contain uniform types',
      number: 'TypeError: data must be str, bytes, iterable, or async iterable',
      joined: 'fragments bytes',
      text_argument: "'utf-8 as text' b'str as binary'",
      closed_state: true,
      we_closed: 'sent 1000 (OK); then received 1000 (OK) | False',
      no_code: 1005,
      they_closed: 'received 1005 (no status received [internal]); then sent 1005 (no status received [internal]) | True',
      subprotocol: 'chat chat',
      handshake_errors: true,
    });
    expect(harness.reports.unexpected).to.equal(undefined);
    // Only Pyodide has enum (State is an IntEnum there, plain ints elsewhere), and Brython's aio no tasks.
    expect(harness.reports.state_name).to.equal(runtime.python === 'pyodide' ? 'OPEN' : 'None');
    if (runtime.python !== 'brython') expect(harness.reports).to.include({second_recv: 'ConcurrencyError', first_recv: 'for the first'});
  });

  if (runtime.python === 'pyodide') {
    it('closes the connection of a reconnecting loop left with break', async () => {
      const id = uniqueId();
      const harness = await runtime.run('ws_break', {params: {id}});
      expect(harness.reports.state_after_break, 'closing or closed right after the break').to.be.oneOf([2, 3]);
      const log = await waitForServer(id, (log) => log.closes.length === 1, 'the close at the server');
      expect(log.closes.map((close) => close.code)).to.deep.equal([1000]);
    });
  }
};

const asyncHandlers = (runtime: Runtime) => {
  it('runs async handlers of the callback API, and makes their exceptions page errors', async () => {
    const harness = await runtime.run('async_handlers', {expectedErrors: [/ValueError: raised in an async handler/]});
    expect(harness.reports.message).to.equal('from an async handler');
    await waitUntil(() => harness.errors.some((error) => error.includes('ValueError: raised in an async handler')), 'the page error');
  });
};

/** The `connecting` hook from Python: a fresh token per attempt from an async handler, and one that raises. */
const freshCredentials = (runtime: Runtime) => {
  it('awaits an async handler bound to connecting: its token is that attempt\'s, and its exception fails the attempt', async () => {
    const id = uniqueId();
    // 1011: WebKitGTK reports a 1012 as 1006 with no reason, so its hint would not reach the page.
    const host = `/ws/close-first?id=${id}&code=1011&reason=${encodeURIComponent('retry-after=0.05')}`;
    const harness = await runtime.run('connecting_token', {params: {host}});
    expect(harness.reports.errors).to.equal(1);
    expect(String(harness.reports.error)).to.match(/waitUntil\(\) promise was rejected.*token service down/);
    const log = await serverLog(id);
    expect(log.handshakes.map((handshake) => new URL(handshake.url, location.href).searchParams.get('token'))).to.deep.equal(['t1', 't3']);
  });
};

/** `async for ws in connect(uri)` waits what the server's retry hint says. */
const retryHint = (runtime: Runtime) => {
  it('honours a retry hint in the reconnecting loop: after a 1011 "retry-after=1" the next open is a second later', async () => {
    const id = uniqueId();
    // 1011: WebKitGTK reports a 1012 as 1006 with no reason, so its hint would not reach the page.
    const host = `ws://${location.host}/ws/close-first?id=${id}&code=1011&reason=${encodeURIComponent('retry-after=1')}`;
    const harness = await runtime.run('ws_retry_hint', {params: {host}});
    expect(harness.reports.connections).to.equal(2);
    const {handshakes} = await serverLog(id);
    expect(handshakes.length).to.equal(2);
    expect(handshakes[1].at - handshakes[0].at).to.be.at.least(1000);
  });
};

const cancellation = (runtime: Runtime) => {
  it('loses no message when a pending recv() is cancelled', async () => {
    const harness = await runtime.run('ws_cancel');
    expect(harness.reports).to.include({cancelled: true, next: 'after the cancel', kept: 'kept'});
  });
};

describe('py_websocket asyncio API under Pyodide', function () {
  this.timeout(90000);
  const runtime = pyodide();
  after(closePythonPages);
  docExamples(runtime);
  errorPaths(runtime);
  likeCpython(runtime);
  cancellation(runtime);
  asyncHandlers(runtime);
  freshCredentials(runtime);
  retryHint(runtime);

  it('leaves no proxy alive after 200 connect/close cycles', async () => {
    await runtime.run('ws_hello', {printed: 'Hello world!'});
    const module = (runtime.page!.harness as unknown as {pyodide: {_module: {enable_pyproxy_allocation_tracing(): void; pyproxy_alloc_map: Map<unknown, string>}}})
      .pyodide._module;
    module.enable_pyproxy_allocation_tracing();
    const before = module.pyproxy_alloc_map.size;
    await runtime.run('ws_cycles');
    await waitUntil(() => module.pyproxy_alloc_map.size === before, 'every proxy released', {timeout: 2000}).catch(() => {});
    const alive = [...module.pyproxy_alloc_map.values()].slice(0, 3);
    expect(module.pyproxy_alloc_map.size - before, `still alive, created at: ${alive.join('\n')}`).to.equal(0);
  });
});

for (const [title, query] of [
  ['PyScript with MicroPython', {}],
  ['PyScript with Pyodide', {interpreter: 'pyodide'}],
] as const) {
  describe(`py_websocket asyncio API under ${title}`, function () {
    this.timeout(60000);
    afterEach(closePythonPages);
    const runtime = pyscript(title, query);
    docExamples(runtime);
    errorPaths(runtime);
    likeCpython(runtime);
    cancellation(runtime);
    asyncHandlers(runtime);
    freshCredentials(runtime);
    retryHint(runtime);
  });
}

describe('py_websocket asyncio API under Brython (through browser.aio)', function () {
  this.timeout(30000);
  afterEach(closePythonPages);
  const runtime = brython();

  it("runs the documentation's hello client, with aio.run() for asyncio.run()", async () => {
    const harness = await runtime.run('ws_hello_brython', {printed: 'Hello world!'});
    expect(harness.errors).to.deep.equal([]);
  });
  errorPaths(runtime);
  likeCpython(runtime);
  asyncHandlers(runtime);
  freshCredentials(runtime);
});

describe('py_websocket in PyScript workers', function () {
  this.timeout(90000);
  afterEach(closePythonPages);

  /** Opens the worker page and waits for its program to mark the page "ok". */
  async function workerPage(query: Record<string, string>) {
    const frame = document.createElement('iframe');
    frame.src = `/test/python/pages/pyscript-worker.html?${new URLSearchParams(query)}`;
    document.body.append(frame);
    // Pyodide in a worker takes seconds to load, many more while other engines run too.
    // (While the frame is still loading, Firefox may show a document without a root element.)
    await waitUntil(() => frame.contentDocument?.documentElement?.classList.contains('ok'), 'the worker marked the page ok', {timeout: 60000}).catch(
      (error: Error) => {
        const harness = (frame.contentWindow as PageWindow | null)?.harness;
        const elements = [...(frame.contentDocument?.querySelectorAll('py-websocket') ?? [])].map((element) => (element as HTMLElement & {readyState: number}).readyState);
        throw new Error(
          `${error.message}; page errors ${JSON.stringify(harness?.errors)}; elements' readyState ${JSON.stringify(elements)}; ` +
            `their events ${JSON.stringify(harness?.reports.events)}; ` +
            `${frame.contentDocument?.querySelector('.py-error')?.textContent ?? ''}`
        );
      }
    );
    await expectNoStrayErrors(frame.contentWindow as PageWindow);
    return (frame.contentWindow as PageWindow).harness;
  }

  for (const [interpreter, type] of [
    ['micropython', 'mpy'],
    ['pyodide', 'py'],
  ]) {
    it(`runs PyScript's own WebSocket test page, import changed, in a type="${type}" worker`, async () => {
      const harness = await workerPage({interpreter});
      // The worker drove an element of this page: it is gone again after its close.
      expect(harness.reports.element).to.equal(undefined);
    });

    it(`runs the asyncio client in a type="${type}" worker, on an element of the page`, async () => {
      const harness = await workerPage({interpreter, program: 'asyncio'});
      expect(harness.reports).to.include({received: 'Hello from a worker', close_code: 1000});
    });
  }
});
