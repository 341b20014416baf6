import type {CloseDetail, ReconnectingDetail} from '../events.js';
import {ReconnectingSocket, type HubSocket, type SocketListener, type SocketOptions} from '../reconnecting-socket.js';
import {SendQueue, type Sender, type SocketData} from '../send-queue.js';
import {CLOSED, CONNECTING, OPEN, type SocketState} from '../socket-state.js';

/** What the holder of a shared socket tells the other tabs, and what they ask of it. */
type TabMessage =
  | {type: 'holder'; from: string}
  | {type: 'hello'; from: string}
  | {type: 'state'; from: string; state: SocketState; readyState: number; protocol: string; extensions: string}
  | {type: 'event'; from: string; to?: string; name: 'opened'; args: []}
  | {type: 'event'; from: string; name: 'received'; args: [string | Blob | ArrayBuffer, string]}
  | {type: 'event'; from: string; name: 'failed'; args: [string]}
  | {type: 'event'; from: string; name: 'closed'; args: [CloseDetail]}
  | {type: 'event'; from: string; name: 'reconnecting'; args: [ReconnectingDetail]}
  | {type: 'event'; from: string; name: 'stopped'; args: [{attempts: number; retriesRanOut: boolean}]}
  | {type: 'send'; from: string; to: string; seq: number; epoch: number; data: SocketData}
  | {type: 'ack' | 'nack'; from: string; to: string; seq: number; epoch: number};

interface Unacked {
  seq: number;
  data: SocketData;
  sender: Sender | undefined;
}

/** The close the other tabs hear when the tab that held their socket goes away. */
const holderGone: CloseDetail = {code: 1001, reason: 'the tab holding the shared socket went away', wasClean: false};

/** Whether this browser has what sharing across tabs needs; without it each tab has a socket of its own. */
export function canShareAcrossTabs(): boolean {
  return typeof BroadcastChannel === 'function' && typeof navigator !== 'undefined' && navigator.locks !== undefined;
}

/**
 * One tab's view of a socket shared by every same-origin tab and frame (share="tabs").
 * The tab that holds a Web Lock named after the socket holds the socket itself (a
 * ReconnectingSocket) and relays its life over a BroadcastChannel; every other tab mirrors
 * it and hands its sends to the holder, which sends each at once or refuses it. A refused
 * or unanswered send goes back to the front of its tab's queue, so when the holder goes
 * away (its tab closed, its frame removed, its last element gone) the next tab in the
 * lock's queue takes over, reconnects, and nothing is lost, sent twice, or reordered.
 */
export class TabSocket implements HubSocket {
  readonly queue = new SendQueue();
  #options: SocketOptions;
  #listener: SocketListener;
  #id = Math.random().toString(36).slice(2);
  #channel?: BroadcastChannel;
  #lockName: string;
  /** Aborts the lock request (while waiting) or releases the lock (while holding). */
  #leave?: () => void;
  /** Set while this tab holds the socket. */
  #socket?: ReconnectingSocket;
  /** What this tab last heard of the socket held elsewhere. */
  #mirror = {state: 'closed' as SocketState, readyState: CLOSED, protocol: '', extensions: ''};
  #holder?: string;
  /** Sends handed to the holder and not yet answered, oldest first; `epoch` changes when they are taken back. */
  #unacked: Unacked[] = [];
  #seq = 0;
  #epoch = 0;
  /** For each other tab, the epoch whose sends this holder refused: later ones of it are refused too, to keep their order. */
  #refused = new Map<string, number>();

  constructor(options: SocketOptions, listener: SocketListener, key: string) {
    this.#options = options;
    this.#listener = listener;
    this.#lockName = `py-websocket ${key}`;
  }

  get state(): SocketState {
    return this.#socket?.state ?? this.#mirror.state;
  }
  get readyState(): number {
    return this.#socket?.readyState ?? this.#mirror.readyState;
  }
  get url(): string {
    return this.#options.url;
  }
  get protocol(): string {
    return this.#socket?.protocol ?? this.#mirror.protocol;
  }
  get extensions(): string {
    return this.#socket?.extensions ?? this.#mirror.extensions;
  }
  get bufferedAmount(): number {
    return this.#socket?.bufferedAmount ?? 0;
  }
  set binaryType(value: BinaryType) {
    if (this.#socket) this.#socket.binaryType = value;
  }

  /** Joins the tabs sharing this socket: holds it if no tab does, follows the holder otherwise. */
  connect(): void {
    this.#mirror = {...this.#mirror, state: 'connecting', readyState: CONNECTING};
    const channel = (this.#channel = new BroadcastChannel(this.#lockName));
    channel.onmessage = ({data}: MessageEvent<TabMessage>) => this.#heard(data);
    const abort = new AbortController();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    this.#leave = () => {
      abort.abort();
      release();
    };
    navigator.locks
      .request(this.#lockName, {signal: abort.signal}, () => {
        // A task later, so that what the last holder said before it let go (a final end) is heard first.
        setTimeout(() => this.#channel === channel && this.#hold());
        return held;
      })
      .catch(() => {}); // aborted: this tab left before its turn
    this.#post({type: 'hello', from: this.#id});
  }

  send(data: SocketData, sender?: Sender, limit = Infinity): void {
    if (this.#socket) {
      this.#socket.send(data, sender, limit);
    } else if (this.#mirror.state === 'open' && this.queue.size === 0) {
      this.#handOver(data, sender);
    } else {
      this.queue.push(data, limit, sender);
    }
  }

  /**
   * This tab's last element closed: it leaves alone, with the end a socket of its own would
   * give; the other tabs keep the socket (taken over by the next tab if this one held it).
   */
  close(code: number, reason: string): void {
    this.#takeBackUnacked();
    this.stop();
    setTimeout(() => {
      this.#listener.closed({code, reason, wasClean: true});
      this.#listener.stopped({attempts: 0, retriesRanOut: false});
    });
  }

  /** Leaves quietly: the socket, if this tab held it, closes (1000) and the next tab takes over. */
  stop(): void {
    this.#socket?.stop();
    this.#socket = undefined;
    this.#leave?.();
    this.#channel?.close();
    this.#channel = this.#leave = undefined;
  }

  /** This tab's turn: it holds the socket now. */
  #hold(): void {
    const hadHolder = this.#holder !== undefined;
    this.#holder = this.#id;
    this.#takeBackUnacked();
    this.#post({type: 'holder', from: this.#id});
    const socket = (this.#socket = new ReconnectingSocket(this.#options, this.#relay, this.queue));
    // A tab that followed a socket takes it over under the usual reconnect rules; the first one connects.
    if (hadHolder) socket.takeOver(holderGone);
    else socket.connect();
  }

  /** Hears the held socket for this tab's elements, and tells the other tabs. */
  readonly #relay: SocketListener = {
    opened: () => this.#tell('opened', [], () => this.#listener.opened()),
    received: (data, origin) => this.#tell('received', [data, origin], () => this.#listener.received(data, origin)),
    failed: (message, error, unusable) => this.#tell('failed', [message], () => this.#listener.failed(message, error, unusable)),
    closed: (close) => this.#tell('closed', [close], () => this.#listener.closed(close)),
    reconnecting: (detail) => {
      let proceed = true;
      this.#tell('reconnecting', [detail], () => (proceed = this.#listener.reconnecting(detail)));
      // This tab's elements stopped; the other tabs' go on, with the socket taken over by the next tab.
      if (!proceed) setTimeout(() => this.stop());
      return true;
    },
    stopped: (detail) => {
      this.#tell('stopped', [detail], () => this.#listener.stopped(detail));
      this.stop();
    },
  };

  #tell<Name extends Extract<TabMessage, {type: 'event'}>['name']>(
    name: Name,
    args: Extract<TabMessage, {name: Name}>['args'],
    here: () => void
  ): void {
    this.#postState();
    this.#post({type: 'event', from: this.#id, name, args} as TabMessage);
    here();
  }

  #postState(): void {
    const socket = this.#socket;
    if (!socket) return;
    const {state, readyState, protocol, extensions} = socket;
    this.#post({type: 'state', from: this.#id, state, readyState, protocol, extensions});
  }

  #heard(message: TabMessage): void {
    if (this.#socket) {
      this.#serve(message);
      return;
    }
    if ('to' in message && message.to !== this.#id) return;
    switch (message.type) {
      case 'holder':
        // Whatever the last holder did not answer, it never sent: it goes again, first.
        if (this.#holder !== message.from) this.#takeBackUnacked();
        this.#holder = message.from;
        this.#mirror = {...this.#mirror, state: 'waiting', readyState: CONNECTING};
        break;
      case 'state':
        this.#holder = message.from;
        this.#mirror = message;
        break;
      case 'ack':
        if (this.#unacked[0]?.seq === message.seq) this.#unacked.shift();
        break;
      case 'nack':
        if (message.epoch === this.#epoch) this.#takeBackUnacked();
        break;
      case 'event':
        this.#replay(message);
        break;
    }
  }

  /** What the holder does with another tab's message. */
  #serve(message: TabMessage): void {
    const socket = this.#socket!;
    if (message.type === 'hello') {
      this.#postState();
      if (socket.state === 'open') this.#post({type: 'event', from: this.#id, to: message.from, name: 'opened', args: []});
    } else if (message.type === 'send' && message.to === this.#id) {
      // (One addressed to an earlier holder is taken back by its tab when it hears of this one.)
      const {from, seq, epoch} = message;
      const open = socket.readyState === OPEN && socket.queue.size === 0 && this.#refused.get(from) !== epoch;
      if (open) socket.send(message.data);
      else this.#refused.set(from, epoch);
      this.#post({type: open ? 'ack' : 'nack', from: this.#id, to: from, seq, epoch});
    }
  }

  /** Plays the holder's event to this tab's elements. */
  #replay(message: Extract<TabMessage, {type: 'event'}>): void {
    const listener = this.#listener;
    switch (message.name) {
      case 'opened':
        this.#mirror = {...this.#mirror, state: 'open', readyState: OPEN};
        // What waited here goes to the holder first, as a socket of its own sends its queue before `open`.
        this.queue.flush((data, sender) => this.#handOver(data, sender), () => true);
        listener.opened();
        break;
      case 'received':
        listener.received(...message.args);
        break;
      case 'failed':
        listener.failed(...message.args);
        break;
      case 'closed':
        listener.closed(...message.args);
        break;
      case 'reconnecting':
        // No element here wants it any more: this tab leaves the shared socket.
        if (!listener.reconnecting(...message.args)) this.stop();
        break;
      case 'stopped':
        this.#takeBackUnacked();
        this.stop();
        listener.stopped(...message.args);
        break;
    }
  }

  #handOver(data: SocketData, sender: Sender | undefined): void {
    const seq = ++this.#seq;
    this.#unacked.push({seq, data, sender});
    this.#post({type: 'send', from: this.#id, to: this.#holder ?? '', seq, epoch: this.#epoch, data});
  }

  /** Sends the holder did not answer go back to the front of the queue, in order, under a new epoch. */
  #takeBackUnacked(): void {
    this.#epoch++;
    for (const {data, sender} of this.#unacked.reverse()) this.queue.unshift([data], sender);
    this.#unacked = [];
  }

  #post(message: TabMessage): void {
    this.#channel?.postMessage(message);
  }
}
