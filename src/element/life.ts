import type {HubMember, Membership} from '../sharing/hub.js';
import {CLOSED, CONNECTING} from '../socket/state.js';

/** The element's socket: a hub (a shared one, or its OwnSocket) and the element's place in it. */
export interface Link {
  hub: Membership;
  member: HubMember;
  /** A retried end was heard, and no open since (the `reconnecting` CSS state). */
  retrying: boolean;
  /** While preparing: the attempt whose `connecting` listeners run (an earlier one's promises may still settle). */
  preparation?: object;
}

/**
 * The element's own life; `readyState` and the CSS states follow from it and the socket.
 *   idle           no socket, and nothing will happen by itself
 *   closed         the same, after the element's own close()
 *   pending        it connects at the coming update, once every attribute has landed
 *   loading        connect() waits for sharing (`share`) to load
 *   linked         it follows its socket
 *   preparing      its `connecting` listeners run: a host set now is that attempt's
 *   changing-host  `host` changed: sends wait for the socket to the new one
 *   closing        its own close() is under way
 */
export type Life = {is: 'idle' | 'closed' | 'pending' | 'loading'} | ({is: 'linked' | 'preparing' | 'changing-host' | 'closing'} & Link);
export type Linked = Extract<Life, Link>;

/** The element's readyState: CONNECTING while a socket is coming, whatever its socket says. */
export function readyStateOf(life: Life): number {
  const state = 'hub' in life ? life.hub.readyStateOf(life.member) : CLOSED;
  return state === CLOSED && (life.is === 'pending' || life.is === 'loading' || life.is === 'changing-host') ? CONNECTING : state;
}

/** The life's link, if `member` is the element's current one. */
export function linkOf(life: Life, member: HubMember): Linked | undefined {
  return 'hub' in life && life.member === member ? life : undefined;
}

/** The element's own close() was called (and nothing has opened since). */
export function closedByUser(life: Life): boolean {
  return life.is === 'closing' || life.is === 'closed';
}

/** Why send() is refused, for its InvalidStateError. */
export function whySendIsRefused(life: Life, element: {host: string; manual: boolean; url: string}): string {
  if (closedByUser(life)) return 'close() was called.';
  if (!element.host.trim()) return 'no host is set.';
  if (!element.url && element.manual) return 'the element is manual: call connect() first.';
  return 'the connection is closed: call connect() to open a new one.';
}
