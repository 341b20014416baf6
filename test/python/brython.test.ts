import '../setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {closePythonPages, describeScenarioPages, openPythonPage} from './python-page.js';

describeScenarioPages('py_websocket under Brython', 'brython', {
  seed: 'seed',
  withoutModule: 'document[id].bind(...)',
});

describe('py_websocket under Brython, from its folder on the pythonpath', function () {
  this.timeout(30000);
  afterEach(closePythonPages);

  it('imports the package module by module, as from the bundle', async () => {
    const {page} = await openPythonPage('brython', 'ws_imports', {query: {pythonpath: ''}});
    expect(page.harness.reports).to.include({exceptions_module: 'module', all_present: true, not_in_all: '', echo: 'imported', closed: 'True True'});
  });
});

describe('py_websocket under Brython, for a CPython client', function () {
  this.timeout(30000);
  afterEach(closePythonPages);

  it('makes `import asyncio` say what to write instead (browser.aio), not "No module named \'undefined\'"', async () => {
    const {page} = await openPythonPage('brython', 'asyncio_hint');
    const message = String(page.harness.reports.asyncio_error);
    expect(message).to.include("'aio.run(main())' in place of").and.include('docs/python/brython.md');
    expect(message).not.to.include('undefined');
  });
});
