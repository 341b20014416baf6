/**
 * The life of a reconnecting socket, in one place: its states, the inputs that move it, and
 * for each (state, input) the next state and the effects that follow. `ReconnectingSocket`
 * carries the effects out; it does not look at the state it left.
 *
 *   closed      no socket and nothing will happen by itself (before connect(), after a
 *               final end, the user's close(), giving up, or stop())
 *   preparing   an attempt is about to be made: the `connecting` event, and the promises its
 *               listeners passed to waitUntil() (fresh credentials, another URL)
 *   connecting  a socket is in its handshake
 *   open        the socket is open (the server may have begun closing it)
 *   closing     the user's close() is under way: final once the socket ends
 *   waiting     an end will be retried: deciding whether to (the `reconnecting` event),
 *               then waiting out the backoff (or the device's offline time)
 *   suspended   the page went into the back/forward cache: the socket was closed (1000
 *               "page hidden"), the queue kept, and nothing happens until it is shown again
 */
export type SocketState = 'closed' | 'preparing' | 'connecting' | 'open' | 'closing' | 'waiting' | 'suspended';

export type SocketInput =
  /** connect(): any socket or wait there is goes, quietly; a new attempt starts. */
  | {type: 'connect'}
  /** The `connecting` listeners are done (their promises fulfilled): the socket can be made. */
  | {type: 'prepared'}
  /** A `connecting` promise was rejected or timed out: a failed attempt, retried like a refused connect. */
  | {type: 'refused'; retry: boolean}
  /** The socket could not even be created (an unusable URL, protocols the socket refuses). */
  | {type: 'unusable'}
  /** The handshake succeeded. */
  | {type: 'opened'}
  /** The connection failed or broke (a `close` follows). */
  | {type: 'failed'}
  /** The socket ended (or was given up as dead): `retry` says whether the reconnect policy retries this end. */
  | {type: 'ended'; retry: boolean}
  /** A socket held elsewhere (another tab's) ended and this one takes over, under the same rules. */
  | {type: 'takeover'; retry: boolean}
  /** The user's close(). */
  | {type: 'close'}
  /** Nobody prevented the reconnect: the wait starts. */
  | {type: 'wait'}
  /** A `reconnecting` listener prevented the reconnect. */
  | {type: 'prevented'}
  /** The wait before a reconnect attempt is over. */
  | {type: 'due'}
  /** Let go without a word: no event follows (removal, a host change). */
  | {type: 'stop'}
  /** The page went into the back/forward cache: close the socket, keep the queue, say nothing. */
  | {type: 'suspend'}
  /** The page came back from the back/forward cache: report the end and reconnect at once. */
  | {type: 'resume'};

/**
 * What follows a transition, in order:
 *   release          drop the socket and any wait or preparation, quietly (no close event)
 *   prepare          the `connecting` event, then `prepared` or `refused` once its promises settle
 *   create           make a new socket
 *   hide             close the socket with 1000 "page hidden", quietly (the back/forward cache)
 *   close-socket     start the socket's closing handshake (the rest happens at its close)
 *   flush            send the queue (before `open` is heard, so a send from an open listener lands after it)
 *   emit-open, emit-error, emit-close, emit-unusable   tell the listener
 *   decide           the `reconnecting` event: then `wait` or `prevented`
 *   start-wait       wait out the backoff
 *   emit-stopped     it stopped for good: hand back what is queued
 */
export type Effect =
  | 'release'
  | 'prepare'
  | 'create'
  | 'hide'
  | 'close-socket'
  | 'flush'
  | 'emit-open'
  | 'emit-error'
  | 'emit-unusable'
  | 'emit-close'
  | 'decide'
  | 'start-wait'
  | 'emit-stopped';

export interface Step {
  next: SocketState;
  effects: readonly Effect[];
}

const step = (next: SocketState, ...effects: Effect[]): Step => ({next, effects});
const reconnect = step('preparing', 'release', 'prepare');
const letGo = step('closed', 'release');
// (Steps are made once, here: a transition allocates nothing.)
const retriedEnd = step('waiting', 'emit-close', 'decide');
const finalEnd = step('closed', 'emit-close', 'emit-stopped');
const retriedRefusal = step('waiting', 'emit-error', 'emit-close', 'decide');
const finalRefusal = step('closed', 'emit-error', 'emit-close', 'emit-stopped');
/** An end: retried (the `reconnecting` event, then the wait) or final. */
const end = (input: SocketInput): Step => ('retry' in input && input.retry ? retriedEnd : finalEnd);
/** A refused preparation: an error, then an end as for a refused connect (a close 1006). */
const refused = (input: SocketInput): Step => ('retry' in input && input.retry ? retriedRefusal : finalRefusal);
/** Into the back/forward cache, keeping the queue. */
const suspend = step('suspended', 'hide');

type Rule = Step | ((input: SocketInput) => Step);

/** Every transition there is; an input a state does not list changes nothing and does nothing. */
export const transitions: Record<SocketState, Partial<Record<SocketInput['type'], Rule>>> = {
  closed: {connect: reconnect, takeover: end},
  preparing: {
    connect: reconnect,
    prepared: step('connecting', 'create'),
    refused,
    close: step('closed', 'release', 'emit-stopped'),
    stop: letGo,
    suspend,
  },
  connecting: {
    connect: reconnect,
    unusable: step('closed', 'release', 'emit-unusable', 'emit-stopped'),
    opened: step('open', 'flush', 'emit-open'),
    failed: step('connecting', 'emit-error'),
    ended: end,
    close: step('closing', 'close-socket'),
    stop: letGo,
    suspend,
  },
  open: {connect: reconnect, failed: step('open', 'emit-error'), ended: end, close: step('closing', 'close-socket'), stop: letGo, suspend},
  // The user closed: an error on the way is no news, and the end is final whatever its code.
  closing: {connect: reconnect, ended: step('closed', 'emit-close', 'emit-stopped'), stop: letGo},
  waiting: {
    connect: reconnect,
    wait: step('waiting', 'start-wait'),
    prevented: step('closed', 'emit-stopped'),
    due: step('preparing', 'prepare'),
    close: step('closed', 'release', 'emit-stopped'),
    stop: letGo,
    suspend,
  },
  // Shown again: the end the page did not hear while hidden, then a reconnect without a wait.
  suspended: {
    connect: reconnect,
    resume: step('waiting', 'emit-close', 'decide'),
    close: step('closed', 'emit-stopped'),
    stop: letGo,
  },
};

/** The next state and the effects for `input` in `state`; undefined when the state does not list it. */
export function transition(state: SocketState, input: SocketInput): Step | undefined {
  const rule = transitions[state][input.type];
  return typeof rule === 'function' ? rule(input) : rule;
}

/** WebSocket's readyState values. */
export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;

/**
 * The readyState a state shows: `waiting` is CONNECTING (a socket is coming), and `open`
 * is what the socket itself says (CLOSING once the server began closing it).
 */
export function readyStateOf(state: SocketState, socketReadyState = OPEN): number {
  switch (state) {
    case 'preparing':
    case 'connecting':
    case 'waiting':
    case 'suspended':
      return CONNECTING;
    case 'open':
      return socketReadyState;
    case 'closing':
      return CLOSING;
    case 'closed':
      return CLOSED;
  }
}

/** Whether an end is retried: a close code the policy retries, with attempts left. */
export function isRetried(retriedCode: boolean, attemptsMade: number, maxRetries: number): boolean {
  return retriedCode && attemptsMade < maxRetries;
}
