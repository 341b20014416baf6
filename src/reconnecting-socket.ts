import {reconnectDelay} from './backoff.js';
import {isRetriedClose} from './close-policy.js';
import {Connection, type ConnectionOptions} from './connection.js';
import type {CloseDetail, ReconnectingDetail} from './events.js';
import {ReconnectWait} from './reconnect-wait.js';
import {SendQueue, type Sender, type SocketData} from './send-queue.js';
import {isRetried, nextState, OPEN, readyStateOf, type SocketInput, type SocketState} from './socket-state.js';

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

/** What a reconnecting socket tells whoever listens; it knows nothing of the DOM. */
export interface SocketListener {
  /** The socket opened; the queue has just been sent. */
  opened(): void;
  received(data: string | Blob | ArrayBuffer, origin: string): void;
  /**
   * The connection failed, or (`unusable`) the socket could not even be made; `message`
   * names the problem. A listener reports an unusable socket on a later task, as the
   * native socket reports its errors, so that listeners added right after connecting hear it.
   */
  failed(message: string, error?: Error, unusable?: boolean): void;
  /** The socket ended; `state` already says what comes next (`waiting` when it is retried). */
  closed(close: CloseDetail): void;
  /** Before each wait for a reconnect; return false to stop reconnecting. */
  reconnecting(detail: ReconnectingDetail): boolean;
  /**
   * It stopped for good (not after `stop()`): retries ran out, a final end, the user's
   * close(), a prevented reconnect, or an unusable URL. Queued messages are still there
   * for their senders to take back.
   */
  stopped(detail: {attempts: number; retriesRanOut: boolean}): void;
  /** Messages `sender` handed over after it left, that will never be sent (a tab's share: see TabSocket). */
  returned?(unsent: SocketData[], sender: Sender | undefined): void;
}

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

/**
 * One WebSocket connection kept alive: it connects, reconnects after ends the close
 * policy retries (with full-jitter backoff, never while offline), sends a heartbeat, gives
 * up on a handshake that hangs, and queues what is sent while it is not open. Its states
 * and their transitions are in socket-state.ts; this class reacts to them.
 */
export class ReconnectingSocket implements HubSocket {
  readonly options: SocketOptions;
  readonly queue: SendQueue;
  #listener: SocketListener;
  #state: SocketState = 'closed';
  /** Bumped at every transition: a listener that changed the state has decided what happens next. */
  #generation = 0;
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
  /** When the current connection opened (Date.now()), while it is open. */
  #openedAt?: number;

  /** `queue`: where sends wait, when it is another's too (a tab that takes a shared socket over). */
  constructor(options: SocketOptions, listener: SocketListener, queue = new SendQueue()) {
    this.options = options;
    this.#listener = listener;
    this.queue = queue;
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
    this.#release();
    this.#attempts = 0;
    this.#transition({type: 'connect'});
    this.#open();
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
    const from = this.#state;
    this.#transition({type: 'close'});
    if (from === 'connecting' || from === 'open') {
      // The rest happens at the socket's close event: it is final, whatever its code.
      this.#connection!.socket.close(code, reason);
    } else if (from === 'waiting') {
      this.#release();
      this.#listener.stopped({attempts: this.#attempts, retriesRanOut: false});
    }
  }

  /** Lets go without a word: no socket, timer or listener is left, and no event follows. */
  stop(): void {
    this.#transition({type: 'stop'});
    this.#release();
  }

  /**
   * Takes over after a socket held elsewhere ended (a shared one): behaves as if its own
   * socket had ended with `close`, under the same reconnect rules.
   */
  takeOver(close: CloseDetail): void {
    if (this.#state === 'closed') this.#ended(close, false);
  }

  #transition(input: SocketInput): void {
    this.#state = nextState(this.#state, input);
    this.#generation++;
  }

  /** Runs `emit`, and says whether a listener changed the state meanwhile. */
  #decidedElsewhere(emit: () => void): boolean {
    const generation = this.#generation;
    emit();
    return generation !== this.#generation;
  }

  #open(): void {
    const {options} = this;
    let problem: {message: string; error?: Error} | undefined;
    if (typeof WebSocket === 'undefined') {
      problem = {message: 'WebSocket is not supported in this browser.'};
    } else {
      try {
        this.#connection = new Connection(
          {...options, heartbeatTimeout: options.heartbeatTimeout || 2 * options.heartbeat, countBytes: this.onSent !== undefined},
          {
            opened: () => this.#opened(),
            received: (data, origin) => this.#listener.received(data, origin),
            failed: (message) => {
              if (this.#state !== 'closing') this.#listener.failed(message);
            },
            closed: (close) => this.#ended(close, true),
          }
        );
        this.#lastConnection = this.#connection;
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problem = {message: `Could not open a WebSocket to ${options.url}: ${reason}`, error: error as Error};
      }
    }
    this.#transition({type: 'unusable'});
    this.#listener.failed(problem.message, problem.error, true);
    this.#listener.stopped({attempts: this.#attempts, retriesRanOut: false});
  }

  #opened(): void {
    this.#transition({type: 'opened'});
    this.#openedAt = Date.now();
    const connection = this.#connection!;
    // The queue goes out before `open` is heard, so a send from an open listener lands after it.
    this.queue.flush(
      (data, sender) => this.#sendOn(connection, data, sender),
      () => connection.socket.readyState === OPEN
    );
    this.#listener.opened();
  }

  /** The socket ended (`own`), or one held elsewhere did (takeOver). */
  #ended(close: CloseDetail, own: boolean): void {
    // A connection that stayed up long enough starts the count afresh; one that failed sooner is one more failed attempt.
    if (this.#openedAt !== undefined && Date.now() - this.#openedAt >= this.options.minUptime) this.#attempts = 0;
    this.#openedAt = undefined;
    const byUser = this.#state === 'closing';
    const retriable = !byUser && isRetriedClose(close.code);
    const retry = isRetried(retriable, this.#attempts, this.options.maxRetries);
    if (own) this.#connection = undefined;
    this.#transition({type: 'ended', retry});
    if (this.#decidedElsewhere(() => this.#listener.closed(close))) return;
    if (retry) {
      this.#scheduleReconnect(this.#attempts + 1, close);
    } else {
      this.#listener.stopped({attempts: this.#attempts, retriesRanOut: retriable});
    }
  }

  #scheduleReconnect(attempt: number, close: CloseDetail): void {
    const {reconnectDelay: base, reconnectMaxDelay: max} = this.options;
    const delay = reconnectDelay(attempt, base, max);
    let proceed = true;
    const detail = {attempt, delay, code: close.code, reason: close.reason};
    if (this.#decidedElsewhere(() => (proceed = this.#listener.reconnecting(detail)))) return;
    if (!proceed) {
      this.#transition({type: 'prevented'});
      this.#listener.stopped({attempts: this.#attempts, retriesRanOut: false});
      return;
    }
    this.#wait = new ReconnectWait(delay, (cause) => {
      this.#wait = undefined;
      // Coming back online starts afresh: the attempt count is reset.
      this.#attempts = cause === 'online' ? 0 : attempt;
      this.#transition({type: 'due'});
      this.#open();
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

