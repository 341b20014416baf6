import {esbuildPlugin} from '@web/dev-server-esbuild';
import {serveRuntimeFilesAsIs} from '../test/servers/runtime-files.js';
import {socketServerPlugin} from '../test/servers/socket-server-plugin.js';

// `npm start`: the demo and its echo server (ws://…/ws/echo) on one local origin.
const port = Number(process.env.PORT ?? 8000);

export default {
  rootDir: '.',
  hostname: 'localhost',
  port,
  nodeResolve: true,
  middleware: [
    function demoIndex(context, next) {
      if (context.path === '/') return context.redirect('/demo/');
      return next();
    },
    serveRuntimeFilesAsIs(),
  ],
  plugins: [
    esbuildPlugin({ts: true, tsconfig: './tsconfig.json'}),
    socketServerPlugin(),
    {
      name: 'print-demo-url',
      serverStart() {
        console.log(`\n  py-websocket demo: http://localhost:${port}/demo/  (echo server at ws://localhost:${port}/ws/echo)\n`);
      },
    },
  ],
};
