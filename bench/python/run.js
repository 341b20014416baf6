// `npm run bench:python` (after `npm run build`): how long each Python runtime takes to load
// with py_websocket, and how many `await send(); await recv()` round trips a second its
// asyncio client makes against an echo server on 127.0.0.1, beside the element driven from
// JavaScript. Chromium by default; `-- --engine firefox` (or several) picks others.
import {startDevServer} from '@web/dev-server';
import {engineLabels, openEnginePage} from '../../scripts/engines/automation.js';
import {selectedEngines} from '../../scripts/engines/index.js';
import {crossOriginIsolation} from '../../test/servers/cross-origin-isolation.js';
import {pythonScenarios} from '../../test/servers/python-scenarios.js';
import {serveRuntimeFilesAsIs} from '../../test/servers/runtime-files.js';
import {socketServerPlugin} from '../../test/servers/socket-server-plugin.js';
import {writeFigures} from '../../scripts/figures/write.js';

const engines = process.argv.some((arg) => arg.startsWith('--engine')) ? selectedEngines() : ['chromium'];
const pages = [
  ['JavaScript (the element)', '/bench/python/element.html'],
  ['Brython', '/test/python/pages/brython.html?scenario=ws_roundtrip'],
  ['Pyodide', '/test/python/pages/pyodide.html?scenario=ws_roundtrip'],
  ['PyScript + MicroPython', '/test/python/pages/pyscript.html?scenario=ws_roundtrip'],
  ['PyScript + Pyodide', '/test/python/pages/pyscript.html?scenario=ws_roundtrip&interpreter=pyodide'],
];

const server = await startDevServer({
  config: {
    rootDir: process.cwd(),
    hostname: '127.0.0.1',
    port: 0,
    nodeResolve: true,
    middleware: [crossOriginIsolation(), pythonScenarios(), serveRuntimeFilesAsIs()],
    plugins: [socketServerPlugin()],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
const origin = `http://127.0.0.1:${server.server.address().port}`;

/** Runs `path` to its "done" report; the time to it includes loading the runtime. */
async function measure(engine, path) {
  const page = await openEnginePage(engine, 'about:blank');
  try {
    const started = Date.now();
    await page.evaluate((url) => (location.href = url), `${origin}${path}`).catch(() => {});
    for (;;) {
      const reports = await page.evaluate(() => window.harness?.reports).catch(() => undefined);
      if (reports?.done) return {seconds: (Date.now() - started) / 1000, perSecond: reports.per_second};
      if (Date.now() - started > 120000) throw new Error(`${path} did not finish`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await page.close();
  }
}

/** Each runtime's "load, round trips/s" per engine, for docs/performance.md. */
const cells = new Map();
try {
  for (const engine of engines) {
    console.log(`\n${engineLabels[engine]}: 1,000 round trips after 50 to warm up`);
    console.log(`  ${'runtime'.padEnd(26)}  ${'load (≈)'.padStart(8)}  ${'round trips/s'.padStart(13)}`);
    for (const [name, path] of pages) {
      const {seconds, perSecond} = await measure(engine, path);
      // What is not the 1,050 round trips is loading the page, the runtime and py_websocket.
      const load = seconds - 1050 / perSecond;
      console.log(`  ${name.padEnd(26)}  ${`${load.toFixed(1)} s`.padStart(8)}  ${Math.round(perSecond).toLocaleString('en-US').padStart(13)}`);
      cells.set(name, [...(cells.get(name) ?? []), `${load.toFixed(1)} s, ${Math.round(perSecond).toLocaleString('en-US')}`]);
    }
  }
  const table = [
    `| runtime | ${engines.map((engine) => `${engineLabels[engine]}: load, round trips/s`).join(' | ')} |`,
    `|---|${engines.map(() => '---').join('|')}|`,
    ...[...cells].map(([name, row]) => `| ${name} | ${row.join(' | ')} |`),
  ].join('\n');
  const command = ['npm run bench:python', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  writeFigures(new URL('../../docs/performance.md', import.meta.url), 'bench-python', command, table);
} finally {
  await server.stop();
}
