import type {CloseDetail} from './events.js';
import {byteLength, type SocketData} from './socket-data.js';
import {timerDelay} from './timer-delay.js';

export interface ConnectionOptions {
  url: string;
  protocols: string[];
  binaryType: BinaryType;
  /** Milliseconds the handshake may take before it counts as failed; 0 for no limit. */
  connectTimeout: number;
  /** Milliseconds between heartbeats while open; 0 for none. */
  heartbeat: number;
  /** Milliseconds after a heartbeat within which something must arrive. */
  heartbeatTimeout: number;
  heartbeatMessage: string;
  /** Count the bytes handed to the socket, for `drainedBytes` (a holder relaying other tabs' sends does). */
  countBytes?: boolean;
}

/** What a connection reports to whoever drives it. */
export interface ConnectionListener {
  opened(): void;
  /** A message arrived; `origin` is the server's, the same for every message of a connection. */
  received(data: string | Blob | ArrayBuffer, origin: string): void;
  /** The connection failed or broke; `message` names the problem. Followed by `closed`. */
  failed(message: string): void;
  /** The end: the socket's own close, or one made up when the connection was given up as dead. */
  closed(close: CloseDetail): void;
}

/**
 * One WebSocket and everything attached to it: its listeners, the connect
 * timeout and the heartbeat. All of it hangs on one AbortController, so
 * `dispose()` leaves nothing behind; after it, the listener hears nothing more.
 */
export class Connection {
  readonly socket: WebSocket;
  /** What `MessageEvent.origin` says for this socket's messages, worked out once instead of per message. */
  readonly origin: string;
  readonly #lifetime = new AbortController();
  readonly #options: ConnectionOptions;
  readonly #listener: ConnectionListener;
  #wasOpen = false;
  #sentBytes = 0;
  #connectDeadline?: ReturnType<typeof setTimeout>;
  #heartbeats?: ReturnType<typeof setInterval>;
  #heartbeatDeadline?: ReturnType<typeof setTimeout>;

  /** Throws what the WebSocket constructor throws (e.g. a `SyntaxError` for bad protocols). */
  constructor(options: ConnectionOptions, listener: ConnectionListener) {
    this.#options = options;
    this.#listener = listener;
    this.socket = new WebSocket(options.url, options.protocols);
    this.origin = new URL(options.url).origin;
    this.socket.binaryType = options.binaryType;
    const signal = this.#lifetime.signal;
    signal.addEventListener('abort', () => this.#clearTimers());
    this.socket.addEventListener('open', () => this.#opened(), {signal});
    this.socket.addEventListener('message', (message) => this.#received(message), {signal});
    this.socket.addEventListener('error', () => listener.failed(this.#failure()), {signal});
    this.socket.addEventListener('close', ({code, reason, wasClean}) => this.#end({code, reason, wasClean}), {signal});
    if (options.connectTimeout > 0) {
      this.#connectDeadline = setTimeout(() => {
        listener.failed(`Could not connect to ${options.url} within ${options.connectTimeout} ms.`);
        // An error handler may have replaced this connection already (connect()): then it is over.
        if (!signal.aborted) this.#giveUp(`connect timeout after ${options.connectTimeout} ms`);
      }, timerDelay(options.connectTimeout));
    }
  }

  /** Sends on the open socket, counting the bytes when asked to. */
  send(data: SocketData): void {
    this.socket.send(data);
    if (this.#options.countBytes) this.#sentBytes += byteLength(data);
  }

  /**
   * How many of the bytes sent (counted) have left the socket's buffer: a message whose end
   * lies at or below this has been sent. The socket keeps `bufferedAmount` after it closed,
   * so this stays true of a closed connection too.
   */
  get drainedBytes(): number {
    return this.#sentBytes - this.socket.bufferedAmount;
  }

  /** The bytes handed to the socket so far (counted). */
  get sentBytes(): number {
    return this.#sentBytes;
  }

  /** Stops listening and closes the socket (1000) if it is still connecting or open. */
  dispose(): void {
    this.#lifetime.abort();
    if (this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000);
  }

  #opened(): void {
    this.#wasOpen = true;
    clearTimeout(this.#connectDeadline);
    const {heartbeat} = this.#options;
    if (heartbeat > 0) this.#heartbeats = setInterval(() => this.#beat(), timerDelay(heartbeat));
    this.#listener.opened();
  }

  #received(message: MessageEvent): void {
    // Anything at all from the server shows it is alive.
    if (this.#heartbeatDeadline !== undefined) {
      clearTimeout(this.#heartbeatDeadline);
      this.#heartbeatDeadline = undefined;
    }
    this.#listener.received(message.data, this.origin);
  }

  #beat(): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.send(this.#options.heartbeatMessage);
    // The deadline counts from the oldest heartbeat still unanswered.
    if (this.#heartbeatDeadline !== undefined) return;
    const {heartbeatTimeout} = this.#options;
    this.#heartbeatDeadline = setTimeout(
      () => this.#giveUp(`heartbeat timeout: nothing received within ${heartbeatTimeout} ms of a heartbeat`),
      timerDelay(heartbeatTimeout)
    );
  }

  #failure(): string {
    const {url} = this.#options;
    return this.#wasOpen ? `The connection to ${url} failed.` : `Could not connect to ${url}.`;
  }

  /** Ends a connection that is dead or hangs without waiting for a closing handshake. */
  #giveUp(reason: string): void {
    this.dispose();
    this.#listener.closed({code: 1006, reason, wasClean: false});
  }

  #end(close: CloseDetail): void {
    this.#lifetime.abort();
    this.#listener.closed(close);
  }

  #clearTimers(): void {
    clearTimeout(this.#connectDeadline);
    clearInterval(this.#heartbeats);
    clearTimeout(this.#heartbeatDeadline);
  }
}
