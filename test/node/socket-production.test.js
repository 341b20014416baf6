// API.md "Reconnecting" for production: the `connecting` hook, retry hints, the reconnect
// policy after a restart and the back/forward cache, held by the built socket core on a
// virtual clock. Promises passed to waitUntil() settle in microtasks, so the tests let them
// run (`settle()`) where a real page would.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {ReconnectingSocket} from '../../lib/socket/index.js';
import {recorder, seeded, virtualEnvironment} from './fakes/virtual-environment.js';

const url = 'ws://server.test/feed';
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup({options = {}, server, random, on} = {}) {
  const world = virtualEnvironment({server, random});
  const heard = recorder({on});
  const socket = new ReconnectingSocket({url, ...options}, heard.listener, {environment: world.environment});
  heard.attach(socket);
  return {...world, ...heard, socket};
}


describe('the connecting hook', () => {
  it('comes before every attempt, numbered 0 for connect() and then as in reconnecting', () => {
    const {socket, clock, all} = setup({options: {maxRetries: 3}, server: (s) => s.refuseAfter(5)});
    socket.connect();
    clock.advanceUntil(() => socket.state === 'closed');
    assert.deepEqual(all('connecting').map((event) => event.attempt), [0, 1, 2, 3]);
    assert.deepEqual(all('reconnecting').map((event) => event.attempt), [1, 2, 3]);
  });

  it('uses the URL and protocols a listener sets during dispatch, for that attempt', () => {
    const {socket, clock, sockets} = setup({
      options: {maxRetries: 2},
      server: (s) => s.refuseAfter(5),
      on(event) {
        if (event.type !== 'connecting') return;
        event.url = `${url}?token=${event.attempt}`;
        event.protocols = [`v${event.attempt}`];
      },
    });
    socket.connect();
    clock.advanceUntil(() => socket.state === 'closed');
    assert.deepEqual(sockets.map((s) => s.url), [`${url}?token=0`, `${url}?token=1`, `${url}?token=2`]);
    assert.deepEqual(sockets.map((s) => s.protocols), [['v0'], ['v1'], ['v2']]);
  });

  it('waits for every waitUntil() promise, also one passed while another is pending, and uses what they set', async () => {
    let release;
    const {socket, sockets, clock} = setup({
      options: {connectTimeout: 0},
      on(event) {
        if (event.type !== 'connecting') return;
        event.waitUntil(
          new Promise((resolve) => (release = resolve)).then(() => {
            event.waitUntil(Promise.resolve().then(() => (event.url = `${url}?token=fresh`)));
          })
        );
      },
    });
    socket.connect();
    await settle();
    clock.advance(20_000);
    assert.equal(sockets.length, 0, 'no socket while the promise is pending');
    assert.equal(socket.state, 'preparing');
    release();
    await settle();
    assert.deepEqual(sockets.map((s) => s.url), [`${url}?token=fresh`]);
    clock.advance(10);
    assert.equal(socket.state, 'open');
  });

  it('turns a rejected promise into an error naming it and a failed attempt, and goes on backing off', async () => {
    let calls = 0;
    const {socket, clock, sockets, types, all, last} = setup({
      options: {maxRetries: 2},
      on(event) {
        if (event.type === 'connecting') event.waitUntil(calls++ < 2 ? Promise.reject(new Error('token service down')) : Promise.resolve());
      },
    });
    socket.connect();
    await settle();
    assert.match(last('error').message, /waitUntil\(\) promise was rejected: Error: token service down/);
    assert.equal(sockets.length, 0);
    assert.equal(socket.state, 'waiting');
    for (let i = 0; i < 2; i++) {
      clock.advanceUntil(() => socket.state === 'preparing');
      await settle();
    }
    clock.advance(10);
    assert.equal(socket.state, 'open');
    assert.deepEqual(types(), ['error', 'close', 'reconnecting', 'error', 'close', 'reconnecting', 'open']);
    assert.deepEqual(all('reconnecting').map((event) => event.attempt), [1, 2]);
    assert.equal(sockets.length, 1);
  });

  it('gives up after max-retries when the promise always rejects: the loop never stalls', async () => {
    const {socket, clock, last} = setup({
      options: {maxRetries: 3},
      on(event) {
        if (event.type === 'connecting') event.waitUntil(Promise.reject(new Error('no')));
      },
    });
    socket.connect();
    for (let i = 0; i < 10 && socket.state !== 'closed'; i++) {
      await settle();
      if (socket.state === 'waiting') clock.advanceUntil(() => socket.state !== 'waiting');
    }
    assert.equal(socket.state, 'closed');
    assert.equal(last('stopped').attempts, 3);
    assert.equal(last('stopped').retriesRanOut, true);
  });

  it('fails a promise slower than connect-timeout, and goes on', async () => {
    const {socket, clock, last, sockets} = setup({
      options: {connectTimeout: 2000, maxRetries: 1},
      on(event) {
        if (event.type === 'connecting' && event.attempt === 0) event.waitUntil(new Promise(() => {}));
      },
    });
    socket.connect();
    await settle();
    clock.advance(1999);
    assert.equal(socket.state, 'preparing');
    clock.advance(1);
    assert.match(last('error').message, /did not settle within 2000 ms/);
    assert.equal(socket.state, 'waiting');
    clock.advanceUntil(() => socket.state === 'open');
    assert.equal(sockets.length, 1);
  });

  it('bounds the wait by 30 s without a connect-timeout', async () => {
    const {socket, clock, last} = setup({
      options: {connectTimeout: 0},
      on(event) {
        if (event.type === 'connecting' && event.attempt === 0) event.waitUntil(new Promise(() => {}));
      },
    });
    socket.connect();
    await settle();
    clock.advance(29_999);
    assert.equal(socket.state, 'preparing');
    clock.advance(1);
    assert.match(last('error').message, /within 30000 ms/);
    socket.stop();
  });

  it('drops a preparation that close() or stop() ended: its promise changes nothing later', async () => {
    let release;
    const {socket, sockets, types} = setup({
      on(event) {
        if (event.type === 'connecting') event.waitUntil(new Promise((resolve) => (release = resolve)));
      },
    });
    socket.send('kept');
    socket.connect();
    socket.close(1000, '');
    release();
    await settle();
    assert.equal(sockets.length, 0);
    assert.equal(socket.state, 'closed');
    assert.deepEqual(types(), ['stopped']);
  });

  it('refuses waitUntil() once the attempt went ahead', () => {
    let kept;
    const {socket} = setup({on: (event) => event.type === 'connecting' && (kept = event)});
    socket.connect();
    assert.throws(() => kept.waitUntil(Promise.resolve()), {name: 'InvalidStateError'});
    socket.stop();
  });
});

/**
 * A socket whose first connection opens and is closed by the server with `code` and
 * `reason`, and whose every later attempt is refused; run until it stops.
 */
function closedThenRefused(code, reason, maxRetries) {
  const world = {count: 0};
  const result = setup({
    options: {maxRetries},
    random: () => 0.5,
    server: (s) => {
      if (world.count++ === 0) {
        s.acceptAfter(10);
        world.closeLater = () => s.serverClose(code, reason);
      } else s.refuseAfter(5);
    },
  });
  result.socket.connect();
  result.clock.advance(10);
  world.closeLater();
  result.clock.advanceUntil(() => result.socket.state === 'closed');
  return result;
}

describe('retry hints', () => {
  /** A server that accepts every socket; the test closes the first with `code` and `reason` once it is open. */
  const firstClosedWith = (code, reason, world) => (s) => {
    s.acceptAfter(10);
    if (world.count++ === 0) world.closeLater = () => s.serverClose(code, reason);
  };

  function hinted(code, reason, options = {}, random = () => 0.5) {
    const world = {count: 0};
    const setupResult = setup({options, server: firstClosedWith(code, reason, world), random});
    setupResult.socket.connect();
    setupResult.clock.advance(10);
    world.closeLater();
    return setupResult;
  }

  it('waits what retry-after=S says, past reconnect-max-delay, and says so in reconnecting', () => {
    const {socket, clock, sockets, last} = hinted(1012, 'restart; retry-after=20', {reconnectMaxDelay: 15000});
    assert.equal(last('reconnecting').delay, 20000);
    clock.advance(19_999);
    assert.equal(sockets.length, 1);
    clock.advance(1);
    assert.equal(sockets.length, 2);
    socket.stop();
  });

  it('draws the wait uniformly in [S1, S2] for retry-after=S1-S2', () => {
    for (const [draw, expected] of [[0, 5000], [0.5, 12500], [0.999, 19985]]) {
      const {socket, last} = hinted(1013, 'overloaded retry-after=5-20', {}, () => draw);
      assert.equal(last('reconnecting').delay, expected, `draw ${draw}`);
      socket.stop();
    }
  });

  it('counts a hint over 10 minutes as 10 minutes', () => {
    const {socket, last} = hinted(1012, 'retry-after=86400');
    assert.equal(last('reconnecting').delay, 600_000);
    socket.stop();
  });

  it('backs off from the start after a hinted wait, and uses the backoff again for later attempts', () => {
    const {all} = closedThenRefused(1012, 'retry-after=3', 4);
    assert.deepEqual(all('reconnecting').map((event) => event.delay), [3000, 1000, 2000, 4000]);
    assert.deepEqual(all('reconnecting').map((event) => event.attempt), [1, 2, 3, 4]);
  });

  it('changes nothing on a final close', () => {
    const {socket, types} = hinted(1000, 'retry-after=5');
    assert.equal(socket.state, 'closed');
    assert.deepEqual(types(), ['open', 'close', 'stopped']);
  });

  it('ignores what is not a hint (the backoff decides)', () => {
    const {socket, last} = hinted(1001, 'retry-after=5s', {}, () => 0.5);
    assert.equal(last('reconnecting').delay, 500);
    socket.stop();
  });
});

describe('the reconnect policy', () => {
  it('defaults to 1000 ms / 15000 ms', () => {
    const {socket} = setup();
    assert.equal(socket.options.reconnectDelay, 1000);
    assert.equal(socket.options.reconnectMaxDelay, 15000);
  });

  for (const code of [1012, 1013]) {
    it(`spreads the first wait after a ${code} over the whole [0, max] range, then stays there`, () => {
      const {all} = closedThenRefused(code, 'restart', 3);
      assert.deepEqual(all('reconnecting').map((event) => event.delay), [7500, 7500, 7500]);
      assert.deepEqual(all('reconnecting').map((event) => event.attempt), [1, 2, 3], 'max-retries counts attempts as before');
    });
  }

  it('backs off from the start after a 1006 or 1001', () => {
    for (const code of [1001, 1006]) {
      const {all} = closedThenRefused(code, '', 3);
      assert.deepEqual(all('reconnecting').map((event) => event.delay), [500, 1000, 2000], `code ${code}`);
    }
  });

  it('keeps every wait within [0, min(max, base * 2^(n-1))] or a hint, for seeded random ends', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = seeded(seed);
      const codes = [1001, 1006, 1011, 1012, 1013];
      const world = virtualEnvironment({random, server: (s) => (random() < 0.5 ? s.refuseAfter(5) : s.acceptAfter(10))});
      const delays = [];
      const socket = new ReconnectingSocket({url, maxRetries: 30, minUptime: 1e9}, (event) => event.type === 'reconnecting' && delays.push(event), {environment: world.environment});
      socket.connect();
      for (let i = 0; i < 40 && socket.state !== 'closed'; i++) {
        world.clock.advanceUntil(() => socket.state === 'open' || socket.state === 'closed' || (socket.state === 'waiting' && delays.length > i));
        if (socket.state === 'open') world.sockets.at(-1).serverClose(codes[Math.floor(random() * codes.length)], random() < 0.3 ? 'retry-after=2-4' : '');
      }
      for (const {delay, reason} of delays) {
        if (reason.includes('retry-after')) assert.ok(delay >= 2000 && delay <= 4000, `seed ${seed}: hinted ${delay}`);
        else assert.ok(Number.isInteger(delay) && delay >= 0 && delay <= 15000, `seed ${seed}: ${delay}`);
      }
      socket.stop();
    }
  });
});

describe('the back/forward cache', () => {
  it('closes with 1000 "page hidden" and says nothing as the page goes in; keeps the queue', () => {
    const {socket, clock, sockets, types} = setup();
    socket.connect();
    clock.advance(10);
    socket.suspend();
    socket.send('while hidden');
    assert.deepEqual(sockets[0].closedWith, {code: 1000, reason: 'page hidden'});
    clock.advance(60_000);
    assert.deepEqual(types(), ['open']);
    assert.equal(sockets.length, 1, 'no reconnect while hidden');
    assert.equal(socket.queue.size, 1);
  });

  it('reports the end as 1001 "page hidden", clean, and reconnects without a wait when shown again', () => {
    const {socket, clock, sockets, types, last, events} = setup({random: () => 0.99});
    socket.connect();
    clock.advance(10);
    socket.suspend();
    socket.send('queued');
    clock.advance(1000);
    socket.resume();
    assert.deepEqual(
      {...last('close'), state: undefined},
      {type: 'close', code: 1001, reason: 'page hidden', wasClean: true, state: undefined}
    );
    assert.equal(last('reconnecting').delay, 0);
    clock.advance(0);
    assert.equal(sockets.length, 2);
    assert.equal(events.at(-1).type, 'connecting');
    clock.advance(10);
    assert.deepEqual(types(), ['open', 'close', 'reconnecting', 'open']);
    assert.deepEqual(sockets[1].sent, ['queued']);
  });

  it('stops a pending wait as the page goes in, and reconnects at once on return', () => {
    const {socket, clock, sockets, last} = setup({server: (s) => s.refuseAfter(5), random: () => 0.99});
    socket.connect();
    clock.advance(5);
    assert.equal(socket.state, 'waiting');
    socket.suspend();
    clock.advance(600_000);
    assert.equal(sockets.length, 1);
    socket.resume();
    assert.equal(last('reconnecting').delay, 0);
    assert.equal(last('reconnecting').attempt, 1);
    socket.stop();
  });

  it('does nothing when resumed without being suspended', () => {
    const {socket, clock, types} = setup();
    socket.connect();
    clock.advance(10);
    socket.resume();
    assert.deepEqual(types(), ['open']);
  });
});
