import {expect} from '@open-wc/testing';
import {closedPortHost} from '../helpers.js';
import {closePythonPages} from './python-page.js';
import {brython, pageRuntimes, type Runtime} from './runtimes.js';

/**
 * Client programs as `websockets` users write them, with only their imports changed: the
 * package's import paths, the documentation's producer/consumer patterns, a 2019 client, the
 * deployment benchmark, a request/response client cancelled on exit, and the reconnecting
 * loop on the element's own policy. Every test also fails on any traceback, "Exception
 * ignored" line, PyScript error box or page error the program did not cause.
 */

const importPaths = (runtime: Runtime) => {
  it('imports as websockets is laid out: py_websocket.exceptions, py_websocket.asyncio.client', async () => {
    const harness = await runtime.run('ws_imports');
    expect(harness.reports).to.include({
      exceptions_module: 'module',
      all_present: true,
      not_in_all: '',
      same_names: true,
      hierarchy: true,
      invalid_uri: true,
      client_connection: true,
      echo: 'imported',
      closed: 'True True',
    });
    // (MicroPython keeps no docstrings.)
    if (runtime.python !== 'micropython') expect(harness.reports.hierarchy_documented).to.equal(true);
  });
};

const programs = (runtime: Runtime) => {
  const consumed = ['consumed message 1', 'consumed message 2', 'consumed message 3'];

  it("runs the documentation's producer and consumer together with asyncio.gather", async () => {
    const harness = await runtime.run('ws_producer_consumer', {printed: 'gather returned'});
    expect(harness.printed.filter((line) => line.startsWith('consumed'))).to.deep.equal(consumed);
  });

  it('runs them until the first ends with asyncio.wait(FIRST_COMPLETED), then cancels the other', async () => {
    const harness = await runtime.run('ws_first_completed', {printed: 'consumer done: True'});
    expect(harness.printed.filter((line) => line.startsWith('consumed'))).to.deep.equal(consumed);
  });

  it('runs a 2019 client that starts with get_event_loop().run_until_complete()', async () => {
    await runtime.run('ws_2019', {printed: 'Hello world!'});
  });

  it('runs the deployment benchmark: ten clients at once, waited for with asyncio.wait', async () => {
    await runtime.run('ws_benchmark', {printed: 'benchmark done: 10 clients'});
  });

  it('has asyncio.wait return as CPython does for FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED and a timeout', async () => {
    const harness = await runtime.run('asyncio_wait');
    expect(harness.reports).to.include({
      first_completed: 'a|b,c',
      first_exception: 'a,c|b',
      timeout: 'a,c|b',
      all_completed: 'a,b,c|',
      result: 'a',
      exception: 'failed',
      empty: 'ValueError',
      coroutine: 'TypeError',
    });
  });

  it('ends a receive task cancelled on exit cancelled, while the server closes, 50 runs out of 50', async () => {
    const harness = await runtime.run('ws_requests');
    expect(harness.reports.replies).to.equal(150);
    // (MicroPython's tasks cannot say; there no "exception wasn't retrieved" is the proof.)
    if (runtime.python === 'pyodide') expect(harness.reports.cancelled).to.equal(50);
  });

  it("reconnects on one element, by the element's reconnect-delay, reconnect-max-delay and max-retries", async () => {
    const harness = await runtime.run('ws_reconnect_policy', {params: {closed: await closedPortHost()}});
    expect(harness.reports).to.include({connections: 3, gave_up: 'OSError'});
    expect(harness.reports.unexpected).to.equal(undefined);
    const [looping, refused, ...others] = harness.elements;
    expect(others, 'one element for each loop').to.deep.equal([]);
    expect(looping.host).to.contain('/ws/count');
    expect(looping.reconnectDelays.length, 'a wait before each reconnect').to.be.at.least(2);
    expect(Math.max(...looping.reconnectDelays), 'reconnect-max-delay, 50 ms').to.be.at.most(50);
    expect(refused.reconnectDelays.length, 'max-retries: 2').to.equal(2);
  });
};

for (const runtime of pageRuntimes()) {
  describe(`websockets client programs under ${runtime.title}`, function () {
    this.timeout(90000);
    if (runtime.title === 'Pyodide') after(closePythonPages);
    else afterEach(closePythonPages);
    importPaths(runtime);
    programs(runtime);
  });
}

describe('websockets client programs under Brython (through browser.aio)', function () {
  this.timeout(30000);
  afterEach(closePythonPages);
  importPaths(brython());
});
