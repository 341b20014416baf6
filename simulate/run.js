/**
 * npm run simulate                 (node simulate/run.js)
 *   -- --k 2000                      handshakes/s the server admits once back; without it,
 *                                      two tables: 2,000/s and 10,000/s
 *   -- --clients 100000              users (default 100,000)
 *   -- --seed 1                      PRNG seed: the same arguments print the same tables
 *   -- --outage 5                    seconds the server is down after the 1012 close
 *   -- --tabs 3                      tabs per user in the multi-tab rows
 *
 * A reconnect storm after a deploy, simulated event by event in virtual time
 * (no sockets, no timers): every client socket is closed with 1012 at t = 0,
 * the server refuses connects for the outage and then admits at most K
 * handshakes per second, 503 for the rest. Each row is one client library's
 * reconnect policy; <py-websocket> is its built socket core itself (lib/socket/,
 * one ReconnectingSocket per socket on the virtual clock), so run `npm run build` first.
 *
 * node simulate/check-models.js runs the installed reconnecting-websocket and
 * partysocket on a virtual clock and checks their models against them.
 */
import {existsSync, readFileSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {writeFigures} from '../scripts/figures/write.js';

const root = new URL('../', import.meta.url);
const horizonMs = 600_000;

const usage = 'usage: node simulate/run.js [--k HANDSHAKES_PER_S] [--clients USERS] [--seed N] [--outage SECONDS] [--tabs N]';
let options;
try {
  ({values: options} = parseArgs({
    options: {
      k: {type: 'string'},
      clients: {type: 'string', default: '100000'},
      seed: {type: 'string', default: '1'},
      outage: {type: 'string', default: '5'},
      tabs: {type: 'string', default: '3'},
    },
  }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}

function wholeNumber(name, min) {
  const value = Number(options[name]);
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(`--${name} must be a whole number >= ${min}, not ${JSON.stringify(options[name])}`);
    process.exit(2);
  }
  return value;
}

const users = wholeNumber('clients', 1);
const seed = wholeNumber('seed', 0);
const outageSeconds = Number(options.outage);
if (!(outageSeconds >= 0 && outageSeconds * 1000 < horizonMs)) {
  console.error(`--outage must be between 0 and ${horizonMs / 1000} seconds, not ${JSON.stringify(options.outage)}`);
  process.exit(2);
}
const tabs = wholeNumber('tabs', 2);
if (tabs > 255) {
  console.error('--tabs must be at most 255');
  process.exit(2);
}
const budgets = options.k === undefined ? [2000, 10000] : [wholeNumber('k', 1)];

// The element's policy is imported from the build, not copied: without it there is nothing to simulate.
const needed = ['lib/socket/index.js'].filter((file) => !existsSync(new URL(file, root)));
if (needed.length > 0) {
  console.error(`${needed.join(' and ')} missing: run \`npm run build\` first (simulate/ drives the built socket core).`);
  process.exit(1);
}
const {modelSources} = await import('./policies.js');
const {pyWebSocketCore: pyWebSocket} = await import('./core-clients.js');
const {stormRows} = await import('./rows.js');
const {runStorms} = await import('./storm-pool.js');
const {retryHintReason} = await import('./server.js');

function packageVersion(dir) {
  try {
    return JSON.parse(readFileSync(new URL(`${dir}/package.json`, root), 'utf8')).version;
  } catch {
    return '?';
  }
}

// The library models were read from one version's source; say so if what is installed differs.
for (const source of modelSources) {
  const installed = packageVersion(`node_modules/${source.package}`);
  let text = '';
  try {
    text = readFileSync(new URL(source.file, root), 'utf8');
  } catch {
    // Missing file: reported below like any other mismatch.
  }
  const missing = source.expect.filter((line) => !text.includes(line));
  if (installed !== source.version || missing.length > 0) {
    console.error(
      `warning: the ${source.package} row models ${source.version}, installed is ${installed}` +
        (missing.length ? `; ${source.file} no longer contains: ${missing.join(' | ')}` : '')
    );
  }
}

const names = {
  'py-websocket': `<py-websocket> ${packageVersion('.')}`,
  'reconnecting-websocket': `reconnecting-websocket ${packageVersion('node_modules/reconnecting-websocket')}`,
  partysocket: `partysocket ${packageVersion('node_modules/partysocket')}`,
};

const rows = stormRows(tabs);

const grouped = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const seconds = (ms) => (ms === Infinity ? `>${horizonMs / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

const columns = [
  {title: 'client', left: true, value: (row) => names[row.policy.name]},
  {title: 'setup', left: true, value: (row) => row.setup},
  {title: 'sockets', value: (row, r) => grouped(r.sockets)},
  {title: 'limit', value: (row, r) => seconds(r.limitMs)},
  {title: 'peak/s', value: (row, r) => grouped(r.peak)},
  {title: 'peak/s up', value: (row, r) => grouped(r.peakUp)},
  {title: '99% sockets', value: (row, r) => seconds(r.t99Sockets)},
  {title: '99% users', value: (row, r) => seconds(r.t99Users)},
  {title: '99% users/limit', value: (row, r) => (r.t99Users === Infinity ? '-' : (r.t99Users / r.limitMs).toFixed(2))},
  {title: '99.9% users', value: (row, r) => seconds(r.t999Users)},
  {title: 'wasted', value: (row, r) => grouped(r.refusedDown + r.rejectedOverBudget)},
  {title: 'while down', value: (row, r) => grouped(r.refusedDown)},
  {title: 'over budget', value: (row, r) => grouped(r.rejectedOverBudget)},
  {title: 'wasted/socket', value: (row, r) => ((r.refusedDown + r.rejectedOverBudget) / r.sockets).toFixed(2)},
  {title: 'attempts', value: (row, r) => grouped(r.attempts)},
];

function table(k, results) {
  const cells = rows.map((row, index) => {
    const sockets = users * row.socketsPerUser;
    const outageMs = outageSeconds * 1000;
    const result = results[index];
    // No client can do better: the outage, then every socket at K a second.
    result.limitMs = outageMs + (sockets / k) * 1000;
    if (result.gaveUp > 0) row.setup += ` (${grouped(result.gaveUp)} gave up)`;
    return columns.map((column) => column.value(row, result));
  });
  const widths = columns.map((column, c) => Math.max(column.title.length, ...cells.map((line) => line[c].length)));
  const format = (line) =>
    line.map((cell, c) => (columns[c].left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  const lines = [
    `Reconnect storm: ${grouped(users)} users, K = ${grouped(k)} handshakes/s, seed ${seed}, outage ${outageSeconds} s`,
    `  t=0: every socket closed with 1012; for ${outageSeconds} s connects are refused (after 5 ms); then at most ` +
      `${grouped(k)} handshakes admitted per second, HTTP 503 (after 20 ms) for the rest; a handshake takes 20 ms;`,
    `  simulated until 99.9% of sockets and of users are back, or ${horizonMs / 1000} s;`,
    `  physical limit ${seconds(outageSeconds * 1000 + (users / k) * 1000)} for ${grouped(users)} sockets (${outageSeconds} s + ${grouped(users)} / ${grouped(k)}), ` +
      `${seconds(outageSeconds * 1000 + ((users * tabs) / k) * 1000)} for ${grouped(users * tabs)};`,
    `  rows marked "hint": the close reason is ${retryHintReason({outageMs: outageSeconds * 1000, handshakesPerSecond: k, sockets: users})} ` +
      `(for ${grouped(users)} sockets; the window's end is outage + sockets / 0.95 K)`,
    '',
    format(columns.map((column) => column.title)),
    format(widths.map((width) => '-'.repeat(width))),
    ...cells.map(format),
  ];
  markdownTables.push(
    [
      `K = ${grouped(k)} handshakes/s:`,
      '',
      `| ${columns.map((column) => column.title).join(' | ')} |`,
      `|${columns.map(() => '---').join('|')}|`,
      ...cells.map((line) => `| ${line.map((cell) => (cell.includes('<') ? `\`${cell}\`` : cell)).join(' | ')} |`),
    ].join('\n')
  );
  return lines.join('\n');
}
const markdownTables = [];

const legend = `
peak/s       most connect attempts arriving at the server in one 1-second bucket (from t=0), refused ones included
peak/s up    the same, counting only the seconds after the server came back
99% sockets  time from the 1012 close until 99% of sockets are open again
99% users    the same for users: a user is back when all its tabs are (with share="tabs", when its one socket is)
limit        the physical limit: the outage, then all sockets admitted at K a second (outage + sockets / K)
wasted       attempts that failed: refused while down + refused with 503 over the budget
wasted/socket  wasted divided by sockets
attempts     every connect attempt that reached the server (opened ones included), until the run stopped
">${horizonMs / 1000} s" means not reached within the simulated ${horizonMs / 1000} s.`;

// Every storm of every table, on as many threads as there are cores.
const stormResults = await runStorms(
  budgets.flatMap((k) =>
    rows.map((row, index) => ({row: index, k, users, tabs, seed, outageMs: outageSeconds * 1000, horizonMs, weight: row.socketsPerUser / k}))
  )
);
const tables = budgets.map((k, b) => table(k, stormResults.slice(b * rows.length, (b + 1) * rows.length)));
console.log(tables.join('\n\n'));
console.log(legend);

// The battery's herd (50 elements, one restart) as first retries: bunching is what jitter prevents.
const {firstRetrySpread} = await import('./herd-spread.js');
const {mulberry32} = await import('./prng.js');
console.log(`\nFirst retries of a 50-socket herd, most within any 100 ms / 50 ms (median, 99th percentile, worst of 1,000 seeded herds; seed ${seed}):`);
for (const [label, policy] of [[names['py-websocket'], pyWebSocket()]]) {
  for (const code of [1006, 1012]) {
    const wide = firstRetrySpread(policy, {code, width: 100, random: mulberry32(seed)});
    const narrow = firstRetrySpread(policy, {code, width: 50, random: mulberry32(seed)});
    console.log(
      `  ${label.padEnd(24)} after ${code}: 100 ms ${wide.median} / ${wide.p99} / ${wide.worst}   50 ms ${narrow.median} / ${narrow.p99} / ${narrow.worst}`
    );
  }
}

writeAtScaleFigures();

/** With the default arguments, the tables of docs/at-scale.md. */
function writeAtScaleFigures() {
  if (process.argv.length > 2) return;
  const intro = `${grouped(users)} users, seed ${seed}, the server down for ${outageSeconds} s after the 1012 close:`;
  const columns = legend
    .trim()
    .split('\n')
    .map((line) => /^(\S.*?\S)\s{2,}(.*)$/.exec(line))
    .filter(Boolean)
    .map(([, column, meaning]) => `- ${column}: ${meaning}`);
  writeFigures(new URL('docs/at-scale.md', root), 'simulate', 'npm run simulate', [intro, ...markdownTables, columns.join('\n')].join('\n\n'));
}
