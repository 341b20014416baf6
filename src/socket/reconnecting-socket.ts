import {reconnectDelay} from './backoff.js';
import {browserEnvironment} from './browser.js';
import {isRetriedClose} from './close-policy.js';
import {Connection, type ConnectionOptions} from './connection.js';
import type {SocketEnvironment} from './environment.js';
import type {CloseDetail, ConnectingEvent, SocketEvent, SocketListener} from './events.js';
import {ReconnectWait} from './reconnect-wait.js';
import {hintedDelay, parseRetryHint} from './retry-hint.js';
import {SendQueue, type Sender, type SocketData} from './send-queue.js';
import {timerDelay} from './timer-delay.js';
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

/** The element's defaults (its attributes' documented defaults). */
export const defaultSocketOptions: Omit<SocketOptions, 'url'> = {
  protocols: [],
  binaryType: 'blob',
  connectTimeout: 10000,
  heartbeat: 0,
  heartbeatTimeout: 0,
  heartbeatMessage: 'ping',
  reconnectDelay: 1000,
  reconnectMaxDelay: 15000,
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
  /** The page went into the back/forward cache, and came back from it (see ReconnectingSocket). */
  suspend?(): void;
  resume?(): void;
}

/** How long `connecting` promises may take when there is no connect timeout. */
export const defaultPreparationTimeout = 30000;

/** The end a page back from the back/forward cache reports for the socket it closed on the way in. */
export const pageHiddenClose: CloseDetail = {code: 1001, reason: 'page hidden', wasClean: true};

/** Closes that say the server restarts or is overloaded: the next wait spreads over the whole backoff range. */
const restartCodes = new Set([1012, 1013]);

/** The first attempt whose backoff ceiling reaches the maximum (5 for 1000/15000 ms). */
export function fullRangeAttempt(base: number, max: number): number {
  let attempt = 1;
  while (base * 2 ** (attempt - 1) < max && attempt < 64) attempt++;
  return attempt;
}

/** An attempt's `connecting` event under way: whether it went ahead, and the promises its listeners passed. */
interface Preparation {
  settled: boolean;
  pending?: Promise<unknown>[];
}

/** What the input that caused an effect carries for it. */
interface Cause {
  close?: CloseDetail;
  /** Back from the back/forward cache: reconnect without a wait. */
  resumed?: boolean;
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
  /** The outbox: the last input's effects, from `#next` on, and what caused them. */
  #effects: readonly Effect[] = [];
  #next = 0;
  #cause: Cause = {};
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
  /**
   * The backoff's attempt number, which sets the ceiling of the wait: the attempt count,
   * except that a restart close jumps it to the full range and a retry hint starts it afresh.
   */
  #step = 0;
  /** The attempt being decided or waited for, its backoff step and its wait. */
  #retry?: {attempt: number; step: number; delay: number};
  /** The attempt being prepared or made: 0 for connect()'s, then as in `reconnecting`. */
  #attempt = 0;
  /** The `connecting` preparation under way; released or replaced, its promises are ignored. */
  #preparation?: Preparation;
  #preparationTimer?: unknown;
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
    this.#attempts = this.#step = this.#attempt = 0;
    this.#input({type: 'connect'});
  }

  /**
   * The page goes into the back/forward cache: the socket closes (1000 "page hidden") and
   * any wait stops, without an event; the queue stays. Nothing happens until resume().
   */
  suspend(): void {
    this.#input({type: 'suspend'});
  }

  /** The page is shown again: a `close` (1001 "page hidden"), then a reconnect without a wait. */
  resume(): void {
    this.#attempts = this.#step = 0;
    this.#input({type: 'resume'}, {close: pageHiddenClose, resumed: true});
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
    this.#effects = step.effects;
    this.#next = 0;
    this.#cause = cause;
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#next < this.#effects.length) this.#run(this.#effects[this.#next++], this.#cause);
    } finally {
      this.#running = false;
    }
  }

  #run(effect: Effect, cause: Cause): void {
    switch (effect) {
      case 'release':
        return this.#release();
      case 'prepare':
        return this.#prepare();
      case 'hide':
        return this.#release('page hidden');
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
        return this.#emit({type: 'error', message: cause.error!.message, ...(cause.error!.error ? {error: cause.error!.error} : {})});
      case 'emit-unusable':
        return this.#emit({type: 'error', ...cause.error!, unusable: true});
      case 'emit-close':
        return this.#emit({type: 'close', ...cause.close!});
      case 'decide':
        return this.#decide(cause.close!, cause.resumed ?? false);
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

  /**
   * The `connecting` event before an attempt. Listeners may change `url` and `protocols`,
   * and make the attempt wait for promises (bounded by the connect timeout, else 30 s).
   */
  #prepare(): void {
    const preparation: Preparation = (this.#preparation = {settled: false});
    const event: ConnectingEvent = {
      type: 'connecting',
      attempt: this.#attempt,
      url: this.options.url,
      protocols: [...this.options.protocols],
      waitUntil(promise: unknown) {
        if (preparation.settled) throw new DOMException('waitUntil() was called after the attempt went ahead.', 'InvalidStateError');
        (preparation.pending ??= []).push(Promise.resolve(promise));
      },
    };
    this.#emit(event);
    // A listener moved the socket on (connect(), close(), stop()): this attempt is no more.
    if (this.#preparation !== preparation) return;
    const {pending} = preparation;
    if (pending === undefined) return this.#proceed(preparation, event);
    const current = () => this.#preparation === preparation;
    const limit = this.options.connectTimeout > 0 ? this.options.connectTimeout : defaultPreparationTimeout;
    const timer = this.#environment.setTimeout(() => {
      if (current()) this.#refuse(preparation, `The connecting event's waitUntil() promise did not settle within ${limit} ms.`);
    }, timerDelay(limit));
    this.#preparationTimer = timer;
    // Promises passed while others are pending are waited for too.
    const allOf = (count: number): Promise<unknown> =>
      Promise.all(pending).then(() => (pending.length > count ? allOf(pending.length) : undefined));
    allOf(pending.length).then(
      () => {
        if (!current()) return;
        this.#environment.clearTimeout(timer);
        this.#proceed(preparation, event);
      },
      (reason: unknown) => {
        if (!current()) return;
        this.#environment.clearTimeout(timer);
        const error = reason instanceof Error ? reason : undefined;
        this.#refuse(preparation, `The connecting event's waitUntil() promise was rejected: ${error ? `${error.name}: ${error.message}` : String(reason)}`, error);
      }
    );
  }

  /** The `connecting` listeners are done: the attempt goes to the URL and protocols they left. */
  #proceed(preparation: Preparation, event: ConnectingEvent): void {
    preparation.settled = true;
    this.#preparation = undefined;
    this.options.url = event.url;
    this.options.protocols = event.protocols;
    this.#input({type: 'prepared'});
  }

  /** A `connecting` promise failed: a failed attempt, as a refused connect is. */
  #refuse(preparation: Preparation, message: string, error?: Error): void {
    preparation.settled = true;
    this.#preparation = undefined;
    const close = {code: 1006, reason: 'connecting failed', wasClean: false};
    const {retry, retriesRanOut} = this.#judge(close, false);
    this.#input({type: 'refused', retry}, {error: {message, error}, close, retriesRanOut});
  }

  #create(): void {
    const {options} = this;
    try {
      const connection = new Connection(options, this.#environment, (event) => this.#heard(connection, event), this.onSent !== undefined);
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
    if (this.#openedAt !== undefined && this.#environment.now() - this.#openedAt >= this.options.minUptime) this.#attempts = this.#step = 0;
    this.#openedAt = undefined;
    const retriable = !byUser && isRetriedClose(close.code);
    const retry = isRetried(retriable, this.#attempts, this.options.maxRetries);
    return {retry, retriesRanOut: retriable && !retry};
  }

  /** The `reconnecting` event: a listener may prevent the reconnect, or do something else altogether. */
  #decide(close: CloseDetail, resumed: boolean): void {
    const attempt = this.#attempts + 1;
    const {reconnectDelay: base, reconnectMaxDelay: max} = this.options;
    const hint = resumed ? undefined : parseRetryHint(close.reason);
    let step: number;
    let delay: number;
    if (resumed) {
      // Back from the back/forward cache: nothing went wrong, so no wait.
      step = 1;
      delay = 0;
    } else if (hint) {
      // The server said when to come back: that wait, and a failure after it backs off from the start.
      step = 1;
      delay = hintedDelay(hint, this.#environment.random);
    } else {
      // A restart or overload close makes a herd: spread it over the whole range at once.
      step = restartCodes.has(close.code) ? Math.max(this.#step + 1, fullRangeAttempt(base, max)) : this.#step + 1;
      delay = reconnectDelay(step, base, max, this.#environment.random);
    }
    this.#retry = {attempt, step, delay};
    const event: SocketEvent = {type: 'reconnecting', attempt, delay, code: close.code, reason: close.reason};
    this.#emit(event);
    // Unless a listener moved the socket on (connect(), close(), stop()), the answer is heard now.
    this.#input(event.prevented ? {type: 'prevented'} : {type: 'wait'});
  }

  #startWait(): void {
    const {attempt, step, delay} = this.#retry!;
    this.#wait = new ReconnectWait(delay, this.#environment, (cause) => {
      this.#wait = undefined;
      // Coming back online starts afresh: the attempt count is reset.
      this.#attempts = cause === 'online' ? 0 : attempt;
      this.#step = cause === 'online' ? 0 : step;
      this.#attempt = attempt;
      this.#input({type: 'due'});
    });
  }

  #sendOn(connection: Connection, data: SocketData, sender: Sender | undefined): void {
    connection.send(data);
    if (sender !== undefined) this.onSent?.(sender, connection.sentBytes);
  }

  /** Drops the socket, any wait and any preparation, quietly: no close event for a socket being replaced or abandoned. */
  #release(reason?: string): void {
    this.#wait?.cancel();
    this.#wait = undefined;
    this.#environment.clearTimeout(this.#preparationTimer);
    this.#preparation = this.#preparationTimer = undefined;
    this.#connection?.dispose(reason);
    this.#connection = this.#openedAt = undefined;
  }
}
