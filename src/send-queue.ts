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

  push(data: SocketData): void {
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
  return data;
}
