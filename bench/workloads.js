/**
 * The message workloads. Each client's share of a repetition is split into
 * chunks, and the clients take turns chunk by chunk (forwards, then
 * backwards), so a burst of load elsewhere on the machine falls on all of them
 * alike instead of on whichever client happened to run then.
 *
 * A workload names the server path it needs, the page call for one chunk, how
 * many operations a chunk is (for CPU per operation), how a chunk's result adds
 * to the repetition's total, and the figures that total gives.
 */
export const sizes = {push: 100000, send: 100000, roundTrips: 2000, binary: 8000, binaryBytes: 16 * 1024, textBytes: 16, chunks: 4};

export function messageWorkloads({push, send, roundTrips, binary, binaryBytes, textBytes, chunks} = sizes) {
  const warm = 25; // untimed round trips at the start of each chunk
  return [
    {
      id: 'push',
      title: `Server push: ${fmt(push)} text messages of ${textBytes} B per client, sent as fast as the server can; msg/s from first to last receipt`,
      path: `/ws/push?n=${push / chunks}&bytes=${textBytes}`,
      binaryType: 'blob',
      chunks,
      ops: push / chunks,
      call: (client) => ['push', client, push / chunks],
      add: (total, r) => addTime(total, r.count - 1, r.last - r.first),
      figures: (total) => ({'msg/s': (total.units * 1000) / total.ms}),
      cpu: 'CPU µs/msg',
    },
    {
      id: 'send',
      title: `Client send: ${fmt(send)} text messages of ${textBytes} B per client from the page; msg/s until the server has all`,
      path: `/ws/sink?n=${send / chunks}`,
      binaryType: 'blob',
      chunks,
      ops: send / chunks,
      call: (client) => ['sendMany', client, send / chunks, textBytes],
      add: (total, r) => addTime(total, send / chunks, r.end - r.start),
      figures: (total) => ({'msg/s': (total.units * 1000) / total.ms}),
      cpu: 'CPU µs/msg',
    },
    {
      id: 'roundTrip',
      title: `Round trip: ${fmt(roundTrips)} sequential ping/pong per client (${warm} untimed before each chunk); latency`,
      path: '/ws/echo',
      binaryType: 'blob',
      chunks,
      ops: roundTrips / chunks + warm,
      call: (client) => ['roundTrips', client, roundTrips / chunks, warm],
      add: (total, r) => (total.samples = [...(total.samples ?? []), ...r.samples]),
      figures: (total) => {
        const sorted = total.samples.sort((a, b) => a - b);
        return {'p50 µs': sorted[Math.floor(sorted.length * 0.5)], 'p99 µs': sorted[Math.floor(sorted.length * 0.99)]};
      },
      cpu: 'CPU µs/trip',
    },
    {
      id: 'binary',
      title: `Binary push: ${fmt(binary)} ArrayBuffer messages of ${binaryBytes / 1024} KB per client; MB/s from first to last receipt`,
      path: `/ws/push?n=${binary / chunks}&bytes=${binaryBytes}&binary=1`,
      binaryType: 'arraybuffer',
      chunks,
      ops: binary / chunks,
      call: (client) => ['binary', client, binary / chunks],
      add: (total, r) => addTime(total, ((r.count - 1) * binaryBytes) / 1e6, r.last - r.first),
      figures: (total) => ({'MB/s': (total.units * 1000) / total.ms}),
      cpu: 'CPU µs/msg',
    },
  ];
}

function addTime(total, units, ms) {
  total.units = (total.units ?? 0) + units;
  total.ms = (total.ms ?? 0) + ms;
}

const fmt = (n) => n.toLocaleString('en-US');
