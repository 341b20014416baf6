/**
 * The life of a reconnecting socket, in one place: its states, what moves it from one to
 * the next, and the readyState each state shows. `ReconnectingSocket` only reacts to the
 * state it is in; everything it may do next is written in `transitions`.
 *
 *   closed      no socket and nothing will happen by itself (before connect(), after a
 *               final end, the user's close(), giving up, or stop())
 *   connecting  a socket is in its handshake
 *   open        the socket is open (the server may have begun closing it)
 *   closing     the user's close() is under way: final once the socket ends
 *   waiting     an end will be retried: waiting out the backoff (or the browser's offline time)
 */
export type SocketState = 'closed' | 'connecting' | 'open' | 'closing' | 'waiting';

export type SocketInput =
  /** connect(): any socket or wait there is goes, quietly; a new socket starts. */
  | {type: 'connect'}
  /** The socket could not even be created (an unusable URL, protocols the browser refuses). */
  | {type: 'unusable'}
  /** The handshake succeeded. */
  | {type: 'opened'}
  /**
   * The socket ended (or was given up as dead): `retry` says whether the reconnect policy
   * retries this end. From `closed` it is the end of a socket held elsewhere (a shared one).
   */
  | {type: 'ended'; retry: boolean}
  /** The user's close(). */
  | {type: 'close'}
  /** The wait before a reconnect attempt is over. */
  | {type: 'due'}
  /** A `reconnecting` listener called preventDefault(). */
  | {type: 'prevented'}
  /** Let go without a word: no event follows (removal, a host change). */
  | {type: 'stop'};

type Next = SocketState | ((input: SocketInput) => SocketState);

const retryOrClose: Next = (input) => (input.type === 'ended' && input.retry ? 'waiting' : 'closed');

/** Every transition there is; an input a state does not list leaves it as it is. */
export const transitions: Record<SocketState, Partial<Record<SocketInput['type'], Next>>> = {
  closed: {connect: 'connecting', ended: retryOrClose},
  connecting: {connect: 'connecting', unusable: 'closed', opened: 'open', ended: retryOrClose, close: 'closing', stop: 'closed'},
  open: {connect: 'connecting', ended: retryOrClose, close: 'closing', stop: 'closed'},
  closing: {connect: 'connecting', ended: 'closed', stop: 'closed'},
  waiting: {connect: 'connecting', due: 'connecting', prevented: 'closed', close: 'closed', stop: 'closed'},
};

export function nextState(state: SocketState, input: SocketInput): SocketState {
  const next = transitions[state][input.type];
  if (next === undefined) return state;
  return typeof next === 'function' ? next(input) : next;
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
    case 'connecting':
    case 'waiting':
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
