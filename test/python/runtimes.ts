import {waitUntil} from '@open-wc/testing';
import {expectNoStrayErrors, openPythonPage, type Harness, type PageWindow} from './python-page.js';

/** A Python runtime in the page that runs the scenarios of test/python/scenarios/. */
export interface Runtime {
  title: string;
  /** The Python underneath: what it can do decides some outcomes. */
  python: 'pyodide' | 'micropython' | 'brython';
  /**
   * Runs a scenario to its end (its `done` report, or a printed line) and gives the page's
   * harness; fails on any error the scenario did not cause (`expectedErrors` it did).
   */
  run(scenario: string, options?: RunOptions): Promise<Harness>;
}

export interface RunOptions {
  params?: Record<string, string>;
  printed?: string;
  expectedErrors?: RegExp[];
}

/** PyScript loads the runtime anew for each scenario's page. */
export function pyscript(title: string, query: {interpreter?: string}): Runtime {
  return {
    title,
    python: query.interpreter === 'pyodide' ? 'pyodide' : 'micropython',
    async run(scenario, {params = {}, printed, expectedErrors} = {}) {
      const {page} = await openPythonPage('pyscript', scenario, {query: {...query, ...params}, printed, expectedErrors, timeout: 30000});
      return page.harness;
    },
  };
}

/** Pyodide is loaded once; each scenario runs in it with fresh globals. */
export function pyodide(): Runtime & {page?: PageWindow} {
  const runtime: Runtime & {page?: PageWindow} = {
    title: 'Pyodide',
    python: 'pyodide',
    async run(scenario, {params = {}, printed, expectedErrors} = {}) {
      if (!runtime.page) runtime.page = (await openPythonPage('pyodide', '', {until: 'loaded', timeout: 60000})).page;
      const harness = runtime.page.harness as Harness & {run(scenario: string): Promise<void>};
      harness.params = params;
      await harness.run(scenario);
      const done = () => (printed === undefined ? harness.reports.done !== undefined : harness.printed.includes(printed));
      await waitUntil(done, `${scenario} finished; printed ${JSON.stringify(harness.printed)}`, {timeout: 15000});
      await expectNoStrayErrors(runtime.page, expectedErrors);
      return harness;
    },
  };
  return runtime;
}

/** Brython loads anew for each scenario's page, with browser.aio for asyncio. */
export function brython(): Runtime {
  return {
    title: 'Brython',
    python: 'brython',
    async run(scenario, {params = {}, printed, expectedErrors} = {}) {
      const {page} = await openPythonPage('brython', scenario, {query: params, printed, expectedErrors});
      return page.harness;
    },
  };
}

/** Every runtime the asyncio client runs in, on the page. */
export const pageRuntimes = (): Runtime[] => [
  pyodide(),
  pyscript('PyScript with MicroPython', {}),
  pyscript('PyScript with Pyodide', {interpreter: 'pyodide'}),
];
