/**
 * The element's targets. Throughput, latency and CPU are judged against the
 * floor (the raw socket plus one CustomEvent per message), the limit for any
 * element with this event contract; the ratio to the raw socket is shown beside.
 */
export const heapGrowthLimit = 32 * 1024; // bytes over 1,000 cycles: far less than one leaked socket or element per cycle

export function checkTargets(results) {
  const workloads = Object.fromEntries(results.workloads.map((w) => [w.id, w.clients]));
  const ours = (id, figure) => workloads[id].ours[figure];
  const targets = [];
  const ratio = (r) => `${r.median.toFixed(2)}× (${r.min.toFixed(2)}..${r.max.toFixed(2)})`;

  for (const [id, figure] of [['push', 'msg/s'], ['send', 'msg/s'], ['binary', 'MB/s']]) {
    const {vsFloor, vsRaw} = ours(id, figure);
    targets.push({
      target: `${id} ${figure} ≥ 0.95× floor`,
      pass: vsFloor.median >= 0.95,
      actual: `${ratio(vsFloor)} floor; ${vsRaw.median.toFixed(2)}× raw`,
    });
  }
  const p50 = ours('roundTrip', 'p50 µs');
  targets.push({target: 'round trip p50 ≤ 1.05× floor', pass: p50.vsFloor.median <= 1.05, actual: `${ratio(p50.vsFloor)} floor; ${p50.vsRaw.median.toFixed(2)}× raw`});
  for (const [id, figure] of [['push', 'CPU µs/msg'], ['send', 'CPU µs/msg'], ['roundTrip', 'CPU µs/trip']]) {
    const {vsFloor, vsRaw} = ours(id, figure);
    targets.push({target: `${id} main-thread ${figure} ≤ 1.05× floor`, pass: vsFloor.median <= 1.05, actual: `${ratio(vsFloor)} floor; ${vsRaw.median.toFixed(2)}× raw`});
  }

  const figures = [['push', 'msg/s'], ['send', 'msg/s'], ['roundTrip', 'p50 µs'], ['roundTrip', 'p99 µs'], ['binary', 'MB/s']];
  for (const peer of ['partysocket', 'reconnecting-websocket']) {
    const behind = figures.filter(([id, figure]) => {
      const mine = ours(id, figure).median;
      const theirs = workloads[id][peer][figure].median;
      return figure.includes('µs') ? mine > theirs : mine < theirs;
    });
    targets.push({
      target: `ahead of ${peer} on every throughput and latency figure`,
      pass: behind.length === 0,
      actual: behind.length === 0 ? 'ahead on all 5' : `behind on ${behind.map(([id, f]) => `${id} ${f}`).join(', ')}`,
    });
  }

  const {sizes} = results;
  targets.push({target: 'bundle with lit ≤ 7,000 B gz', pass: sizes.ours.gzipped <= 7000, actual: `${sizes.ours.gzipped.toLocaleString('en-US')} B`});
  targets.push({
    target: 'element code without lit ≤ 2,500 B gz',
    pass: sizes['ours without lit'].gzipped <= 2500,
    actual: `${sizes['ours without lit'].gzipped.toLocaleString('en-US')} B`,
  });

  const cycles = results.cycles.clients.ours;
  targets.push({
    target: `no heap growth over ${results.cycles.cycles.toLocaleString('en-US')} cycles (< ${heapGrowthLimit / 1024} KB, no DOM node or listener left)`,
    pass: cycles.heapBytes <= heapGrowthLimit && cycles.nodes <= 0 && cycles.listeners <= 0,
    actual: `heap ${signed(cycles.heapBytes)} B, nodes ${signed(cycles.nodes)}, listeners ${signed(cycles.listeners)}`,
  });
  targets.push({
    target: 'server sees zero open sockets at the end',
    pass: results.openSocketsAtEnd === 0,
    actual: `${results.openSocketsAtEnd} open of ${results.socketsOpened.toLocaleString('en-US')} opened`,
  });
  return targets;
}

const signed = (n) => (n > 0 ? `+${n.toLocaleString('en-US')}` : n.toLocaleString('en-US'));
