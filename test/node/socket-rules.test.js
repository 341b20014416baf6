// API.md "Reconnecting", held by the socket core alone (lib/socket/, as built) on a virtual
// clock with fake sockets: no server, no real time. The browser tests prove the same against
// real sockets; these pin the numbers down.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {ReconnectingSocket} from '../../lib/socket/index.js';
import {recorder, seeded, virtualEnvironment} from './fakes/virtual-environment.js';

const url = 'ws://server.test/feed';

/** A socket on a virtual clock; `server` decides what happens to each socket it makes. */
function setup({options = {}, server, random, prevent, on} = {}) {
  const world = virtualEnvironment({server, random});
  const heard = recorder({prevent, on});
  const socket = new ReconnectingSocket({url, ...options}, heard.listener, {environment: world.environment});
  heard.attach(socket);
  return {...world, ...heard, socket};
}

describe('reconnect delays', () => {
  it('waits a full-jitter backoff: uniform in [0, min(max, base * 2^(attempt-1))], whole ms', () => {
    for (const draw of [0, 0.25, 0.999]) {
      const {socket, clock, all} = setup({
        options: {reconnectDelay: 100, reconnectMaxDelay: 1000, maxRetries: 8},
        server: (s) => s.refuseAfter(5),
        random: () => draw,
      });
      socket.connect();
      clock.advanceUntil(() => socket.state === 'closed');
      const delays = all('reconnecting').map((event) => event.delay);
      const ceilings = [100, 200, 400, 800, 1000, 1000, 1000, 1000];
      assert.deepEqual(delays, ceilings.map((ceiling) => Math.round(draw * ceiling)), `draw ${draw}`);
    }
  });

  it('makes each attempt exactly its delay after the end it retries', () => {
    const {socket, clock, sockets, all} = setup({options: {reconnectDelay: 1000, maxRetries: 5}, server: (s) => s.refuseAfter(5), random: seeded(7)});
    socket.connect();
    clock.advanceUntil(() => socket.state === 'closed');
    const delays = all('reconnecting').map((event) => event.delay);
    assert.equal(sockets.length, 6);
    for (let i = 1; i < sockets.length; i++) assert.equal(sockets[i].createdAt, sockets[i - 1].createdAt + 5 + delays[i - 1], `attempt ${i}`);
  });

  it('keeps a delay past the timers\' limit from firing at once', () => {
    const {socket, clock, sockets} = setup({options: {reconnectDelay: 2 ** 40, reconnectMaxDelay: 2 ** 40}, server: (s) => s.refuseAfter(5), random: () => 1});
    socket.connect();
    clock.advance(5);
    assert.equal(socket.state, 'waiting');
    clock.advance(2 ** 31 - 2);
    assert.equal(sockets.length, 1, 'no attempt before the longest delay timers honour');
    clock.advance(10);
    assert.equal(sockets.length, 2);
    socket.stop();
  });
});

describe('attempt counting and giving up', () => {
  it('numbers attempts 1, 2, … and gives up after max-retries, handing the queue back in order', () => {
    const {socket, clock, all, last, types} = setup({options: {maxRetries: 3}, server: (s) => s.refuseAfter(5)});
    socket.send('a');
    socket.send(new Uint8Array([1, 2]));
    socket.send('c');
    socket.connect();
    clock.advanceUntil(() => socket.state === 'closed');
    assert.deepEqual(all('reconnecting').map((event) => event.attempt), [1, 2, 3]);
    assert.deepEqual(types().slice(-2), ['close', 'stopped']);
    const stopped = last('stopped');
    assert.equal(stopped.attempts, 3);
    assert.equal(stopped.retriesRanOut, true);
    assert.deepEqual(stopped.unsent.map((data) => (typeof data === 'string' ? data : [...data])), ['a', [1, 2], 'c']);
    assert.equal(socket.queue.size, 0);
  });

  it('gives up right after an abnormal end with max-retries 0', () => {
    const {socket, clock, last, types} = setup({options: {maxRetries: 0}, server: (s) => s.refuseAfter(5)});
    socket.connect();
    clock.advance(5);
    assert.deepEqual(types(), ['error', 'close', 'stopped']);
    assert.deepEqual({attempts: last('stopped').attempts, retriesRanOut: last('stopped').retriesRanOut}, {attempts: 0, retriesRanOut: true});
  });

  for (const code of [1001, 1005, 1006, 1011, 1012, 1013, 1014]) {
    it(`retries a close with ${code}`, () => {
      const {socket, clock, sockets, last} = setup();
      socket.connect();
      clock.advance(10);
      sockets[0].serverClose(code, 'bye');
      assert.equal(last('close').state, 'waiting', 'the close is heard with the state already waiting');
      assert.deepEqual({code: last('reconnecting').code, reason: last('reconnecting').reason, attempt: last('reconnecting').attempt}, {code, reason: 'bye', attempt: 1});
      clock.advanceUntil(() => socket.state === 'open');
      assert.equal(sockets.length, 2);
      socket.stop();
    });
  }

  for (const code of [1000, 1003, 1007, 1008, 4000, 4999]) {
    it(`treats a close with ${code} as final`, () => {
      const {socket, clock, sockets, types, last} = setup();
      socket.connect();
      clock.advance(10);
      sockets[0].serverClose(code);
      assert.deepEqual(types(), ['open', 'close', 'stopped']);
      assert.equal(last('stopped').retriesRanOut, false);
      clock.advance(3_600_000);
      assert.equal(sockets.length, 1);
      assert.equal(clock.timers, 0, 'nothing is left behind');
    });
  }

  it("makes the user's close() final whatever its code, and hands back what was queued", () => {
    const {socket, clock, sockets, types, last} = setup({server: () => {}});
    socket.connect();
    socket.send('never sent');
    socket.close(4001, 'done');
    assert.equal(socket.state, 'closing');
    clock.advance(10);
    assert.deepEqual(types(), ['close', 'stopped']);
    assert.deepEqual(last('stopped').unsent, ['never sent']);
    assert.equal(sockets.length, 1);
  });

  it('stops at a prevented reconnect, and with close() during the wait', () => {
    const prevented = setup({prevent: true, server: (s) => s.refuseAfter(5)});
    prevented.socket.connect();
    prevented.clock.advance(5);
    assert.deepEqual(prevented.types(), ['error', 'close', 'reconnecting', 'stopped']);
    assert.equal(prevented.socket.state, 'closed');
    assert.equal(prevented.clock.timers, 0);

    const closed = setup({server: (s) => s.refuseAfter(5)});
    closed.socket.connect();
    closed.clock.advance(5);
    closed.socket.close(1000, '');
    assert.deepEqual(closed.types().slice(-1), ['stopped']);
    assert.equal(closed.clock.timers, 0);
    assert.equal(closed.device.watchers, 0, 'no online watch is left behind');
  });

  it('lets a listener decide: connect() from a close listener replaces the retry', () => {
    let socket;
    const world = setup({
      on: (event) => event.type === 'close' && event.code === 1012 && socket.connect(),
    });
    socket = world.socket;
    socket.connect();
    world.clock.advance(10);
    world.sockets[0].serverClose(1012);
    assert.deepEqual(world.types(), ['open', 'close']);
    assert.equal(socket.state, 'connecting');
    world.clock.advance(10);
    assert.deepEqual(world.types(), ['open', 'close', 'open']);
    assert.equal(world.sockets.length, 2);
    socket.stop();
    world.clock.advance(10); // the fake socket's own close event
    assert.equal(world.clock.timers, 0);
  });
});

describe('min-uptime', () => {
  it('starts the count afresh once a connection stayed open min-uptime; a shorter one counts as a failed attempt', () => {
    let lifetimes = [10_000, 100, 100, 100];
    const {socket, clock, sockets, all, last} = setup({
      options: {minUptime: 5000, maxRetries: 3},
      server: (s) => {
        s.acceptAfter(10);
        const lifetime = lifetimes.shift();
        if (lifetime !== undefined) clock.after(10 + lifetime, () => s.serverClose(1011));
      },
    });
    socket.connect();
    clock.advanceUntil(() => socket.state === 'closed');
    // The first end (after 10 s up) is attempt 1; the three short-lived ones count on: 2, 3, then giving up.
    assert.deepEqual(all('reconnecting').map((event) => event.attempt), [1, 2, 3]);
    assert.equal(last('stopped').retriesRanOut, true);
    assert.equal(sockets.length, 4);
  });

  it('with 0, starts afresh at every open', () => {
    const {socket, clock, all} = setup({
      options: {minUptime: 0},
      server: (s) => {
        s.acceptAfter(10);
        clock.after(20, () => s.serverClose(1011));
      },
    });
    socket.connect();
    clock.advanceUntil(() => all('reconnecting').length === 5);
    assert.deepEqual(all('reconnecting').map((event) => event.attempt), [1, 1, 1, 1, 1]);
    socket.stop();
  });
});

describe('offline and online', () => {
  it('makes no attempt while offline; going online makes one at once, with the count reset', () => {
    const {socket, clock, sockets, device, all} = setup({options: {reconnectDelay: 1000}, server: (s) => s.refuseAfter(5), random: () => 1});
    socket.connect();
    clock.advance(5); // attempt 1 waits 1000 ms
    clock.advance(1000 + 5); // attempt 1 refused: attempt 2 waits 2000 ms
    assert.equal(sockets.length, 2);
    device.goOffline();
    clock.advance(600_000);
    assert.equal(sockets.length, 2, 'no attempt while offline');
    device.goOnline();
    assert.equal(sockets.length, 3, 'one at once');
    clock.advance(5);
    assert.equal(all('reconnecting').at(-1).attempt, 1, 'the count starts afresh');
    socket.stop();
  });

  it('does not start the wait while offline, and an online signal while waiting online changes nothing', () => {
    const {socket, clock, sockets, device} = setup({options: {reconnectDelay: 1000}, server: (s) => s.refuseAfter(5), random: () => 1});
    device.goOffline();
    socket.connect();
    clock.advance(600_000);
    assert.equal(sockets.length, 1);
    device.goOnline();
    assert.equal(sockets.length, 2);
    clock.advance(5); // refused again: a 1000 ms wait, online
    device.goOnline();
    assert.equal(sockets.length, 2, 'an online signal while online skips no backoff');
    clock.advance(1000);
    assert.equal(sockets.length, 3);
    socket.stop();
  });
});

describe('timeouts', () => {
  it('ends a silent connection at the heartbeat timeout: 1006, not clean, reason "heartbeat timeout…", then retries', () => {
    const {socket, clock, sockets, last} = setup({options: {heartbeat: 1000, heartbeatTimeout: 500}});
    socket.connect();
    clock.advance(10);
    clock.advance(1000);
    assert.deepEqual(sockets[0].sent, ['ping']);
    clock.advance(499);
    assert.equal(socket.state, 'open');
    clock.advance(1);
    const close = last('close');
    assert.equal(close.code, 1006);
    assert.equal(close.wasClean, false);
    assert.match(close.reason, /^heartbeat timeout/);
    assert.equal(close.state, 'waiting');
    assert.equal(sockets[0].readyState >= 2, true, 'the dead socket is closed');
    socket.stop();
  });

  it('counts the heartbeat timeout from the oldest unanswered heartbeat; any message clears it', () => {
    const {socket, clock, sockets, all} = setup({options: {heartbeat: 1000}});
    socket.connect();
    clock.advance(10);
    clock.advance(1000); // ping 1 at 1010: deadline 3010 (twice the heartbeat)
    clock.advance(1000); // ping 2 at 2010
    sockets[0].receive('pong');
    clock.advance(1000); // ping 3 at 3010: a new deadline at 5010
    clock.advance(1999);
    assert.equal(all('close').length, 0);
    clock.advance(1);
    assert.equal(all('close').length, 1);
    socket.stop();
  });

  it('gives up on a handshake that hangs past connect-timeout: an error, then 1006, and a retry', () => {
    const {socket, clock, sockets, types, last} = setup({options: {connectTimeout: 3000}, server: () => {}});
    socket.connect();
    clock.advance(2999);
    assert.equal(socket.state, 'connecting');
    clock.advance(1);
    assert.deepEqual(types(), ['error', 'close', 'reconnecting']);
    assert.match(last('error').message, /within 3000 ms/);
    assert.equal(last('close').code, 1006);
    assert.match(last('close').reason, /^connect timeout/);
    assert.equal(sockets[0].readyState >= 2, true);
    socket.stop();
  });
});

describe('the queue', () => {
  it('sends what was queued, in order, before open is heard; a send from an open listener lands after it', () => {
    let socket;
    const world = setup({on: (event) => event.type === 'open' && socket.send('from open')});
    socket = world.socket;
    socket.send('1');
    socket.send('2');
    socket.connect();
    world.clock.advance(10);
    assert.deepEqual(world.sockets[0].sent, ['1', '2', 'from open']);
    socket.stop();
  });

  it('keeps every message for every order of events: each is sent once, or handed back once, in order (seeded)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seeded(seed);
      const {socket, clock, sockets, all} = setup({
        options: {maxRetries: 4, reconnectDelay: 50},
        random,
        server: (s) => {
          const fate = random();
          if (fate < 0.4) s.refuseAfter(1 + Math.floor(random() * 20));
          else {
            s.acceptAfter(1 + Math.floor(random() * 20));
            if (fate < 0.8) clock.after(5 + Math.floor(random() * 200), () => s.serverClose(random() < 0.8 ? 1012 : 1000));
          }
        },
      });
      socket.connect();
      let next = 0;
      for (let step = 0; step < 60 && socket.state !== 'closed'; step++) {
        if (random() < 0.6) socket.send(`m${next++}`);
        clock.advance(Math.floor(random() * 80));
      }
      if (socket.state !== 'closed') socket.close(1000, '');
      clock.advance(1000);
      const sent = sockets.flatMap((s) => s.sent);
      const unsent = all('stopped').flatMap((event) => event.unsent);
      assert.deepEqual([...sent, ...unsent], Array.from({length: next}, (_, i) => `m${i}`), `seed ${seed}`);
      assert.equal(all('stopped').length, 1, `seed ${seed}: one stopped`);
      assert.equal(clock.timers, 0, `seed ${seed}: nothing left behind`);
    }
  });
});

describe('a listener that throws', () => {
  it('has its exception reported on a later task, and the socket goes on with the retry', () => {
    const {socket, clock, sockets, types} = setup({
      on: (event) => {
        if (event.type === 'close') throw new Error('a broken close listener');
      },
    });
    socket.connect();
    clock.advance(10);
    sockets[0].serverClose(1012);
    assert.deepEqual(types(), ['open', 'close', 'reconnecting']);
    assert.throws(() => clock.advance(0), /a broken close listener/);
    clock.advanceUntil(() => socket.state === 'open');
    assert.equal(sockets.length, 2);
    socket.stop();
  });
});
