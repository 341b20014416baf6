import {esbuildPlugin} from '@web/dev-server-esbuild';
import {crossOriginIsolation} from '../test/servers/cross-origin-isolation.js';
import {serveRuntimeFilesAsIs} from '../test/servers/runtime-files.js';
import {socketServerPlugin} from '../test/servers/socket-server-plugin.js';
import {demoServerPlugin} from './demo-server.js';

// `npm start`: the demo and its echo server (ws://…/ws/echo) on one local origin.
const port = Number(process.env.PORT ?? 8000);

export default {
  rootDir: '.',
  hostname: 'localhost',
  port,
  // Lit's production build, as users' bundles get it (no dev-mode warnings in the console).
  nodeResolve: {exportConditions: ['production']},
  middleware: [
    function demoIndex(context, next) {
      if (context.path === '/') return context.redirect('/demo/');
      return next();
    },
    // PyScript workers (the Python part's worker example) need SharedArrayBuffer.
    crossOriginIsolation(),
    serveRuntimeFilesAsIs(),
  ],
  plugins: [
    esbuildPlugin({ts: true, tsconfig: './tsconfig.json'}),
    socketServerPlugin(),
    demoServerPlugin(),
    {
      // The dev server listens on every interface even for "localhost"; the demo stays on
      // this machine: listen again on the loopback address alone.
      name: 'loopback-only',
      async serverStart({server}) {
        await new Promise((resolve) => server.close(resolve));
        await new Promise((resolve, reject) => server.listen(port, '127.0.0.1', resolve).once('error', reject));
      },
    },
    {
      name: 'print-demo-url',
      serverStart() {
        console.log(`\n  py-websocket demo: http://localhost:${port}/demo/  (echo server at ws://localhost:${port}/ws/echo)\n`);
      },
    },
  ],
};
