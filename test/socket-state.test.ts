import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {
  CLOSED,
  CLOSING,
  CONNECTING,
  isRetried,
  OPEN,
  readyStateOf,
  transition,
  type SocketInput,
  type SocketState,
} from '../src/socket/state.js';

const states: SocketState[] = ['closed', 'preparing', 'connecting', 'open', 'closing', 'waiting', 'suspended'];
const inputs: SocketInput[] = [
  {type: 'connect'},
  {type: 'prepared'},
  {type: 'refused', retry: true},
  {type: 'refused', retry: false},
  {type: 'unusable'},
  {type: 'opened'},
  {type: 'failed'},
  {type: 'ended', retry: true},
  {type: 'ended', retry: false},
  {type: 'takeover', retry: true},
  {type: 'takeover', retry: false},
  {type: 'close'},
  {type: 'wait'},
  {type: 'prevented'},
  {type: 'due'},
  {type: 'stop'},
  {type: 'suspend'},
  {type: 'resume'},
];
const name = (input: SocketInput) => ('retry' in input ? `${input.type}(retry=${input.retry})` : input.type);
/** States with a socket of their own. */
const withSocket = new Set<SocketState>(['connecting', 'open', 'closing']);

describe('socket states', () => {
  // The rules of API.md "Reconnecting" that the table alone decides.
  it('retries an end it is told to: the close event, then the reconnecting decision', () => {
    for (const from of ['connecting', 'open'] as const) {
      expect(transition(from, {type: 'ended', retry: true})).to.deep.equal({next: 'waiting', effects: ['emit-close', 'decide']});
      expect(transition(from, {type: 'ended', retry: false})).to.deep.equal({next: 'closed', effects: ['emit-close', 'emit-stopped']});
    }
  });

  it("makes the end of the user's close() final, whatever its code", () => {
    expect(transition('closing', {type: 'ended', retry: true})).to.deep.equal({next: 'closed', effects: ['emit-close', 'emit-stopped']});
  });

  it('reports no error while the user closes', () => {
    expect(transition('closing', {type: 'failed'})).to.equal(undefined);
  });

  it('takes over a socket held elsewhere only when it has none of its own', () => {
    expect(transition('closed', {type: 'takeover', retry: true})?.next).to.equal('waiting');
    for (const state of states.filter((state) => state !== 'closed')) expect(transition(state, {type: 'takeover', retry: true}), state).to.equal(undefined);
  });

  it('sends the queue before the open event', () => {
    expect(transition('connecting', {type: 'opened'})).to.deep.equal({next: 'open', effects: ['flush', 'emit-open']});
  });

  // Properties over every (state, input): an edit of the table that breaks one fails here.
  for (const state of states) {
    for (const input of inputs) {
      const step = transition(state, input);
      if (!step) continue;
      const {next, effects} = step;
      it(`${state} --${name(input)}--> ${next} [${effects.join(', ')}]`, () => {
        if (withSocket.has(state) && !withSocket.has(next) && input.type !== 'ended') {
          // Leaving a socket other than at its end: it goes quietly, and nothing is left behind.
          // (Into the back/forward cache: with a goodbye of its own, `hide`.)
          expect(effects[0]).to.equal(input.type === 'suspend' ? 'hide' : 'release');
        }
        if (next === 'connecting' && input.type !== 'failed') expect(effects.at(-1), 'a socket is made once the attempt is prepared').to.equal('create');
        if (next === 'preparing' && state !== 'preparing') expect(effects.at(-1), 'every attempt is announced first').to.equal('prepare');
        if (next === 'closed' && input.type !== 'stop' && input.type !== 'connect') {
          expect(effects.at(-1), 'stopping for good is said last').to.equal('emit-stopped');
        }
        if (input.type === 'stop') expect(step).to.deep.equal({next: 'closed', effects: ['release']});
        if (input.type === 'connect') expect(step).to.deep.equal({next: 'preparing', effects: ['release', 'prepare']});
        if (input.type === 'suspend') expect(step).to.deep.equal({next: 'suspended', effects: ['hide']});
        expect(effects.includes('emit-close'), 'a close event comes only from an end').to.equal(['ended', 'takeover', 'refused', 'resume'].includes(input.type));
      });
    }
  }

  it('shows WebSocket readyState values: waiting is CONNECTING, open is what the socket says', () => {
    expect(readyStateOf('closed')).to.equal(CLOSED);
    expect(readyStateOf('connecting')).to.equal(CONNECTING);
    expect(readyStateOf('waiting')).to.equal(CONNECTING);
    expect(readyStateOf('preparing'), 'an attempt being prepared').to.equal(CONNECTING);
    expect(readyStateOf('suspended'), 'a socket comes when the page is shown again').to.equal(CONNECTING);
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
