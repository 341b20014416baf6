import {esbuildPlugin} from '@web/dev-server-esbuild';
import {selectedEngines} from './scripts/engines/index.js';
import {testRunnerBrowsers} from './scripts/engines/test-runner.js';
import {serveRuntimeFilesAsIs} from './test/servers/runtime-files.js';
import {socketServerPlugin} from './test/servers/socket-server-plugin.js';

// Every engine by default; ENGINE=firefox (or `npm test -- --engine firefox`) picks some.
const engines = selectedEngines();

export default {
  // The fast suite, and the Python runtimes in groups of their own (they load for seconds).
  groups: [
    {name: 'element', files: ['test/**/*.test.ts', '!test/python/**']},
    {name: 'python', files: 'test/python/**/*.test.ts'},
  ],
  hostname: '127.0.0.1',
  nodeResolve: true,
  middleware: [serveRuntimeFilesAsIs()],
  plugins: [esbuildPlugin({ts: true, tsconfig: './tsconfig.json'}), socketServerPlugin()],
  browsers: testRunnerBrowsers(engines),
  testFramework: {config: {timeout: 5000}},
};
