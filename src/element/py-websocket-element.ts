import type {PropertyDeclaration, PropertyValues} from '@lit/reactive-element';
import {checkCloseArguments} from './close-arguments.js';
import {dispatchConnecting} from './connecting.js';
import {SocketStates} from './custom-states.js';
import {listenForCommandsAndForms} from './declarative.js';
import {PyWebSocketProperties} from './element-properties.js';
import {PyWebSocketCloseEvent, PyWebSocketErrorEvent, PyWebSocketGiveupEvent} from './events.js';
import {encodeJson} from './json-format.js';
import {watchPage} from './page-watch.js';
import {socketData} from './send-argument.js';
import {dispatchSocketEvent} from './socket-events.js';
import {socketOptions} from './socket-options.js';
import {SendQueue} from '../socket/send-queue.js';
import type {SocketData} from '../socket/data.js';
import type {ConnectingEvent, SocketEvent, SocketEventOf} from '../socket/events.js';
import {loadSharing, sharing, sharingLoaded} from '../sharing/load.js';
import type {HubMember, Membership} from '../sharing/hub.js';
import {OwnSocket} from './own-socket.js';
import {CLOSED, CONNECTING, OPEN} from '../socket/state.js';
import {closedByUser, linkOf, readyStateOf, whySendIsRefused, type Life, type Linked} from './life.js';

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
  #life: Life = {is: 'idle'};
  /** Sends made while the element has no socket to hand them to (before its first update, during a host change). */
  #held = new SendQueue();
  /** The hub of the current or last socket: `protocol` and `extensions` still read from it after it closed. */
  #lastHub?: Membership;
  /** The host of the last connect(), to tell a real host change from the first update. */
  #connectedHost = '';
  #url = '';
  /** Set between removal and the end of the task: a re-insertion then is a move, not a new start. */
  #leaving = false;
  #pendingError?: ReturnType<typeof setTimeout>;
  #pageWatch?: AbortController;
  #states = new SocketStates(this);

  constructor() {
    super();
    listenForCommandsAndForms(this, this.#report);
    this.#show();
  }

  /** `CONNECTING` (also while waiting to reconnect), `OPEN`, `CLOSING` or `CLOSED` (only when nothing more will happen by itself). */
  get readyState(): number {
    return readyStateOf(this.#life);
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
    return this.readyState === OPEN ? this.#lastHub!.socket.bufferedAmount : 0;
  }

  /** How many messages wait for the socket to open. */
  get queued(): number {
    const life = this.#life;
    return this.#held.size + ('hub' in life ? life.hub.socket.queue.countOf(life.member) : 0);
  }

  /** Opens (or re-opens) the socket to `host`. A bad host is reported by an `error` event, never thrown. */
  connect(): void {
    clearTimeout(this.#pendingError);
    this.#held.unshift(this.#unlink());
    this.#connectedHost = this.host;
    const options = socketOptions(this, this.ownerDocument.baseURI);
    if (typeof options === 'string') {
      this.#reportSoon(options);
      return this.#end('idle', this.#held.takeAll());
    }
    this.#url = options.url;
    const scope = this.share;
    if (scope && !sharingLoaded(scope)) {
      // Sharing loads on first use; until then sends wait, as before the first update.
      this.#life = {is: 'loading'};
      loadSharing(scope).then(() => this.#life.is === 'loading' && this.connect());
      return this.#show();
    }
    const hub = (this.#lastHub = scope && sharing.module ? sharing.module.sharedHub(scope, options) : new OwnSocket(options));
    const member: HubMember = (event) => this.#heard(event, member);
    this.#life = {is: 'linked', hub, member, retrying: false};
    hub.join(member);
    this.#held.flush((data) => hub.socket.send(data, member), () => true);
    hub.start();
    this.#pageWatch?.abort();
    this.#pageWatch = watchPage(this, () => this.#socket(), () => this.#stop());
    this.#show();
  }

  /**
   * Sends now when open; otherwise queues it, to be sent in order at the next open.
   * Throws `InvalidStateError` when nothing would ever send it, `QuotaExceededError` when the queue is full.
   */
  send(data: unknown): void {
    // The argument is checked first, as the native send() checks it: a TypeError leaves the queue as it was.
    // With format="json", a value goes as its JSON text (a TypeError if it has none).
    const checked = this.format === 'json' && arguments.length > 0 ? encodeJson(data) : socketData(arguments);
    const life = this.#life;
    if (this.readyState === CLOSED || closedByUser(life)) {
      throw new DOMException(`Failed to execute 'send' on 'PyWebSocket': ${whySendIsRefused(life, this)}`, 'InvalidStateError');
    }
    if ('hub' in life && life.is !== 'changing-host') life.hub.socket.send(checked, life.member, this.queueLimit);
    else this.#held.push(checked, this.queueLimit);
  }

  /** Closes and does not reconnect; checks `code` and `reason` as the WebSockets standard's `close()` does. */
  close(code?: number, reason?: string): void {
    const checked = checkCloseArguments(code, reason);
    const life = this.#life;
    // A host change not applied yet does not connect afterwards: close() is final.
    this.#connectedHost = this.host;
    if ('hub' in life) {
      life.is = 'closing';
      life.hub.close(life.member, checked.code, checked.reason);
      return this.#show();
    }
    const unsent = this.#held.takeAll();
    if (life.is !== 'loading') return this.#end('closed', unsent);
    // connect() was waiting for sharing: the element leaves as from a shared socket, on a later task.
    this.#life = {is: 'closed'};
    this.#show();
    setTimeout(() => {
      this.dispatchEvent(new PyWebSocketCloseEvent({...checked, wasClean: true}));
      this.#giveUp(false, unsent, 0);
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const {is} = this.#life;
    if (this.#leaving) {
      // Removed and re-inserted in the same task: a move, which changes nothing.
      this.#leaving = false;
    } else if (this.#wantsAutoConnect() && (is === 'idle' || is === 'closed')) {
      this.#life = {is: 'pending'};
      this.requestUpdate();
      this.#show();
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
    if (name === 'host' && #life in this && oldValue !== this.host) {
      const life = this.#life;
      if (life.is === 'linked') life.is = 'changing-host';
      // (connect() waiting for sharing reads the host once sharing has loaded.)
      else if (!('hub' in life) && life.is !== 'loading' && this.#wantsAutoConnect()) this.#life = {is: 'pending'};
    }
    super.requestUpdate(name, oldValue, options);
  }

  /** An element with `share` updates (and so connects) once sharing has loaded. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const scope = this.share;
    return scope && !sharingLoaded(scope) ? loadSharing(scope).then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const life = this.#life;
    if (changed.has('binaryType') && 'hub' in life) life.hub.socket.binaryType = this.binaryType;
    const live = 'hub' in life && life.is !== 'closing';
    // What was set since insertion (`manual`, `host`) is judged now that it has landed.
    let connectNow = life.is === 'pending' && this.#wantsAutoConnect();
    // A host set while an attempt is being prepared is that attempt's (see #prepare).
    if (changed.has('host') && this.host !== this.#connectedHost && life.is !== 'preparing' && (live || this.#wantsAutoConnect())) connectNow = true;
    if (changed.get('manual') === true && !live && this.#wantsAutoConnect()) connectNow = true;
    if (life.is === 'pending') this.#life = {is: 'idle'};
    if (life.is === 'changing-host') life.is = 'linked'; // connect() below, if any, replaces the socket at once
    this.#show();
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

  /** The element's socket, while it has one. */
  #socket() {
    const life = this.#life;
    return 'hub' in life ? life.hub.socket : undefined;
  }

  /** What the socket tells this element (as `member`): its events, and its own life where that changes. */
  #heard(event: SocketEvent, member: HubMember): void {
    // Messages, the common case, change nothing of the element's own.
    if (event.type === 'message') return dispatchSocketEvent(this, event, this.#report);
    const link = linkOf(this.#life, member);
    if (event.type === 'connecting') return this.#prepare(event, member);
    if (event.type === 'stopped') return this.#stopped(event, link);
    if (event.type === 'error' && event.unusable) return this.#reportSoon(event.message, event.error);
    // Inside the close handlers of an end that will be retried, readyState already says CONNECTING.
    if (link && (event.type === 'open' || event.type === 'close')) link.retrying = event.type === 'close' && this.readyState === CONNECTING;
    if (event.type !== 'reconnecting') this.#show();
    dispatchSocketEvent(this, event, this.#report);
  }

  /**
   * The socket stopped for this element: what it had queued comes back in a `giveup`. A close
   * or reconnecting handler may have connected anew (or this member left long ago, and what it
   * sent came back unsent): then `link` is no longer the element's, and only the giveup is.
   */
  #stopped({unsent, retriesRanOut, attempts}: SocketEventOf<'stopped'>, link: Linked | undefined): void {
    if (link) {
      // A host change under way still connects at the update, to the new host.
      this.#life = {is: link.is === 'closing' ? 'closed' : link.is === 'changing-host' ? 'pending' : 'idle'};
      this.#show();
      // What was sent for a host that close() kept from connecting comes back too, after the rest.
      unsent = [...unsent, ...this.#held.takeAll()];
    }
    this.#giveUp(retriesRanOut, unsent, attempts);
  }

  /** The `connecting` event: the attempt goes to the host and protocols its listeners leave. */
  #prepare(event: ConnectingEvent, member: HubMember): void {
    const link = linkOf(this.#life, member);
    const preparation = {};
    if (link && link.is !== 'closing') {
      // A host set before the attempt is this attempt's too: what waited for it goes now.
      if (link.is === 'changing-host') this.#held.flush((data) => link.hub.socket.send(data, member), () => true);
      link.is = 'preparing';
      link.preparation = preparation;
    }
    const done = () => {
      const now = linkOf(this.#life, member);
      if (now?.is === 'preparing' && now.preparation === preparation) now.is = 'linked';
    };
    const apply = () => {
      if (!linkOf(this.#life, member)) return;
      const options = socketOptions(this, this.ownerDocument.baseURI);
      if (typeof options === 'string') throw new Error(options);
      event.url = this.#url = options.url;
      event.protocols = options.protocols;
      this.#connectedHost = this.host;
    };
    dispatchConnecting(this, event, apply, done);
  }

  readonly #report = (message: string, error?: Error) => this.dispatchEvent(new PyWebSocketErrorEvent({message, error}));

  #show(): void {
    const life = this.#life;
    this.#states.show(this.readyState, 'hub' in life && life.retrying);
  }

  /** A socket that cannot be made is reported on a later task, like the native socket's events, so handlers bound right after connecting hear it. */
  #reportSoon(message: string, error?: Error): void {
    this.#pendingError = setTimeout(() => this.#report(message, error));
  }

  /** Hands queued messages back in a `giveup` event: always when retries ran out, otherwise only if any were queued. */
  #giveUp(retriesRanOut: boolean, unsent: SocketData[], attempts: number): void {
    if (retriesRanOut || unsent.length > 0) this.dispatchEvent(new PyWebSocketGiveupEvent({attempts, unsent}));
  }

  /** Lets go of the socket quietly; returns what this element had queued there. */
  #unlink(): SocketData[] {
    const life = this.#life;
    this.#life = {is: 'idle'};
    return 'hub' in life ? life.hub.release(life.member) : [];
  }

  /** Ends in `is` with no socket, handing back `unsent`. */
  #end(is: 'idle' | 'closed', unsent: SocketData[]): void {
    this.#life = {is};
    this.#show();
    this.#giveUp(false, unsent, 0);
  }

  /** Stops for good and leaves nothing behind: no socket, no timer, no listener. */
  #stop(): void {
    this.#pageWatch?.abort();
    clearTimeout(this.#pendingError);
    const unsent = [...this.#unlink(), ...this.#held.takeAll()];
    this.#end('idle', unsent);
    // A giveup handler may have called connect(): out of the document, that cannot stand.
    if (!this.isConnected) this.#unlink();
    this.#show();
  }
}
