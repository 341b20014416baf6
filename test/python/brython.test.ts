import {closePythonPages, expectReports, openPythonPage, playSeedExample} from './python-page.js';

describe('py_websocket under Brython', function () {
  this.timeout(30000);
  afterEach(closePythonPages);
  const reportsOf = async (scenario: string, query?: Record<string, string>) =>
    (await openPythonPage('brython', scenario, {query})).page.harness.reports;

  it('runs the browser.websocket example: open, send, receive evt.data as str, close', async () => {
    const {page, document} = await openPythonPage('brython', 'seed', {until: 'ready'});
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

  it('leaves the element usable without the module: document[id].bind(...)', async () => {
    expectReports.elementDirect(await reportsOf('element_direct'));
  });
});
