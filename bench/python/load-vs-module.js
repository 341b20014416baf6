// `npm run bench:python-load [-- --engine …] [--runs 3] [--runtime mpy,brython] [--forms module,zip,package]`
// (after `npm run build`): each runtime's load time with the py_websocket package against the
// one-file module it replaced (python/py_websocket.py before the package, read from git), in
// one browser per engine, taking turns so that all see the same machine load. Load is the
// time from navigation to `from py_websocket import connect` done; the first form is the
// baseline of the percentages.
import {execFileSync} from 'node:child_process';
import {startDevServer} from '@web/dev-server';
import {engineLabels, openEnginePage} from '../../scripts/engines/automation.js';
import {selectedEngines} from '../../scripts/engines/index.js';
import {crossOriginIsolation} from '../../test/servers/cross-origin-isolation.js';
import {serveRuntimeFilesAsIs} from '../../test/servers/runtime-files.js';

const ONE_FILE_REVISION = '802756a~1';
const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : process.argv[index + 1];
};
const engines = process.argv.some((arg) => arg.startsWith('--engine')) ? selectedEngines() : ['chromium'];
const runs = Number(option('runs', 3));
const runtimeNames = {brython: 'Brython', pyodide: 'Pyodide', mpy: 'PyScript + MicroPython', py: 'PyScript + Pyodide'};
const runtimes = option('runtime', Object.keys(runtimeNames).join(',')).split(',');
const forms = option('forms', 'module,package').split(',');

const oneFileModule = execFileSync('git', ['show', `${ONE_FILE_REVISION}:python/py_websocket.py`]);
function serveOneFileModule(context, next) {
  if (context.path !== '/bench/one-file/py_websocket.py') return next();
  context.body = oneFileModule;
  context.type = 'text/x-python';
}

const server = await startDevServer({
  config: {
    rootDir: process.cwd(),
    hostname: '127.0.0.1',
    port: 0,
    nodeResolve: true,
    middleware: [crossOriginIsolation(), serveOneFileModule, serveRuntimeFilesAsIs()],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const origin = `http://127.0.0.1:${server.server.address().port}`;

/** Milliseconds from navigation to Python starting, and to the import done. */
async function load(page, runtime, form) {
  await page.evaluate((url) => (location.href = url), `${origin}/bench/python/load.html?runtime=${runtime}&form=${form}`).catch(() => {});
  const started = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reports = await page.evaluate(() => (location.pathname.endsWith('load.html') ? window.harness?.reports : undefined)).catch(() => undefined);
    if (reports?.imported) return reports;
    if (Date.now() - started > 120000) throw new Error(`${runtime} ${form} did not load`);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  for (const engine of engines) {
    const page = await openEnginePage(engine, 'about:blank');
    try {
      console.log(`\n${engineLabels[engine]}: median of ${runs} loads each, alternating (python start / import done)`);
      console.log(`  ${'runtime'.padEnd(24)}  ${forms.map((form, i) => form.padStart(17 + (i ? 6 : 0))).join('  ')}`);
      for (const runtime of runtimes) {
        const times = Object.fromEntries(forms.map((form) => [form, []]));
        for (const form of forms) await load(page, runtime, form); // warms the cache for all
        for (let run = 0; run < runs; run++) {
          // Each run in another order, so that none always follows the same one.
          for (const form of forms.map((_, i) => forms[(i + run) % forms.length])) times[form].push(await load(page, runtime, form));
        }
        const medians = forms.map((form) => ({
          started: median(times[form].map((r) => r.started)),
          imported: median(times[form].map((r) => r.imported)),
        }));
        const cell = ({started, imported}) => `${seconds(started)} / ${seconds(imported)}`.padStart(17);
        const change = (m) => {
          const percent = Math.round((m.imported / medians[0].imported - 1) * 100);
          return `${percent >= 0 ? '+' : ''}${percent}%`;
        };
        console.log(`  ${runtimeNames[runtime].padEnd(24)}  ${medians.map((m, i) => `${cell(m)}${i ? ` ${change(m).padStart(5)}` : ''}`).join('  ')}`);
      }
    } finally {
      await page.close();
    }
  }
} finally {
  await server.stop();
}
