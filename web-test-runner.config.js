import {esbuildPlugin} from '@web/dev-server-esbuild';
import {selectedEngines} from './scripts/engines/index.js';
import {testRunnerBrowsers} from './scripts/engines/test-runner.js';
import {crossOriginIsolation} from './test/servers/cross-origin-isolation.js';
import {frameworkBundles} from './test/servers/framework-bundles.js';
import {pythonScenarios} from './test/servers/python-scenarios.js';
import {serveRuntimeFilesAsIs} from './test/servers/runtime-files.js';
import {socketServerPlugin} from './test/servers/socket-server-plugin.js';
import {strictCsp} from './test/servers/strict-csp.js';

// Every engine by default; ENGINE=firefox (or `npm test -- --engine firefox`) picks some.
const engines = selectedEngines();

export default {
  // The fast suite, apps built with React, Vue and Svelte, and the Python runtimes in a
  // group of their own (they load for seconds).
  groups: [
    {name: 'element', files: ['test/**/*.test.ts', '!test/python/**', '!test/frameworks/**', '!test/hostile/**']},
    // Each finding of an adversary (other realms, forged channel posts, hostile servers and pages) as a test.
    {name: 'hostile', files: 'test/hostile/*.test.ts'},
    {name: 'frameworks', files: 'test/frameworks/*.test.{ts,tsx}'},
    {name: 'python', files: 'test/python/**/*.test.ts'},
  ],
  hostname: '127.0.0.1',
  nodeResolve: true,
  middleware: [crossOriginIsolation(), strictCsp(), frameworkBundles(), pythonScenarios(), serveRuntimeFilesAsIs()],
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json'}), socketServerPlugin()],
  browsers: testRunnerBrowsers(engines),
  testFramework: {config: {timeout: 5000}},
  // A Python file loads its runtimes many times over, one page per scenario: minutes in WebKit.
  testsFinishTimeout: 10 * 60 * 1000,
};
