/**
 * One reconnect storm, event by event: at t = 0 the server closes every socket
 * with `closeCode`, then each socket follows its library's policy against the
 * server model until 99.9% of sockets and of users are back, or the horizon.
 *
 * A socket has exactly one pending event at a time: either its reconnect wait
 * ends (it starts an attempt) or its handshake completes (it is open). So the
 * queue never holds more events than there are sockets.
 *
 * A failed attempt needs no event of its own: from its arrival at the server
 * until the client hears of the failure nothing else can touch that socket,
 * so its policy is asked right away, with the time the failure reaches the
 * client, for the wait before the next attempt. That halves the heap work of
 * a storm, which is mostly failures. At most the order in which sockets draw
 * from the shared PRNG can differ from a one-event-per-callback simulation
 * (with these constant latencies it does not), and it is fixed by the seed
 * just the same.
 *
 * Users own `socketsPerUser` consecutive sockets (their tabs); a user is back
 * when all of its sockets are, because a tab that is still disconnected is a
 * broken page for that user whatever the other tabs show.
 */
import {EventQueue} from './heap.js';
import {mulberry32} from './prng.js';
import {ACCEPTED, Server} from './server.js';
import {FAILED_CONNECT_CODE} from './policies.js';

const WAITING = 0;
const OPENING = 1;

export function simulateStorm({policy, users, socketsPerUser, seed, handshakesPerSecond, outageMs, horizonMs, closeCode = 1012, closeReason = ''}) {
  const sockets = users * socketsPerUser;
  const server = new Server({outageMs, handshakesPerSecond, horizonMs});
  // Every outcome reaches the client long before its connect timeout, so no
  // timeout ever fires; a model where that stops being true needs timeouts.
  if (Math.max(...server.latency) >= policy.connectTimeoutMs) {
    throw new Error(`${policy.name}: an outcome takes longer than its ${policy.connectTimeoutMs} ms connect timeout`);
  }
  const clients = policy.create(sockets, mulberry32(seed));
  const queue = new EventQueue(sockets);
  const phase = new Uint8Array(sockets);
  const tabsBack = new Uint8Array(users);

  const target = (count, share) => Math.ceil(count * share);
  const sockets99 = target(sockets, 0.99);
  const sockets999 = target(sockets, 0.999);
  const users99 = target(users, 0.99);
  const users999 = target(users, 0.999);
  let socketsBack = 0;
  let usersBack = 0;
  let gaveUp = 0;
  const result = {sockets, users, t99Sockets: Infinity, t99Users: Infinity, t999Sockets: Infinity, t999Users: Infinity};

  const schedule = (i, delay, now) => {
    if (delay < 0) {
      gaveUp++;
      return;
    }
    phase[i] = WAITING;
    queue.push(now + delay, i);
  };

  for (let i = 0; i < sockets; i++) schedule(i, clients.closed(i, closeCode, 0, closeReason), 0);

  let now = 0;
  while (queue.size > 0) {
    const i = queue.pop();
    now = queue.time;
    if (now > horizonMs) break;
    if (phase[i] === WAITING) {
      // A policy that runs real code makes its attempt now (its wait timer fires).
      clients.attempt?.(i, now);
      const answer = server.arrive(now);
      const heard = now + server.latency[answer];
      if (answer === ACCEPTED) {
        phase[i] = OPENING;
        queue.push(heard, i);
      } else {
        schedule(i, clients.closed(i, FAILED_CONNECT_CODE, heard), heard);
      }
    } else {
      clients.opened(i, now);
      socketsBack++;
      if (socketsBack === sockets99) result.t99Sockets = now;
      if (socketsBack === sockets999) result.t999Sockets = now;
      const user = (i / socketsPerUser) | 0;
      if (++tabsBack[user] === socketsPerUser) {
        usersBack++;
        if (usersBack === users99) result.t99Users = now;
        if (usersBack === users999) result.t999Users = now;
      }
      if (socketsBack >= sockets999 && usersBack >= users999) break;
    }
  }

  let peak = 0;
  let peakUp = 0;
  for (let b = 0; b < server.arrivals.length; b++) {
    if (server.arrivals[b] > peak) peak = server.arrivals[b];
    if (server.arrivalsUp[b] > peakUp) peakUp = server.arrivalsUp[b];
  }
  return Object.assign(result, {
    endMs: Math.min(now, horizonMs),
    socketsBack,
    usersBack,
    gaveUp,
    peak,
    peakUp,
    refusedDown: server.refusedDown,
    rejectedOverBudget: server.rejectedOverBudget,
    accepted: server.accepted,
    attempts: server.refusedDown + server.rejectedOverBudget + server.accepted,
  });
}
