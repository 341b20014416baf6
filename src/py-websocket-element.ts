import {ReactiveElement, type PropertyValues} from 'lit';
import {checkCloseArguments} from './close-arguments.js';
import {Connection} from './connection.js';
import {
  PyWebSocketCloseEvent,
  PyWebSocketErrorEvent,
  PyWebSocketMessageEvent,
  PyWebSocketOpenEvent,
  type PyWebSocketEventMap,
} from './events.js';
import {SendQueue, type SocketData} from './send-queue.js';
import {resolveSocketUrl} from './url.js';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

type Handler = ((this: PyWebSocketElement, event: Event) => unknown) | null;
type HandledEvent = 'open' | 'message';
const handlerAttributes: Record<string, HandledEvent> = {onopen: 'open', onmessage: 'message'};

const protocolListConverter = {
  fromAttribute: (value: string | null) => (value ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (value: string[]) => value.join(' '),
};

/**
 * A WebSocket as an element: it connects to `host` while it is in the document
 * and turns the socket's life into DOM events.
 *
 * @fires {PyWebSocketOpenEvent} open - The socket opened.
 * @fires {PyWebSocketMessageEvent} message - A message arrived: `data` (string, Blob or ArrayBuffer) and `origin`.
 * @fires {PyWebSocketErrorEvent} error - The connection failed or `host` is unusable: `message` names the problem, `error` holds the exception if any.
 * @fires {PyWebSocketCloseEvent} close - The socket closed: `code`, `reason`, `wasClean`.
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
    protocols: {converter: protocolListConverter},
    binaryType: {attribute: 'binary-type'},
    manual: {type: Boolean},
  };

  /** The server: a ws:/wss: or http:/https: URL, or a path resolved against the document's base URL. */
  host = '';

  /** Sub-protocols offered in the handshake; the attribute is a space- or comma-separated list. */
  protocols: string[] = [];

  /** How binary messages arrive: `"blob"` or `"arraybuffer"`. */
  binaryType: BinaryType = 'blob';

  /** When set, the element does not connect by itself: call `connect()`. */
  manual = false;

  #connection?: Connection;
  #queue = new SendQueue();
  /** The host the current connection was opened for, to tell a real host change from the first update. */
  #connectedHost = '';
  #url = '';
  #connectOnUpdate = false;
  #closingByUser = false;
  #pendingError?: ReturnType<typeof setTimeout>;
  #handlers: Record<HandledEvent, Handler> = {open: null, message: null};
  #handlerListening = new Set<HandledEvent>();

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(handlerAttributes)];
  }

  // No shadow root: the element shows nothing of its own, and its children as they are.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** `CONNECTING`, `OPEN`, `CLOSING` or `CLOSED`, with the native WebSocket's values. */
  get readyState(): number {
    if (this.#connection) return this.#connection.socket.readyState;
    return this.#connectOnUpdate ? CONNECTING : CLOSED;
  }

  /** The URL of the current or last socket; `""` before the first connect. */
  get url(): string {
    return this.#url;
  }

  /** The sub-protocol the server chose. */
  get protocol(): string {
    return this.#connection?.socket.protocol ?? '';
  }

  /** The extensions the server chose. */
  get extensions(): string {
    return this.#connection?.socket.extensions ?? '';
  }

  /** Bytes handed to the open socket but not yet sent. */
  get bufferedAmount(): number {
    return this.#connection?.socket.bufferedAmount ?? 0;
  }

  get onopen(): Handler {
    return this.#handlers.open;
  }
  set onopen(handler: Handler) {
    this.#setHandler('open', handler);
  }

  get onmessage(): Handler {
    return this.#handlers.message;
  }
  set onmessage(handler: Handler) {
    this.#setHandler('message', handler);
  }

  /** Opens (or re-opens) the socket to `host`. A bad host is reported by an `error` event, never thrown. */
  connect(): void {
    this.#connectOnUpdate = false;
    this.#dropConnection();
    this.#connectedHost = this.host;
    const problem = this.#open();
    if (problem) this.#reportSoon(problem.message, problem.error);
  }

  /**
   * Sends now when open; queues while connecting and sends the queue in order once open.
   * Throws `InvalidStateError` when nothing would ever send it.
   */
  send(data: SocketData): void {
    const state = this.readyState;
    if (state === CLOSED || this.#closingByUser) {
      throw new DOMException(`Failed to execute 'send' on 'PyWebSocket': ${this.#whyClosed()}`, 'InvalidStateError');
    }
    if (state === OPEN && this.#queue.size === 0) {
      this.#connection!.socket.send(data);
    } else {
      this.#queue.push(data);
    }
  }

  /** Closes and does not reconnect; checks `code` and `reason` as the native `close()` does. */
  close(code?: number, reason?: string): void {
    const checked = checkCloseArguments(code, reason);
    this.#connectOnUpdate = false;
    if (!this.#connection || this.#closingByUser) return;
    this.#closingByUser = true;
    this.#connection.socket.close(checked.code, checked.reason);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#wantsAutoConnect() && !this.#connection) {
      this.#connectOnUpdate = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Removal and re-insertion in the same task is a move: keep the connection.
    queueMicrotask(() => {
      if (!this.isConnected) this.#stop();
    });
  }

  /** Called instead of disconnect/connect by `moveBefore()`: the connection simply stays. */
  connectedMoveCallback(): void {}

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const type = handlerAttributes[name];
    if (type) {
      this.#setHandler(type, value === null ? null : compileHandler(value));
    } else {
      super.attributeChangedCallback(name, old, value);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const socket = this.#connection?.socket;
    if (socket && changed.has('binaryType')) socket.binaryType = this.#binaryType();
    const live = socket !== undefined && !this.#closingByUser;
    if (changed.has('host') && this.host !== this.#connectedHost && (live || this.#wantsAutoConnect())) {
      this.#connectOnUpdate = true;
    }
    if (changed.has('manual') && !live && this.#wantsAutoConnect()) this.#connectOnUpdate = true;
    if (!this.#connectOnUpdate) return;
    // Connecting after the update means every attribute and property has landed, whatever the upgrade order.
    if (this.host) {
      this.connect();
    } else {
      this.#connectOnUpdate = false;
      this.#dropConnection();
    }
  }

  #wantsAutoConnect(): boolean {
    return this.isConnected && !this.manual && this.host !== '';
  }

  #binaryType(): BinaryType {
    return this.binaryType === 'arraybuffer' ? 'arraybuffer' : 'blob';
  }

  /** Starts a socket; returns the problem instead when there can be none. */
  #open(): {message: string; error?: Error} | undefined {
    if (typeof WebSocket === 'undefined') return {message: 'WebSocket is not supported in this browser.'};
    if (!this.host) return {message: 'No host is set: set the host attribute or property before connecting.'};
    const resolved = resolveSocketUrl(this.host, document.baseURI);
    if (resolved.problem !== undefined) return {message: resolved.problem};
    this.#url = resolved.url;
    const protocols: string[] | string = this.protocols;
    const protocolList = typeof protocols === 'string' ? protocolListConverter.fromAttribute(protocols) : protocols;
    try {
      this.#connection = new Connection(resolved.url, protocolList, this.#binaryType(), this.#listener);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {message: `Could not open a WebSocket to ${resolved.url}: ${reason}`, error: error as Error};
    }
    return undefined;
  }

  readonly #listener = {
    opened: () => {
      const socket = this.#connection!.socket;
      // The queue goes out before `open` is seen, so a send from an open handler lands after it.
      this.#queue.flush(
        (data) => socket.send(data),
        () => socket.readyState === OPEN
      );
      this.dispatchEvent(new PyWebSocketOpenEvent());
    },
    received: (message: MessageEvent) => {
      this.dispatchEvent(new PyWebSocketMessageEvent({data: message.data, origin: message.origin}));
    },
    failed: () => {
      if (this.#closingByUser) return;
      const url = this.#url;
      this.#report(this.#connection!.wasOpen ? `The connection to ${url} failed.` : `Could not connect to ${url}.`);
    },
    closed: (close: CloseEvent) => {
      this.#connection = undefined;
      this.#closingByUser = false;
      this.dispatchEvent(new PyWebSocketCloseEvent({code: close.code, reason: close.reason, wasClean: close.wasClean}));
    },
  };

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

  /** Closes the current socket quietly: no `close` event for a socket being replaced or abandoned. */
  #dropConnection(): void {
    this.#connection?.dispose();
    this.#connection = undefined;
    this.#closingByUser = false;
  }

  /** Leaves nothing behind: no socket, no timer. */
  #stop(): void {
    this.#connectOnUpdate = false;
    clearTimeout(this.#pendingError);
    this.#dropConnection();
  }

  #setHandler(type: HandledEvent, handler: Handler): void {
    // Like the platform's event handlers, one listener is added the first time and calls whatever is set now.
    if (handler !== null && !this.#handlerListening.has(type)) {
      this.#handlerListening.add(type);
      this.addEventListener(type, (event) => {
        const result = this.#handlers[type]?.call(this, event);
        if (result === false) event.preventDefault();
      });
    }
    this.#handlers[type] = typeof handler === 'function' ? handler : null;
  }
}

/** Compiles a handler attribute the way the browser does for `onclick="…"`: `this` is the element, `event` the event. */
function compileHandler(body: string): Handler {
  try {
    return new Function('event', body) as Handler;
  } catch (error) {
    // Reported like any uncompilable handler attribute; the handler stays unset.
    reportError(error);
    return null;
  }
}

for (const [name, value] of Object.entries({CONNECTING, OPEN, CLOSING, CLOSED})) {
  Object.defineProperty(PyWebSocketElement.prototype, name, {value, enumerable: true});
}

export interface PyWebSocketElement {
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
