import type {PyWebSocketElement} from './py-websocket-element.js';
import type {SocketData} from '../socket/data.js';
import type {CloseDetail, ConnectingDetail, ReconnectingDetail} from '../socket/events.js';

export type {CloseDetail, ConnectingDetail, ReconnectingDetail};

/**
 * The element's events. Each is a non-bubbling `CustomEvent` whose `detail`
 * fields are also readable on the event itself, so both `evt.data` (what
 * Brython's `evt.data` and native WebSocket code expect) and `evt.detail.data` work.
 */

/** What every event of the element has: it is dispatched on a `<py-websocket>`, so `target` is one. */
export class PyWebSocketEvent<Detail> extends CustomEvent<Detail> {
  declare readonly target: PyWebSocketElement;
}

export class PyWebSocketOpenEvent extends PyWebSocketEvent<Record<string, never>> {
  constructor() {
    super('open', {detail: {}});
  }
}

export interface MessageDetail<T = unknown> {
  /** A string for text frames; a `Blob` or `ArrayBuffer` (per `binaryType`) for binary ones. */
  data: string | Blob | ArrayBuffer;
  origin: string;
  /** With `format="json"`: the text message parsed (`undefined` for binary data or text that is not JSON). */
  json?: T;
}

/** A message; name what `format="json"` parses it into with `PyWebSocketMessageEvent<YourType>`. */
export class PyWebSocketMessageEvent<T = unknown> extends PyWebSocketEvent<MessageDetail<T>> {
  constructor(detail: MessageDetail<T>) {
    super('message', {detail});
  }
  get data(): MessageDetail['data'] {
    return this.detail.data;
  }
  get origin(): string {
    return this.detail.origin;
  }
  get json(): T | undefined {
    return this.detail.json;
  }
}

export interface ErrorDetail {
  /** A sentence naming the problem. */
  message: string;
  /** The underlying exception, when there is one. */
  error?: DOMException | Error;
}

export class PyWebSocketErrorEvent extends PyWebSocketEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('error', {detail});
  }
  get message(): string {
    return this.detail.message;
  }
  get error(): DOMException | Error | undefined {
    return this.detail.error;
  }
}

export class PyWebSocketCloseEvent extends PyWebSocketEvent<CloseDetail> {
  constructor(detail: CloseDetail) {
    super('close', {detail});
  }
  get code(): number {
    return this.detail.code;
  }
  get reason(): string {
    return this.detail.reason;
  }
  get wasClean(): boolean {
    return this.detail.wasClean;
  }
}

/**
 * Before every attempt to open a socket (`attempt` 0 for a first connect, then as in
 * `reconnecting`). Change `host` or `protocols` now, or pass a promise to `waitUntil()` and
 * change them before it settles: the attempt uses the new values, without a host-change close.
 */
export class PyWebSocketConnectingEvent extends PyWebSocketEvent<ConnectingDetail> {
  readonly #waitUntil: (promise: unknown) => void;
  constructor(detail: ConnectingDetail, waitUntil: (promise: unknown) => void) {
    super('connecting', {detail});
    this.#waitUntil = waitUntil;
  }
  get attempt(): number {
    return this.detail.attempt;
  }
  get url(): string {
    return this.detail.url;
  }
  /**
   * Makes the attempt wait for `promise` (bounded by `connect-timeout`, else 30 s); a
   * rejected or late promise is an `error` event and a failed attempt. Call it during
   * dispatch, or while promises passed earlier are still pending.
   */
  waitUntil(promise: unknown): void {
    this.#waitUntil(promise);
  }
}

/** Before each wait for a reconnect; `preventDefault()` stops reconnecting. */
export class PyWebSocketReconnectingEvent extends PyWebSocketEvent<ReconnectingDetail> {
  constructor(detail: ReconnectingDetail) {
    super('reconnecting', {detail, cancelable: true});
  }
  get attempt(): number {
    return this.detail.attempt;
  }
  get delay(): number {
    return this.detail.delay;
  }
  get code(): number {
    return this.detail.code;
  }
  get reason(): string {
    return this.detail.reason;
  }
}

export interface GiveupDetail {
  /** Reconnect attempts made since the connection was last open. */
  attempts: number;
  /** The messages that were still queued, in order: never sent, handed back. */
  unsent: SocketData[];
}

export class PyWebSocketGiveupEvent extends PyWebSocketEvent<GiveupDetail> {
  constructor(detail: GiveupDetail) {
    super('giveup', {detail});
  }
  get attempts(): number {
    return this.detail.attempts;
  }
  get unsent(): SocketData[] {
    return this.detail.unsent;
  }
}

export interface PyWebSocketEventMap {
  connecting: PyWebSocketConnectingEvent;
  open: PyWebSocketOpenEvent;
  message: PyWebSocketMessageEvent;
  error: PyWebSocketErrorEvent;
  close: PyWebSocketCloseEvent;
  reconnecting: PyWebSocketReconnectingEvent;
  giveup: PyWebSocketGiveupEvent;
}
