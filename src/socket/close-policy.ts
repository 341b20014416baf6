/**
 * Close codes after which the element reconnects: the server went away or
 * restarts (1001, 1012), the connection broke (1005, 1006), or the server had
 * a passing fault (1011, 1013, 1014). Every other code is final, 1000 and the
 * application's own 4000–4999 included (https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1).
 */
const retriedCloseCodes = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1014]);

export function isRetriedClose(code: number): boolean {
  return retriedCloseCodes.has(code);
}
