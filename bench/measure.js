/**
 * One repetition of a workload for every client: their connections are
 * opened one after another, then the clients take turns chunk by chunk. Each
 * chunk starts after a garbage collection and is timed with the renderer main
 * thread's CPU time and the rest of the machine's load read around it; DevTools
 * domains stay off inside the window.
 */
export async function measureRep({tab, server, load}, workload, order) {
  const totals = Object.fromEntries(order.map((client) => [client, {cpu: 0, ops: 0, others: []}]));
  try {
    for (const client of order) {
      await call(tab.page, 'connect', [client, server.socketOrigin + workload.path, workload.binaryType], 15000);
    }
    for (let chunk = 0; chunk < workload.chunks; chunk++) {
      for (const client of chunk % 2 ? [...order].reverse() : order) {
        const total = totals[client];
        await tab.collectGarbage(1);
        const others = load.start();
        const cpu0 = tab.mainThreadCpu();
        const [method, ...args] = workload.call(client);
        const result = await call(tab.page, method, args, 90000);
        total.cpu += tab.mainThreadCpu() - cpu0;
        total.ops += workload.ops;
        total.others.push(others());
        workload.add(total, result);
      }
    }
  } finally {
    await call(tab.page, 'dropAll', [], 5000);
    await server.drained();
  }
  return Object.fromEntries(
    order.map((client) => {
      const total = totals[client];
      const others = total.others.reduce((a, b) => a + b, 0) / total.others.length;
      return [client, {...workload.figures(total), [workload.cpu]: (total.cpu * 1000) / total.ops, others}];
    })
  );
}

/**
 * `n` connect/let-go cycles, one connection at a time, with the JS heap, DOM
 * nodes and listeners read after garbage collection before and after (once
 * every socket has closed, so closed sockets are collectable).
 */
export async function measureCycles({tab, server, load}, client, n) {
  const before = await tab.heap();
  const others = load.start();
  const cpu0 = tab.mainThreadCpu();
  const ms = await call(tab.page, 'cycles', [client, `${server.socketOrigin}/ws/echo`, n], n * 200 + 10000);
  const cpu = tab.mainThreadCpu() - cpu0;
  const othersShare = others();
  await server.drained();
  const after = await tab.heap();
  return {
    'ms/cycle': ms / n,
    'CPU ms/cycle': cpu / n,
    heapBytes: after.used - before.used,
    nodes: after.nodes - before.nodes,
    listeners: after.listeners - before.listeners,
    others: othersShare,
  };
}

/** Calls `window.bench[method](...args)` in the page; fails after `timeout` ms. */
export async function call(page, method, args, timeout) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench.${method}() did not finish within ${timeout} ms`)), timeout);
  });
  try {
    return await Promise.race([page.evaluate((m, a) => window.bench[m](...a), method, args), limit]);
  } finally {
    clearTimeout(timer);
  }
}
