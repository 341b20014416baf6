// `npm start`: the demo and its echo server on one origin, reachable from this machine only.
import {Server} from 'node:net';
import {startDevServer} from '@web/dev-server';
import config from './web-dev-server.config.js';

// @web/dev-server listens on every interface when its hostname is "localhost": hold its
// listen() to the loopback address, from the start, and say what to do when the port is taken.
const {listen} = Server.prototype;
Server.prototype.listen = function (options, ...rest) {
  if (typeof options !== 'object' || options === null || options.port !== config.port) return listen.call(this, options, ...rest);
  this.once('error', (error) => {
    if (error.code !== 'EADDRINUSE') throw error;
    console.error(`Port ${config.port} is taken: set PORT to another one, as in PORT=8123 npm start`);
    process.exit(1);
  });
  return listen.call(this, {...options, host: '127.0.0.1'}, ...rest);
};
try {
  await startDevServer({config, readCliArgs: false, readFileConfig: false, logStartMessage: false});
} finally {
  Server.prototype.listen = listen;
}
