export type SocketData = string | Blob | ArrayBuffer | ArrayBufferView;

/**
 * Messages handed to `send()` while the socket is not open, kept in order until
 * it opens. Binary data is copied when queued, so a buffer the caller reuses
 * afterwards cannot change what is sent (the native `send()` copies too).
 */
export class SendQueue {
  #messages: SocketData[] = [];

  get size(): number {
    return this.#messages.length;
  }

  /** Adds a message; throws `QuotaExceededError`, queue unchanged, when `limit` messages already wait. */
  push(data: SocketData, limit = Infinity): void {
    if (this.#messages.length >= limit) {
      throw new DOMException(
        `Failed to execute 'send' on 'PyWebSocket': ${limit} messages already wait for the socket to open (queue-limit).`,
        'QuotaExceededError'
      );
    }
    this.#messages.push(snapshot(data));
  }

  /** Hands each message to `send`, oldest first, while `canSend()` holds; keeps the rest. */
  flush(send: (data: SocketData) => void, canSend: () => boolean): void {
    let sent = 0;
    while (sent < this.#messages.length && canSend()) {
      send(this.#messages[sent++]);
    }
    this.#messages.splice(0, sent);
  }

  /** Empties the queue and returns what it held, in order. */
  takeAll(): SocketData[] {
    const messages = this.#messages;
    this.#messages = [];
    return messages;
  }
}

function snapshot(data: SocketData): SocketData {
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
  }
  // Anything else is sent as its string, as the native send() does; take it now.
  return data instanceof Blob ? data : String(data);
}
