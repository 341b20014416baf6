import {readFile, writeFile} from 'node:fs/promises';
import {parseArgs} from 'node:util';
import {addProfileFiles, loadFiles} from './bundles.js';
import {launchBrowser, openPage} from './browser.js';
import {describeMachine} from './machine.js';
import {measureCycles, measureRep} from './measure.js';
import {loadAverage, otherLoad, threadClock} from './proc.js';
import {profileReport, profileWorkload} from './profile.js';
import {compareReport, markdownTable, textReport} from './report.js';
import {writeFigures} from '../scripts/figures/write.js';
import {startServer} from './server.js';
import {othersShare, stat, summarize, sum} from './stats.js';
import {checkTargets} from './targets.js';
import {messageWorkloads, sizes as workloadSizes} from './workloads.js';

/**
 * npm run bench                 measure, print, write bench/results.json and docs/performance.md
 *   -- --compare                  also print the change from the previous bench/results.json
 *   -- --reps N --cycles N        repetitions (3) and connection cycles per client (1000)
 *   -- --profile                  only profile the element's message path and connection cycle against raw and floor
 *   -- --markdown                 only print bench/results.json as docs/performance.md's table, and write it there
 *
 * Every client runs the same work in the same page of one Chromium, against
 * one local server; the order of clients alternates between repetitions and
 * each is compared with the raw socket and the floor of the same repetition.
 */
const {values: options} = parseArgs({
  options: {
    compare: {type: 'boolean', default: false},
    reps: {type: 'string', default: '3'},
    cycles: {type: 'string', default: '1000'},
    profile: {type: 'boolean', default: false},
    markdown: {type: 'boolean', default: false},
  },
});
const resultsFile = new URL('./results.json', import.meta.url);
const clients = ['raw', 'floor', 'ours', 'partysocket', 'reconnecting-websocket'];
const reps = Number(options.reps);
const cycleCount = Number(options.cycles);
const cycleBlocks = 4;
if (!(Number.isInteger(reps) && reps >= 1) || !(Number.isInteger(cycleCount / cycleBlocks) && cycleCount > 0)) {
  console.error(`bench: --reps must be a whole number ≥ 1 and --cycles a positive multiple of ${cycleBlocks}`);
  process.exit(1);
}
const startedAt = performance.now();
const log = (line) => process.stderr.write(`[${((performance.now() - startedAt) / 1000).toFixed(0).padStart(3)} s] ${line}\n`);

let browser;
// A run must end: whatever hangs, stop after 7 minutes (a normal run takes 2½–4).
const watchdog = setTimeout(() => {
  log('bench: still running after 7 minutes; giving up.');
  browser?.process()?.kill('SIGKILL');
  process.exit(2);
}, 7 * 60 * 1000);
watchdog.unref();

/** The table of docs/performance.md, from the run that measured it. */
function writeBenchFigures(results) {
  const {cpu, cores, os, node, browser} = results.machine;
  const load = results.load?.start ? `, load average ${results.load.start.split(' ')[0]} at the start` : '';
  const on = `${cpu}, ${cores} cores, ${os}, Node ${node}, ${browser.replace(/ \(.*/, '')}${load}`;
  writeFigures(new URL('../docs/performance.md', import.meta.url), 'bench', 'npm run bench', markdownTable(results), {date: results.date, on});
}

/** Alternates the order: each repetition starts one client later, and every other one runs backwards. */
function orderFor(rep) {
  const rotated = clients.map((_, i) => clients[(i + rep) % clients.length]);
  return rep % 2 ? rotated.reverse() : rotated;
}

async function main() {
  if (options.markdown) {
    const results = JSON.parse(await readFile(resultsFile, 'utf8'));
    console.log(markdownTable(results));
    writeBenchFigures(results);
    return;
  }
  const previous = options.compare ? await readFile(resultsFile, 'utf8').then(JSON.parse, () => undefined) : undefined;
  if (options.compare && !previous) log('bench: no earlier bench/results.json to compare with; running without.');

  const loadAtStart = loadAverage();
  const {files, sizes} = await loadFiles();
  if (options.profile) await addProfileFiles(files);
  const server = await startServer(files);
  try {
    browser = await launchBrowser();
    const tab = await openPage(browser, `${server.origin}/${options.profile ? 'profile.html' : ''}`);
    const context = {tab, server, load: otherLoad(browser.process().pid)};

    if (options.profile) {
      // The bench's push (the receive path), send and round-trip workloads, each client's share in one piece.
      const profiled = messageWorkloads({...workloadSizes, chunks: 1}).slice(0, 3);
      const warm = messageWorkloads({...workloadSizes, push: 10000, send: 10000, roundTrips: 500, chunks: 1}).slice(0, 3);
      const order = ['raw', 'floor', 'ours', 'ours', 'floor', 'raw'];
      for (const workload of warm) await profileWorkload(context, workload, ['raw', 'floor', 'ours']);
      for (const workload of profiled) {
        const title = `CPU profile (V8 sampling every 50 µs), ${workload.title.split(';')[0]}, in the order ${order.join(', ')}`;
        const unit = workload.id === 'roundTrip' ? 'round trip' : 'message';
        console.log(`${profileReport(title, await profileWorkload(context, workload, order), unit)}\n`);
      }
      // The connection's life: create, open and let go, one at a time.
      const cycles = (n) => ({id: 'cycles', path: '/ws/echo', ops: n, call: (client) => ['cycles', client, `${server.socketOrigin}/ws/echo`, n]});
      await profileWorkload(context, cycles(50), ['raw', 'floor', 'ours']);
      const title = `CPU profile (V8 sampling every 50 µs), ${cycleCount / cycleBlocks} connect/let-go cycles, in the order ${order.join(', ')}`;
      console.log(profileReport(title, await profileWorkload(context, cycles(cycleCount / cycleBlocks), order), 'cycle'));
      return;
    }

    const machine = describeMachine(await browser.version());
    log(`bench: ${machine.browser}, renderer pid ${tab.renderer}, ${reps} repetitions; load average ${loadAtStart}`);

    // Warm-up: every client through every workload once, small and untimed, so the JIT has settled.
    const warm = messageWorkloads({push: 5000, send: 5000, roundTrips: 200, binary: 200, binaryBytes: 16384, textBytes: 16, chunks: 1});
    for (const workload of warm) await measureRep(context, workload, clients);

    const workloads = messageWorkloads();
    const samples = Object.fromEntries(workloads.map((w) => [w.id, Object.fromEntries(clients.map((c) => [c, []]))]));
    for (let rep = 0; rep < reps; rep++) {
      const order = orderFor(rep);
      for (const workload of workloads) {
        const results = await measureRep(context, workload, order);
        for (const client of clients) samples[workload.id][client].push(results[client]);
        const figure = Object.keys(results.raw)[0];
        log(`bench: rep ${rep + 1}/${reps} ${workload.id}: ${order.map((c) => `${c} ${Math.round(results[c][figure])}`).join(', ')} ${figure}`);
      }
    }

    // Connection cycles: blocks in alternating order; the first cycles of each client are untimed warm-up.
    for (const client of clients) await measureCycles(context, client, 20);
    const cycleSamples = Object.fromEntries(clients.map((c) => [c, []]));
    for (let block = 0; block < cycleBlocks; block++) {
      for (const client of orderFor(block)) cycleSamples[client].push(await measureCycles(context, client, cycleCount / cycleBlocks));
      log(`bench: cycles block ${block + 1}/${cycleBlocks}: ${clients.map((c) => `${c} ${cycleSamples[c][block]['ms/cycle'].toFixed(1)}`).join(', ')} ms/cycle`);
    }
    await server.drained();

    const cycleSummary = summarize(cycleSamples, ['ms/cycle', 'CPU ms/cycle']);
    for (const client of clients) {
      // Growth adds up over blocks: each block's heap is read before and after it.
      for (const key of ['heapBytes', 'nodes', 'listeners']) cycleSummary[client][key] = sum(cycleSamples[client].map((s) => s[key]));
    }
    const results = {
      date: new Date().toISOString(),
      command: 'npm run bench',
      machine,
      reps,
      cpuClock: threadClock(),
      load: {
        start: loadAtStart,
        end: loadAverage(),
        others: stat([...Object.values(samples), cycleSamples].flatMap((s) => Object.values(s).flatMap((r) => r.map((x) => x.others)))),
      },
      workloads: workloads.map((w) => {
        const figures = Object.keys(samples[w.id].raw[0]).filter((f) => f !== 'others');
        return {id: w.id, title: w.title, clients: summarize(samples[w.id], figures), others: othersShare(samples[w.id])};
      }),
      cycles: {cycles: cycleCount, blocks: cycleBlocks, clients: cycleSummary, others: othersShare(cycleSamples)},
      sizes,
      openSocketsAtEnd: server.openSockets(),
      socketsOpened: server.openedSockets(),
      durationSeconds: (performance.now() - startedAt) / 1000,
    };
    const targets = checkTargets(results);
    results.targets = targets;
    console.log(textReport(results, targets));
    if (previous) console.log(`\n${compareReport(previous, results)}`);
    await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    log(`bench: wrote ${resultsFile.pathname}`);
    writeBenchFigures(results);
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`bench: ${error.message}`);
    process.exit(1);
  }
);
