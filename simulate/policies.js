/**
 * How reconnecting-websocket and partysocket decide when to reconnect, modelled and
 * reduced to two hooks the simulation calls per socket (<py-websocket> needs no
 * model: core-clients.js runs its built core):
 *
 *   closed(i, code, now) -> milliseconds to wait before the next attempt, or -1 to stop
 *   opened(i, now)       -> the handshake of socket i succeeded
 *
 * `closed` is called for the server's 1012 at t = 0 and for every failed
 * attempt after it (a refused connect or a 503 both end, in a browser, with an
 * `error` event and then a `close` event with code 1006).
 *
 * Per-socket state lives in typed arrays: 300,000 sockets are simulated.
 * Every socket has been open for a long time when the storm starts, so each
 * library starts from its "connected and settled" state.
 */
/** The code a browser reports when a connect fails (refused TCP, HTTP 503) (RFC 6455 §7.1.5). */
export const FAILED_CONNECT_CODE = 1006;

/**
 * reconnecting-websocket and its fork partysocket share this logic line for
 * line; only their DEFAULT objects differ (see the two factories below).
 *
 *   _connect: unless retryCount >= maxRetries, retryCount++ and then wait
 *     _getNextDelay() before opening the next socket
 *   _getNextDelay: 0 when retryCount is 0 (only the very first connect of an
 *     instance), else min(maxReconnectionDelay,
 *     minReconnectionDelay * reconnectionDelayGrowFactor ** (retryCount - 1)).
 *     No per-attempt randomness at all.
 *   _handleOpen starts a minUptime timer whose _acceptOpen sets retryCount = 0;
 *     _handleClose/_disconnect clear that timer, so a connection that dies
 *     before minUptime keeps its count.
 *   _handleClose reconnects on every close code (1012 included); a failed
 *     connect goes _handleError -> _disconnect -> _handleClose -> _connect,
 *     one retryCount++ per failure (the trailing _connect() in _handleError
 *     is a no-op: _connectLock is already held by the wait).
 *
 * A socket settled long ago has retryCount 0, so the 1012 makes it 1 and the
 * first reconnect waits minReconnectionDelay: it is not immediate.
 *
 * The uptime timer is evaluated lazily: at a close, the count is reset if the
 * socket had been open for minUptime, which is what the timer would have done.
 */
function reconnectingWebSocketFamily({name, connectTimeoutMs, minUptime, growFactor, maxDelay, maxRetries, minDelayFor}) {
  return {
    name,
    connectTimeoutMs,
    create(count, random) {
      const minDelay = new Float64Array(count);
      for (let i = 0; i < count; i++) minDelay[i] = minDelayFor(random);
      // Settled: retryCount 0 and opened "long ago".
      const retryCount = new Int32Array(count);
      const openedAt = new Float64Array(count).fill(-Infinity);
      return {
        closed(i, _code, now) {
          if (now - openedAt[i] >= minUptime) retryCount[i] = 0;
          openedAt[i] = NaN;
          if (retryCount[i] >= maxRetries) return -1;
          const retry = ++retryCount[i];
          if (retry <= 0) return 0;
          const delay = minDelay[i] * growFactor ** (retry - 1);
          // The delay goes to setTimeout, whose timeout is a WebIDL `long`: a browser drops the fraction.
          return Math.trunc(delay > maxDelay ? maxDelay : delay);
        },
        opened(i, now) {
          openedAt[i] = now;
        },
      };
    },
  };
}

/**
 * reconnecting-websocket 4.4.0, read from node_modules/reconnecting-websocket/
 * reconnecting-websocket.ts (the shipped TypeScript source) and
 * dist/reconnecting-websocket-mjs.js (its "module" entry) [mjs lines in brackets]:
 *   DEFAULT, lines 39-49 [111-121]: maxReconnectionDelay 10000,
 *     minReconnectionDelay 1000 + Math.random() * 4000, minUptime 5000,
 *     reconnectionDelayGrowFactor 1.3, connectionTimeout 4000, maxRetries Infinity
 *   _getNextDelay, lines 309-325 [457-469]; _connect, lines 349-390 [491-525];
 *   _acceptOpen, lines 411-414 [544-547]; _handleOpen, lines 429-434 [155-159];
 *   _handleError, lines 457-468 [176-185]; _handleClose, lines 470-482 [186-195]
 *
 * `1000 + Math.random() * 4000` sits in a module-level object literal: it is
 * drawn once when the module is evaluated, so every socket in one page shares
 * it and it never changes while the page lives. Each simulated socket here is
 * a different page (a different user, or a different tab of one user, each
 * loading the module itself), so each draws its own value from the seeded
 * PRNG, once, and then backs off with no randomness at all.
 */
export function reconnectingWebSocket() {
  return reconnectingWebSocketFamily({
    name: 'reconnecting-websocket',
    connectTimeoutMs: 4000,
    minUptime: 5000,
    growFactor: 1.3,
    maxDelay: 10000,
    maxRetries: Infinity,
    minDelayFor: (random) => 1000 + random() * 4000,
  });
}

/**
 * partysocket 1.3.0, read from node_modules/partysocket/dist/ws.js (the code
 * that runs) and src/ws.ts as embedded in dist/ws.js.map [ws.ts lines in brackets]:
 *   DEFAULT, lines 55-65 [126-136]: maxReconnectionDelay 10000,
 *     minReconnectionDelay 3000 (a constant: no Math.random anywhere in the
 *     backoff), minUptime 5000, reconnectionDelayGrowFactor 1.3,
 *     connectionTimeout 4000, maxRetries Infinity
 *   _getNextDelay, lines 292-307 [441-458]; _connect, lines 338-404 [515-589];
 *   _acceptOpen, lines 422-425 [615-618]; _handleOpen, lines 426-439 [620-641];
 *   _handleError, lines 445-452 [652-666]; _handleClose, lines 453-464 [668-687]
 *     (reconnects unless an optional shouldReconnectOnClose says no; unset by default)
 * PartySocket (dist/index.js lines 67-177) passes its options through and adds
 * no defaults of its own.
 *
 * With a constant minReconnectionDelay every client waits exactly the same
 * 3000, 3900, 5070, ... ms: nothing but network timing separates them.
 */
export function partysocket() {
  return reconnectingWebSocketFamily({
    name: 'partysocket',
    connectTimeoutMs: 4000,
    minUptime: 5000,
    growFactor: 1.3,
    maxDelay: 10000,
    maxRetries: Infinity,
    minDelayFor: () => 3000,
  });
}

/**
 * Text the models above were read from. run.js warns when an installed copy no
 * longer contains it, since the model would then describe another version.
 */
export const modelSources = [
  {
    package: 'reconnecting-websocket',
    version: '4.4.0',
    file: 'node_modules/reconnecting-websocket/dist/reconnecting-websocket-mjs.js',
    expect: [
      'maxReconnectionDelay: 10000,',
      'minReconnectionDelay: 1000 + Math.random() * 4000,',
      'minUptime: 5000,',
      'reconnectionDelayGrowFactor: 1.3,',
      'connectionTimeout: 4000,',
      'maxRetries: Infinity,',
      'minReconnectionDelay * Math.pow(reconnectionDelayGrowFactor, this._retryCount - 1);',
    ],
  },
  {
    package: 'partysocket',
    version: '1.3.0',
    file: 'node_modules/partysocket/dist/ws.js',
    expect: [
      'maxReconnectionDelay: 1e4,',
      'minReconnectionDelay: 3e3,',
      'minUptime: 5e3,',
      'reconnectionDelayGrowFactor: 1.3,',
      'connectionTimeout: 4e3,',
      'maxRetries: Number.POSITIVE_INFINITY,',
      'reconnectionDelayGrowFactor ** (this._retryCount - 1);',
    ],
  },
];
