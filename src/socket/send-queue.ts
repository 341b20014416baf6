import {snapshot, type SocketData} from './data.js';

export type {SocketData};

/** Who handed a message to the queue (an element, when several share one socket). */
export type Sender = object;
const anyone: Sender = {};

interface Entry {
  data: SocketData;
  sender: Sender;
}

/**
 * Messages handed to `send()` while the socket is not open, kept in order until it opens.
 * Each is tagged with its sender, so that one of several senders sharing a socket can take
 * back its own. Binary data is copied when queued (see `snapshot`).
 */
export class SendQueue {
  #entries: Entry[] = [];
  #counts = new Map<Sender, number>();

  get size(): number {
    return this.#entries.length;
  }

  /** How many messages `sender` has waiting. */
  countOf(sender: Sender = anyone): number {
    return this.#counts.get(sender) ?? 0;
  }

  /** Adds a message; throws `QuotaExceededError`, queue unchanged, when `sender` already has `limit` waiting. */
  push(data: SocketData, limit = Infinity, sender: Sender = anyone): void {
    const count = this.countOf(sender);
    if (count >= limit) {
      throw new DOMException(
        `Failed to execute 'send' on 'PyWebSocket': ${limit} messages already wait for the socket to open (queue-limit).`,
        'QuotaExceededError'
      );
    }
    this.#entries.push({data: snapshot(data), sender});
    this.#counts.set(sender, count + 1);
  }

  /** Puts messages back at the front, in their order, as they were before (no copy, no limit). */
  unshift(messages: SocketData[], sender: Sender = anyone): void {
    this.#entries.unshift(...messages.map((data) => ({data, sender})));
    this.#counts.set(sender, this.countOf(sender) + messages.length);
  }

  /** Hands each message to `send`, oldest first, while `canSend()` holds; keeps the rest. */
  flush(send: (data: SocketData, sender: Sender) => void, canSend: () => boolean): void {
    let sent = 0;
    while (sent < this.#entries.length && canSend()) {
      const {data, sender} = this.#entries[sent++];
      this.#uncount(sender);
      send(data, sender);
    }
    this.#entries.splice(0, sent);
  }

  /** Takes out the messages whose sender `matches`, and returns them with their senders, in order. */
  takeWhere(matches: (sender: Sender) => boolean): {data: SocketData; sender: Sender}[] {
    const taken = this.#entries.filter((entry) => matches(entry.sender));
    this.#entries = this.#entries.filter((entry) => !matches(entry.sender));
    taken.forEach(({sender}) => this.#uncount(sender));
    return taken;
  }

  /** Takes out what `sender` queued (everything, without a sender) and returns it, in order. */
  takeAll(sender?: Sender): SocketData[] {
    const taken = sender === undefined ? this.#entries : this.#entries.filter((entry) => entry.sender === sender);
    this.#entries = sender === undefined ? [] : this.#entries.filter((entry) => entry.sender !== sender);
    if (sender === undefined) this.#counts.clear();
    else this.#counts.delete(sender);
    return taken.map((entry) => entry.data);
  }

  /** Takes out what was queued without a sender, in order. */
  takeUnowned(): SocketData[] {
    return this.takeAll(anyone);
  }

  #uncount(sender: Sender): void {
    const count = this.countOf(sender) - 1;
    if (count > 0) this.#counts.set(sender, count);
    else this.#counts.delete(sender);
  }
}
