import {esbuildPlugin} from '@web/dev-server-esbuild';
import {crossOriginIsolation} from '../test/servers/cross-origin-isolation.js';
import {serveRuntimeFilesAsIs} from '../test/servers/runtime-files.js';
import {socketServerPlugin} from '../test/servers/socket-server-plugin.js';
import {demoServerPlugin} from './demo-server.js';

// `npm start`: the demo and its echo server (ws://…/ws/echo) on one local origin (demo/serve.js
// holds it to 127.0.0.1).
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
    socketServerPlugin({announceSeed: false}),
    demoServerPlugin(),
    {
      name: 'print-demo-url',
      serverStart() {
        console.log(`\n  py-websocket demo: http://localhost:${port}/demo/  (echo server at ws://localhost:${port}/ws/echo)\n`);
      },
    },
  ],
};
