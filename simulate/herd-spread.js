/**
 * The resilience battery's herd, reduced to its first retries: how many of a herd's
 * sockets, all ended by the same close at the same instant, make their first retry within
 * any `width` ms. Bunching is what jitter prevents.
 */

/** The largest number of `times` within any window of `width` ms (the resilience battery counts its herd with it too). */
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
 * `clients` settled sockets of `policy` (the built core, see core-clients.js) end with
 * `code` at the same instant; returns, over `trials` seeded herds, the median, 99th
 * percentile and worst count of first retries within any `width` ms.
 */
export function firstRetrySpread(policy, {code, reason = '', clients = 50, width = 100, trials = 1000, random}) {
  const counts = [];
  for (let t = 0; t < trials; t++) {
    const herd = policy.create(clients, random);
    const starts = Array.from({length: clients}, (_, i) => herd.closed(i, code, 0, reason));
    counts.push(densest(starts, width));
  }
  counts.sort((a, b) => a - b);
  return {median: counts[trials >> 1], p99: counts[Math.ceil(trials * 0.99) - 1], worst: counts[trials - 1]};
}
