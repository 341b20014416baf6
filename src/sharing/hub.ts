import type {SocketData} from '../socket/data.js';
import type {SocketEvent, SocketListener, StoppedDetail} from '../socket/events.js';
import type {HubSocket, SocketOptions} from '../socket/reconnecting-socket.js';
import type {Sender} from '../socket/send-queue.js';
import {core} from './core.js';

/**
 * A member (an element) hears its socket as it would a socket of its own: every event, the
 * same value. Setting `prevented` on a `reconnecting` event makes this member leave (the
 * socket goes on for the others); its `stopped` carries what it had queued.
 */
export type HubMember = SocketListener;

/** What an element asks of its socket's hub: a SocketHub when it shares, else an OwnSocket. */
export interface Membership {
  readonly socket: HubSocket;
  join(member: HubMember): void;
  /** Opens the socket if nothing has yet. */
  start(): void;
  readyStateOf(member: HubMember): number;
  close(member: HubMember, code: number, reason: string): void;
  /** `member` leaves without a word; returns what it had queued. */
  release(member: HubMember): SocketData[];
}

/** Hands `unsent` back to the member that sent it, after it left (see TabSocket). */
export type Returned = (unsent: SocketData[], sender: Sender | undefined) => void;

/**
 * One reconnecting socket and the members that use it: each hears every event of the
 * socket, sends through it in its own order, and leaves alone (its close(), removal or a
 * host change) with the events it would get from a socket of its own. The socket closes
 * when the last member leaves. (An element that does not share has an OwnSocket instead.)
 */
export class SocketHub implements Membership {
  readonly socket: HubSocket;
  /** Members in the order they joined; `true` for one whose own close() is under way. */
  #members = new Map<HubMember, boolean>();
  /** What each member whose own close() is under way had queued, taken at its close(). */
  #closing = new Map<HubMember, SocketData[]>();
  #onEmpty: () => void;

  /** `socketFor` makes the hub's socket (a ReconnectingSocket unless said otherwise). */
  constructor(
    options: SocketOptions,
    onEmpty: () => void = () => {},
    socketFor: (listener: SocketListener, returned: Returned) => HubSocket = (listener) => new core.ReconnectingSocket(options, listener)
  ) {
    this.socket = socketFor((event) => this.#heard(event), (unsent, sender) => this.#returned(unsent, sender));
    this.#onEmpty = onEmpty;
  }

  /** Adds a member; one that joins an open socket hears `open` as it would from a socket of its own. */
  join(member: HubMember): void {
    this.#members.set(member, false);
    if (this.socket.state === 'open') {
      // As from a socket of its own: open comes on a later task, once listeners are in place.
      setTimeout(() => this.#attached(member) && this.socket.state === 'open' && member({type: 'open'}));
    }
  }

  /** Opens the socket if nothing has yet (the first member joined). */
  start(): void {
    if (this.socket.state === 'closed' && this.#count() > 0) this.socket.connect();
  }

  /** The readyState `member` sees: the socket's, CLOSING while its own close() is under way, CLOSED once it left. */
  readyStateOf(member: HubMember): number {
    const closing = this.#members.get(member);
    return closing === undefined ? core.CLOSED : closing ? core.CLOSING : this.socket.readyState;
  }

  /** Closes for `member`: the socket itself when no one else uses it. */
  close(member: HubMember, code: number, reason: string): void {
    if (!this.#attached(member)) return;
    if (this.#count() === 1) {
      // The socket is closing for good: an element that comes for the same URL now gets a new one.
      this.#onEmpty();
      this.socket.close(code, reason);
      return;
    }
    // The others keep the socket: this member alone gets the end a socket of its own would give.
    // What it queued is taken now: the socket may open before its close event, and must not send it.
    this.#members.set(member, true);
    this.#closing.set(member, this.socket.queue.takeAll(member));
    this.socket.forget?.(member);
    setTimeout(() => {
      const unsent = this.#closing.get(member);
      if (!unsent) return; // released meanwhile, with what it had queued
      this.#closing.delete(member);
      this.#members.delete(member);
      member({type: 'close', code, reason, wasClean: true});
      member({type: 'stopped', attempts: 0, retriesRanOut: false, unsent});
    });
  }

  /** `member` leaves without a word; returns what it had queued. The socket stops when it was the last. */
  release(member: HubMember): SocketData[] {
    const unsent = [...(this.#closing.get(member) ?? []), ...this.#drop(member)];
    this.#closing.delete(member);
    this.socket.forget?.(member);
    if (this.#count() === 0) {
      this.socket.stop();
      this.#onEmpty();
    }
    return unsent;
  }

  /** The socket's event, passed on to every member attached now (a member may leave or join meanwhile). */
  #heard(event: SocketEvent): void {
    const members = [...this.#members.keys()].filter((member) => this.#attached(member));
    switch (event.type) {
      case 'connecting':
        // The element that opened the socket prepares every attempt (the first still attached, once it left).
        if (members.length > 0) members[0](event);
        return;
      case 'message': {
        // Each member gets an ArrayBuffer of its own, copied before any listener runs: one that
        // transfers or writes into its buffer changes nothing the others see.
        const {data} = event;
        const copies = members.map((_, i) => (i > 0 && core.isArrayBuffer(data) ? {...event, data: data.slice(0)} : event));
        members.forEach((member, i) => this.#attached(member) && member(copies[i]));
        return;
      }
      case 'reconnecting':
        for (const member of members) {
          if (!this.#attached(member)) continue;
          const own = {...event, prevented: false};
          member(own);
          if (own.prevented) this.#leave(member, {attempts: event.attempt - 1, retriesRanOut: false});
        }
        // No member wants it any more: the socket stops.
        if (this.#count() === 0) event.prevented = true;
        return;
      case 'stopped':
        for (const member of members) this.#leave(member, event);
        if (this.#count() === 0) this.#onEmpty();
        return;
      default:
        for (const member of members) if (this.#attached(member)) member(event);
    }
  }

  /** What a member sent before it left, and that came back unsent later: it hears of it in a `stopped` of its own. */
  #returned(unsent: SocketData[], sender: Sender | undefined): void {
    (sender as HubMember | undefined)?.({type: 'stopped', attempts: 0, retriesRanOut: false, unsent});
  }

  /** Lets `member` go for good, handing back what it had queued. */
  #leave(member: HubMember, {attempts, retriesRanOut}: Omit<StoppedDetail, 'unsent'>): void {
    if (this.#attached(member)) member({type: 'stopped', attempts, retriesRanOut, unsent: this.#drop(member)});
  }

  #drop(member: HubMember): SocketData[] {
    this.#members.delete(member);
    return this.socket.queue.takeAll(member);
  }

  #attached(member: HubMember): boolean {
    return this.#members.get(member) === false;
  }

  /** Members still attached (not leaving by their own close()). */
  #count(): number {
    let count = 0;
    for (const closing of this.#members.values()) if (!closing) count++;
    return count;
  }
}
