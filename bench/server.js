import {createServer} from 'node:http';
import {WebSocketServer} from 'ws';

/**
 * One HTTP + WebSocket server on 127.0.0.1 for the bench page. Pages are
 * served cross-origin isolated (COOP + COEP), which gives the page 5 µs timers
 * instead of 100 µs: needed for round-trip latency.
 *
 *   /ws/push?n=&bytes=&binary=1  on "go", sends n messages of `bytes` bytes as fast as it can
 *   /ws/sink?n=                  counts messages; sends "done" each time it has n more
 *   /ws/echo                     sends every message back
 *
 * `files` maps a path to {type, body}; bodies are kept in memory, so a build
 * running elsewhere cannot change what a run measures halfway through.
 */
export async function startServer(files) {
  const counts = {open: 0, opened: 0};
  const http = createServer((request, response) => {
    const path = new URL(request.url, 'http://127.0.0.1').pathname;
    const file = files.get(path === '/' ? '/index.html' : path);
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    response.setHeader('Cache-Control', 'no-store');
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {'Content-Type': file.type}).end(file.body);
  });
  const sockets = new WebSocketServer({noServer: true, perMessageDeflate: false});
  http.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      counts.open++;
      counts.opened++;
      ws.on('close', () => counts.open--);
      ws.on('error', () => {});
      serve(ws, socket, url);
    });
  });
  await new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  const {port} = http.address();
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    socketOrigin: `ws://127.0.0.1:${port}`,
    openSockets: () => counts.open,
    openedSockets: () => counts.opened,
    /** Resolves once no socket is open; rejects after `timeout` ms. */
    async drained(timeout = 10000) {
      const end = Date.now() + timeout;
      while (counts.open > 0) {
        if (Date.now() > end) throw new Error(`the server still has ${counts.open} open socket(s) after ${timeout} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close() {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      http.closeAllConnections();
      return new Promise((resolve) => http.close(resolve));
    },
  };
}

function serve(ws, socket, url) {
  const query = url.searchParams;
  const n = Number(query.get('n') ?? 0);
  if (url.pathname === '/ws/echo') {
    ws.on('message', (data, isBinary) => ws.send(data, {binary: isBinary}));
  } else if (url.pathname === '/ws/sink') {
    let received = 0;
    ws.on('message', () => {
      if (++received % n === 0) ws.send('done');
    });
  } else if (url.pathname === '/ws/push') {
    const bytes = Number(query.get('bytes') ?? 16);
    const binary = query.get('binary') === '1';
    const payload = binary ? Buffer.alloc(bytes, 7) : 'x'.repeat(bytes);
    ws.on('message', () => push(ws, socket, payload, n, binary));
  }
}

/**
 * Sends `n` copies of `payload`. Frames are written in corked batches (one
 * writev per batch instead of one syscall per frame) and the loop only pauses
 * when the socket's buffer is full, so the server is never what the page waits for.
 */
async function push(ws, socket, payload, n, binary) {
  const batch = 1000;
  const highWater = 4 * 1024 * 1024;
  for (let sent = 0; sent < n && ws.readyState === ws.OPEN; ) {
    socket.cork();
    const end = Math.min(n, sent + batch);
    for (; sent < end; sent++) ws.send(payload, {binary});
    socket.uncork();
    if (socket.writableLength > highWater) await drainOrClose(socket);
  }
}

function drainOrClose(socket) {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
