import {expect, waitUntil} from '@open-wc/testing';
import {catchPageErrors} from '../setup/page-errors.js';
import '../../src/index.js';

interface Result {
  attributeRan: boolean;
  parsedRan: boolean;
  scriptedRan: boolean;
  consoleErrors: string[];
}

/** The policies of test/servers/strict-csp.js, and what a native inline handler does under each. */
const cases: [policy: string, nativeRuns: boolean, cause?: RegExp][] = [
  ['none', true],
  ['self', false, /Content-Security-Policy \(script-src\)/],
  ['self-unsafe-eval', false, /Content-Security-Policy \(script-src\)/],
  ['nonce-strict-dynamic-unsafe-eval', false, /Content-Security-Policy \(script-src\)/],
  ['self-unsafe-inline', true],
  ['self-unsafe-hashes', true],
  ['trusted-types', false, /Trusted Types policy \(require-trusted-types-for 'script'\)/],
  ['trusted-types-unsafe-inline', false, /Trusted Types policy/],
];

describe('onopen="…" under a Content-Security-Policy runs exactly where a native onclick="…" set from script runs', () => {
  for (const [policy, nativeRuns, cause] of cases) {
    it(`${policy}: ${nativeRuns ? 'runs' : 'does not run, and says why once in the console'}`, async function () {
      this.timeout(20000); // a page of its own loads the bundle: slow on a busy machine
      const frame = document.createElement('iframe');
      frame.src = `/test/csp/handlers.html?policy=${policy}`;
      document.body.append(frame);
      try {
        const page = () => frame.contentWindow as (Window & {result?: Result}) | null;
        await waitUntil(() => page()?.result !== undefined, 'the element opened', {timeout: 15000});
        const result = page()!.result!;
        expect(result.scriptedRan, 'a native onclick set from script').to.equal(nativeRuns);
        expect(result.attributeRan, 'the onopen attribute').to.equal(nativeRuns);
        if (cause) {
          expect(result.consoleErrors).to.have.length(1);
          expect(result.consoleErrors[0]).to.match(/^<py-websocket> did not run its onopen attribute: /);
          expect(result.consoleErrors[0]).to.match(cause);
        } else {
          expect(result.consoleErrors).to.deep.equal([]);
        }
      } finally {
        frame.remove();
      }
    });
  }

  it('reports an attribute that does not compile as the browser reports a native one, and runs nothing', async () => {
    const caught = catchPageErrors(/SyntaxError/);
    const element = document.createElement('py-websocket');
    element.setAttribute('onopen', 'window.neverRan = (');
    expect(element.onopen).to.equal(null);
    await waitUntil(() => caught.errors.length >= 1, 'the SyntaxError reported');
    expect(caught.errors).to.have.length(1);
  });
});
