/**
 * The checks the native `WebSocket.close(code, reason)` makes, in the same order
 * and with the same DOMException names (https://websockets.spec.whatwg.org/#dom-websocket-close).
 */
const maxReasonBytes = 123;

/**
 * `close()` takes `code` as a WebIDL `[Clamp] unsigned short`. The spec rounds
 * fractions to even; Chromium truncates them (2999.6 is refused as 2999).
 * Fractional codes are the only case where engines differ: this follows Chromium.
 */
function toClampedUnsignedShort(value: unknown): number {
  const number = Number(value);
  if (Number.isNaN(number)) return 0;
  return Math.trunc(Math.min(Math.max(number, 0), 65535));
}

/** Returns the code and reason to close with; throws the DOMException the native `close()` throws. */
export function checkCloseArguments(code?: unknown, reason?: unknown): {code: number; reason: string} {
  // As in Chromium, an undefined code counts as given once a reason follows it.
  const codeGiven = code !== undefined || reason !== undefined;
  const checkedCode = codeGiven ? toClampedUnsignedShort(code) : 1000;
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
