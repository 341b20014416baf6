import type {PropertyDeclaration, PropertyValues} from '@lit/reactive-element';
import {checkCloseArguments} from './close-arguments.js';
import {SocketStates} from './custom-states.js';
import {listenForCommandsAndForms} from './declarative.js';
import {PyWebSocketProperties} from './element-properties.js';
import {
  PyWebSocketCloseEvent,
  PyWebSocketConnectingEvent,
  PyWebSocketErrorEvent,
  PyWebSocketGiveupEvent,
  PyWebSocketMessageEvent,
  PyWebSocketOpenEvent,
  PyWebSocketReconnectingEvent,
} from './events.js';
import {encodeJson, parsedMessage} from './json-format.js';
import {SendQueue} from '../socket/send-queue.js';
import type {SocketData} from '../socket/data.js';
import {socketData} from './send-argument.js';
import {loadSharing, sharing} from '../sharing/load.js';
import {SocketHub, type HubMember} from '../sharing/hub.js';
import {CLOSED, CONNECTING, OPEN} from '../socket/state.js';
import type {ConnectingEvent} from '../socket/events.js';
import {socketOptions} from './socket-options.js';

/**
 * A WebSocket as an element: it connects to `host` while it is in the document,
 * reconnects after abnormal ends, and turns the socket's life into DOM events. The socket
 * itself lives in a ReconnectingSocket (shared with other elements when `share` says so);
 * the element maps its attributes (element-properties.ts) and its place in the document onto it.
 *
 * @fires {PyWebSocketConnectingEvent} connecting - Before every attempt to open a socket: `attempt` (0 for a first connect), `url`, and `waitUntil(promise)`. Change `host` or `protocols` here (or before the promise settles) and the attempt uses them.
 * @fires {PyWebSocketOpenEvent} open - The socket opened.
 * @fires {PyWebSocketMessageEvent} message - A message arrived: `data` (string, Blob or ArrayBuffer) and `origin`.
 * @fires {PyWebSocketErrorEvent} error - The connection failed or `host` is unusable: `message` names the problem, `error` holds the exception if any.
 * @fires {PyWebSocketCloseEvent} close - The socket closed: `code`, `reason`, `wasClean`.
 * @fires {PyWebSocketReconnectingEvent} reconnecting - Before each wait for a reconnect: `attempt`, `delay`, `code`, `reason`. Cancelable: `preventDefault()` stops reconnecting.
 * @fires {PyWebSocketGiveupEvent} giveup - Retries ran out, or the element stopped for good with messages queued: `attempts`, `unsent`.
 * @attr onopen - Code run for each `open` event, like `onclick`: `this` is the element, `event` the event.
 * @attr onmessage - Code run for each `message` event, the same way.
 */
export class PyWebSocketElement extends PyWebSocketProperties {
  /** The socket's hub, while the element has one (`#member` is the element there); the last one stays readable. */
  #hub?: SocketHub;
  #lastHub?: SocketHub;
  #member?: HubMember;
  /** The element's own close() is under way or done: nothing it sends now would ever go. */
  #closedByUser = false;
  /** Sends made while the element has no socket to hand them to (before its first update, during a host change). */
  #held = new SendQueue();
  /** It connects after the coming update, once every attribute has landed. */
  #pending = false;
  /** connect() was called with `share` before sharing had loaded: it connects once it has. */
  #connectAfterLoad = false;
  /** `host` changed: sends wait for the socket to the new one. */
  #hostChanging = false;
  /** Set between removal and the end of the task: a re-insertion then is a move, not a new start. */
  #leaving = false;
  /** The host of the last connect(), to tell a real host change from the first update. */
  #connectedHost = '';
  #url = '';
  #pendingError?: ReturnType<typeof setTimeout>;
  /** From a retried end until the next open or a final stop (the `reconnecting` CSS state). */
  #reconnecting = false;
  #states = new SocketStates(this);
  /** Listens to another realm's document that the element moved into (see #watchDocument). */
  #documentWatch?: AbortController;
  /** Listens for the page going into the back/forward cache and coming back, while there is a socket. */
  #pageWatch?: AbortController;
  /** The `connecting` preparation under way: host changes now are for that attempt, not a new socket. */
  #preparation?: object;

  constructor() {
    super();
    listenForCommandsAndForms(this, this.#report);
    this.#showState();
  }

  /** `CONNECTING` (also while waiting to reconnect), `OPEN`, `CLOSING` or `CLOSED` (only when nothing more will happen by itself). */
  get readyState(): number {
    const state = this.#hub ? this.#hub.readyStateOf(this.#member!) : CLOSED;
    return state === CLOSED && (this.#pending || this.#hostChanging || this.#connectAfterLoad) ? CONNECTING : state;
  }

  /** The URL of the current or last socket; `""` before the first connect. */
  get url(): string {
    return this.#url;
  }

  /** The sub-protocol the server chose. */
  get protocol(): string {
    return this.#lastHub?.socket.protocol ?? '';
  }

  /** The extensions the server chose. */
  get extensions(): string {
    return this.#lastHub?.socket.extensions ?? '';
  }

  /** Bytes handed to the open socket but not yet sent. */
  get bufferedAmount(): number {
    return this.readyState === OPEN ? this.#hub!.socket.bufferedAmount : 0;
  }

  /** How many messages wait for the socket to open. */
  get queued(): number {
    return this.#held.size + (this.#hub?.socket.queue.countOf(this.#member!) ?? 0);
  }

  /** Opens (or re-opens) the socket to `host`. A bad host is reported by an `error` event, never thrown. */
  connect(): void {
    this.#pending = this.#hostChanging = this.#reconnecting = this.#connectAfterLoad = false;
    this.#preparation = undefined;
    clearTimeout(this.#pendingError);
    this.#held.unshift(this.#unlink());
    this.#connectedHost = this.host;
    const options = socketOptions(this, this.ownerDocument.baseURI);
    if (typeof options === 'string') {
      this.#reportSoon(options);
      this.#showState();
      this.#giveUp(false, this.#held.takeAll(), 0);
      return;
    }
    this.#url = options.url;
    const scope = this.share;
    if (scope && !sharing.loaded) {
      // Sharing loads on first use; until then the element is as before its first update: sends wait.
      this.#connectAfterLoad = true;
      this.#closedByUser = false;
      loadSharing().then(() => this.#connectAfterLoad && this.connect());
      this.#showState();
      return;
    }
    const hub = (this.#hub = this.#lastHub = scope && sharing.module ? sharing.module.sharedHub(scope, options) : new SocketHub(options));
    const member = (this.#member = this.#newMember());
    this.#closedByUser = false;
    hub.join(member);
    this.#held.flush((data) => hub.socket.send(data, member), () => true);
    hub.start();
    this.#watchDocument();
    this.#watchPage();
    this.#showState();
  }

  /**
   * Sends now when open; otherwise queues it, to be sent in order at the next open.
   * Throws `InvalidStateError` when nothing would ever send it, `QuotaExceededError` when the queue is full.
   */
  send(data: unknown): void {
    // The argument is checked first, as the native send() checks it: a TypeError leaves the queue as it was.
    // With format="json", a value goes as its JSON text (a TypeError if it has none).
    const checked = this.format === 'json' && arguments.length > 0 ? encodeJson(data) : socketData(arguments);
    if (this.readyState === CLOSED || this.#closedByUser) {
      throw new DOMException(`Failed to execute 'send' on 'PyWebSocket': ${this.#whyClosed()}`, 'InvalidStateError');
    }
    if (this.#hub && !this.#hostChanging) this.#hub.socket.send(checked, this.#member, this.queueLimit);
    else this.#held.push(checked, this.queueLimit);
  }

  /** Closes and does not reconnect; checks `code` and `reason` as the WebSockets standard's `close()` does. */
  close(code?: number, reason?: string): void {
    const checked = checkCloseArguments(code, reason);
    if (this.#hub) {
      this.#closedByUser = true;
      // A host change not applied yet does not connect afterwards: close() is final.
      this.#connectedHost = this.host;
      this.#hostChanging = false;
      this.#hub.close(this.#member!, checked.code, checked.reason);
    } else if (this.#connectAfterLoad) {
      // connect() was waiting for sharing: the element leaves as from a shared socket, on a later task.
      this.#connectAfterLoad = false;
      this.#connectedHost = this.host;
      const unsent = this.#held.takeAll();
      setTimeout(() => {
        this.dispatchEvent(new PyWebSocketCloseEvent({...checked, wasClean: true}));
        this.#giveUp(false, unsent, 0);
      });
    } else {
      // Not even a coming update (the first one, or a new host's) connects now.
      this.#pending = false;
      this.#connectedHost = this.host;
      this.#giveUp(false, this.#held.takeAll(), 0);
    }
    this.#showState();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#leaving) {
      // Removed and re-inserted in the same task: a move, which changes nothing.
      this.#leaving = false;
    } else if (this.#wantsAutoConnect() && !this.#hub && !this.#pending) {
      this.#pending = true;
      this.requestUpdate();
      this.#showState();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#leaving = true;
    queueMicrotask(() => {
      this.#leaving = false;
      if (!this.isConnected) this.#stop();
    });
  }

  /** Called instead of disconnect/connect by `moveBefore()`: the connection simply stays. */
  connectedMoveCallback(): void {}

  /** Moved into another document: that is leaving this one, whatever follows (the socket closes, 1000). */
  adoptedCallback(): void {
    this.#leaving = false;
    this.#stop();
  }

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    // The base class's fields are set before this class's exist (hence the `in` check).
    // A new host means a new socket after the update: sends meanwhile wait for it.
    if (name === 'host' && #hub in this && oldValue !== this.host && !this.#preparation) {
      if (this.#hub) this.#hostChanging = true;
      else if (this.#wantsAutoConnect()) this.#pending = true;
    }
    super.requestUpdate(name, oldValue, options);
  }

  /** An element with `share` updates (and so connects) once sharing has loaded. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.share && !sharing.loaded ? loadSharing().then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('binaryType') && this.#hub) this.#hub.socket.binaryType = this.binaryType;
    const live = this.#hub !== undefined && !this.#closedByUser;
    // What was set since insertion (`manual`, `host`) is judged now that it has landed.
    let connectNow = this.#pending && this.#wantsAutoConnect();
    this.#pending = false;
    // A host set while an attempt is being prepared is that attempt's (see #prepare).
    if (changed.has('host') && this.host !== this.#connectedHost && !this.#preparation && (live || this.#wantsAutoConnect())) connectNow = true;
    if (changed.get('manual') === true && !live && this.#wantsAutoConnect()) connectNow = true;
    this.#hostChanging = false; // connect() below, if any, replaces the socket at once
    this.#showState();
    if (!connectNow) return;
    if (this.#hasHost()) this.connect();
    else this.#stop();
  }

  /** Connected in a document with a window (not one made by `document.implementation`), not manual, with a host. */
  #wantsAutoConnect(): boolean {
    return this.isConnected && this.ownerDocument.defaultView !== null && !this.manual && this.#hasHost();
  }

  /** A host of whitespace only is no host. */
  #hasHost(): boolean {
    return this.host.trim() !== '';
  }

  /** What the socket tells this element, turned into its events. */
  #newMember(): HubMember {
    const member: HubMember = (event) => {
      switch (event.type) {
        case 'connecting':
          return this.#prepare(event, member);
        case 'open':
          this.#reconnecting = false;
          this.#showState();
          return this.dispatchEvent(new PyWebSocketOpenEvent());
        case 'message': {
          const {data, origin} = event;
          return this.dispatchEvent(new PyWebSocketMessageEvent(this.format === 'json' ? parsedMessage(data, origin, this.#report) : {data, origin}));
        }
        case 'error':
          if (event.unusable) return this.#reportSoon(event.message, event.error);
          this.#showState();
          return this.#report(event.message, event.error);
        case 'close':
          // Inside the close handlers of an end that will be retried, readyState already says CONNECTING.
          this.#reconnecting = this.readyState === CONNECTING;
          this.#showState();
          return this.dispatchEvent(new PyWebSocketCloseEvent({code: event.code, reason: event.reason, wasClean: event.wasClean}));
        case 'reconnecting': {
          const {attempt, delay, code, reason} = event;
          event.prevented = !this.dispatchEvent(new PyWebSocketReconnectingEvent({attempt, delay, code, reason}));
          return;
        }
        case 'stopped': {
          let {unsent} = event;
          // A close or reconnecting handler may have connected anew (or this member left long
          // ago, and what it sent came back unsent): then only the giveup is this member's.
          if (this.#member === member) {
            this.#hub = this.#member = undefined;
            this.#reconnecting = false;
            this.#showState();
            // What was sent for a host that close() kept from connecting comes back too, after the rest.
            unsent = [...unsent, ...this.#held.takeAll()];
          }
          return this.#giveUp(event.retriesRanOut, unsent, event.attempts);
        }
      }
    };
    return member;
  }

  /**
   * The `connecting` event: listeners may change `host` and `protocols`, now or before the
   * promises they pass to `waitUntil()` settle; the attempt then goes to what they set.
   */
  #prepare(event: ConnectingEvent, member: HubMember): void {
    const preparation = (this.#preparation = {});
    const pending: Promise<unknown>[] = [];
    let settled = false;
    const waitUntil = (promise: unknown) => {
      if (settled) throw new DOMException("Failed to execute 'waitUntil': the attempt already went ahead.", 'InvalidStateError');
      pending.push(Promise.resolve(promise));
    };
    const done = () => {
      settled = true;
      if (this.#preparation === preparation) this.#preparation = undefined;
    };
    // What the listeners set is read once they are done; a host that is unusable fails the attempt.
    const apply = () => {
      done();
      if (this.#member !== member) return;
      const options = socketOptions(this, this.ownerDocument.baseURI);
      if (typeof options === 'string') throw new Error(options);
      event.url = this.#url = options.url;
      event.protocols = options.protocols;
      this.#connectedHost = this.host;
    };
    try {
      this.dispatchEvent(new PyWebSocketConnectingEvent({attempt: event.attempt, url: event.url}, waitUntil));
    } finally {
      if (pending.length === 0) {
        try {
          apply();
        } catch (error) {
          event.waitUntil(Promise.reject(error));
        }
      }
    }
    if (pending.length === 0) return;
    const allOf = (count: number): Promise<unknown> => Promise.all(pending).then(() => (pending.length > count ? allOf(pending.length) : undefined));
    event.waitUntil(
      allOf(pending.length).then(apply, (reason) => {
        done();
        throw reason;
      })
    );
  }

  readonly #report = (message: string, error?: Error) => this.dispatchEvent(new PyWebSocketErrorEvent({message, error}));

  #showState(): void {
    this.#states.show(this.readyState, this.#reconnecting);
  }

  /** A socket that cannot be made is reported on a later task, like the native socket's events, so handlers bound right after connecting hear it. */
  #reportSoon(message: string, error?: Error): void {
    this.#pendingError = setTimeout(() => this.#report(message, error));
  }

  /** Hands queued messages back in a `giveup` event: always when retries ran out, otherwise only if any were queued. */
  #giveUp(retriesRanOut: boolean, unsent: SocketData[], attempts: number): void {
    if (retriesRanOut || unsent.length > 0) this.dispatchEvent(new PyWebSocketGiveupEvent({attempts, unsent}));
  }

  #whyClosed(): string {
    if (this.#closedByUser) return 'close() was called.';
    if (!this.#hasHost()) return 'no host is set.';
    if (!this.#url && this.manual) return 'the element is manual: call connect() first.';
    return 'the connection is closed: call connect() to open a new one.';
  }

  /**
   * An element moved into another realm's document (a frame's) is not removed when that
   * document goes away (the frame removed): it leaves when the document's page is hidden for good.
   */
  #watchDocument(): void {
    this.#documentWatch?.abort();
    const view = this.ownerDocument.defaultView;
    if (!view || view === (globalThis as unknown)) return;
    const watch = (this.#documentWatch = new AbortController());
    view.addEventListener('pagehide', (event) => event.persisted || this.#stop(), {signal: watch.signal});
  }

  /**
   * The back/forward cache: the socket closes as the page goes in (1000 "page hidden", the
   * queue kept) and reconnects at once when it comes back (see ReconnectingSocket.suspend).
   */
  #watchPage(): void {
    this.#pageWatch?.abort();
    const view = this.ownerDocument.defaultView;
    if (!view) return;
    const watch = (this.#pageWatch = new AbortController());
    view.addEventListener('pagehide', (event) => event.persisted && this.#hub?.socket.suspend?.(), {signal: watch.signal});
    view.addEventListener('pageshow', (event) => event.persisted && this.#hub?.socket.resume?.(), {signal: watch.signal});
  }

  /** Lets go of the socket quietly; returns what this element had queued there. */
  #unlink(): SocketData[] {
    const unsent = this.#hub?.release(this.#member!) ?? [];
    this.#hub = this.#member = undefined;
    return unsent;
  }

  /** Stops for good and leaves nothing behind: no socket, no timer, no listener. */
  #stop(): void {
    this.#documentWatch?.abort();
    this.#pageWatch?.abort();
    this.#preparation = undefined;
    this.#pending = this.#hostChanging = this.#connectAfterLoad = false;
    clearTimeout(this.#pendingError);
    const unsent = [...this.#unlink(), ...this.#held.takeAll()];
    this.#reconnecting = false;
    this.#showState();
    this.#giveUp(false, unsent, 0);
    // A giveup handler may have called connect(): out of the document, that cannot stand.
    if (!this.isConnected) this.#unlink();
    this.#showState();
  }
}
