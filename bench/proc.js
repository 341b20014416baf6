import {readFileSync, readdirSync} from 'node:fs';

/**
 * CPU time from /proc, in milliseconds. Wall-clock throughput moves with
 * whatever else runs on the machine; CPU time per message of the renderer's
 * main thread moves far less, so it is reported beside it.
 */
const tickMs = 1000 / 100; // USER_HZ is 100 on Linux

/** Where thread CPU times come from on this machine, for the report. */
export function threadClock() {
  return threadCpuMs(process.pid) !== cpuMs(`/proc/${process.pid}/task/${process.pid}/stat`)
    ? '/proc/<pid>/task/<tid>/sched (the scheduler\'s sum, sub-µs)'
    : '/proc/<pid>/task/<tid>/stat (10 ms ticks)';
}

/** utime + stime of a process (or, under /task/, of one thread). */
export function cpuMs(statPath) {
  try {
    const stat = readFileSync(statPath, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * tickMs;
  } catch {
    return 0; // the process or thread is gone
  }
}

/**
 * CPU time of one thread. The scheduler's own sum (…/sched, in ms with ns
 * digits) is used where the kernel exposes it: /stat counts in 10 ms ticks,
 * too coarse for the shorter workloads.
 */
export function threadCpuMs(pid, tid = pid) {
  try {
    const sched = readFileSync(`/proc/${pid}/task/${tid}/sched`, 'utf8').match(/se\.sum_exec_runtime\s*:\s*([\d.]+)/);
    if (sched) return Number(sched[1]);
  } catch {
    // no /sched: fall back to ticks
  }
  return cpuMs(`/proc/${pid}/task/${tid}/stat`);
}

/** Every process below `rootPid`: Chromium's zygotes, renderers, GPU and network service. */
export function descendants(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // gone while listing
    }
  }
  const found = [];
  const walk = (pid) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(rootPid);
  return found;
}

export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** Busy and total CPU time of the whole machine, all cores, from /proc/stat. */
function machineMs() {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return {busy: busy * tickMs, total: (busy + idle + iowait) * tickMs};
}

/**
 * How busy the rest of the machine is: machine CPU time minus ours (this Node
 * process, which also runs the server, and every Chromium process).
 * `start()` returns a function that gives the share of all cores that other
 * processes used since, from 0 to 1.
 */
export function otherLoad(browserPid) {
  const ours = () => {
    const node = process.cpuUsage();
    let total = (node.user + node.system) / 1000;
    for (const pid of [browserPid, ...descendants(browserPid)]) total += cpuMs(`/proc/${pid}/stat`);
    return total;
  };
  return {
    start() {
      const machine0 = machineMs();
      const ours0 = ours();
      return () => {
        const machine1 = machineMs();
        const others = machine1.busy - machine0.busy - (ours() - ours0);
        const total = machine1.total - machine0.total;
        return total > 0 ? Math.max(0, others) / total : 0;
      };
    },
  };
}

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
