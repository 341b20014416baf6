/**
 * The checks the WebSockets standard's `close(code, reason)` makes, in the same order
 * and with the same DOMException names (https://websockets.spec.whatwg.org/#dom-websocket-close).
 * Engines differ from the standard here (Chromium truncates fractional codes and refuses
 * `close(undefined, reason)`); the element follows the standard in every engine.
 */
const maxReasonBytes = 123;

/**
 * WebIDL's `[Clamp] unsigned short` (https://webidl.spec.whatwg.org/#abstract-opdef-converttoint):
 * NaN is 0, the value is clamped to 0–65535, then rounded to the nearest integer, ties to even.
 * Unary plus throws the TypeError WebIDL's ToNumber throws for a BigInt or a Symbol.
 */
function toClampedUnsignedShort(value: unknown): number {
  const number = +(value as number);
  if (Number.isNaN(number)) return 0;
  const clamped = Math.min(Math.max(number, 0), 65535);
  const floor = Math.floor(clamped);
  const fraction = clamped - floor;
  if (fraction !== 0.5) return Math.round(clamped);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Returns the code and reason to close with; throws the DOMException the standard's `close()` throws. */
export function checkCloseArguments(code?: unknown, reason?: unknown): {code: number; reason: string} {
  // An optional WebIDL argument passed as undefined is not present: the code then defaults to 1000.
  const checkedCode = code === undefined ? 1000 : toClampedUnsignedShort(code);
  if (checkedCode !== 1000 && (checkedCode < 3000 || checkedCode > 4999)) {
    throw new DOMException(
      `Failed to execute 'close' on 'PyWebSocket': The close code must be either 1000, or between 3000 and 4999. ${checkedCode} is neither.`,
      'InvalidAccessError'
    );
  }
  const checkedReason = reason === undefined ? '' : String(reason);
  // TextEncoder writes lone surrogates as U+FFFD, as the USVString conversion does.
  const reasonBytes = new TextEncoder().encode(checkedReason).byteLength;
  if (reasonBytes > maxReasonBytes) {
    throw new DOMException(
      `Failed to execute 'close' on 'PyWebSocket': The close reason must not be greater than ${maxReasonBytes} UTF-8 bytes.`,
      'SyntaxError'
    );
  }
  return {code: checkedCode, reason: checkedReason};
}
