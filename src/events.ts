/**
 * The element's events. Each is a non-bubbling `CustomEvent` whose `detail`
 * fields are also readable on the event itself, so both `evt.data` (what
 * Brython's `evt.data` and native WebSocket code expect) and `evt.detail.data` work.
 */

export class PyWebSocketOpenEvent extends CustomEvent<Record<string, never>> {
  constructor() {
    super('open', {detail: {}});
  }
}

export interface MessageDetail {
  /** A string for text frames; a `Blob` or `ArrayBuffer` (per `binaryType`) for binary ones. */
  data: string | Blob | ArrayBuffer;
  origin: string;
}

export class PyWebSocketMessageEvent extends CustomEvent<MessageDetail> {
  constructor(detail: MessageDetail) {
    super('message', {detail});
  }
  get data(): MessageDetail['data'] {
    return this.detail.data;
  }
  get origin(): string {
    return this.detail.origin;
  }
}

export interface ErrorDetail {
  /** A sentence naming the problem. */
  message: string;
  /** The underlying exception, when there is one. */
  error?: DOMException | Error;
}

export class PyWebSocketErrorEvent extends CustomEvent<ErrorDetail> {
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

export interface CloseDetail {
  code: number;
  reason: string;
  wasClean: boolean;
}

export class PyWebSocketCloseEvent extends CustomEvent<CloseDetail> {
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

export interface PyWebSocketEventMap {
  open: PyWebSocketOpenEvent;
  message: PyWebSocketMessageEvent;
  error: PyWebSocketErrorEvent;
  close: PyWebSocketCloseEvent;
}
