import {createServer} from 'node:net';
import {WebSocketServer} from 'ws';

/**
 * A @web/dev-server (and so @web/test-runner) plugin that answers WebSocket
 * upgrades on the dev server's own origin, so pages use relative hosts:
 *
 *   /ws/echo                 sends every message back, text as text, binary as binary
 *   /ws/close?code=&reason=  opens, then the server closes with that code and reason
 *   /ws/protocols            accepts the first sub-protocol offered and sends its name
 *   /ws/send?text=           opens, then sends that text once
 *   /ws/refuse               answers the handshake with 403, so the connection fails
 *
 * Any of them takes `?id=…`: the server then keeps a log of that connection's
 * life (opens, messages, closes), read as JSON from GET /__ws/log?id=….
 * GET /__ws/closed-port answers a port on 127.0.0.1 where nothing listens.
 */
export function socketServerPlugin() {
  const logs = new Map();
  const sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => offered.values().next().value ?? false,
  });
  let closedPort;

  const logFor = (id) => {
    if (!logs.has(id)) logs.set(id, {opened: 0, open: 0, messages: [], closes: []});
    return logs.get(id);
  };

  sockets.on('connection', (socket, request) => {
    const url = new URL(request.url, 'http://localhost');
    const id = url.searchParams.get('id');
    const log = id ? logFor(id) : undefined;
    if (log) {
      log.opened++;
      log.open++;
      socket.on('message', (data, isBinary) => log.messages.push(isBinary ? `binary:${data.length}` : data.toString()));
      socket.on('close', (code, reason) => {
        log.open--;
        log.closes.push({code, reason: reason.toString()});
      });
    }
    switch (url.pathname) {
      case '/ws/echo':
        socket.on('message', (data, isBinary) => socket.send(data, {binary: isBinary}));
        break;
      case '/ws/close':
        socket.close(Number(url.searchParams.get('code') ?? 1000), url.searchParams.get('reason') ?? '');
        break;
      case '/ws/protocols':
        socket.send(socket.protocol);
        break;
      case '/ws/send':
        socket.send(url.searchParams.get('text') ?? '');
        break;
    }
  });

  return {
    name: 'socket-server',

    async serverStart({server}) {
      closedPort = await findClosedPort();
      server.on('upgrade', (request, socket, head) => {
        const {pathname} = new URL(request.url, 'http://localhost');
        if (pathname === '/ws/refuse') {
          socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        } else if (pathname.startsWith('/ws/')) {
          sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
        }
      });
    },

    serve(context) {
      if (context.path === '/__ws/log') return {body: JSON.stringify(logFor(context.query.id)), type: 'json'};
      if (context.path === '/__ws/closed-port') return {body: JSON.stringify({port: closedPort}), type: 'json'};
      return undefined;
    },

    serverStop() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
    },
  };
}

/** A port that was free a moment ago: connections to it are refused. */
function findClosedPort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
