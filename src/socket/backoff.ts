/**
 * Full-jitter exponential backoff: the wait before reconnect attempt `attempt`
 * (1, 2, …) is uniform in [0, min(maxDelay, baseDelay · 2^(attempt − 1))].
 * Spreading waits over the whole range keeps many clients from reconnecting in
 * the same instant after a server restart. `random` is uniform in [0, 1) (the environment's).
 */
export function reconnectDelay(attempt: number, baseDelay: number, maxDelay: number, random: () => number): number {
  const ceiling = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}
