/** Medians with min..max, and ratios to a reference client taken within the same repetition. */
export function stat(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {median, min: sorted[0], max: sorted[sorted.length - 1]};
}

/**
 * `samples[client]` holds one result object per repetition, repetitions in the
 * same order for every client. Returns, per client and figure, the median
 * (min..max) and its ratio to raw and to floor of the same repetition.
 */
export function summarize(samples, figures) {
  const out = {};
  for (const [client, results] of Object.entries(samples)) {
    out[client] = {};
    for (const figure of figures) {
      const values = results.map((r) => r[figure]);
      const entry = stat(values);
      for (const [reference, key] of [['raw', 'vsRaw'], ['floor', 'vsFloor']]) {
        const base = samples[reference];
        if (base) entry[key] = stat(values.map((v, i) => v / base[i][figure]));
      }
      out[client][figure] = entry;
    }
  }
  return out;
}

/** The share of the machine other processes used, over every measurement of a workload. */
export function othersShare(samples) {
  return stat(Object.values(samples).flatMap((results) => results.map((r) => r.others)));
}

export const sum = (values) => values.reduce((a, b) => a + b, 0);
