import './setup/page-errors.js';
import {expect, waitUntil} from '@open-wc/testing';
import type {PyWebSocketElement} from '../src/index.js';

type CspPage = Window & {
  consoleErrors: string[];
  pageErrors: string[];
  violations: string[];
  received: string[];
  sharedReceived: string[];
  tabsReceived: string[];
  attributeRan?: boolean;
};

describe('<py-websocket> under a strict Content-Security-Policy', () => {
  let frame: HTMLIFrameElement;
  let page: CspPage;
  before(async () => {
    frame = document.createElement('iframe');
    frame.src = '/test/csp/page.html';
    document.body.append(frame);
    await waitUntil(() => (frame.contentWindow as CspPage | null)?.received?.length === 2, 'the echo, through listeners', {timeout: 5000});
    page = frame.contentWindow as CspPage;
  });
  after(() => frame.remove());

  it("works through listeners and properties with script-src 'self' and Trusted Types", () => {
    expect(page.received).to.deep.equal(['property: through a listener', 'listener: through a listener']);
  });

  it('does not run onopen/onmessage attributes, says so in a console error naming each, and stays usable', async () => {
    const element = frame.contentDocument!.getElementById('attributes') as PyWebSocketElement;
    await waitUntil(() => element.readyState === element.OPEN, 'open');
    expect(page.attributeRan).to.equal(undefined);
    const [onopen, onmessage] = ['onopen', 'onmessage'].map((name) => page.consoleErrors.find((text) => text.includes(`its ${name} attribute`)));
    // Trusted Types refuses the handler's text before the script-src policy would have a say.
    expect(onopen).to.match(/<py-websocket> did not run its onopen attribute: the page's Trusted Types policy/);
    expect(onmessage).to.match(/addEventListener\('message', …\)/);
    expect(page.pageErrors).to.deep.equal([]);
    element.send('still works');
    const echoed = new Promise<string>((resolve) => element.addEventListener('message', (event) => resolve(String(event.data))));
    expect(await echoed).to.equal('still works');
  });

  it("loads sharing from the files beside the bundle, which script-src 'self' allows", async () => {
    await waitUntil(() => page.sharedReceived.length === 1, 'the echo, through the shared socket', {timeout: 5000});
    await waitUntil(() => page.tabsReceived.length === 1, 'the echo, through the socket shared across tabs', {timeout: 5000});
    expect(page.sharedReceived).to.deep.equal(['through a shared socket']);
    expect(page.tabsReceived).to.deep.equal(['through a socket shared across tabs']);
    const fetched = page.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(fetched).to.include.members(['/dist/py-websocket-share.js', '/dist/py-websocket-tabs.js']);
    expect(page.violations.filter((violation) => violation.includes('py-websocket')), 'no file of the element refused').to.deep.equal([]);
    expect(page.pageErrors).to.deep.equal([]);
  });
});
