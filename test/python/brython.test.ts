import {expect, waitUntil} from '@open-wc/testing';
import {closePythonPages, openPythonPage} from './python-page.js';

describe('py_websocket under Brython', function () {
  this.timeout(30000);
  afterEach(closePythonPages);

  it('runs the browser.websocket example: open, send, receive evt.data as str, close', async () => {
    const {page, document} = await openPythonPage('brython', 'seed', {until: 'ready'});
    const button = (id: string) => document.getElementById(id) as HTMLButtonElement;
    button('openbtn').click();
    await waitUntil(() => !button('sendbtn').disabled, 'on_open enabled send');
    expect(button('openbtn').disabled).to.equal(true);
    (document.getElementById('data') as HTMLInputElement).value = 'hola <b>mundo</b>';
    button('sendbtn').click();
    await waitUntil(() => page.harness.alerts.length === 1, 'on_message alerted');
    expect(page.harness.alerts[0]).to.equal('Mensaje recibido : hola <b>mundo</b>');
    button('closebtn').click();
    await waitUntil(() => page.harness.alerts.length === 2, 'on_close alerted');
    expect(page.harness.alerts[1]).to.equal('Se ha cerrado la conexión');
    expect(button('openbtn').disabled).to.equal(false);
    expect(button('sendbtn').disabled).to.equal(true);
    expect(page.harness.errors).to.deep.equal([]);
  });

  it('sends bytes, bytearray and memoryview and receives bytes', async () => {
    const {page} = await openPythonPage('brython', 'binary');
    expect(page.harness.reports).to.include({types: 'bytes,bytes,bytes,str', roundtrip: true, close: 1000});
  });

  it('reports a bad host to the Python error handler', async () => {
    const {page} = await openPythonPage('brython', 'bad_host');
    expect(page.harness.reports.error).to.contain('"ftp:"');
    expect(page.harness.reports.readyState).to.equal(3);
  });

  it('raises NotImplementedError when the browser has no WebSocket', async () => {
    const {page} = await openPythonPage('brython', 'no_websocket', {query: {'no-websocket': ''}});
    expect(page.harness.reports.supported).to.equal(false);
    expect(page.harness.reports.raised).to.match(/^NotImplementedError/);
  });

  it('leaves the element usable without the module: document[id].bind(...)', async () => {
    const {page} = await openPythonPage('brython', 'element_direct');
    expect(page.harness.reports).to.include({message: 'straight to the element', close: 1000});
  });
});
