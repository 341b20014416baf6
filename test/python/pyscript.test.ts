import '../setup/page-errors.js';
import {closePythonPages, describeScenarioPages, expectReports, openPythonPage} from './python-page.js';

describeScenarioPages('py_websocket under PyScript with MicroPython', 'pyscript', {
  seed: 'seed_js_dom',
  withoutModule: 'addEventListener with create_proxy',
});

describe('py_websocket under PyScript with Pyodide', function () {
  this.timeout(60000);
  afterEach(closePythonPages);

  it('sends and receives text and bytes', async () => {
    const {page} = await openPythonPage('pyscript', 'binary', {query: {interpreter: 'pyodide'}, timeout: 60000});
    expectReports.binary(page.harness.reports);
  });
});
