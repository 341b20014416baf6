/** What a connection reports to whoever drives it. */
export interface ConnectionListener {
  opened(): void;
  received(message: MessageEvent): void;
  /** The socket reported an error: a failed handshake, or a fault on an open socket. */
  failed(): void;
  closed(close: CloseEvent): void;
}

/**
 * One WebSocket and everything attached to it. Its listeners hang on one
 * AbortController, so `dispose()` leaves nothing behind; after it the listener
 * hears nothing more from this socket.
 */
export class Connection {
  readonly socket: WebSocket;
  readonly #lifetime = new AbortController();
  #wasOpen = false;

  /** Throws what the WebSocket constructor throws (e.g. a `SyntaxError` for bad protocols). */
  constructor(url: string, protocols: string[], binaryType: BinaryType, listener: ConnectionListener) {
    this.socket = new WebSocket(url, protocols);
    this.socket.binaryType = binaryType;
    const options = {signal: this.#lifetime.signal};
    this.socket.addEventListener(
      'open',
      () => {
        this.#wasOpen = true;
        listener.opened();
      },
      options
    );
    this.socket.addEventListener('message', (message) => listener.received(message), options);
    this.socket.addEventListener('error', () => listener.failed(), options);
    this.socket.addEventListener(
      'close',
      (close) => {
        this.#lifetime.abort();
        listener.closed(close);
      },
      options
    );
  }

  /** Whether the socket ever opened, to tell a failed connect from a lost connection. */
  get wasOpen(): boolean {
    return this.#wasOpen;
  }

  /** Stops listening and closes the socket (1000) if it is still connecting or open. */
  dispose(): void {
    this.#lifetime.abort();
    if (this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000);
  }
}
