import {closePythonPages, expectReports, openPythonPage, playSeedExample} from './python-page.js';

describe('py_websocket under PyScript with MicroPython', function () {
  this.timeout(30000);
  afterEach(closePythonPages);
  const reportsOf = async (scenario: string, query?: Record<string, string>) =>
    (await openPythonPage('pyscript', scenario, {query})).page.harness.reports;

  it('runs the browser.websocket example: open, send, receive evt.data as str, close', async () => {
    const {page, document} = await openPythonPage('pyscript', 'seed_js_dom', {until: 'ready'});
    await playSeedExample(page, document);
  });

  it('sends bytes, bytearray and memoryview and receives bytes', async () => {
    expectReports.binary(await reportsOf('binary'));
  });

  it('reports a bad host to the Python error handler', async () => {
    expectReports.badHost(await reportsOf('bad_host'));
  });

  it('raises NotImplementedError when the browser has no WebSocket', async () => {
    expectReports.noWebSocket(await reportsOf('no_websocket', {'no-websocket': ''}));
  });

  it('leaves the element usable without the module: addEventListener with create_proxy', async () => {
    expectReports.elementDirect(await reportsOf('element_direct'));
  });
});

describe('py_websocket under PyScript with Pyodide', function () {
  this.timeout(60000);
  afterEach(closePythonPages);

  it('sends and receives text and bytes', async () => {
    const {page} = await openPythonPage('pyscript', 'binary', {query: {interpreter: 'pyodide'}, timeout: 60000});
    expectReports.binary(page.harness.reports);
  });
});
