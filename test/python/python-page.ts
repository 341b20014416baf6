import {expect, waitUntil} from '@open-wc/testing';

export interface Harness {
  reports: Record<string, unknown>;
  alerts: string[];
  /** Page errors (uncaught exceptions, unhandled rejections). */
  errors: string[];
  /** What was printed (console.log). */
  printed: string[];
  /** Every console line, at any level. */
  output: string[];
  params: Record<string, string>;
  /** The <py-websocket> elements the page got: their host, and the delays of their `reconnecting` events. */
  elements: {host: string; reconnectDelays: number[]}[];
  /** Has Python collect its garbage, where the page offers it. */
  collect?: () => unknown;
}
export type PageWindow = Window & typeof globalThis & {harness: Harness};

/** Opens a runtime's test page (test/python/pages/<runtime>.html) on a scenario in an iframe. */
export async function openPythonPage(
  runtime: string,
  scenario: string,
  options: {until?: string; printed?: string; timeout?: number; query?: Record<string, string>; expectedErrors?: RegExp[]} = {}
): Promise<{frame: HTMLIFrameElement; page: PageWindow; document: Document}> {
  const frame = document.createElement('iframe');
  const query = new URLSearchParams({scenario, ...options.query});
  frame.src = `/test/python/pages/${runtime}.html?${query}`;
  frame.style.width = '800px';
  document.body.append(frame);
  const page = () => frame.contentWindow as PageWindow;
  const until = options.until ?? 'done';
  const started = performance.now();
  // Done when the scenario reports `until`, or (`printed`) prints that line.
  const done = (harness?: Harness) =>
    options.printed === undefined ? harness?.reports[until] !== undefined : harness?.printed.includes(options.printed) === true;
  await waitUntil(() => done(page()?.harness), `${runtime} ran ${scenario}`, {
    timeout: options.timeout ?? 20000,
    interval: 50,
  }).catch((error: Error) => {
    // What the page itself reported says more than the timeout.
    const harness = page()?.harness;
    const pyError = frame.contentDocument?.querySelector('.py-error')?.textContent;
    throw new Error(
      `${error.message}; page errors: ${JSON.stringify(harness?.errors)}; reports: ${JSON.stringify(harness?.reports)}; ` +
        `printed: ${JSON.stringify(harness?.printed)}${pyError ? `; Python: ${pyError}` : ''}`
    );
  });
  console.log(`${runtime} page, ${scenario || 'loaded'}: ${Math.round(performance.now() - started)} ms until "${options.printed ?? until}"`);
  await expectNoStrayErrors(page(), options.expectedErrors);
  return {frame, page: page(), document: frame.contentDocument!};
}

/** What shows a Python error in the console: a traceback, a finalizer's complaint, a task's exception nobody took. */
const pythonErrorLine = /Traceback \(most recent call last\)|Exception ignored|exception (was never|wasn't) retrieved|Unhandled exception in event loop/i;

/**
 * Fails on any error the test did not expect: a Python traceback or complaint in the console,
 * a PyScript error box (`.py-error`), a page error. Objects are collected first where the
 * runtime allows, so that finalizers and unretrieved task exceptions have spoken.
 */
export async function expectNoStrayErrors(page: PageWindow, expected: RegExp[] = []): Promise<void> {
  await page.harness.collect?.();
  const seen = [
    ...page.harness.output.filter((line) => pythonErrorLine.test(line)),
    ...[...page.document.querySelectorAll('.py-error')].map((box) => `PyScript error box: ${box.textContent}`),
    ...page.harness.errors.map((error) => `page error: ${error}`),
  ];
  const stray = seen.filter((line) => !expected.some((pattern) => pattern.test(line)));
  expect(stray, 'errors the test did not cause').to.deep.equal([]);
}

export function closePythonPages(): void {
  document.querySelectorAll('iframe').forEach((frame) => frame.remove());
}

/**
 * Plays the browser.websocket example's page as a person would (open, type, send, close)
 * and checks what its handlers did: `evt.data` reaches on_message as the str that was sent.
 */
export async function playSeedExample(page: PageWindow, document: Document): Promise<void> {
  const button = (id: string) => document.getElementById(id) as HTMLButtonElement;
  button('openbtn').click();
  await waitUntil(() => !button('sendbtn').disabled, 'on_open enabled send');
  expect(button('openbtn').disabled).to.equal(true);
  (document.getElementById('data') as HTMLInputElement).value = 'hola <b>mundo</b>';
  button('sendbtn').click();
  await waitUntil(() => page.harness.alerts.length === 1, 'on_message alerted');
  expect(page.harness.alerts[0]).to.equal('Mensaje recibido : hola <b>mundo</b>');
  button('closebtn').click();
  await waitUntil(() => page.harness.alerts.length === 2, 'on_close alerted');
  expect(page.harness.alerts[1]).to.equal('Se ha cerrado la conexión');
  expect(button('openbtn').disabled).to.equal(false);
  expect(button('sendbtn').disabled).to.equal(true);
  await expectNoStrayErrors(page);
}

/** What each scenario in test/python/scenarios/ must report, under every runtime. */
export const expectReports = {
  binary: (reports: Record<string, unknown>) =>
    expect(reports).to.include({types: 'bytes,bytes,bytes,str', roundtrip: true, close: 1000}),
  badHost: (reports: Record<string, unknown>) => {
    expect(reports.error).to.contain('"ftp:"');
    expect(reports.readyState).to.equal(3);
  },
  noWebSocket: (reports: Record<string, unknown>) => {
    expect(reports.supported).to.equal(false);
    expect(reports.raised).to.match(/^NotImplementedError/);
  },
  elementDirect: (reports: Record<string, unknown>) =>
    expect(reports).to.include({message: 'straight to the element', close: 1000}),
};

/**
 * The checks for a runtime whose test page runs one scenario per load (Brython, PyScript):
 * the seed example, binary, a bad host, no WebSocket, and the element used without the module.
 */
export function describeScenarioPages(title: string, runtime: string, options: {seed: string; withoutModule: string}): void {
  describe(title, function () {
    this.timeout(30000);
    afterEach(closePythonPages);
    const reportsOf = async (scenario: string, query?: Record<string, string>) =>
      (await openPythonPage(runtime, scenario, {query})).page.harness.reports;

    it('runs the browser.websocket example: open, send, receive evt.data as str, close', async () => {
      const {page, document} = await openPythonPage(runtime, options.seed, {until: 'ready'});
      await playSeedExample(page, document);
    });

    it('sends bytes, bytearray and memoryview and receives bytes', async () => {
      expectReports.binary(await reportsOf('binary'));
    });

    it('reports a bad host to the Python error handler', async () => {
      expectReports.badHost(await reportsOf('bad_host'));
    });

    it('raises NotImplementedError when the browser has no WebSocket', async () => {
      expectReports.noWebSocket(await reportsOf('no_websocket', {'no-websocket': ''}));
    });

    it(`leaves the element usable without the module: ${options.withoutModule}`, async () => {
      expectReports.elementDirect(await reportsOf('element_direct'));
    });
  });
}
