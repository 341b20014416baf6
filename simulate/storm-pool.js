import {availableParallelism} from 'node:os';
import {Worker} from 'node:worker_threads';

/** Runs each job (see storm-worker.js; `weight` says how long it takes, roughly) on a pool of one worker a core; the results come back in the jobs' order. */
export function runStorms(jobs) {
  const results = new Array(jobs.length);
  // The largest storms first, so that no core is left with a big one at the end.
  const order = jobs.map((_, index) => index).sort((a, b) => jobs[b].weight - jobs[a].weight);
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    if (jobs.length === 0) return resolve(results);
    const workers = Array.from({length: Math.min(availableParallelism(), jobs.length)}, () => {
      // A young generation larger than the default: a storm makes short-lived objects by the million.
      const worker = new Worker(new URL('./storm-worker.js', import.meta.url), {resourceLimits: {maxYoungGenerationSizeMb: 768}});
      worker.on('error', reject);
      worker.on('message', ({job, result}) => {
        results[job] = result;
        if (++done === jobs.length) {
          for (const each of workers) each.terminate();
          resolve(results);
        } else give(worker);
      });
      return worker;
    });
    const give = (worker) => {
      if (next === jobs.length) return;
      const job = order[next++];
      worker.postMessage({job, ...jobs[job]});
    };
    workers.forEach(give);
  });
}
