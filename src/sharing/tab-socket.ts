import type {CloseDetail, SocketListener} from '../socket/events.js';
import type {HubSocket, ReconnectingSocket, SocketOptions} from '../socket/reconnecting-socket.js';
import type {SocketData} from '../socket/data.js';
import type {SendQueue, Sender} from '../socket/send-queue.js';
import type {SocketState} from '../socket/state.js';
import {core} from './core.js';
import {identityLock, isHolder, lockName} from './tab-lock.js';
import type {Returned} from './hub.js';
import {holderOnly, relayedEvent, socketEvent, tabMessage, type RelayableEvent, type RelayedEvent, type TabMessage} from './tab-messages.js';

/*
 * The relay between tabs (share="tabs"): one socket for every same-origin tab and frame.
 *
 * Every tab taking part holds an identity lock ("<name> <its id>") and waits for the socket's
 * lock ("<name>", a hash of the URL and protocols). The tab granted it is the holder: it
 * holds the socket (a ReconnectingSocket) and speaks on a BroadcastChannel of that name;
 * the others follow.
 *
 *   follower → holder   hello                    a follower joined: the holder answers with
 *                                                its state (and `opened`, to it, if open)
 *                       send {to, seq, data}     a send, numbered per follower
 *                       takeback {to}            the follower is going: give back whatever
 *                                                of mine you have not sent yet
 *   holder → all        holder                   it took the socket over
 *                       state, event             the socket's state and events
 *                       ack {to, seq}            every send of yours up to seq has left my
 *                                                socket's buffer (bufferedAmount drained past it)
 *                       returned {to, seqs}      these were not sent: they are yours again
 *   a tab → itself      sync                     a barrier (see #heardAllBefore)
 *
 * A follower keeps each send it handed over until the holder acks it. The holder sends a
 * follower's send as its own (at once, or from its queue at the next open), and acks it
 * once it has left the socket's buffer. A send still in the buffer when the socket ends
 * goes back to the front of the holder's queue, to go out after the reconnect.
 *
 * When the holder goes away (its tab closed, its frame removed, its last element gone), the
 * lock passes to the next tab, which takes the socket over. Each follower, on hearing the
 * new holder (or becoming it), takes back every send the old one had not acked and sends it
 * again, first; so a send is sent by the next holder or handed back, and never both. What
 * the holder acks as it goes depends on how: its last element leaving a document that stays
 * closes the socket, which still sends what it buffered, so all it was handed counts as sent;
 * a document that is destroyed (pagehide) keeps what its socket buffered in Firefox and
 * WebKit, but loses it in Chromium, where only what left the buffer counts (and where the
 * holder closes its socket first, or a server still writing to it may not read the rest).
 * A follower that leaves asks for its sends back and waits for the answers (or for the
 * holder to go) before it reports what was never sent.
 *
 * Messages that are not well formed are ignored, and so are the holder's messages from a
 * tab that does not hold the lock: a follower checks with the lock manager that the client
 * holding the socket's lock also holds the sender's identity lock. Same-origin code can
 * still read the channel and take part as a tab would: it is the page's own code.
 */

/** The close the other tabs hear when the tab that held their socket goes away. */
const holderGone: CloseDetail = {code: 1001, reason: 'the tab holding the shared socket went away', wasClean: false};

/** Chromium (the one engine with `navigator.userAgentData`) drops a destroyed document's unsent socket buffer. */
const dropsBufferOfGoneDocument = typeof navigator !== 'undefined' && 'userAgentData' in navigator;

/** After this long without a send, Chromium's hand-over pipe has emptied (on a link slower than about 64 KiB/s it may not have). */
const QUIET_MS = 1000;
/** Sends since the socket was quiet that add up to no more than this fit Chromium's 128 KiB hand-over pipe. */
const WHOLE_BYTES = 64 * 1024;

/** Whether this browser has what sharing across tabs needs; without it each tab has a socket of its own. */
export function canShareAcrossTabs(): boolean {
  return typeof BroadcastChannel === 'function' && typeof navigator !== 'undefined' && navigator.locks !== undefined;
}

/** A message as `#post` takes it: the sender's id is added there. */
type Unsigned<Message> = Message extends unknown ? Omit<Message, 'from'> : never;

/** A send this tab handed to the holder, kept until the holder acks it. */
interface InFlight {
  seq: number;
  data: SocketData;
  sender: Sender | undefined;
}

/** Another tab's send in the holder's hands: the sender its socket's queue knows it by. */
class Relayed {
  constructor(
    readonly tab: string,
    readonly seq: number,
    readonly data: SocketData
  ) {}
}

/** One tab's view of a socket shared by every same-origin tab and frame: the holder's, or a follower's. */
export class TabSocket implements HubSocket {
  readonly queue: SendQueue = new core.SendQueue();
  readonly #options: SocketOptions;
  readonly #listener: SocketListener;
  readonly #returned?: Returned;
  readonly #key: string;
  // Web Locks need a secure context, where crypto.randomUUID() is there too.
  readonly #id = crypto.randomUUID();
  #name = '';
  #channel?: BroadcastChannel;
  /** Aborts the lock requests (while waiting) or releases the locks (while holding). */
  #locks?: AbortController;
  /** The socket, while this tab holds it (or has one of its own, `#solo`, where locks are refused). */
  #socket?: ReconnectingSocket;
  #solo = false;
  /** What this tab last heard of the socket held elsewhere. */
  /** In the back/forward cache (see suspend()). */
  #suspended = false;
  #mirror = {state: 'closed' as SocketState, readyState: core.readyStateOf('closed'), protocol: '', extensions: ''};
  /** The holder this tab follows, once the lock manager confirmed it. */
  #holder?: string;
  /** Holder messages from a tab not yet confirmed as the holder, in order, and whether a check is under way. */
  #unchecked: TabMessage[] = [];
  #checking = false;
  #inFlight: InFlight[] = [];
  #seq = 0;
  /** Senders (elements) that left: what comes back of theirs goes back to them, not out again. */
  #released = new WeakSet<Sender>();
  #allReleased = false;
  /** Set while this tab is going: what to do once nothing it handed over is unanswered. */
  #leaving?: () => void;
  /** While holding: other tabs' sends that went out, with the end of their bytes, until they drain. */
  #sentRelayed: {relayed: Relayed; position: number}[] = [];
  /** What to do when this tab's own `sync` comes back through the channel, by nonce (see #heardAllBefore). */
  #barriers = new Map<number, () => void>();
  #drainCheck?: ReturnType<typeof setTimeout>;

  /** `returned` hands back to an element that left what it had sent and never went. */
  constructor(options: SocketOptions, listener: SocketListener, key: string, returned?: Returned) {
    this.#options = options;
    this.#listener = listener;
    this.#returned = returned;
    this.#key = key;
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
    this.#mirrorState('connecting');
    const locks = (this.#locks = new AbortController());
    const {signal} = locks;
    const refused = () => signal.aborted || this.#goSolo();
    lockName(this.#key).then((name) => {
      if (signal.aborted) return;
      this.#name = name;
      const channel = (this.#channel = new BroadcastChannel(name));
      channel.onmessage = ({data}) => this.#heard(data);
      const held = new Promise<void>((release) => signal.addEventListener('abort', () => release()));
      const request = (lock: string, granted: () => void) => navigator.locks.request(lock, {signal}, () => (granted(), held));
      let identity!: Promise<unknown>;
      const identified = new Promise<void>((granted) => (identity = request(identityLock(name, this.#id), granted)));
      // What the last holder said before it let go (its last acks) is heard first.
      const turn = request(name, () => identified.then(() => this.#heardAllBefore()).then(() => signal.aborted || this.#hold()));
      // Aborted: this tab left first. Refused (a sandboxed frame's opaque origin): a socket of its own.
      Promise.all([identity, turn]).catch(refused);
      this.#post({type: 'hello'});
    }, refused);
  }

  send(data: SocketData, sender?: Sender, limit = Infinity): void {
    if (this.#socket) this.#socket.send(data, sender, limit);
    else if (this.#mirror.state === 'open' && this.#holder !== undefined && this.queue.size === 0) this.#handOver(data, sender);
    else this.queue.push(data, limit, sender);
  }

  /**
   * This tab's last element closed: it leaves alone, with the end a socket of its own would
   * give, once every send it handed over was sent or came back; the other tabs keep the socket.
   */
  close(code: number, reason: string): void {
    if (this.#solo) {
      this.#socket!.close(code, reason);
      return;
    }
    this.#leave(() =>
      setTimeout(() => {
        this.#listener({type: 'close', code, reason, wasClean: true});
        this.#listener({type: 'stopped', attempts: 0, retriesRanOut: false, unsent: []});
      })
    );
  }

  /** This tab's last element left quietly: what comes back of its sends goes back to the elements that sent them. */
  stop(): void {
    this.#allReleased = true;
    this.#leave();
  }

  /**
   * The page goes into the back/forward cache: this tab leaves as a tab that goes away (a
   * holder's socket closes, 1000 "page hidden", and the next tab takes it over), keeping what
   * its elements queued, and lets go of its locks and channel, which would keep the page out
   * of the cache. Nothing is heard until resume().
   */
  suspend(): void {
    if (this.#solo) return this.#socket?.suspend();
    if (this.#suspended || (!this.#channel && !this.#socket)) return;
    this.#suspended = true;
    this.#mirror = {...this.#mirror, state: 'suspended', readyState: core.readyStateOf('suspended')};
    const socket = this.#socket;
    if (socket) {
      socket.suspend();
      this.#ackSent(true);
    } else {
      // Sends handed to the holder and not yet acked go again from here: the holder's acks will not reach a hidden page.
      this.#takeBackInFlight();
    }
    this.#goAway();
  }

  /** Shown again: the end it did not hear (1001 "page hidden"), then it joins the socket's tabs anew, at once. */
  resume(): void {
    if (this.#solo) return this.#socket?.resume();
    if (!this.#suspended) return;
    this.#suspended = false;
    this.#mirror = {...this.#mirror, state: 'waiting', readyState: core.readyStateOf('waiting')};
    this.#listener({type: 'close', ...core.pageHiddenClose});
    const event = {type: 'reconnecting' as const, attempt: 1, delay: 0, code: core.pageHiddenClose.code, reason: core.pageHiddenClose.reason, prevented: false};
    this.#listener(event);
    if (event.prevented) return this.stop();
    this.#holder = undefined;
    this.connect();
  }

  /** `sender` left: what of its sends comes back later is handed back to it, not sent. */
  forget(sender: Sender): void {
    this.#released.add(sender);
  }

  #leave(then?: () => void): void {
    this.#mirrorState('closed');
    const socket = this.#socket;
    if (this.#solo || !this.#channel) {
      socket?.stop();
      this.#goAway();
      then?.();
    } else if (socket) {
      // Holding, in a document that stays: the socket closes (1000) after sending what it
      // buffered, so every relayed send handed to it counts as sent. What waits in its queue
      // does not go: its tabs send it through the next holder.
      socket.stop();
      this.#ackSent(true);
      this.#goAway();
      then?.();
    } else {
      // Following: wait until the holder has answered for every send in flight (or went away).
      this.#leaving = () => {
        this.#goAway();
        then?.();
      };
      if (this.#inFlight.length > 0 && this.#holder !== undefined) this.#post({type: 'takeback', to: this.#holder});
      this.#settle();
    }
  }

  /** Leaves the channel and the lock queue (releasing the locks, if held), and drops the socket. */
  #goAway(): void {
    clearTimeout(this.#drainCheck);
    removeEventListener('pagehide', this.#ackOnPageHide);
    this.#locks?.abort();
    this.#channel?.close();
    this.#channel = this.#socket = this.#leaving = undefined;
    this.#unchecked = [];
  }

  /** Where the browser refuses the locks, the tab has a socket of its own, as where they are missing. */
  #goSolo(): void {
    this.#channel?.close();
    this.#channel = undefined;
    this.#solo = true;
    this.#socket = new core.ReconnectingSocket(this.#options, this.#listener, {queue: this.queue});
    this.#socket.connect();
  }

  /** This tab's turn: it holds the socket now (or, going, learns that the holder went, and goes). */
  #hold(): void {
    if (this.#leaving) {
      this.#takeBackInFlight();
      return;
    }
    this.#takeBackInFlight();
    const hadHolder = this.#holder !== undefined;
    this.#holder = this.#id;
    this.#unchecked = [];
    const socket = (this.#socket = new core.ReconnectingSocket(this.#options, this.#relay, {queue: this.queue}));
    let burst = {bytes: 0, end: 0, at: -Infinity};
    socket.onSent = (sender, position) => {
      // The bytes handed over since the socket was last quiet (a new connection counts from 0).
      const now = performance.now();
      const bytes = position > burst.end ? position - burst.end : position;
      burst = {bytes: now - burst.at < QUIET_MS && position > burst.end ? burst.bytes + bytes : bytes, end: position, at: now};
      if (!(sender instanceof Relayed)) return;
      // Chromium hands a send to its network process whole, within send(), when nothing waits
      // before it and it fits the hand-over pipe (128 KiB), and shows it in `bufferedAmount` a
      // task later. Sends that fill no more than half the pipe since the socket was quiet, with
      // nothing else buffered, are each handed over whole: sent, even if the document goes next.
      const whole = dropsBufferOfGoneDocument && burst.bytes <= WHOLE_BYTES && socket.bufferedAmount <= burst.bytes;
      this.#sentRelayed.push({relayed: sender, position: whole ? 0 : position});
      // The browser shows a send leaving the buffer a task later at the soonest: look then, and every 4 ms after.
      this.#drainCheck ??= setTimeout(this.#whileDraining);
    };
    // The page may be destroyed right after: what is sure to be sent is acked first.
    addEventListener('pagehide', this.#ackOnPageHide);
    this.#post({type: 'holder'});
    // A tab that followed a socket takes it over under the usual reconnect rules; the first one connects.
    if (hadHolder) socket.takeOver(holderGone);
    else socket.connect();
  }

  readonly #whileDraining = () => {
    this.#drainCheck = undefined;
    this.#ackSent();
    if (this.#sentRelayed.length > 0) this.#drainCheck = setTimeout(this.#whileDraining, 4);
  };

  /**
   * The document is going. Chromium drops what a destroyed document's socket still buffers:
   * there only what left the buffer is sent, and a small send handed over whole (above). It
   * shows a big send leaving a task late, so one whose last piece left in the task before the
   * document went may be sent again by the next holder: a page cannot see the difference. (A
   * WebSocketStream could, but Chromium 156's crashes the page when its connection drops, or
   * closes, with writes under way.) Firefox and WebKit send it all (and update
   * `bufferedAmount` late when busy): there every send handed to the socket is.
   */
  readonly #ackOnPageHide = (event: PageTransitionEvent) => {
    // Chromium cuts a destroyed document's connection, and a server still writing to it may
    // never read what it had been sent: close it first, as the back/forward cache does, so
    // that what already left goes out ahead of a closing frame. (Not for a page's own
    // pagehide event: the document stays, and so must the socket.)
    if (dropsBufferOfGoneDocument && !event.persisted && event.isTrusted) this.#socket?.suspend();
    this.#ackSent(!dropsBufferOfGoneDocument);
  };

  /** Acks every relayed send that has left the socket's buffer (`all`: every one handed to it), to its tab: one ack per tab, for the last. */
  #ackSent(all = false): void {
    const drained = all ? Infinity : (this.#socket?.drainedBytes ?? 0);
    const last = new Map<string, number>();
    while (this.#sentRelayed.length > 0 && this.#sentRelayed[0].position <= drained) {
      const {relayed} = this.#sentRelayed.shift()!;
      last.set(relayed.tab, relayed.seq);
    }
    for (const [to, seq] of last) this.#post({type: 'ack', to, seq});
  }

  /** Hears the held socket for this tab's elements, and tells the other tabs. */
  readonly #relay: SocketListener = (event) => {
    switch (event.type) {
      case 'connecting':
        // The holder's elements prepare each attempt; the other tabs hear of it only as an open or an error.
        return this.#listener(event);
      case 'close':
        // What the socket sent is acked; what it still buffered did not go: it goes first after the reconnect.
        clearTimeout(this.#drainCheck);
        this.#drainCheck = undefined;
        this.#ackSent();
        for (const {relayed} of this.#sentRelayed.reverse()) this.queue.unshift([relayed.data], relayed);
        this.#sentRelayed = [];
        return this.#tell(event);
      case 'reconnecting': {
        // The held socket goes on for the other tabs whatever this tab's elements say.
        const own = {...event, prevented: false};
        this.#tell(own);
        // This tab's elements stopped; the other tabs' go on, with the socket taken over by the next tab.
        if (own.prevented) setTimeout(() => this.stop());
        return;
      }
      case 'stopped':
        this.#tell(event);
        return this.#leave();
      default:
        return this.#tell(event);
    }
  };

  /** Tells the other tabs, then this tab's elements. */
  #tell(event: RelayableEvent): void {
    this.#postState();
    this.#post({type: 'event', ...relayedEvent(event)});
    this.#listener(event);
  }

  #postState(): void {
    const socket = this.#socket;
    if (!socket) return;
    const {state, readyState, protocol, extensions} = socket;
    this.#post({type: 'state', state, readyState, protocol, extensions});
  }

  /**
   * Resolves once this tab has heard every message the channel carried before now. A message
   * from a second channel object of this tab reaches the first after everything the browser
   * had already taken from other tabs: the lock can pass on before the last holder's last
   * messages arrive, but not before they left it.
   */
  #heardAllBefore(): Promise<void> {
    return new Promise((heard) => {
      const nonce = Math.random();
      this.#barriers.set(nonce, heard);
      const echo = new BroadcastChannel(this.#name);
      echo.postMessage({type: 'sync', from: this.#id, nonce});
      echo.close();
    });
  }

  #heard(data: unknown): void {
    const message = tabMessage(data);
    if (!message) return; // not one of the relay's messages, or broken: ignored
    if (message.type === 'sync') {
      if (message.from === this.#id) this.#barriers.get(message.nonce)?.();
      this.#barriers.delete(message.nonce);
      return;
    }
    if (this.#socket) {
      this.#serve(message);
    } else if (holderOnly.has(message.type) && !('to' in message && message.to !== undefined && message.to !== this.#id)) {
      if (message.from === this.#holder) {
        this.#follow(message);
      } else {
        this.#unchecked.push(message);
        this.#checkNext();
      }
    }
  }

  /** Asks the lock manager whether the sender of the oldest unchecked message holds the socket. */
  #checkNext(): void {
    if (this.#checking || this.#unchecked.length === 0) return;
    const candidate = this.#unchecked[0].from;
    this.#checking = true;
    const checked = (holds: boolean) => {
      this.#checking = false;
      if (!this.#channel || this.#socket) return;
      const theirs = this.#unchecked.filter(({from}) => from === candidate);
      this.#unchecked = this.#unchecked.filter(({from}) => from !== candidate);
      if (holds) {
        // A new holder: the last one let go of the lock, and what it did not ack it never will.
        this.#takeBackInFlight();
        this.#holder = candidate;
        theirs.forEach((message) => this.#follow(message));
      }
      this.#checkNext();
    };
    isHolder(this.#name, candidate).then(checked, () => checked(false));
  }

  /** What the holder does with another tab's message. */
  #serve(message: TabMessage): void {
    const socket = this.#socket!;
    if (message.type === 'hello') {
      this.#postState();
      if (socket.state === 'open') this.#post({type: 'event', to: message.from, ...relayedEvent({type: 'open'})});
    } else if (message.type === 'send' && message.to === this.#id && !this.#leaving) {
      // (One addressed to an earlier holder, or made while this one is going, is taken back by its tab.)
      socket.send(message.data, new Relayed(message.from, message.seq, message.data));
    } else if (message.type === 'takeback' && message.to === this.#id) {
      const taken = socket.queue.takeWhere((sender) => sender instanceof Relayed && sender.tab === message.from);
      this.#post({type: 'returned', to: message.from, seqs: taken.map(({sender}) => (sender as Relayed).seq)});
    }
  }

  /** A message of the confirmed holder, played to this tab. */
  #follow(message: TabMessage): void {
    switch (message.type) {
      case 'holder':
        this.#mirrorState('waiting');
        break;
      case 'state':
        this.#mirror = {state: message.state, readyState: message.readyState, protocol: message.protocol, extensions: message.extensions};
        break;
      case 'ack':
        this.#inFlight = this.#inFlight.filter(({seq}) => seq > message.seq);
        this.#settle();
        break;
      case 'returned': {
        const back = new Set(message.seqs);
        this.#putBack(this.#inFlight.filter(({seq}) => back.has(seq)));
        this.#inFlight = this.#inFlight.filter(({seq}) => !back.has(seq));
        this.#settle();
        break;
      }
      case 'event':
        this.#replay(message);
        break;
    }
  }

  /** Plays the holder's event to this tab's elements. */
  #replay(relayed: RelayedEvent): void {
    const event = socketEvent(relayed);
    switch (event.type) {
      case 'open':
        this.#mirrorState('open');
        // What waited here goes to the holder first, as a socket of its own sends its queue before `open`.
        if (!this.#leaving) this.queue.flush((data, sender) => this.#handOver(data, sender), () => true);
        return this.#listener(event);
      case 'reconnecting':
        this.#listener(event);
        // No element here wants it any more: this tab leaves the shared socket.
        if (event.prevented) this.stop();
        return;
      case 'stopped':
        // The holder acked all it sent before it said so: the rest was never sent.
        this.#takeBackInFlight();
        this.#leave();
        return this.#listener(event);
      default:
        return this.#listener(event);
    }
  }

  #handOver(data: SocketData, sender: Sender | undefined): void {
    const seq = ++this.#seq;
    // A copy is kept, to send again through the next holder if this one goes away first.
    this.#inFlight.push({seq, data: core.snapshot(data), sender});
    this.#post({type: 'send', to: this.#holder!, seq, data});
  }

  /** Every send the holder has not acked comes back: to the front of the queue, or to an element that left. */
  #takeBackInFlight(): void {
    const inFlight = this.#inFlight;
    this.#inFlight = [];
    this.#putBack(inFlight);
    this.#settle();
  }

  #putBack(sends: InFlight[]): void {
    const gone = new Map<Sender | undefined, SocketData[]>();
    for (const {data, sender} of [...sends].reverse()) {
      if (this.#allReleased || (sender !== undefined && this.#released.has(sender))) gone.set(sender, [data, ...(gone.get(sender) ?? [])]);
      else this.queue.unshift([data], sender);
    }
    for (const [sender, unsent] of gone) this.#returned?.(unsent, sender);
  }

  /** A tab that is going goes once nothing it handed over is unanswered. */
  #settle(): void {
    if (this.#leaving && this.#inFlight.length === 0 && !this.#socket) this.#leaving();
  }

  /** What this tab now knows of the socket held elsewhere: it is in `state` (the holder's word on it comes later). */
  #mirrorState(state: SocketState): void {
    this.#mirror = {...this.#mirror, state, readyState: core.readyStateOf(state)};
  }

  /** Posts on the channel, as this tab. */
  #post(message: Unsigned<TabMessage>): void {
    this.#channel?.postMessage({...message, from: this.#id});
  }
}
