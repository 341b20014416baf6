/**
 * node simulate/check-models.js
 *
 * Checks the reconnecting-websocket and partysocket models in policies.js
 * against the installed libraries themselves: each library runs one socket on
 * a fake WebSocket and a virtual clock (setTimeout replaced, promises drained
 * between timers), through a script of outages, opens and closes, and the
 * times of its connect attempts must equal the model's to the millisecond.
 * The script covers the first reconnect after a 1012, growth up to the cap,
 * and the minUptime rule (a connection that dies within 5 s keeps its count,
 * one that lives longer resets it).
 *
 * <py-websocket> needs no such check: the simulation runs its built socket core
 * itself (core-clients.js).
 */
import {createRequire} from 'node:module';
import {partysocket, reconnectingWebSocket, FAILED_CONNECT_CODE} from './policies.js';

const require = createRequire(import.meta.url);

// The server's script, in virtual ms: when it refuses connects, and how long an opened connection lives.
const settleMs = 10_000; // the socket is open and settled (past minUptime) before the first close
const script = {
  downUntil: [
    // [from, to): connects are refused
    [settleMs, settleMs + 60_000],
    [settleMs + 62_000, settleMs + 80_000],
    [settleMs + 87_000, settleMs + 100_000],
  ],
  // The nth open (0-based) is closed by the server with 1012 after this long; later ones stay open.
  lifetimes: [settleMs - 20, 1000, 6000],
};
const refusedMs = 5;
const handshakeMs = 20;
const endMs = settleMs + 120_000;
const isDown = (t) => script.downUntil.some(([from, to]) => t >= from && t < to);

/** Runs the real library on a virtual clock; returns the times its sockets were created. */
async function runLibrary(makeSocket) {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  let now = 0;
  let nextId = 1;
  const timers = new Map();
  // A browser's setTimeout takes a WebIDL long: the fraction is dropped.
  globalThis.setTimeout = (fn, ms = 0) => {
    const id = nextId++;
    timers.set(id, {at: now + Math.max(0, Math.trunc(ms)), fn});
    return id;
  };
  globalThis.clearTimeout = (id) => timers.delete(id);
  const drain = () => new Promise((resolve) => setImmediate(resolve));

  const attempts = [];
  let opens = 0;
  class FakeWebSocket extends EventTarget {
    static CONNECTING = 0;
    static OPEN = 1;
    static CLOSING = 2;
    static CLOSED = 3;
    CONNECTING = 0;
    OPEN = 1;
    CLOSING = 2;
    CLOSED = 3;
    readyState = 0;
    binaryType = 'blob';
    bufferedAmount = 0;
    constructor(url) {
      super();
      this.url = url;
      attempts.push(now);
      if (isDown(now)) {
        setTimeout(() => this.#end(1006, true), refusedMs);
      } else {
        setTimeout(() => {
          this.readyState = 1;
          this.dispatchEvent(new Event('open'));
          const lifetime = script.lifetimes[opens++];
          if (lifetime !== undefined) setTimeout(() => this.readyState === 1 && this.#end(1012, false), lifetime);
        }, handshakeMs);
      }
    }
    close() {
      if (this.readyState < 2) this.readyState = 2;
    }
    send() {}
    #end(code, failed) {
      this.readyState = 3;
      if (failed) this.dispatchEvent(new Event('error'));
      this.dispatchEvent(Object.assign(new Event('close'), {code, reason: '', wasClean: !failed}));
    }
  }

  try {
    const socket = makeSocket(FakeWebSocket);
    for (;;) {
      await drain();
      let next;
      for (const [id, timer] of timers) if (!next || timer.at < next[1].at) next = [id, timer];
      if (!next || next[1].at > endMs) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].fn();
    }
    socket.close();
    await drain();
  } finally {
    globalThis.setTimeout = realSetTimeout;
    globalThis.clearTimeout = realClearTimeout;
  }
  return attempts;
}

/** Runs the model of policies.js through the same script for one socket. */
function runModel(policy, random) {
  const client = policy.create(1, random);
  // The library's own first connect (retryCount -1 -> 0, no wait) is not modelled: sockets start settled.
  const attempts = [0];
  let opens = 0;
  let t = 0;
  for (;;) {
    // An attempt at t.
    if (isDown(t)) {
      const heard = t + refusedMs;
      const next = heard + client.closed(0, FAILED_CONNECT_CODE, heard);
      if (next > endMs) break;
      attempts.push((t = next));
      continue;
    }
    const opened = t + handshakeMs;
    client.opened(0, opened);
    const lifetime = script.lifetimes[opens++];
    if (lifetime === undefined) break;
    const closedAt = opened + lifetime;
    const next = closedAt + client.closed(0, 1012, closedAt);
    if (next > endMs) break;
    attempts.push((t = next));
  }
  return attempts;
}

let failures = 0;
function compare(name, library, model) {
  const same = library.length === model.length && library.every((t, i) => t === model[i]);
  console.log(`${same ? 'ok  ' : 'FAIL'} ${name}: ${library.length} attempts`);
  if (!same) {
    failures++;
    console.log(`  library: ${library.join(' ')}\n  model:   ${model.join(' ')}`);
  }
}

{
  // The module draws minReconnectionDelay from Math.random once, as it loads: load it with a known draw.
  const draw = 0.4387;
  const realRandom = Math.random;
  Math.random = () => draw;
  let RWS;
  try {
    RWS = require('reconnecting-websocket');
  } finally {
    Math.random = realRandom;
  }
  const library = await runLibrary((WebSocket) => new RWS('ws://sim.invalid/', undefined, {WebSocket}));
  compare('reconnecting-websocket', library, runModel(reconnectingWebSocket(), () => draw));
}
{
  const {default: PartyWebSocket} = await import('partysocket/ws');
  const library = await runLibrary((WebSocket) => new PartyWebSocket('ws://sim.invalid/', undefined, {WebSocket}));
  compare('partysocket', library, runModel(partysocket(), () => 0));
}
process.exitCode = failures ? 1 : 0;
