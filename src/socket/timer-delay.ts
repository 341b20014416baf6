/** The longest delay `setTimeout` keeps; a longer one fires at once. */
const longestTimerDelay = 2 ** 31 - 1;

/** A delay in milliseconds that timers honour: never negative, never past the timers' limit. */
export function timerDelay(milliseconds: number): number {
  return Math.min(Math.max(milliseconds, 0), longestTimerDelay);
}
