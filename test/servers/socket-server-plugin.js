import {freePort} from '../../scripts/free-port.js';
import {WebSocketServer} from 'ws';
import {FaultServer} from './fault-server.js';

/**
 * A @web/dev-server (and so @web/test-runner) plugin that answers WebSocket
 * upgrades on the dev server's own origin, so pages use relative hosts:
 *
 *   /ws/echo?close-after=    sends every message back, text as text, binary as binary
 *                            (close-after=n: closes with 1000 right after the n-th)
 *   /ws/sink                 takes messages and says nothing (to log big sends without echoing them)
 *   /ws/close?code=&reason=  opens, then the server closes with that code and reason
 *                            (code=none: a close frame without a code; code=drop: no close frame)
 *   /ws/protocols            accepts the first sub-protocol offered and sends its name
 *   /ws/send?text=           opens, then sends that text once
 *   /ws/count?n=&code=       sends "1" … "n", then closes with that code (1000 by default)
 *   /ws/refuse               answers the handshake with 403, so the connection fails
 *   /ws/close-first?n=&code=&reason=   closes the first n connections of its `id` (1 by default)
 *                            with that code and reason as soon as they open; later ones echo
 *
 * Any of them takes `?id=…`: the server then keeps a log of that connection's
 * life (opens, messages, closes, and each handshake's URL path and query, sub-protocol and
 * time), read as JSON from GET /__ws/log?id=…. A text message longer than 1,000 characters
 * is logged as its first 40 and "…".
 * GET /__ws/closed-port answers a port on 127.0.0.1 where nothing listens.
 * GET /__ws/seed answers {seed, sequences} for the seeded sequence tests: RELAY_SEED and
 * RELAY_SEQUENCES from the environment, or a seed drawn for this run (printed) and 200.
 *
 * Fault servers (see fault-server.js), each on a port of its own, one per `id`:
 *   GET /__faults/<id>/start | stop | drop | status
 *   GET /__faults/<id>/mode?to=echo|silent|refuse|hang
 *   GET /__faults/<id>/close?code=&reason=
 * each answer the server's status as JSON: {port, running, mode, open, connections, received}.
 */
const shortened = (text) => (text.length > 1000 ? `${text.slice(0, 40)}…` : text);

/** `announceSeed`: print the seed of the seeded sequence tests (the test runner does; the demo has none). */
export function socketServerPlugin({announceSeed = true} = {}) {
  const logs = new Map();
  const sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => offered.values().next().value ?? false,
  });
  let closedPort;
  const sequenceSeed = {
    seed: Number(process.env.RELAY_SEED ?? Math.floor(Math.random() * 2 ** 31)),
    sequences: Number(process.env.RELAY_SEQUENCES ?? 200),
  };
  const faultServers = new Map();

  async function faultAction(id, action, query) {
    if (!faultServers.has(id)) faultServers.set(id, new FaultServer());
    const server = faultServers.get(id);
    if (action === 'start') await server.start();
    else if (action === 'stop') await server.stop();
    else if (action === 'drop') server.drop();
    else if (action === 'mode') server.mode = query.to;
    else if (action === 'close') server.closeAll(Number(query.code), query.reason ?? '');
    else if (action !== 'status') throw new Error(`unknown fault action ${action}`);
    return server.status();
  }

  const logFor = (id) => {
    if (!logs.has(id)) logs.set(id, {opened: 0, open: 0, messages: [], closes: [], handshakes: []});
    return logs.get(id);
  };

  sockets.on('connection', (socket, request) => {
    const url = new URL(request.url, 'http://localhost');
    const id = url.searchParams.get('id');
    const log = id ? logFor(id) : undefined;
    if (log) {
      log.handshakes.push({url: request.url, protocol: socket.protocol, at: Date.now()});
      log.opened++;
      log.open++;
      socket.on('message', (data, isBinary) => log.messages.push(isBinary ? `binary:${data.length}` : shortened(data.toString())));
      socket.on('close', (code, reason) => {
        log.open--;
        log.closes.push({code, reason: reason.toString()});
      });
    }
    switch (url.pathname) {
      case '/ws/echo': {
        // ?close-after=n: closes (1000) right after the n-th echo, and echoes nothing more.
        const closeAfter = Number(url.searchParams.get('close-after') ?? Infinity);
        let echoed = 0;
        socket.on('message', (data, isBinary) => {
          if (echoed >= closeAfter) return;
          socket.send(data, {binary: isBinary});
          if (++echoed === closeAfter) socket.close(1000);
        });
        break;
      }
      case '/ws/close': {
        const code = url.searchParams.get('code') ?? '1000';
        if (code === 'none') socket.close(); // a close frame without a code: the client sees 1005
        else if (code === 'drop') socket.terminate(); // no close frame at all: the client sees 1006
        else socket.close(Number(code), url.searchParams.get('reason') ?? '');
        break;
      }
      case '/ws/close-first': {
        if (!log) throw new Error('/ws/close-first needs an id');
        if (log.opened <= Number(url.searchParams.get('n') ?? 1)) {
          socket.close(Number(url.searchParams.get('code') ?? 1012), url.searchParams.get('reason') ?? '');
        } else {
          socket.on('message', (data, isBinary) => socket.send(data, {binary: isBinary}));
        }
        break;
      }
      case '/ws/protocols':
        socket.send(socket.protocol);
        break;
      case '/ws/send':
        socket.send(url.searchParams.get('text') ?? '');
        break;
      case '/ws/count': {
        const count = Number(url.searchParams.get('n') ?? 3);
        for (let i = 1; i <= count; i++) socket.send(String(i));
        socket.close(Number(url.searchParams.get('code') ?? 1000));
        break;
      }
    }
  });

  return {
    name: 'socket-server',

    async serverStart({server}) {
      // A port that was free a moment ago: connections to it are refused.
      closedPort = await freePort();
      if (announceSeed) console.log(`Seeded sequence tests: RELAY_SEED=${sequenceSeed.seed} RELAY_SEQUENCES=${sequenceSeed.sequences}`);
      server.on('upgrade', (request, socket, head) => {
        const {pathname} = new URL(request.url, 'http://localhost');
        if (pathname === '/ws/refuse') {
          socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        } else if (pathname.startsWith('/ws/')) {
          sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
        }
      });
    },

    async serve(context) {
      const fault = context.path.match(/^\/__faults\/([\w-]+)\/(\w+)$/);
      if (fault) return {body: JSON.stringify(await faultAction(fault[1], fault[2], context.query)), type: 'json'};
      if (context.path === '/__ws/log') return {body: JSON.stringify(logFor(context.query.id)), type: 'json'};
      if (context.path === '/__ws/closed-port') return {body: JSON.stringify({port: closedPort}), type: 'json'};
      if (context.path === '/__ws/seed') return {body: JSON.stringify(sequenceSeed), type: 'json'};
      return undefined;
    },

    async serverStop() {
      await Promise.all([...faultServers.values()].map((server) => server.close()));
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}
