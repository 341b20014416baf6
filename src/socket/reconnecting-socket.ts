import {reconnectDelay} from './backoff.js';
import {browserEnvironment} from './browser.js';
import {isRetriedClose} from './close-policy.js';
import {Connection, type ConnectionOptions} from './connection.js';
import type {SocketEnvironment} from './environment.js';
import type {CloseDetail, SocketEvent, SocketListener} from './events.js';
import {ReconnectWait} from './reconnect-wait.js';
import {SendQueue, type Sender, type SocketData} from './send-queue.js';
import {isRetried, OPEN, readyStateOf, transition, type Effect, type SocketInput, type SocketState} from './state.js';

/** A connection's options (`url` absolute ws: or wss:; `heartbeatTimeout` 0 for twice `heartbeat`), and how to reconnect. */
export interface SocketOptions extends ConnectionOptions {
  /** Backoff base and ceiling, in milliseconds. */
  reconnectDelay: number;
  reconnectMaxDelay: number;
  /** Reconnect attempts after an abnormal end before giving up. */
  maxRetries: number;
  /** Milliseconds a connection must stay open for the attempt count to start afresh. */
  minUptime: number;
}

/** A URL's origin; '' for one that does not parse (the socket refuses it first). */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** The element's defaults (its attributes' documented defaults). */
export const defaultSocketOptions: Omit<SocketOptions, 'url'> = {
  protocols: [],
  binaryType: 'blob',
  connectTimeout: 10000,
  heartbeat: 0,
  heartbeatTimeout: 0,
  heartbeatMessage: 'ping',
  reconnectDelay: 1000,
  reconnectMaxDelay: 30000,
  maxRetries: Infinity,
  minUptime: 5000,
};

/** What a hub needs of its socket: a ReconnectingSocket, or a tab's view of one held in another tab. */
export interface HubSocket {
  readonly state: SocketState;
  readonly readyState: number;
  readonly url: string;
  readonly protocol: string;
  readonly extensions: string;
  readonly bufferedAmount: number;
  readonly queue: SendQueue;
  set binaryType(value: BinaryType);
  connect(): void;
  send(data: SocketData, sender?: Sender, limit?: number): void;
  close(code: number, reason: string): void;
  stop(): void;
  /** `sender` left: what of its sends comes back later goes back to it (see TabSocket). */
  forget?(sender: Sender): void;
}

/** What the input that caused an effect carries for it. */
interface Cause {
  close?: CloseDetail;
  error?: {message: string; error?: Error};
  retriesRanOut?: boolean;
}

/**
 * One WebSocket connection kept alive: it connects, reconnects after ends the close
 * policy retries (with full-jitter backoff, never while offline), sends a heartbeat, gives
 * up on a handshake that hangs, and queues what is sent while it is not open. Its states,
 * their transitions and what follows each are in state.ts; this class carries them out.
 *
 * Effects run one after another from an outbox. An input that arrives while they run (a
 * listener that calls connect(), close() or stop()) replaces what was left of them: what
 * the listener did decides what happens next.
 */
export class ReconnectingSocket implements HubSocket {
  readonly options: SocketOptions;
  readonly queue: SendQueue;
  readonly #environment: SocketEnvironment;
  #listener: SocketListener;
  #state: SocketState = 'closed';
  #outbox: {effect: Effect; cause: Cause}[] = [];
  #running = false;
  #connection?: Connection;
  /** The current or last connection: `protocol`, `extensions` and `drainedBytes` still read from it after it closed. */
  #lastConnection?: Connection;
  /**
   * Called for each message sent with a sender, as it goes out (at once, or from the queue
   * at an open), with the end of its bytes on the connection (see `drainedBytes`). Setting it
   * makes new connections count their bytes.
   */
  onSent?: (sender: Sender, position: number) => void;
  #wait?: ReconnectWait;
  /** Reconnect attempts made since a connection last stayed open for `minUptime`. */
  #attempts = 0;
  /** The attempt being decided or waited for, and its wait. */
  #retry?: {attempt: number; delay: number};
  #origin?: string;
  /** When the current connection opened (environment.now()), while it is open. */
  #openedAt?: number;

  /**
   * `options`: `url` at least (the rest as the element's defaults, `defaultSocketOptions`);
   * `environment`: the socket factory, clock, timers, randomness and online signal (the
   * browser's by default); `queue`: where sends wait, when it is another's too (a tab that
   * takes a shared socket over).
   */
  constructor(
    options: Partial<SocketOptions> & {url: string},
    listener: SocketListener,
    {environment = browserEnvironment, queue = new SendQueue()}: {environment?: SocketEnvironment; queue?: SendQueue} = {}
  ) {
    this.options = {...defaultSocketOptions, ...options};
    this.#listener = listener;
    this.queue = queue;
    this.#environment = environment;
  }

  get state(): SocketState {
    return this.#state;
  }

  get readyState(): number {
    return readyStateOf(this.#state, this.#connection?.socket.readyState);
  }

  get url(): string {
    return this.options.url;
  }

  get protocol(): string {
    return this.#lastConnection?.socket.protocol ?? '';
  }

  get extensions(): string {
    return this.#lastConnection?.socket.extensions ?? '';
  }

  /** The bytes of the current or last connection that have left its buffer (counted while `onSent` is set). */
  get drainedBytes(): number {
    return this.#lastConnection?.drainedBytes ?? 0;
  }

  get bufferedAmount(): number {
    return this.#connection?.socket.bufferedAmount ?? 0;
  }

  set binaryType(value: BinaryType) {
    this.options.binaryType = value;
    if (this.#connection) this.#connection.socket.binaryType = value;
  }

  /** Opens (or re-opens) the socket; the attempt count starts afresh. */
  connect(): void {
    this.#attempts = 0;
    this.#input({type: 'connect'});
  }

  /**
   * Sends now when the socket is open and nothing waits before it; otherwise queues it
   * (throwing `QuotaExceededError` when `sender` already has `limit` messages waiting).
   * Whether sending is allowed at all is the caller's to decide.
   */
  send(data: SocketData, sender?: Sender, limit = Infinity): void {
    const connection = this.#connection;
    if (connection?.socket.readyState === OPEN && this.queue.size === 0) {
      this.#sendOn(connection, data, sender);
    } else {
      this.queue.push(data, limit, sender);
    }
  }

  /** Closes for good with the given (already checked) code and reason. */
  close(code: number, reason: string): void {
    this.#input({type: 'close'}, {close: {code, reason, wasClean: true}});
  }

  /** Lets go without a word: no socket, timer or listener is left, and no event follows. */
  stop(): void {
    this.#input({type: 'stop'});
  }

  /**
   * Takes over after a socket held elsewhere ended (a shared one): behaves as if its own
   * socket had ended with `close`, under the same reconnect rules.
   */
  takeOver(close: CloseDetail): void {
    const {retry, retriesRanOut} = this.#judge(close, false);
    this.#input({type: 'takeover', retry}, {close, retriesRanOut});
  }

  #input(input: SocketInput, cause: Cause = {}): void {
    const step = transition(this.#state, input);
    if (step === undefined) return;
    this.#state = step.next;
    // Whatever was left to do for an earlier input is dropped: this one decides what comes next.
    this.#outbox = step.effects.map((effect) => ({effect, cause}));
    if (this.#running) return;
    this.#running = true;
    try {
      for (let next = this.#outbox.shift(); next !== undefined; next = this.#outbox.shift()) this.#run(next.effect, next.cause);
    } finally {
      this.#running = false;
    }
  }

  #run(effect: Effect, cause: Cause): void {
    switch (effect) {
      case 'release':
        return this.#release();
      case 'create':
        return this.#create();
      case 'close-socket':
        return this.#connection!.socket.close(cause.close!.code, cause.close!.reason);
      case 'flush': {
        const connection = this.#connection!;
        this.#openedAt = this.#environment.now();
        return this.queue.flush(
          (data, sender) => this.#sendOn(connection, data, sender),
          () => connection.socket.readyState === OPEN
        );
      }
      case 'emit-open':
        return this.#emit({type: 'open'});
      case 'emit-error':
        return this.#emit({type: 'error', message: cause.error!.message});
      case 'emit-unusable':
        return this.#emit({type: 'error', ...cause.error!, unusable: true});
      case 'emit-close':
        return this.#emit({type: 'close', ...cause.close!});
      case 'decide':
        return this.#decide(cause.close!);
      case 'start-wait':
        return this.#startWait();
      case 'emit-stopped':
        return this.#emit({type: 'stopped', attempts: this.#attempts, retriesRanOut: cause.retriesRanOut ?? false, unsent: this.queue.takeUnowned()});
    }
  }

  /** Tells the listener; an exception it throws is reported on a later task (as a DOM listener's is), and the socket goes on. */
  #emit(event: SocketEvent): void {
    try {
      this.#listener(event);
    } catch (error) {
      this.#environment.setTimeout(() => {
        throw error;
      }, 0);
    }
  }

  #create(): void {
    const {options} = this;
    try {
      // The URL's origin, for every message's `origin`: worked out once per socket, not per connection.
      const origin = (this.#origin ??= originOf(options.url));
      const connection = new Connection(options, this.#environment, (event) => this.#heard(connection, event), {
        origin,
        countBytes: this.onSent !== undefined,
      });
      this.#connection = this.#lastConnection = connection;
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      const unsupported = error.name === 'NotSupportedError';
      const message = unsupported ? error.message : `Could not open a WebSocket to ${options.url}: ${error.message}`;
      this.#input({type: 'unusable'}, {error: unsupported ? {message} : {message, error}});
    }
  }

  /** What the current connection reports. */
  #heard(connection: Connection, event: SocketEvent): void {
    if (connection !== this.#connection) return;
    switch (event.type) {
      case 'open':
        return this.#input({type: 'opened'});
      case 'message':
        return this.#emit(event);
      case 'error':
        return this.#input({type: 'failed'}, {error: event});
      case 'close': {
        this.#connection = undefined;
        const {code, reason, wasClean} = event;
        const close = {code, reason, wasClean};
        const {retry, retriesRanOut} = this.#judge(close, this.#state === 'closing');
        return this.#input({type: 'ended', retry}, {close, retriesRanOut});
      }
    }
  }

  /** Whether an end is retried, and whether it is not only because retries ran out. */
  #judge(close: CloseDetail, byUser: boolean): {retry: boolean; retriesRanOut: boolean} {
    // A connection that stayed up long enough starts the count afresh; one that failed sooner is one more failed attempt.
    if (this.#openedAt !== undefined && this.#environment.now() - this.#openedAt >= this.options.minUptime) this.#attempts = 0;
    this.#openedAt = undefined;
    const retriable = !byUser && isRetriedClose(close.code);
    const retry = isRetried(retriable, this.#attempts, this.options.maxRetries);
    return {retry, retriesRanOut: retriable && !retry};
  }

  /** The `reconnecting` event: a listener may prevent the reconnect, or do something else altogether. */
  #decide(close: CloseDetail): void {
    const attempt = this.#attempts + 1;
    const {reconnectDelay: base, reconnectMaxDelay: max} = this.options;
    const delay = reconnectDelay(attempt, base, max, this.#environment.random);
    this.#retry = {attempt, delay};
    const event: SocketEvent = {type: 'reconnecting', attempt, delay, code: close.code, reason: close.reason};
    this.#emit(event);
    // Unless a listener moved the socket on (connect(), close(), stop()), the answer is heard now.
    this.#input(event.prevented ? {type: 'prevented'} : {type: 'wait'});
  }

  #startWait(): void {
    const {attempt, delay} = this.#retry!;
    this.#wait = new ReconnectWait(delay, this.#environment, (cause) => {
      this.#wait = undefined;
      // Coming back online starts afresh: the attempt count is reset.
      this.#attempts = cause === 'online' ? 0 : attempt;
      this.#input({type: 'due'});
    });
  }

  #sendOn(connection: Connection, data: SocketData, sender: Sender | undefined): void {
    connection.send(data);
    if (sender !== undefined) this.onSent?.(sender, connection.sentBytes);
  }

  /** Drops the socket and any wait, quietly: no close event for a socket being replaced or abandoned. */
  #release(): void {
    this.#wait?.cancel();
    this.#wait = undefined;
    this.#connection?.dispose();
    this.#connection = this.#openedAt = undefined;
  }
}
