import '../setup/page-errors.js';
import {expect, waitUntil} from '@open-wc/testing';
import {expectReports, openPythonPage, playSeedExample, type PageWindow} from './python-page.js';

type PyodidePage = PageWindow & {
  harness: {run(scenario: string): Promise<void>; pyodide: {_module: {enable_pyproxy_allocation_tracing(): void; pyproxy_alloc_map: Map<unknown, string>}}};
};

describe('py_websocket under Pyodide', function () {
  // Pyodide takes seconds to load: it is loaded once for all these tests.
  this.timeout(60000);
  let page: PyodidePage;
  let document: Document;

  before(async () => {
    const opened = await openPythonPage('pyodide', '', {until: 'loaded', timeout: 60000});
    page = opened.page as PyodidePage;
    document = opened.document;
  });
  after(() => document.defaultView?.frameElement?.remove());

  const run = async (scenario: string, until = 'done') => {
    await page.harness.run(scenario);
    await waitUntil(() => page.harness.reports[until] !== undefined, `${scenario} finished`, {timeout: 10000});
    return page.harness.reports;
  };

  it('runs the browser.websocket example: open, send, receive evt.data as str, close', async () => {
    await run('seed_js_dom', 'ready');
    await playSeedExample(page, document);
  });

  it('sends bytes, bytearray and memoryview and receives bytes', async () => {
    expectReports.binary(await run('binary'));
  });

  it('reports a bad host to the Python error handler', async () => {
    expectReports.badHost(await run('bad_host'));
  });

  it('raises NotImplementedError when the browser has no WebSocket', async () => {
    expectReports.noWebSocket(await run('no_websocket_reload'));
  });

  it('leaves the element usable without the module: addEventListener with create_proxy', async () => {
    expectReports.elementDirect(await run('element_direct'));
  });

  it('keeps no proxy alive after many bind/unbind cycles and close()', async () => {
    const module = page.harness.pyodide._module;
    module.enable_pyproxy_allocation_tracing();
    const before = module.pyproxy_alloc_map.size;
    const reports = await run('proxies');
    expect(reports).to.include({received: 'hello', element_removed: true});
    await waitUntil(() => module.pyproxy_alloc_map.size === before, 'every proxy released', {timeout: 2000}).catch(() => {});
    const alive = [...module.pyproxy_alloc_map.values()].slice(0, 3);
    expect(module.pyproxy_alloc_map.size - before, `still alive, created at: ${alive.join('\n')}`).to.equal(0);
  });
});
