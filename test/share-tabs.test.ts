import {expect, waitUntil} from '@open-wc/testing';
import {FaultServer, pause, serverLog, uniqueId, waitForServer} from './helpers.js';
import {heard, openTabs as openShared, type Tab} from './share/tabs.js';

describe('<py-websocket share="tabs">', function () {
  // Frames, locks and a channel: seconds on a machine that runs three engines at once.
  this.timeout(20000);
  let tabs: Tab[] = [];
  afterEach(() => {
    for (const tab of tabs) tab.frame.remove();
    tabs = [];
  });

  async function openTabs(count: number, attributes: Record<string, string>, query = ''): Promise<Tab[]> {
    tabs.push(...(await openShared(count, attributes, query)));
    return tabs;
  }

  it('opens one server connection for every tab, and each tab hears its own open', async () => {
    const id = uniqueId();
    await openTabs(3, {host: `/ws/echo?id=${id}`});
    for (const tab of tabs) expect(heard(tab, 'open')).to.have.length(1);
    expect(await serverLog(id)).to.include({opened: 1, open: 1});
  });

  it('delivers every message to every tab once, and sends from each tab once, in its order', async () => {
    const id = uniqueId();
    await openTabs(3, {host: `/ws/echo?id=${id}`});
    for (let i = 0; i < 10; i++) tabs.forEach((tab, t) => tab.window.socket.send(`t${t}:${i}`));
    const log = await waitForServer(id, (log) => log.messages.length === 30, 'all 30 at the server');
    tabs.forEach((_, t) => {
      expect(log.messages.filter((message) => message.startsWith(`t${t}:`))).to.deep.equal(Array.from({length: 10}, (_, i) => `t${t}:${i}`));
    });
    await waitUntil(() => tabs.every((tab) => heard(tab, 'message').length === 30), 'every tab heard all 30');
    for (const tab of tabs) expect(heard(tab, 'message').map((event) => event.data)).to.deep.equal(log.messages);
  });

  it('carries binary data across tabs intact', async () => {
    await openTabs(2, {host: '/ws/echo', 'binary-type': 'arraybuffer'});
    tabs[1].window.socket.send(new Uint8Array([0, 1, 254, 255]));
    await waitUntil(() => tabs.every((tab) => heard(tab, 'message').length === 1), 'the echo in both tabs');
    for (const tab of tabs) {
      const data = tab.window.socket && (tab.window.events.find((event) => event.type === 'message')!.data as unknown as ArrayBuffer);
      expect([...new Uint8Array(data)]).to.deep.equal([0, 1, 254, 255]);
    }
  });

  it('fails over when the holding tab goes away: the next one reconnects, and what was sent meanwhile arrives once', async () => {
    const server = await FaultServer.start();
    await openTabs(3, {host: server.host, 'reconnect-delay': '50', 'reconnect-max-delay': '100'});
    const [holder, ...others] = tabs;
    holder.frame.remove();
    tabs = others;
    others.forEach((tab, t) => tab.window.socket.send(`during failover ${t}`));
    await waitUntil(() => others.every((tab) => heard(tab, 'open').length === 2), 'open again in every tab', {timeout: 5000});
    for (const tab of others) {
      expect(heard(tab, 'close')[0]).to.include({code: 1001});
      expect(heard(tab, 'reconnecting')).to.have.length(1);
    }
    await waitUntil(async () => (await server.status()).received.length === 2, 'both sends');
    await pause(100);
    const status = await server.status();
    expect(status.received.sort()).to.deep.equal(['during failover 0', 'during failover 1']);
    expect(status.connections).to.equal(2);
    expect(status.open).to.equal(1);
    await server.stop();
  });

  it("hands a tab's queued messages back when it closes, and leaves the socket to the others", async () => {
    const server = await FaultServer.start();
    await openTabs(2, {host: server.host, 'reconnect-delay': '2000', 'reconnect-max-delay': '2000'});
    await server.stop();
    await waitUntil(() => tabs.every((tab) => heard(tab, 'reconnecting').length === 1), 'waiting to reconnect');
    const [holder, follower] = tabs;
    follower.window.socket.send('queued in the follower');
    holder.window.socket.send('queued in the holder');
    follower.window.socket.close();
    await waitUntil(() => heard(follower, 'giveup').length === 1, "the follower's giveup");
    expect(heard(follower, 'giveup')[0].unsent).to.deep.equal(['queued in the follower']);
    expect(heard(follower, 'close').at(-1)).to.include({code: 1000});
    await server.act('start');
    await waitUntil(async () => (await server.status()).received.length === 1, "the holder's message", {timeout: 5000});
    expect((await server.status()).received).to.deep.equal(['queued in the holder']);
    await server.stop();
  });

  it('closes the socket with 1000 when the last tab lets go', async () => {
    const id = uniqueId();
    await openTabs(2, {host: `/ws/echo?id=${id}`});
    tabs[1].window.socket.remove();
    await pause(100);
    expect(await serverLog(id)).to.include({opened: 1, open: 1});
    tabs[0].window.socket.remove();
    const log = await waitForServer(id, (log) => log.open === 0, 'closed');
    expect(log.closes).to.deep.equal([{code: 1000, reason: ''}]);
  });

  it('falls back to a socket per tab, silently, without Web Locks', async () => {
    const id = uniqueId();
    await openTabs(2, {host: `/ws/echo?id=${id}`}, '&no-locks');
    expect((await serverLog(id)).opened).to.equal(2);
    for (const tab of tabs) expect(heard(tab, 'error')).to.deep.equal([]);
  });
});
