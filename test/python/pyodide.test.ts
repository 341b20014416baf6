import {expect, waitUntil} from '@open-wc/testing';
import {openPythonPage, type PageWindow} from './python-page.js';

type PyodidePage = PageWindow & {
  harness: {run(scenario: string): Promise<void>; pyodide: {_module: {enable_pyproxy_allocation_tracing(): void; pyproxy_alloc_map: Map<unknown, string>}}};
};

describe('py_websocket under Pyodide', function () {
  // Pyodide takes seconds to load: it is loaded once for all these tests.
  this.timeout(60000);
  let page: PyodidePage;
  let document: Document;

  before(async () => {
    ({page, document} = (await openPythonPage('pyodide', '', {until: 'loaded', timeout: 60000})) as {
      page: PyodidePage;
      document: Document;
    });
  });
  after(() => document.defaultView?.frameElement?.remove());

  const run = async (scenario: string, until = 'done') => {
    await page.harness.run(scenario);
    await waitUntil(() => page.harness.reports[until] !== undefined, `${scenario} finished`, {timeout: 10000});
    return page.harness.reports;
  };

  it('runs the browser.websocket example: open, send, receive evt.data as str, close', async () => {
    await run('seed_js_dom', 'ready');
    const button = (id: string) => document.getElementById(id) as HTMLButtonElement;
    button('openbtn').click();
    await waitUntil(() => !button('sendbtn').disabled, 'on_open enabled send');
    (document.getElementById('data') as HTMLInputElement).value = 'hola <b>mundo</b>';
    button('sendbtn').click();
    await waitUntil(() => page.harness.alerts.length === 1, 'on_message alerted');
    expect(page.harness.alerts[0]).to.equal('Mensaje recibido : hola <b>mundo</b>');
    button('closebtn').click();
    await waitUntil(() => page.harness.alerts.length === 2, 'on_close alerted');
    expect(page.harness.alerts[1]).to.equal('Se ha cerrado la conexión');
    expect(button('openbtn').disabled).to.equal(false);
    expect(page.harness.errors).to.deep.equal([]);
  });

  it('sends bytes, bytearray and memoryview and receives bytes', async () => {
    expect(await run('binary')).to.include({types: 'bytes,bytes,bytes,str', roundtrip: true, close: 1000});
  });

  it('reports a bad host to the Python error handler', async () => {
    const reports = await run('bad_host');
    expect(reports.error).to.contain('"ftp:"');
    expect(reports.readyState).to.equal(3);
  });

  it('raises NotImplementedError when the browser has no WebSocket', async () => {
    const reports = await run('no_websocket_reload');
    expect(reports.supported).to.equal(false);
    expect(reports.raised).to.match(/^NotImplementedError/);
  });

  it('leaves the element usable without the module: addEventListener with create_proxy', async () => {
    expect(await run('element_direct')).to.include({message: 'straight to the element', close: 1000});
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
