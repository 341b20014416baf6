import {call} from './measure.js';

/**
 * Where the main thread's time goes on the message path: the V8 CPU profiler
 * (DevTools Profiler domain) over a workload run with the unminified element
 * (lib/), self time summed per function. The raw socket and the floor run the
 * same way, in ABBA order, to show what the element adds. Only used with
 * --profile, never inside a timed run.
 */
export async function profileWorkload({tab, server}, workload, order) {
  const totals = new Map();
  for (const client of order) {
    await call(tab.page, 'connect', [client, server.socketOrigin + workload.path, 'blob'], 15000);
    try {
      await tab.collectGarbage();
      await tab.cdp.send('Profiler.enable');
      await tab.cdp.send('Profiler.setSamplingInterval', {interval: 50});
      await tab.cdp.send('Profiler.start');
      const [method, ...args] = workload.call(client);
      await call(tab.page, method, args, 90000);
      const {profile} = await tab.cdp.send('Profiler.stop');
      await tab.cdp.send('Profiler.disable');
      if (!totals.has(client)) totals.set(client, {messages: 0, functions: new Map()});
      const total = totals.get(client);
      total.messages += workload.ops;
      addSelfTimes(profile, total.functions);
    } finally {
      await call(tab.page, 'dropAll', [], 5000);
      await server.drained();
    }
  }
  return [...totals].map(([client, {messages, functions}]) => ({client, ...summarize(functions, messages)}));
}

/** Adds each sample's time to the function it landed in (self time). */
function addSelfTimes(profile, functions) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (let i = 0; i < profile.samples.length; i++) {
    const {functionName, url, lineNumber} = byId.get(profile.samples[i]).callFrame;
    const file = url ? url.replace(/^.*\/\/[^/]+/, '') : '';
    const name = functionName || '(anonymous)';
    const key = `${name} ${file}:${lineNumber}`;
    const entry = functions.get(key) ?? {name, file, line: lineNumber + 1, us: 0};
    entry.us += profile.timeDeltas[i] ?? 0;
    functions.set(key, entry);
  }
}

const origin = (f) =>
  f.file.startsWith('/lib/')
    ? 'element code (lib/)'
    : f.file.startsWith('/profile/lit')
      ? 'lit'
      : f.file.startsWith('/page/')
        ? 'bench page (harness listener, floor code)'
        : 'browser and V8 (native, GC, event dispatch)';

function summarize(functions, messages) {
  const list = [...functions.values()].filter((f) => f.name !== '(idle)').sort((a, b) => b.us - a.us);
  const busy = list.reduce((total, f) => total + f.us, 0);
  const origins = {};
  for (const f of list) origins[origin(f)] = (origins[origin(f)] ?? 0) + f.us;
  const shaped = (f) => ({...f, usPerMessage: f.us / messages, share: f.us / busy});
  return {
    busyUsPerMessage: busy / messages,
    origins: Object.entries(origins).map(([name, us]) => ({name, usPerMessage: us / messages})),
    top: list.slice(0, 12).map(shaped),
    element: list.filter((f) => f.file.startsWith('/lib/')).map(shaped),
  };
}

export function profileReport(title, reports, unit) {
  const out = [`${title}; self time per ${unit}, idle excluded`];
  for (const r of reports) {
    out.push('', `${r.client}: ${r.busyUsPerMessage.toFixed(2)} µs of main-thread time per ${unit}`);
    for (const o of r.origins) out.push(`  ${o.name.padEnd(46)} ${o.usPerMessage.toFixed(2).padStart(6)} µs`);
    out.push('  top self time:');
    for (const f of r.top) out.push(`    ${f.usPerMessage.toFixed(2).padStart(6)} µs ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}${f.file ? `  ${f.file}:${f.line}` : ''}`);
    if (r.element.length) {
      out.push("  the element's own functions:");
      for (const f of r.element) out.push(`    ${f.usPerMessage.toFixed(3).padStart(6)} µs ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}  ${f.file}:${f.line}`);
    }
  }
  return out.join('\n');
}
