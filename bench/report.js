/** Turns results into the printed tables, the README's Markdown table and a comparison with an earlier run. */
export const clientNames = {
  raw: 'raw WebSocket',
  floor: 'floor (raw + CustomEvent)',
  ours: '<py-websocket>',
  partysocket: 'partysocket',
  'reconnecting-websocket': 'reconnecting-websocket',
};

const lowerIsBetter = (figure) => figure.includes('µs') || figure.startsWith('ms/') || figure.startsWith('CPU');

export function formatNumber(value) {
  const abs = Math.abs(value);
  // Three significant figures at most, decided after rounding (99.96 shows as 100, not 100.0).
  const digits = abs >= 99.95 ? 0 : abs >= 9.995 ? 1 : 2;
  return value.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

const range = (s) => `${formatNumber(s.median)} (${formatNumber(s.min)}..${formatNumber(s.max)})`;
const times = (s) => (s ? `${s.median.toFixed(2)}` : '');
const percent = (s) => `${Math.round(s.median * 100)}% (${Math.round(s.min * 100)}..${Math.round(s.max * 100)}%)`;

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => '  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function workloadTable(workload) {
  const figures = Object.keys(Object.values(workload.clients)[0]);
  const header = ['client'];
  for (const figure of figures) header.push(`${figure} median (min..max)`, '× raw', '× floor');
  const cpu = figures.find((f) => f.startsWith('CPU µs/msg'));
  if (cpu) header.push('core at 1k msg/s');
  const rows = Object.entries(workload.clients).map(([client, values]) => {
    const row = [clientNames[client]];
    for (const figure of figures) row.push(range(values[figure]), times(values[figure].vsRaw), times(values[figure].vsFloor));
    if (cpu) row.push(`${((values[cpu].median * 1000) / 1e6 * 100).toFixed(1)}%`);
    return row;
  });
  return table(header, rows);
}

export function textReport(results, targets) {
  const out = [];
  const m = results.machine;
  out.push(`py-websocket bench, ${results.date}: ${results.reps} repetitions, client order alternating, ratios taken within each repetition`);
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.os}, Linux ${m.kernel}; Node ${m.node}; ${m.browser}; puppeteer-core ${m.versions['puppeteer-core']}, ws ${m.versions.ws}, esbuild ${m.versions.esbuild}`);
  out.push(`Peers: partysocket ${m.versions.partysocket}, reconnecting-websocket ${m.versions['reconnecting-websocket']}; lit ${m.versions.lit}`);
  out.push(`Load average ${results.load.start} at start, ${results.load.end} at end; other processes used ${percent(results.load.others)} of all cores during the timed runs`);
  out.push('Ratios: × raw and × floor are the client divided by the raw socket / the floor of the same repetition (median).');
  out.push('  Throughput: higher is better. Latency and CPU: lower is better.');
  out.push(`  CPU is the time the renderer's main thread ran, from ${results.cpuClock}; the client order alternates chunk by chunk.`);
  for (const workload of results.workloads) {
    out.push('', workload.title, workloadTable(workload), `  other processes used ${percent(workload.others)} of all cores during these runs`);
  }
  const c = results.cycles;
  out.push('', `Cost of a connection: ${c.cycles.toLocaleString('en-US')} create/open/let-go cycles per client, one at a time, in ${c.blocks} blocks`);
  out.push('  (elements are inserted and removed; the peers use their constructor and close())');
  const header = ['client', 'ms/cycle median (min..max)', '× raw', '× floor', 'CPU ms/cycle median (min..max)', '× raw', '× floor', 'JS heap after GC', 'DOM nodes', 'listeners'];
  const rows = Object.entries(c.clients).map(([client, v]) => [
    clientNames[client],
    range(v['ms/cycle']),
    times(v['ms/cycle'].vsRaw),
    times(v['ms/cycle'].vsFloor),
    range(v['CPU ms/cycle']),
    times(v['CPU ms/cycle'].vsRaw),
    times(v['CPU ms/cycle'].vsFloor),
    `${v.heapBytes > 0 ? '+' : ''}${v.heapBytes.toLocaleString('en-US')} B`,
    `${v.nodes > 0 ? '+' : ''}${v.nodes}`,
    `${v.listeners > 0 ? '+' : ''}${v.listeners}`,
  ]);
  out.push(table(header, rows));
  out.push(`  server: ${results.openSocketsAtEnd} socket(s) open at the end, ${results.socketsOpened.toLocaleString('en-US')} opened in all; other processes used ${percent(c.others)} of all cores`);

  out.push('', 'Size as the page loads it (minified, gzip -9)');
  out.push(
    table(
      ['client', 'minified', 'gzipped', 'what'],
      Object.entries(results.sizes).map(([name, s]) => [clientNames[name] ?? name, `${s.minified.toLocaleString('en-US')} B`, `${s.gzipped.toLocaleString('en-US')} B`, s.what])
    )
  );
  out.push('', 'Targets for <py-websocket>');
  for (const t of targets) out.push(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.target}: ${t.actual}`);
  out.push('', `Run took ${results.durationSeconds.toFixed(0)} s.`);
  return out.join('\n');
}

/** Each client's change against an earlier results.json, figure by figure. */
export function compareReport(previous, results) {
  const out = [`Compared with the run of ${previous.date} (change of the median; + is better):`];
  const sections = [...results.workloads.map((w) => [w.id, w.clients, previous.workloads.find((p) => p.id === w.id)?.clients]), ['cycles', results.cycles.clients, previous.cycles?.clients]];
  for (const [id, clients, before] of sections) {
    if (!before) continue;
    const rows = [];
    for (const [client, figures] of Object.entries(clients)) {
      for (const [figure, value] of Object.entries(figures)) {
        const old = before[client]?.[figure];
        if (typeof value !== 'object' || !old) continue;
        const change = lowerIsBetter(figure) ? old.median / value.median - 1 : value.median / old.median - 1;
        const floor = value.vsFloor && old.vsFloor ? `${old.vsFloor.median.toFixed(2)} → ${value.vsFloor.median.toFixed(2)}` : '';
        rows.push([clientNames[client], figure, formatNumber(old.median), formatNumber(value.median), `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`, floor]);
      }
    }
    out.push('', id, table(['client', 'figure', 'before', 'now', 'change', '× floor'], rows));
  }
  const sizes = Object.entries(results.sizes).map(([name, s]) => `${clientNames[name] ?? name} ${previous.sizes?.[name]?.gzipped ?? '?'} → ${s.gzipped} B`);
  out.push('', `sizes (gz): ${sizes.join('; ')}`);
  return out.join('\n');
}

/** The README table: one row per figure, one column per client; cells are "median (× raw / × floor)". */
export function markdownTable(results) {
  const clients = Object.keys(results.workloads[0].clients);
  const rows = [];
  const cell = (v) => {
    const ratios = v.vsRaw && v.vsFloor ? ` (${v.vsRaw.median.toFixed(2)} / ${v.vsFloor.median.toFixed(2)})` : '';
    return `${formatNumber(v.median)}${ratios}`;
  };
  const labels = {
    push: {'msg/s': 'server push, msg/s ↑', 'CPU µs/msg': 'push: main-thread CPU, µs/msg ↓'},
    send: {'msg/s': 'client send, msg/s ↑', 'CPU µs/msg': 'send: main-thread CPU, µs/msg ↓'},
    roundTrip: {'p50 µs': 'round trip p50, µs ↓', 'p99 µs': 'round trip p99, µs ↓', 'CPU µs/trip': 'round trip: main-thread CPU, µs ↓'},
    binary: {'MB/s': 'binary push (16 KB), MB/s ↑', 'CPU µs/msg': 'binary: main-thread CPU, µs/msg ↓'},
  };
  for (const workload of results.workloads) {
    for (const [figure, label] of Object.entries(labels[workload.id])) {
      rows.push([label, ...clients.map((c) => cell(workload.clients[c][figure]))]);
    }
  }
  const push = results.workloads.find((w) => w.id === 'push');
  rows.push(['core used at 1,000 msg/s', ...clients.map((c) => `${(push.clients[c]['CPU µs/msg'].median / 10).toFixed(1)}%`)]);
  const cycles = results.cycles.clients;
  rows.push(['connect/let-go cycle, ms ↓', ...clients.map((c) => cell(cycles[c]['ms/cycle']))]);
  rows.push(['cycle: main-thread CPU, ms ↓', ...clients.map((c) => cell(cycles[c]['CPU ms/cycle']))]);
  rows.push([`JS heap after ${results.cycles.cycles.toLocaleString('en-US')} cycles (GC)`, ...clients.map((c) => `${cycles[c].heapBytes > 0 ? '+' : ''}${cycles[c].heapBytes.toLocaleString('en-US')} B`)]);
  const size = (c) => {
    if (c === 'raw' || c === 'floor') return '—';
    if (c === 'ours') return `${results.sizes.ours.gzipped.toLocaleString('en-US')} B (${results.sizes['ours without lit'].gzipped.toLocaleString('en-US')} B without lit)`;
    return `${results.sizes[c].gzipped.toLocaleString('en-US')} B`;
  };
  rows.push(['size, minified + gzip -9', ...clients.map(size)]);
  const header = ['', ...clients.map((c) => clientNames[c].replace('<py-websocket>', '`<py-websocket>`'))];
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}
