/**
 * Retry hints: a server that closes with a retried code can say in the close
 * reason how long to stay away, `retry-after=S` or `retry-after=S1-S2`
 * (seconds). The wait then replaces the backoff's for the next attempt only.
 *
 * The grammar, exactly (ABNF, RFC 5234; case-insensitive only in the name):
 *
 *   hint    = name "=" seconds [ "-" seconds ]
 *   name    = "retry-after"                       ; ASCII letters in any case
 *   seconds = 1*DIGIT [ "." 1*DIGIT ]              ; DIGIT is ASCII 0-9 only
 *
 * - The hint may stand anywhere in the reason (`deploy; retry-after=5-20`),
 *   but `name` must not follow a letter, digit, `-`, `_` or `.` (so
 *   `x-retry-after=5` is not a hint), and the hint must be followed by the end
 *   of the reason or a character other than a letter, digit, `.`, `-`, `_`
 *   or `+` (so `retry-after=5s`, `retry-after=5-`, `retry-after=1e3` and
 *   `retry-after=5.` are no hints: a unit or an exponent we would misread).
 * - Only the first `retry-after=` counts: if it is malformed there is no
 *   hint, whatever follows (a reason with two hints means what its first says,
 *   never something in between).
 * - `S1-S2` needs S1 <= S2; a reversed range is no hint.
 * - No sign is accepted, so a negative wait cannot be written; `=` with
 *   nothing after it, whitespace around `=`, other digits (`５`, `٥`) and
 *   `Infinity`/`NaN` are no hints.
 * - Each bound over 600 s counts as 600 s (10 minutes), also when its digits
 *   overflow a double.
 *
 * "No hint" means the backoff decides, as if the reason said nothing.
 */

/** A hint's wait window, in milliseconds: the next wait is uniform in [minMs, maxMs]. */
export interface RetryWindow {
  minMs: number;
  maxMs: number;
}

/** The longest wait a hint can ask for. */
export const maxHintMs = 10 * 60 * 1000;

const name = /(?:^|[^A-Za-z0-9._-])retry-after=/i;
const value = /^([0-9]+(?:\.[0-9]+)?)(?:-([0-9]+(?:\.[0-9]+)?))?(?![A-Za-z0-9._+-])/;

const toMs = (seconds: string) => Math.min(maxHintMs, Number(seconds) * 1000);

/** The wait window a close reason hints at, or undefined when it hints at none. */
export function parseRetryHint(reason: string): RetryWindow | undefined {
  if (typeof reason !== 'string') return undefined;
  const found = name.exec(reason);
  if (!found) return undefined;
  const parsed = value.exec(reason.slice(found.index + found[0].length));
  if (!parsed) return undefined;
  const minMs = toMs(parsed[1]);
  const maxMs = parsed[2] === undefined ? minMs : toMs(parsed[2]);
  // Compare before capping would let `900-700` through as 600-600; compare the written values.
  if (parsed[2] !== undefined && Number(parsed[1]) > Number(parsed[2])) return undefined;
  return {minMs, maxMs};
}

/**
 * The wait, in whole milliseconds, for a hinted window: uniform in
 * [minMs, maxMs] (exactly minMs for `retry-after=S`). `random` returns a
 * number in [0, 1) (the environment's).
 */
export function hintedDelay(hint: RetryWindow, random: () => number): number {
  return Math.round(hint.minMs + random() * (hint.maxMs - hint.minMs));
}
