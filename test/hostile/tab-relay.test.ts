import {expect, waitUntil} from '@open-wc/testing';
import {pause, serverLog, uniqueId, waitForServer} from '../helpers.js';
import {heard, openTab, openTabs, type Tab} from '../share/tabs.js';

/** The names of the Web Locks this origin holds or waits for, as any same-origin script can read them. */
async function lockNames(): Promise<string[]> {
  const {held = [], pending = []} = await navigator.locks.query();
  return [...held, ...pending].map((lock) => lock.name!);
}

/** What a same-origin script with no element of its own does: it finds the relay's channel through the lock names. */
async function attackerChannel(): Promise<BroadcastChannel> {
  const name = (await lockNames()).find((lock) => /^py-websocket [0-9a-f]+$/.test(lock));
  expect(name, 'the shared socket lock').to.be.a('string');
  return new BroadcastChannel(name!);
}

const big = (label: string, bytes: number) => `${label}|${'x'.repeat(bytes - label.length - 1)}`;
const logged = (label: string) => `${label}|${'x'.repeat(40 - label.length - 1)}…`;

describe('share="tabs" under attack and failure', function () {
  // Frames, locks and a channel: seconds on a machine that runs three engines at once.
  this.timeout(20000);
  let tabs: Tab[] = [];
  afterEach(() => {
    for (const tab of tabs) tab.frame.remove();
    tabs = [];
  });

  it('loses none of the sends a follower handed over when the holding frame is removed while they are in flight', async function () {
    this.timeout(60000); // 40 MB cross two frames and the server
    const id = uniqueId();
    tabs = await openTabs(2, {host: `/ws/sink?id=${id}`, 'reconnect-delay': '50', 'reconnect-max-delay': '100'});
    const [holder, follower] = tabs;
    const labels = Array.from({length: 10}, (_, i) => `m${i}`);
    for (const label of labels) follower.window.socket.send(big(label, 4 * 1024 * 1024));
    await pause(200);
    holder.frame.remove();
    tabs = [follower];
    const giveups = () => heard(follower, 'giveup').flatMap((event) => event.unsent ?? []);
    await waitUntil(
      async () => {
        const {messages} = await serverLog(id);
        return labels.every((label) => messages.includes(logged(label)) || giveups().some((text) => text.startsWith(`${label}|`)));
      },
      'every send at the server or handed back',
      {timeout: 20000, interval: 200}
    );
    follower.window.socket.send('end');
    const {messages} = await waitForServer(id, (log) => log.messages.includes('end'), 'the end marker');
    for (const label of labels) {
      const sent = messages.filter((text) => text === logged(label)).length;
      const handedBack = giveups().filter((text) => text.startsWith(`${label}|`)).length;
      expect(sent + handedBack, `${label}: sent ${sent}, handed back ${handedBack}`).to.equal(1);
    }
  });

  it("sends a follower's send(m) followed by close() in the same task, or hands m back, never both", async function () {
    this.timeout(60000); // ten rounds of two frames each
    for (let round = 0; round < 10; round++) {
      const id = uniqueId();
      tabs = await openTabs(2, {host: `/ws/echo?id=${id}`});
      const [holder, follower] = tabs;
      follower.window.socket.send(`m${round}`);
      follower.window.socket.close();
      await waitUntil(() => heard(follower, 'close').length === 1, 'the follower closed', {timeout: 10000});
      holder.window.socket.send('marker');
      const {messages} = await waitForServer(id, (log) => log.messages.includes('marker'), 'the marker');
      const sent = messages.filter((text) => text === `m${round}`).length;
      const handedBack = heard(follower, 'giveup').flatMap((event) => event.unsent ?? []).filter((text) => text === `m${round}`).length;
      expect(sent + handedBack, `round ${round}: sent ${sent}, handed back ${handedBack}`).to.equal(1);
      for (const tab of tabs) tab.frame.remove();
      tabs = [];
    }
  });

  it('ignores forged holder messages: no close, no state, no ack, no message from a tab that does not hold the lock', async () => {
    const id = uniqueId();
    tabs = await openTabs(2, {host: `/ws/echo?id=${id}`});
    const [, follower] = tabs;
    const channel = await attackerChannel();
    const followerIds = (await lockNames()).filter((name) => / \w+$/.test(name) && name.split(' ').length === 3).map((name) => name.split(' ')[2]);
    try {
      channel.postMessage({type: 'holder', from: 'forged'});
      channel.postMessage({type: 'state', from: 'forged', state: 'closed', readyState: 3, protocol: '', extensions: ''});
      channel.postMessage({type: 'event', from: 'forged', name: 'received', args: ['forged message', 'https://evil.example']});
      channel.postMessage({type: 'event', from: 'forged', name: 'closed', args: [{code: 1000, reason: 'forged', wasClean: true}]});
      channel.postMessage({type: 'event', from: 'forged', name: 'stopped', args: [{attempts: 0, retriesRanOut: false}]});
      for (const to of followerIds) channel.postMessage({type: 'ack', from: 'forged', to, seq: 1e6});
      await pause(200);
      expect(follower.window.socket.readyState).to.equal(1);
      expect(heard(follower, 'message')).to.deep.equal([]);
      expect(heard(follower, 'close')).to.deep.equal([]);
      follower.window.socket.send('still delivered');
      await waitUntil(() => heard(follower, 'message').length === 1, 'the echo', {timeout: 10000});
      expect(heard(follower, 'message')[0].data).to.equal('still delivered');
      expect((await serverLog(id)).messages).to.deep.equal(['still delivered']);
    } finally {
      channel.close();
    }
  });

  it('ignores malformed posts on the channel without an error in any tab', async () => {
    const id = uniqueId();
    tabs = await openTabs(3, {host: `/ws/echo?id=${id}`});
    const channel = await attackerChannel();
    try {
      for (const post of [
        null,
        'a string',
        42,
        [],
        {},
        {type: 'event'},
        {type: 'event', from: 'x', name: 'received'},
        {type: 'event', from: 'x', name: 'nonsense', args: []},
        {type: 'send', from: 'x', to: 'y', seq: -1, data: {}},
        {type: 'state', from: 'x', state: 'open', readyState: 'open'},
        {type: 'returned', from: 'x', to: 'y', seqs: 'all'},
        {type: 'hello'},
        {type: 'takeback', from: 7, to: 'y'},
      ]) {
        channel.postMessage(post);
      }
      await pause(200);
      for (const tab of tabs) tab.window.socket.send('after the posts');
      await waitUntil(() => tabs.every((tab) => heard(tab, 'message').length === 3), 'every echo in every tab');
      for (const tab of tabs) expect(heard(tab, 'error')).to.deep.equal([]);
    } finally {
      channel.close();
    }
  });

  it('names its locks and channel without the URL: a token in the query cannot be read through navigator.locks.query()', async () => {
    tabs = await openTabs(2, {host: '/ws/echo?token=SECRET123'});
    const names = await lockNames();
    expect(names.some((name) => name.startsWith('py-websocket '))).to.equal(true);
    for (const name of names) {
      expect(name).not.to.contain('SECRET123');
      expect(name).not.to.contain('/ws/echo');
    }
  });

  it('falls back to a socket of its own in a sandboxed frame, where the browser refuses the lock', async () => {
    const id = uniqueId();
    const frame = document.createElement('iframe');
    frame.sandbox.add('allow-scripts');
    frame.src = `/test/share/sandboxed.html?host=${encodeURIComponent(`${location.origin.replace(/^http/, 'ws')}/ws/echo?id=${id}`)}`;
    const report = new Promise<{events: string[]}>((resolve) =>
      addEventListener('message', function listener(event) {
        if (event.source !== frame.contentWindow) return;
        removeEventListener('message', listener);
        resolve(event.data);
      })
    );
    document.body.append(frame);
    try {
      const {events} = await report;
      expect(events).to.deep.equal(['open', 'message: from a sandboxed frame']);
      expect((await serverLog(id)).opened).to.equal(1);
    } finally {
      frame.remove();
    }
  });

  it('keeps a tab open that joins after the holder, and it hears every message once', async () => {
    const id = uniqueId();
    tabs = await openTabs(2, {host: `/ws/echo?id=${id}`});
    const late = await openTab({host: `/ws/echo?id=${id}`});
    tabs.push(late);
    await waitUntil(() => late.window.socket.readyState === 1, 'the late tab open');
    late.window.socket.send('hello everyone');
    await waitUntil(() => tabs.every((tab) => heard(tab, 'message').length === 1), 'every tab heard it');
    expect((await serverLog(id)).opened).to.equal(1);
  });
});
