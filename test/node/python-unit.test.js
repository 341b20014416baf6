// The Python package's own unit tests (python/tests/), under CPython with a fake Pyodide and
// element: the callback API's logic without a browser. The runtimes themselves are tested in
// the browser (test/python/).
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {it} from 'node:test';
import {root} from './scratch-app.js';

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : undefined;

it('passes the Python unit tests (python3 -m unittest discover -s python/tests)', {skip: python ? false : 'no python3 here'}, () => {
  const run = spawnSync(python, ['-m', 'unittest', 'discover', '-s', 'python/tests'], {cwd: root, encoding: 'utf8'});
  assert.equal(run.status, 0, run.stderr);
});
