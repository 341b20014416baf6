import type {SocketData} from '../socket/data.js';
import type {SocketEvent} from '../socket/events.js';
import {ReconnectingSocket, type SocketOptions} from '../socket/reconnecting-socket.js';
import {CLOSED} from '../socket/state.js';
import type {HubMember, Membership} from '../sharing/hub.js';

/**
 * The socket of an element that does not share: what a hub is to its members (see
 * SocketHub, which sharing brings along when it loads), for the one member there is.
 * The member's sends carry it as their sender, so what it queued is its own to take back.
 */
export class OwnSocket implements Membership {
  readonly socket: ReconnectingSocket;
  #member?: HubMember;

  constructor(options: SocketOptions) {
    this.socket = new ReconnectingSocket(options, (event) => this.#heard(event));
  }

  join(member: HubMember): void {
    this.#member = member;
  }

  start(): void {
    if (this.socket.state === 'closed' && this.#member) this.socket.connect();
  }

  readyStateOf(member: HubMember): number {
    return member === this.#member ? this.socket.readyState : CLOSED;
  }

  close(member: HubMember, code: number, reason: string): void {
    if (member === this.#member) this.socket.close(code, reason);
  }

  /** The member leaves without a word, with what it had queued; the socket stops. */
  release(member: HubMember): SocketData[] {
    if (member !== this.#member) return [];
    this.#member = undefined;
    const unsent = this.socket.queue.takeAll(member);
    this.socket.stop();
    return unsent;
  }

  #heard(event: SocketEvent): void {
    const member = this.#member;
    if (!member) return;
    if (event.type !== 'stopped') return member(event);
    // It stopped for good: the member leaves with everything it had queued.
    this.#member = undefined;
    member({...event, unsent: [...event.unsent, ...this.socket.queue.takeAll(member)]});
  }
}
