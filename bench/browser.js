import puppeteer from 'puppeteer-core';
import {cmdline, descendants, threadCpuMs} from './proc.js';

import {chromiumArgs, chromiumPath} from '../scripts/engines/chromium.js';

export {chromiumPath};

/**
 * Headless Chromium with the DevTools Network domain off: left on, it reports
 * every WebSocket frame to Node and caps every client near 5,000 messages/s.
 */
export async function launchBrowser() {
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    networkEnabled: false,
    protocolTimeout: 120000,
    args: chromiumArgs,
  });
}

/** Opens `url` in the browser's first tab and returns the page with what the bench needs around it. */
export async function openPage(browser, url) {
  const [page = await browser.newPage()] = await browser.pages();
  await page.goto(url, {waitUntil: 'load', timeout: 30000});
  const isolated = await page.evaluate(() => window.benchReady);
  if (!isolated) throw new Error('the bench page is not cross-origin isolated: round-trip timers would be coarse');
  const cdp = await page.createCDPSession();
  const renderer = await findRenderer(browser, page);
  return {
    page,
    cdp,
    renderer,
    /** CPU time of the renderer's main thread, in ms. */
    mainThreadCpu: () => threadCpuMs(renderer),
    async collectGarbage(passes = 2) {
      // For heap readings twice: the first pass may only clear what weak callbacks then release.
      for (let i = 0; i < passes; i++) await cdp.send('HeapProfiler.collectGarbage');
    },
    async heap() {
      await this.collectGarbage(2);
      const {usedSize} = await cdp.send('Runtime.getHeapUsage');
      const {nodes, jsEventListeners} = await cdp.send('Memory.getDOMCounters');
      return {used: usedSize, nodes, listeners: jsEventListeners};
    },
  };
}

/**
 * The pid of the page's renderer: of Chromium's renderer processes, the one
 * whose main thread (tid = pid) gains the CPU time while the page spins.
 */
async function findRenderer(browser, page) {
  const renderers = descendants(browser.process().pid).filter((pid) => cmdline(pid).includes('--type=renderer'));
  // On a busy machine the spin may get little CPU: try a few times.
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = renderers.map((pid) => threadCpuMs(pid));
    await page.evaluate(() => window.bench.spin(500));
    const gains = renderers.map((pid, i) => threadCpuMs(pid) - before[i]);
    const best = Math.max(...gains);
    const second = Math.max(0, ...gains.filter((gain) => gain !== best));
    if (best >= 100 && best > 4 * second) return renderers[gains.indexOf(best)];
  }
  throw new Error(`could not tell the page's renderer process among ${renderers.length} renderer(s) in /proc`);
}
