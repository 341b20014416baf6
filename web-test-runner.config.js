import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {chromiumArgs, chromiumPath} from './scripts/chromium.js';
import {serveRuntimeFilesAsIs} from './test/servers/runtime-files.js';
import {socketServerPlugin} from './test/servers/socket-server-plugin.js';

const chromium = chromeLauncher({launchOptions: {executablePath: chromiumPath, headless: true, args: chromiumArgs}});

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
  browsers: [chromium],
  testFramework: {config: {timeout: 5000}},
};
