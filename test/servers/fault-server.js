import {createServer} from 'node:http';
import {WebSocketServer} from 'ws';

/**
 * A WebSocket server on 127.0.0.1 that tests can hurt on purpose. It echoes
 * (or, `silent`, says nothing: a half-open peer), logs what it receives, and can
 * be stopped and started again on the same port, drop every TCP connection
 * without a close frame, close connections with a code, refuse handshakes
 * (`refuse`) or leave them hanging (`hang`).
 */
export class FaultServer {
  /** 'echo' | 'silent' | 'refuse' | 'hang' */
  mode = 'echo';
  /** Every text message received, in arrival order, across connections (a long one as its first 40 characters and "…"). */
  received = [];
  connections = 0;
  #http;
  #sockets = new WebSocketServer({noServer: true});
  #tcp = new Set();
  #down = false;
  port = 0;

  async start() {
    this.#down = false;
    if (this.#http) return;
    this.#http = createServer((request, response) => response.writeHead(404).end());
    this.#http.on('connection', (tcp) => {
      // Down: every connection is cut at once, as by a host whose server crashed.
      if (this.#down) return tcp.destroy();
      this.#tcp.add(tcp);
      tcp.on('close', () => this.#tcp.delete(tcp));
    });
    this.#http.on('upgrade', (request, tcp, head) => {
      if (this.mode === 'refuse') return tcp.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      if (this.mode === 'hang') {
        // Never answer the handshake, but read on, to see the client give up (its FIN).
        tcp.on('end', () => tcp.destroy());
        tcp.resume();
        return;
      }
      this.#sockets.handleUpgrade(request, tcp, head, (socket) => this.#accept(socket));
    });
    await new Promise((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = this.#http.address().port;
  }

  /**
   * Goes down: cuts every connection without a close frame, as a crashed server would, and
   * cuts each new one at once until start(). It keeps its port meanwhile: were it to let go,
   * a server another test starts could take the port and answer a reconnect meant to fail.
   */
  async stop() {
    this.#down = true;
    this.drop();
  }

  /** Stops listening for good and frees the port. */
  async close() {
    const http = this.#http;
    if (!http) return;
    this.#http = undefined;
    this.#down = true;
    this.drop();
    await new Promise((resolve) => http.close(resolve));
  }

  /** Destroys every TCP connection: the peer sees the socket vanish (close code 1006). */
  drop() {
    for (const tcp of this.#tcp) tcp.destroy();
  }

  /** Closes every open WebSocket with a close frame carrying `code` and `reason`. */
  closeAll(code, reason = '') {
    for (const socket of this.#sockets.clients) socket.close(code, reason);
  }

  get open() {
    return this.#sockets.clients.size;
  }

  /** TCP connections still up, handshakes not yet answered (`hang`) included. */
  get tcp() {
    return this.#tcp.size;
  }

  status() {
    const {port, mode, open, tcp, connections, received} = this;
    return {port, running: Boolean(this.#http) && !this.#down, mode, open, tcp, connections, received};
  }

  #accept(socket) {
    this.connections++;
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.received.push(data.length > 1000 ? `${data.toString('utf8', 0, 40)}…` : data.toString());
      if (this.mode === 'echo') socket.send(data, {binary: isBinary});
    });
  }
}
