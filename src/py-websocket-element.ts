import {ReactiveElement, type PropertyDeclaration, type PropertyValues} from '@lit/reactive-element';
import {enumeratedAttribute, listAttribute, numberAttribute} from './attributes.js';
import {reconnectDelay} from './backoff.js';
import {checkCloseArguments} from './close-arguments.js';
import {isRetriedClose} from './close-policy.js';
import {Connection, type ConnectionListener} from './connection.js';
import {EventHandlers, type EventHandler} from './event-handlers.js';
import {
  PyWebSocketCloseEvent,
  PyWebSocketErrorEvent,
  PyWebSocketGiveupEvent,
  PyWebSocketMessageEvent,
  PyWebSocketOpenEvent,
  PyWebSocketReconnectingEvent,
  type CloseDetail,
  type PyWebSocketEventMap,
} from './events.js';
import {ReconnectWait} from './reconnect-wait.js';
import {SendQueue, type SocketData} from './send-queue.js';
import {resolveSocketUrl} from './url.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type Handler<E extends Event> = EventHandler<PyWebSocketElement, E>;
const handlerAttributes: Record<string, string> = {onopen: 'open', onmessage: 'message'};

/**
 * Where the element is when it has no socket: `idle` (nothing will happen by
 * itself), `pending` (it connects after the coming update), or `waiting` (an
 * end will be retried: from its close event until the next attempt).
 */
type Phase = 'idle' | 'pending' | 'waiting';

/**
 * A WebSocket as an element: it connects to `host` while it is in the document,
 * reconnects after abnormal ends, and turns the socket's life into DOM events.
 *
 * @fires {PyWebSocketOpenEvent} open - The socket opened.
 * @fires {PyWebSocketMessageEvent} message - A message arrived: `data` (string, Blob or ArrayBuffer) and `origin`.
 * @fires {PyWebSocketErrorEvent} error - The connection failed or `host` is unusable: `message` names the problem, `error` holds the exception if any.
 * @fires {PyWebSocketCloseEvent} close - The socket closed: `code`, `reason`, `wasClean`.
 * @fires {PyWebSocketReconnectingEvent} reconnecting - Before each wait for a reconnect: `attempt`, `delay`, `code`, `reason`. Cancelable: `preventDefault()` stops reconnecting.
 * @attr onopen - Code run for each `open` event, like `onclick`: `this` is the element, `event` the event.
 * @attr onmessage - Code run for each `message` event, the same way.
 * @fires {PyWebSocketGiveupEvent} giveup - Retries ran out, or the element stopped for good with messages queued: `attempts`, `unsent`.
 */
// ReactiveElement is LitElement without templates: the element renders nothing, so it needs none.
export class PyWebSocketElement extends ReactiveElement {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;
  declare readonly CONNECTING: typeof CONNECTING;
  declare readonly OPEN: typeof OPEN;
  declare readonly CLOSING: typeof CLOSING;
  declare readonly CLOSED: typeof CLOSED;

  static override properties = {
    host: {},
    protocols: {converter: listAttribute},
    binaryType: {attribute: 'binary-type', converter: enumeratedAttribute(['blob', 'arraybuffer']), noAccessor: true},
    manual: {type: Boolean},
    reconnectDelay: {attribute: 'reconnect-delay', converter: numberAttribute(1000)},
    reconnectMaxDelay: {attribute: 'reconnect-max-delay', converter: numberAttribute(30000)},
    maxRetries: {attribute: 'max-retries', converter: numberAttribute(Infinity)},
    queueLimit: {attribute: 'queue-limit', converter: numberAttribute(1000)},
    connectTimeout: {attribute: 'connect-timeout', converter: numberAttribute(10000)},
    heartbeat: {converter: numberAttribute(0)},
    heartbeatTimeout: {attribute: 'heartbeat-timeout', converter: numberAttribute(0)},
    heartbeatMessage: {attribute: 'heartbeat-message'},
  };

  /** The server: a ws:/wss: or http:/https: URL, or a path resolved against the document's base URL. */
  host = '';
  /** Sub-protocols offered in the handshake; the attribute is a space- or comma-separated list. */
  protocols: string[] = [];
  /** How binary messages arrive: `"blob"` or `"arraybuffer"`; other values are ignored, as natively. */
  get binaryType(): BinaryType {
    return this.#binaryType;
  }
  set binaryType(value: BinaryType) {
    if (value !== 'blob' && value !== 'arraybuffer') return;
    const old = this.#binaryType;
    this.#binaryType = value;
    this.requestUpdate('binaryType', old);
  }
  /** When set, the element does not connect by itself: call `connect()`. */
  manual = false;
  /** Milliseconds: the backoff base; the wait before attempt n is uniform in [0, min(max, base·2^(n−1))]. */
  reconnectDelay = 1000;
  /** Milliseconds: the longest wait before a reconnect attempt. */
  reconnectMaxDelay = 30000;
  /** Reconnect attempts after an abnormal end before giving up; `0` turns reconnecting off. */
  maxRetries = Infinity;
  /** How many messages may wait for the socket to open; one more `send()` throws `QuotaExceededError`. */
  queueLimit = 1000;
  /** Milliseconds a handshake may take before it counts as a failed connect; `0` for no limit. */
  connectTimeout = 10000;
  /** Milliseconds between heartbeats while open; `0` (the default) sends none. */
  heartbeat = 0;
  /** Milliseconds after a heartbeat within which something must arrive; `0` means twice `heartbeat`. */
  heartbeatTimeout = 0;
  /** What a heartbeat sends. */
  heartbeatMessage = 'ping';

  #connection?: Connection;
  /** The current or last socket: `protocol` and `extensions` still read from it after it closed, as natively. */
  #lastSocket?: WebSocket;
  #binaryType: BinaryType = 'blob';
  /** `host` changed and the socket to the old one is not yet replaced: sends wait for the new one. */
  #hostChanging = false;
  /** Set between removal and the end of the task: a re-insertion then is a move, not a new start. */
  #leaving = false;
  #phase: Phase = 'idle';
  #queue = new SendQueue();
  /** Reconnect attempts made since the socket was last open. */
  #attempts = 0;
  #wait?: ReconnectWait;
  /** The host the current connection was opened for, to tell a real host change from the first update. */
  #connectedHost = '';
  #url = '';
  #closingByUser = false;
  #pendingError?: ReturnType<typeof setTimeout>;
  #handlers = new EventHandlers<PyWebSocketElement>(this);

  constructor() {
    super();
    // Handlers set on the element before it was upgraded are own properties hiding the accessors.
    for (const name of ['onopen', 'onmessage'] as const) {
      if (Object.hasOwn(this, name)) {
        const handler: unknown = this[name];
        delete this[name];
        Reflect.set(this, name, handler);
      }
    }
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(handlerAttributes)];
  }

  // No shadow root: the element shows nothing of its own, and its children as they are.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /**
   * `CONNECTING`, `OPEN`, `CLOSING` or `CLOSED`, with the native WebSocket's values.
   * `CONNECTING` also while waiting to reconnect; `CLOSED` only when nothing more will happen by itself.
   */
  get readyState(): number {
    if (this.#connection) return this.#connection.socket.readyState;
    return this.#phase === 'idle' ? CLOSED : CONNECTING;
  }

  /** The URL of the current or last socket; `""` before the first connect. */
  get url(): string {
    return this.#url;
  }

  /** The sub-protocol the server chose. */
  get protocol(): string {
    return this.#lastSocket?.protocol ?? '';
  }

  /** The extensions the server chose. */
  get extensions(): string {
    return this.#lastSocket?.extensions ?? '';
  }

  /** Bytes handed to the open socket but not yet sent. */
  get bufferedAmount(): number {
    return this.#connection?.socket.bufferedAmount ?? 0;
  }

  /** How many messages wait for the socket to open. */
  get queued(): number {
    return this.#queue.size;
  }

  /** Called for each `open` event, like `onclick`; the `onopen` attribute sets it from code. */
  get onopen(): Handler<PyWebSocketOpenEvent> {
    return this.#handlers.get('open') as Handler<PyWebSocketOpenEvent>;
  }
  set onopen(handler: Handler<PyWebSocketOpenEvent>) {
    this.#handlers.set('open', handler as Handler<Event>);
  }

  /** Called for each `message` event, like `onclick`; the `onmessage` attribute sets it from code. */
  get onmessage(): Handler<PyWebSocketMessageEvent> {
    return this.#handlers.get('message') as Handler<PyWebSocketMessageEvent>;
  }
  set onmessage(handler: Handler<PyWebSocketMessageEvent>) {
    this.#handlers.set('message', handler as Handler<Event>);
  }

  /** Opens (or re-opens) the socket to `host`. A bad host is reported by an `error` event, never thrown. */
  connect(): void {
    this.#hostChanging = false;
    this.#cancelWait();
    this.#dropConnection();
    this.#attempts = 0;
    this.#connectedHost = this.host;
    this.#attempt();
  }

  /**
   * Sends now when open; otherwise queues it, to be sent in order at the next open.
   * Throws `InvalidStateError` when nothing would ever send it, `QuotaExceededError` when the queue is full.
   */
  send(data: SocketData): void {
    const state = this.readyState;
    if (state === CLOSED || this.#closingByUser) {
      throw new DOMException(`Failed to execute 'send' on 'PyWebSocket': ${this.#whyClosed()}`, 'InvalidStateError');
    }
    if (state === OPEN && this.#queue.size === 0 && !this.#hostChanging) {
      this.#connection!.socket.send(data);
    } else {
      this.#queue.push(data, this.queueLimit);
    }
  }

  /** Closes and does not reconnect; checks `code` and `reason` as the native `close()` does. */
  close(code?: number, reason?: string): void {
    const checked = checkCloseArguments(code, reason);
    if (this.#connection) {
      if (this.#closingByUser) return;
      this.#closingByUser = true;
      // The rest happens at the socket's close event: it is final, whatever its code.
      this.#connection.socket.close(checked.code, checked.reason);
    } else if (this.#phase !== 'idle') {
      this.#cancelWait();
      this.#phase = 'idle';
      // Not even the coming first update connects now.
      this.#connectedHost = this.host;
      this.#giveUp(false);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#leaving) {
      // Removed and re-inserted in the same task: a move, which changes nothing.
      this.#leaving = false;
      return;
    }
    if (this.#wantsAutoConnect() && !this.#connection && this.#phase === 'idle') {
      this.#phase = 'pending';
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removal and re-insertion in the same task is a move: keep the connection.
    this.#leaving = true;
    queueMicrotask(() => {
      this.#leaving = false;
      if (!this.isConnected) this.#stop();
    });
  }

  /** Called instead of disconnect/connect by `moveBefore()`: the connection simply stays. */
  connectedMoveCallback(): void {}

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    if (name === 'host' && this.#connection && oldValue !== this.host) this.#hostChanging = true;
    super.requestUpdate(name, oldValue, options);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const type = handlerAttributes[name];
    if (type) {
      this.#handlers.setFromAttribute(type, value);
    } else {
      super.attributeChangedCallback(name, old, value);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const socket = this.#connection?.socket;
    if (socket && changed.has('binaryType')) socket.binaryType = this.binaryType;
    const live = (socket !== undefined && !this.#closingByUser) || this.#phase === 'waiting';
    // What was set since insertion (`manual`, `host`) is judged now that it has landed.
    let connectNow = this.#phase === 'pending' && this.#wantsAutoConnect();
    if (this.#phase === 'pending' && !connectNow) this.#phase = 'idle';
    if (changed.has('host') && this.host !== this.#connectedHost && (live || this.#wantsAutoConnect())) connectNow = true;
    if (changed.get('manual') === true && !live && this.#wantsAutoConnect()) connectNow = true;
    this.#hostChanging = false; // connect() below, if any, replaces the socket at once
    if (!connectNow) return;
    // Connecting after the update means every attribute and property has landed, whatever the upgrade order.
    if (this.host) {
      this.connect();
    } else {
      this.#stop();
    }
  }

  #wantsAutoConnect(): boolean {
    return this.isConnected && !this.manual && this.host !== '';
  }

  /** Starts a socket to `host`, or reports why there can be none and stops for good. */
  #attempt(): void {
    this.#phase = 'idle';
    const problem = this.#open();
    if (!problem) return;
    this.#reportSoon(problem.message, problem.error);
    this.#giveUp(false);
  }

  #open(): {message: string; error?: Error} | undefined {
    if (typeof WebSocket === 'undefined') return {message: 'WebSocket is not supported in this browser.'};
    if (!this.host) return {message: 'No host is set: set the host attribute or property before connecting.'};
    const resolved = resolveSocketUrl(this.host, document.baseURI);
    if (resolved.problem !== undefined) return {message: resolved.problem};
    this.#url = resolved.url;
    const protocols: string[] | string = this.protocols;
    try {
      this.#connection = new Connection(
        {
          url: resolved.url,
          protocols: typeof protocols === 'string' ? listAttribute.fromAttribute(protocols) : protocols,
          binaryType: this.binaryType,
          connectTimeout: this.connectTimeout,
          heartbeat: this.heartbeat,
          heartbeatTimeout: this.heartbeatTimeout || 2 * this.heartbeat,
          heartbeatMessage: this.heartbeatMessage,
        },
        this.#listener
      );
      this.#lastSocket = this.#connection.socket;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {message: `Could not open a WebSocket to ${resolved.url}: ${reason}`, error: error as Error};
    }
    return undefined;
  }

  readonly #listener: ConnectionListener = {
    opened: () => {
      this.#attempts = 0;
      const socket = this.#connection!.socket;
      // The queue goes out before `open` is seen, so a send from an open handler lands after it.
      this.#queue.flush(
        (data) => socket.send(data),
        () => socket.readyState === OPEN
      );
      this.dispatchEvent(new PyWebSocketOpenEvent());
    },
    received: (data, origin) => {
      this.dispatchEvent(new PyWebSocketMessageEvent({data, origin}));
    },
    failed: (message) => {
      if (!this.#closingByUser) this.#report(message);
    },
    closed: (close) => this.#closed(close),
  };

  #closed(close: CloseDetail): void {
    const retriable = !this.#closingByUser && isRetriedClose(close.code);
    const retry = retriable && this.#attempts < this.maxRetries;
    this.#connection = undefined;
    this.#closingByUser = false;
    // Inside the close handlers of an end that will be retried, readyState already says CONNECTING.
    this.#phase = retry ? 'waiting' : 'idle';
    this.dispatchEvent(new PyWebSocketCloseEvent(close));
    // A handler that called close() or connect() has decided what happens next.
    if (this.#connection || this.#phase !== (retry ? 'waiting' : 'idle')) return;
    if (retry) {
      this.#scheduleReconnect(this.#attempts + 1, close);
    } else {
      this.#giveUp(retriable);
    }
  }

  #scheduleReconnect(attempt: number, close: CloseDetail): void {
    const delay = reconnectDelay(attempt, this.reconnectDelay, this.reconnectMaxDelay);
    const proceed = this.dispatchEvent(
      new PyWebSocketReconnectingEvent({attempt, delay, code: close.code, reason: close.reason})
    );
    if (this.#connection || this.#phase !== 'waiting') return;
    if (!proceed) {
      this.#phase = 'idle';
      this.#giveUp(false);
      return;
    }
    this.#wait = new ReconnectWait(delay, (cause) => {
      this.#wait = undefined;
      // Coming back online starts afresh: the attempt count is reset.
      this.#attempts = cause === 'online' ? 0 : attempt;
      this.#attempt();
    });
  }

  /**
   * Hands queued messages back, in order, in a `giveup` event: always when
   * retries ran out, otherwise only if any were queued.
   */
  #giveUp(retriesRanOut: boolean): void {
    const unsent = this.#queue.takeAll();
    if (retriesRanOut || unsent.length > 0) {
      this.dispatchEvent(new PyWebSocketGiveupEvent({attempts: this.#attempts, unsent}));
    }
  }

  #report(message: string, error?: Error): void {
    this.dispatchEvent(new PyWebSocketErrorEvent({message, error}));
  }

  /** A problem found while connecting is reported on a later task, like the native socket's events, so handlers bound right after connecting see it. */
  #reportSoon(message: string, error?: Error): void {
    clearTimeout(this.#pendingError);
    this.#pendingError = setTimeout(() => this.#report(message, error));
  }

  #whyClosed(): string {
    if (this.#closingByUser) return 'close() was called.';
    if (!this.host) return 'no host is set.';
    if (!this.#url && this.manual) return 'the element is manual: call connect() first.';
    return 'the connection is closed: call connect() to open a new one.';
  }

  #cancelWait(): void {
    this.#wait?.cancel();
    this.#wait = undefined;
  }

  /** Closes the current socket quietly: no `close` event for a socket being replaced or abandoned. */
  #dropConnection(): void {
    this.#connection?.dispose();
    this.#connection = undefined;
    this.#closingByUser = false;
  }

  /** Stops for good and leaves nothing behind: no socket, no timer, no listener. */
  #stop(): void {
    this.#release();
    this.#giveUp(false);
    // A giveup handler may have called connect(): out of the document, that cannot stand.
    if (!this.isConnected) this.#release();
  }

  #release(): void {
    this.#phase = 'idle';
    this.#hostChanging = false;
    clearTimeout(this.#pendingError);
    this.#cancelWait();
    this.#dropConnection();
  }
}

for (const [name, value] of Object.entries({CONNECTING, OPEN, CLOSING, CLOSED})) {
  Object.defineProperty(PyWebSocketElement.prototype, name, {value, enumerable: true});
}

export interface PyWebSocketElement {
  // HTMLElement's own handlers: they take functions of this element's events. (Reading one
  // gives HTMLElement's type, which a subclass of HTMLElement cannot narrow.)
  get onerror(): HTMLElement['onerror'];
  set onerror(handler: Handler<PyWebSocketErrorEvent>);
  get onclose(): HTMLElement['onclose'];
  set onclose(handler: Handler<PyWebSocketCloseEvent>);
  addEventListener<K extends keyof PyWebSocketEventMap>(
    type: K,
    listener: (this: PyWebSocketElement, event: PyWebSocketEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PyWebSocketEventMap>(
    type: K,
    listener: (this: PyWebSocketElement, event: PyWebSocketEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
