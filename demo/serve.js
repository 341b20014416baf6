// `npm start`: the demo and its echo server on one origin, reachable from this machine only.
import {startDevServer} from '@web/dev-server';
import config from './web-dev-server.config.js';

await startDevServer({config, readCliArgs: false, readFileConfig: false, logStartMessage: false});
