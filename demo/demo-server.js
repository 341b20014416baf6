import {WebSocketServer} from 'ws';

/**
 * The demo's own endpoints, a @web/dev-server plugin beside the echo server:
 *
 *   /demo/chat    every text message goes to every client of the room (the sender too)
 *   /demo/ticks   pushes a JSON tick {"t": ms, "value": n} ten times a second
 *   /demo/faulty  echoes; its faults are set through HTTP:
 *     GET /demo/faulty/restart          closes every connection with 1012 (service restart)
 *     GET /demo/faulty/deploy           a deploy that says when to come back: closes every connection with
 *                                       1012 "deploy; retry-after=1-2", then answers handshakes 503 for 1 s
 *     GET /demo/faulty/drop             cuts every TCP connection, without a close frame (1006)
 *     GET /demo/faulty/silent           the open connections fall silent (a half-open peer): only a heartbeat finds them
 *     GET /demo/faulty/refuse?seconds=  closes every connection with 1012, then answers handshakes 503 for that long
 *
 * Nothing here is part of the element: it stands for the servers users have.
 */
export function demoServerPlugin() {
  const sockets = new WebSocketServer({noServer: true});
  const chat = new Set();
  const faulty = new Set();
  const silent = new WeakSet();
  let refuseUntil = 0;
  let value = 50;

  const ticks = new Set();
  const ticker = setInterval(() => {
    if (ticks.size === 0) return;
    value = Math.min(100, Math.max(0, value + (Math.random() - 0.5) * 8));
    const tick = JSON.stringify({t: Date.now(), value: Math.round(value * 10) / 10});
    for (const socket of ticks) socket.send(tick);
  }, 100);
  ticker.unref();

  const endpoints = {
    '/demo/chat': (socket) => {
      chat.add(socket);
      socket.on('close', () => chat.delete(socket));
      socket.on('message', (data, isBinary) => {
        if (!isBinary) for (const peer of chat) peer.send(data.toString());
      });
    },
    '/demo/ticks': (socket) => {
      ticks.add(socket);
      socket.on('close', () => ticks.delete(socket));
    },
    '/demo/faulty': (socket) => {
      faulty.add(socket);
      socket.on('close', () => faulty.delete(socket));
      socket.on('message', (data, isBinary) => silent.has(socket) || socket.send(data, {binary: isBinary}));
    },
  };

  const faults = {
    restart: () => faulty.forEach((socket) => socket.close(1012, 'service restart')),
    drop: () => faulty.forEach((socket) => socket.terminate()),
    silent: () => faulty.forEach((socket) => silent.add(socket)),
    // A server that knows it is down for a second tells its clients to come back within the next one.
    deploy: () => {
      refuseUntil = Date.now() + 1000;
      faulty.forEach((socket) => socket.close(1012, 'deploy; retry-after=1-2'));
    },
    refuse: (query) => {
      refuseUntil = Date.now() + 1000 * Math.min(60, Number(query.get('seconds') ?? 5));
      faults.restart();
    },
  };

  return {
    name: 'demo-server',
    serverStart({server}) {
      server.on('upgrade', (request, tcp, head) => {
        const {pathname} = new URL(request.url, 'http://localhost');
        const accept = endpoints[pathname];
        if (!accept) return;
        if (pathname === '/demo/faulty' && Date.now() < refuseUntil) {
          tcp.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
          return;
        }
        sockets.handleUpgrade(request, tcp, head, accept);
      });
    },
    serve(context) {
      const match = /^\/demo\/faulty\/(\w+)$/.exec(context.path);
      const fault = match && faults[match[1]];
      if (!fault) return undefined;
      fault(new URLSearchParams(context.querystring));
      return {body: JSON.stringify({fault: match[1], open: faulty.size}), type: 'application/json'};
    },
  };
}
