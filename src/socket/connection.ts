import {byteLength, type SocketData} from './data.js';
import type {SocketEnvironment, SocketLike, TimerHandle} from './environment.js';
import type {CloseDetail, SocketListener} from './events.js';
import {OPEN} from './state.js';
import {timerDelay} from './timer-delay.js';

/** A URL's origin; '' for one that does not parse. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export interface ConnectionOptions {
  url: string;
  protocols: string[];
  binaryType: BinaryType;
  /** Milliseconds the handshake may take before it counts as failed; 0 for no limit. */
  connectTimeout: number;
  /** Milliseconds between heartbeats while open; 0 for none. */
  heartbeat: number;
  /** Milliseconds after a heartbeat within which something must arrive; 0 for twice `heartbeat`. */
  heartbeatTimeout: number;
  heartbeatMessage: string;
}

/**
 * One socket and everything attached to it: its handlers, the connect timeout and the
 * heartbeat. It reports `open`, `message`, `error` (followed by `close`) and `close` (the
 * socket's own, or one made up when the connection was given up as dead). After
 * `dispose()` nothing is left behind and the listener hears nothing more.
 */
export class Connection {
  readonly socket: SocketLike;
  /** What a message's origin is for this socket, worked out at its first message rather than per message. */
  #origin?: string;
  readonly #options: ConnectionOptions;
  readonly #environment: SocketEnvironment;
  /** Count the bytes handed to the socket, for `drainedBytes` (a holder relaying other tabs' sends does). */
  readonly #countBytes: boolean;
  #listener?: SocketListener;
  #opened = false;
  #sentBytes = 0;
  #connectDeadline?: TimerHandle;
  #nextBeat?: TimerHandle;
  #heartbeatDeadline?: TimerHandle;

  /** Throws what the socket's constructor throws (e.g. a `SyntaxError` for bad protocols). */
  constructor(options: ConnectionOptions, environment: SocketEnvironment, listener: SocketListener, countBytes: boolean) {
    this.#options = options;
    this.#environment = environment;
    this.#countBytes = countBytes;
    const socket = (this.socket = environment.createSocket(options.url, options.protocols));
    this.#listener = listener;
    socket.binaryType = options.binaryType;
    socket.onopen = () => this.#open();
    socket.onmessage = ({data}) => this.#received(data as string | Blob | ArrayBuffer);
    socket.onerror = () => this.#listener?.({type: 'error', message: this.#failure()});
    socket.onclose = ({code, reason, wasClean}) => this.#end({code, reason, wasClean});
    if (options.connectTimeout > 0) {
      this.#connectDeadline = environment.setTimeout(() => {
        this.#listener?.({type: 'error', message: `Could not connect to ${options.url} within ${options.connectTimeout} ms.`});
        // An error handler may have replaced this connection already (connect()): then it is over.
        this.#giveUp(`connect timeout after ${options.connectTimeout} ms`);
      }, timerDelay(options.connectTimeout));
    }
  }

  /** Sends on the open socket, counting the bytes when asked to. */
  send(data: SocketData): void {
    this.socket.send(data);
    if (this.#countBytes) this.#sentBytes += byteLength(data);
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

  /** Stops listening and closes the socket (1000, with `reason` if given) if it is still connecting or open. */
  dispose(reason?: string): void {
    if (this.#listener === undefined) return;
    this.#listener = undefined;
    this.#clearTimers();
    const {socket} = this;
    socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
    if (socket.readyState <= OPEN) {
      if (reason === undefined) socket.close(1000);
      else socket.close(1000, reason);
    }
  }

  #open(): void {
    this.#opened = true;
    const environment = this.#environment;
    environment.clearTimeout(this.#connectDeadline);
    if (this.#options.heartbeat > 0) this.#scheduleBeat();
    this.#listener?.({type: 'open'});
  }

  #received(data: string | Blob | ArrayBuffer): void {
    // Anything at all from the server shows it is alive.
    if (this.#heartbeatDeadline !== undefined) {
      this.#environment.clearTimeout(this.#heartbeatDeadline);
      this.#heartbeatDeadline = undefined;
    }
    this.#listener?.({type: 'message', data, origin: (this.#origin ??= originOf(this.#options.url))});
  }

  #scheduleBeat(): void {
    this.#nextBeat = this.#environment.setTimeout(() => this.#beat(), timerDelay(this.#options.heartbeat));
  }

  #beat(): void {
    if (this.socket.readyState !== OPEN) return;
    this.#scheduleBeat();
    this.send(this.#options.heartbeatMessage);
    // The deadline counts from the oldest heartbeat still unanswered.
    if (this.#heartbeatDeadline !== undefined) return;
    const heartbeatTimeout = this.#options.heartbeatTimeout || 2 * this.#options.heartbeat;
    this.#heartbeatDeadline = this.#environment.setTimeout(
      () => this.#giveUp(`heartbeat timeout: nothing received within ${heartbeatTimeout} ms of a heartbeat`),
      timerDelay(heartbeatTimeout)
    );
  }

  #failure(): string {
    const {url} = this.#options;
    return this.#opened ? `The connection to ${url} failed.` : `Could not connect to ${url}.`;
  }

  /** Ends a connection that is dead or hangs without waiting for a closing handshake. */
  #giveUp(reason: string): void {
    const listener = this.#listener;
    if (listener === undefined) return;
    this.dispose();
    listener({type: 'close', code: 1006, reason, wasClean: false});
  }

  #end(close: CloseDetail): void {
    const listener = this.#listener;
    if (listener === undefined) return;
    this.#listener = undefined;
    this.#clearTimers();
    listener({type: 'close', ...close});
  }

  #clearTimers(): void {
    const environment = this.#environment;
    environment.clearTimeout(this.#connectDeadline);
    environment.clearTimeout(this.#nextBeat);
    environment.clearTimeout(this.#heartbeatDeadline);
  }
}
