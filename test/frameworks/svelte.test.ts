import {expect, waitUntil} from '@open-wc/testing';
import {flushSync, mount, unmount} from 'svelte';
import '../../src/index.js';
import {uniqueId, waitForServer} from '../helpers.js';
import Echo from './Echo.svelte';

const shown = (container: HTMLElement) => [...container.querySelectorAll('p')].map((p) => p.textContent);

describe('<py-websocket> in Svelte 5', () => {
  let container: HTMLElement;
  let echo: ReturnType<typeof mount> | undefined;
  beforeEach(() => {
    container = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    if (echo) unmount(echo);
    echo = undefined;
    container.remove();
  });

  it('delivers messages to its onmessage attribute', async () => {
    echo = mount(Echo, {target: container, props: {host: '/ws/echo'}});
    await waitUntil(() => shown(container).length > 0, 'a message shown');
    expect(shown(container)).to.deep.equal(['hello from Svelte via /ws/echo']);
  });

  it('reconnects when the host changes, closing the old socket with 1000', async () => {
    const [first, second] = [uniqueId(), uniqueId()];
    echo = mount(Echo, {target: container, props: {host: `/ws/echo?id=${first}`}});
    await waitUntil(() => shown(container).length === 1, 'the first message');
    (echo as {setHost(host: string): void}).setHost(`/ws/echo?id=${second}`);
    flushSync();
    await waitUntil(() => shown(container).length === 2, 'a message through the new host');
    expect(shown(container)[1]).to.equal(`hello from Svelte via /ws/echo?id=${second}`);
    const old = await waitForServer(first, (log) => log.closes.length === 1, 'the old socket closed');
    expect(old.closes[0].code).to.equal(1000);
  });

  it('closes the socket when the component unmounts', async () => {
    const id = uniqueId();
    echo = mount(Echo, {target: container, props: {host: `/ws/echo?id=${id}`}});
    await waitUntil(() => shown(container).length === 1, 'a message');
    unmount(echo);
    echo = undefined;
    const log = await waitForServer(id, (log) => log.closes.length === 1, 'the socket closed');
    expect(log).to.include({opened: 1, open: 0});
    expect(log.closes[0].code).to.equal(1000);
  });
});
