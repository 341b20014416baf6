/**
 * A candidate reconnect policy for <py-websocket>, within the contract's
 * full-jitter formula: the wait before attempt n is uniform in
 * [0, min(maxDelay, baseDelay · 2^(n−1))], whole ms. What is ours to choose:
 *
 *   restartAttempt  the attempt number the first retry after a 1012 ("service
 *                   restart") or 1013 ("try again later") counts as, at
 *                   least. 1 is today's element; a higher number spreads the
 *                   herd a restart makes over a wider window from the start
 *                   instead of after a few failures. Other retried ends
 *                   (1006 a lost connection, …) count on from the count.
 *   hints           honour `retry-after` in the close reason (the core's
 *                   lib/socket/retry-hint.js): that wait replaces the
 *                   backoff's for the next attempt, which then counts as
 *                   attempt 1 (a failure after it backs off from the start).
 *
 * Counting, as in ReconnectingSocket: each failed attempt adds one; a
 * connection that stays open min-uptime (5 s) sets the count back to 0 (in a
 * storm every socket was settled, and one that opens stays open, so that rule
 * only shows here as "every socket starts from 0").
 */
import {reconnectDelay} from '../lib/socket/backoff.js';
import {isRetriedClose} from '../lib/socket/close-policy.js';
import {hintedDelay, parseRetryHint} from '../lib/socket/retry-hint.js';

/** The server says it is restarting (1012) or overloaded (1013): spread the herd it makes. */
const SPREAD_CODES = new Set([1012, 1013]);

/**
 * The policy proposed for the element, from the tables of `npm run simulate`:
 * reconnect-delay 1000 ms (unchanged), reconnect-max-delay 15000 ms (was
 * 30000), and the first retry after a 1012 or 1013 counted as attempt 5, so its
 * wait is uniform over the whole [0, 15000] ms.
 */
export const proposed = {name: 'proposed', baseDelay: 1000, maxDelay: 15000, restartAttempt: 5};

export function fullJitter({
  name = 'py-websocket',
  label,
  baseDelay = 1000,
  maxDelay = 30000,
  restartAttempt = 1,
  hints = false,
  connectTimeoutMs = 10000,
} = {}) {
  return {
    name,
    label: label ?? `full jitter ${baseDelay}/${maxDelay} ms, 1012 first as attempt ${restartAttempt}${hints ? ', hints' : ''}`,
    connectTimeoutMs,
    create(count, random) {
      const attempts = new Int32Array(count);
      return {
        closed(i, code, _now, reason = '') {
          if (!isRetriedClose(code)) return -1;
          if (hints) {
            const window = parseRetryHint(reason);
            if (window) {
              attempts[i] = 1;
              return hintedDelay(window, random);
            }
          }
          const attempt = SPREAD_CODES.has(code) ? Math.max(restartAttempt, attempts[i] + 1) : attempts[i] + 1;
          attempts[i] = attempt;
          return reconnectDelay(attempt, baseDelay, maxDelay, random);
        },
        opened(i) {
          attempts[i] = 0;
        },
      };
    },
  };
}

/** The largest number of `times` within any window of `width` ms (as the resilience battery counts). */
export function densest(times, width) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= width) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

/**
 * The resilience battery's herd, reduced to its first retries: `clients`
 * settled sockets end with `code` at the same instant; returns, over `trials`
 * seeded herds, the median and worst count of first retries within any
 * `width` ms.
 */
export function firstRetrySpread(policy, {code, clients = 50, width = 100, trials = 1000, random}) {
  const counts = [];
  for (let t = 0; t < trials; t++) {
    const herd = policy.create(clients, random);
    const starts = Array.from({length: clients}, (_, i) => herd.closed(i, code, 0, ''));
    counts.push(densest(starts, width));
  }
  counts.sort((a, b) => a - b);
  return {median: counts[trials >> 1], p99: counts[Math.ceil(trials * 0.99) - 1], worst: counts[trials - 1]};
}
