/**
 * The server being deployed: down for `outageMs` from t = 0 (every connect is
 * refused at once, as a closed port answers a SYN with a RST), then up but
 * admitting at most `handshakesPerSecond` WebSocket handshakes in each second
 * counted from the moment it came back; an upgrade request beyond that budget
 * gets HTTP 503, which the client sees as a failed connect.
 *
 * A fixed per-second window rather than a token bucket: "at most K per
 * second" then holds for every 1-second bucket the tables report, so the
 * admitted rate can be read straight off the numbers. Windows start at the
 * restart so that the first window is a whole second.
 *
 * The admission decision is taken when the attempt arrives; the client only
 * hears the outcome after the latencies below.
 */
export const REFUSED = 0;
export const REJECTED = 1;
export const ACCEPTED = 2;

/** Milliseconds until the client learns each outcome (indexed by outcome). */
export const defaultLatencies = {
  // A refused TCP connect: one round trip to a host whose port is closed.
  refusedMs: 5,
  // HTTP 503 for the upgrade request: TCP + TLS + HTTP, as long as a handshake.
  rejectedMs: 20,
  // A successful WebSocket handshake.
  acceptedMs: 20,
};

export class Server {
  constructor({outageMs, handshakesPerSecond, horizonMs, latencies = defaultLatencies}) {
    this.outageMs = outageMs;
    this.budget = handshakesPerSecond;
    this.latency = [latencies.refusedMs, latencies.rejectedMs, latencies.acceptedMs];
    this.window = -1;
    this.admitted = 0;
    const buckets = Math.ceil(horizonMs / 1000) + 1;
    /** Attempts arriving per 1-second bucket from t = 0, whatever became of them. */
    this.arrivals = new Int32Array(buckets);
    /** The same, counting only attempts that arrived while the server was up. */
    this.arrivalsUp = new Int32Array(buckets);
    this.refusedDown = 0;
    this.rejectedOverBudget = 0;
    this.accepted = 0;
  }

  /** An attempt arrives at `time`; returns REFUSED, REJECTED or ACCEPTED. */
  arrive(time) {
    const bucket = Math.floor(time / 1000);
    this.arrivals[bucket]++;
    if (time < this.outageMs) {
      this.refusedDown++;
      return REFUSED;
    }
    this.arrivalsUp[bucket]++;
    const window = Math.floor((time - this.outageMs) / 1000);
    if (window !== this.window) {
      this.window = window;
      this.admitted = 0;
    }
    if (this.admitted >= this.budget) {
      this.rejectedOverBudget++;
      return REJECTED;
    }
    this.admitted++;
    this.accepted++;
    return ACCEPTED;
  }
}

/**
 * The close reason of a server in "hint" mode: it knows it will be down for
 * `outageMs` and then admit `handshakesPerSecond`, so it asks its `sockets`
 * clients to come back spread evenly over the seconds that takes:
 * `retry-after=S1-S2` with S1 the outage and S2 the outage plus
 * sockets / (aim · K). Aiming at 95% of K leaves room for chance: uniform
 * arrivals at exactly K overflow some seconds, and the 503s they get come back.
 * Seconds with up to 3 decimals, as the grammar in src/socket/retry-hint.ts takes them.
 */
export function retryHintReason({outageMs, handshakesPerSecond, sockets, aim = 0.95}) {
  const from = outageMs / 1000;
  const to = from + sockets / (handshakesPerSecond * aim);
  const secondsText = (s) => String(Math.round(s * 1000) / 1000);
  return `restart; retry-after=${secondsText(from)}-${secondsText(to)}`;
}
