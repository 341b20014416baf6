import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {
  CLOSED,
  CLOSING,
  CONNECTING,
  isRetried,
  nextState,
  OPEN,
  readyStateOf,
  transitions,
  type SocketInput,
  type SocketState,
} from '../src/socket-state.js';

const states: SocketState[] = ['closed', 'connecting', 'open', 'closing', 'waiting'];
const inputs: SocketInput[] = [
  {type: 'connect'},
  {type: 'unusable'},
  {type: 'opened'},
  {type: 'ended', retry: true},
  {type: 'ended', retry: false},
  {type: 'close'},
  {type: 'due'},
  {type: 'prevented'},
  {type: 'stop'},
];
const name = (input: SocketInput) => (input.type === 'ended' ? `ended(retry=${input.retry})` : input.type);

/** Every state × input, as the socket's life is meant to go; anything unlisted leaves the state as it is. */
const expected: Record<SocketState, Record<string, SocketState>> = {
  closed: {connect: 'connecting', 'ended(retry=true)': 'waiting', 'ended(retry=false)': 'closed'},
  connecting: {
    connect: 'connecting',
    unusable: 'closed',
    opened: 'open',
    'ended(retry=true)': 'waiting',
    'ended(retry=false)': 'closed',
    close: 'closing',
    stop: 'closed',
  },
  open: {connect: 'connecting', 'ended(retry=true)': 'waiting', 'ended(retry=false)': 'closed', close: 'closing', stop: 'closed'},
  closing: {connect: 'connecting', 'ended(retry=true)': 'closed', 'ended(retry=false)': 'closed', stop: 'closed'},
  waiting: {connect: 'connecting', due: 'connecting', prevented: 'closed', close: 'closed', stop: 'closed'},
};

describe('socket states', () => {
  for (const state of states) {
    for (const input of inputs) {
      const to = expected[state][name(input)] ?? state;
      it(`${state} --${name(input)}--> ${to}`, () => {
        expect(nextState(state, input)).to.equal(to);
      });
    }
  }

  it('lists no transition for an input nothing sends in that state', () => {
    for (const state of states) {
      for (const type of Object.keys(transitions[state])) {
        expect(inputs.some((input) => input.type === type), `${state}: ${type}`).to.equal(true);
      }
    }
  });

  it('shows WebSocket readyState values: waiting is CONNECTING, open is what the socket says', () => {
    expect(readyStateOf('closed')).to.equal(CLOSED);
    expect(readyStateOf('connecting')).to.equal(CONNECTING);
    expect(readyStateOf('waiting')).to.equal(CONNECTING);
    expect(readyStateOf('open')).to.equal(OPEN);
    expect(readyStateOf('open', CLOSING), 'the server began closing').to.equal(CLOSING);
    expect(readyStateOf('closing')).to.equal(CLOSING);
  });

  it('retries a retried close code while attempts are left', () => {
    expect(isRetried(true, 0, Infinity)).to.equal(true);
    expect(isRetried(true, 2, 3)).to.equal(true);
    expect(isRetried(true, 3, 3)).to.equal(false);
    expect(isRetried(true, 0, 0)).to.equal(false);
    expect(isRetried(false, 0, Infinity)).to.equal(false);
  });
});
