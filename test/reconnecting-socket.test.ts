import {expect, waitUntil} from '@open-wc/testing';
import type {SocketListener} from '../src/socket/events.js';
import {ReconnectingSocket, type SocketOptions} from '../src/socket/reconnecting-socket.js';
import type {SocketData} from '../src/socket/send-queue.js';
import {FaultServer, pause, serverLog, uniqueId, waitForServer} from './helpers.js';

/** Every rule of the contract's "Reconnecting" section, held by the socket core alone (no element, no DOM event). */

type Heard = {type: string; detail?: unknown};

/** A listener that notes what it hears, and a sender that takes back its queue when the socket stops. */
function recorder(options: {prevent?: boolean} = {}) {
  const heard: Heard[] = [];
  const sender = {};
  let socket: ReconnectingSocket;
  // The core's events, noted under the names these tests use.
  const listener: SocketListener = (event) => {
    switch (event.type) {
      case 'open':
        return void heard.push({type: 'opened'});
      case 'message':
        return void heard.push({type: 'received', detail: event.data});
      case 'error':
        return void heard.push({type: 'failed', detail: event.message});
      case 'close': {
        const {code, reason, wasClean} = event;
        return void heard.push({type: 'closed', detail: {code, reason, wasClean, state: socket.state}});
      }
      case 'reconnecting': {
        const {attempt, delay, code, reason} = event;
        heard.push({type: 'reconnecting', detail: {attempt, delay, code, reason}});
        event.prevented = options.prevent === true;
        return;
      }
      case 'stopped': {
        const {attempts, retriesRanOut, unsent} = event;
        return void heard.push({type: 'stopped', detail: {attempts, retriesRanOut, unsent: [...unsent, ...socket.queue.takeAll(sender)]}});
      }
    }
  };
  const make = (url: string, overrides: Partial<SocketOptions> = {}) =>
    (socket = new ReconnectingSocket(
      {
        url: new URL(url, location.href.replace(/^http/, 'ws')).href,
        protocols: [],
        binaryType: 'blob',
        connectTimeout: 10000,
        heartbeat: 0,
        heartbeatTimeout: 0,
        heartbeatMessage: 'ping',
        reconnectDelay: 20,
        reconnectMaxDelay: 100,
        maxRetries: Infinity,
        minUptime: 5000,
        ...overrides,
      },
      listener
    ));
  const types = () => heard.map((entry) => entry.type);
  const last = (type: string) => [...heard].reverse().find((entry) => entry.type === type)?.detail as Record<string, unknown>;
  const first = (type: string) => heard.find((entry) => entry.type === type)?.detail as Record<string, unknown>;
  return {heard, sender, make, types, last, first};
}

describe('ReconnectingSocket: which ends are retried', () => {
  for (const code of [1001, 1005, 1006, 1011, 1012, 1013, 1014]) {
    it(`retries a close with ${code} (as this browser reports it)`, async () => {
      const id = uniqueId();
      const given = code === 1005 ? 'none' : code === 1006 ? 'drop' : String(code);
      const {make, first} = recorder();
      const socket = make(`/ws/close?code=${given}&id=${id}`, {maxRetries: 1});
      socket.connect();
      await waitUntil(() => first('reconnecting') !== undefined, 'a reconnecting');
      expect(first('closed')).to.include({state: 'waiting'});
      expect(first('reconnecting')).to.include({attempt: 1});
      await waitForServer(id, (log) => log.opened >= 2, 'a second connection');
      socket.stop();
    });
  }

  for (const code of [1000, 1003, 1007, 1008, 4000, 4999]) {
    it(`treats a close with ${code} as final`, async () => {
      const id = uniqueId();
      const {make, types, last} = recorder();
      const socket = make(`/ws/close?code=${code}&id=${id}`);
      socket.connect();
      await waitUntil(() => types().includes('stopped'), 'stopped');
      expect(last('closed')).to.include({code, state: 'closed'});
      expect(types()).not.to.include('reconnecting');
      expect(last('stopped')).to.deep.equal({attempts: 0, retriesRanOut: false, unsent: []});
      await pause(100);
      expect((await serverLog(id)).opened).to.equal(1);
    });
  }

  it('retries a failed connect, and a handshake past connect-timeout', async () => {
    const server = await FaultServer.start();
    await server.setMode('hang');
    const {make, last} = recorder();
    const socket = make(server.host, {connectTimeout: 100, maxRetries: 1});
    socket.connect();
    await waitUntil(() => last('reconnecting') !== undefined, 'a reconnecting', {timeout: 2000});
    expect(last('closed')).to.include({code: 1006, wasClean: false});
    expect(String(last('closed').reason)).to.match(/^connect timeout/);
    socket.stop();
    await server.stop();
  });

  it("never retries after the user's close(), whatever code it sent", async () => {
    const server = await FaultServer.start();
    const {make, types, last} = recorder();
    const socket = make(server.host);
    socket.connect();
    await waitUntil(() => types().includes('opened'), 'opened');
    socket.close(1000, 'done');
    expect(socket.state).to.equal('closing');
    await waitUntil(() => types().includes('stopped'), 'stopped');
    expect(last('closed')).to.include({code: 1000, state: 'closed'});
    expect(types()).not.to.include('reconnecting');
    await server.stop();
  });
});

describe('ReconnectingSocket: giving up and handing back', () => {
  it('gives up when retries run out, with attempts equal to max-retries and the queue in order', async () => {
    const server = await FaultServer.start();
    const {make, sender, types, last} = recorder();
    const socket = make(server.host, {maxRetries: 2, reconnectDelay: 100, reconnectMaxDelay: 100});
    socket.connect();
    await waitUntil(() => types().includes('opened'), 'opened');
    await server.stop();
    await waitUntil(() => types().includes('closed'), 'closed');
    for (const message of ['a', 'b', 'c']) socket.send(message, sender);
    await waitUntil(() => types().includes('stopped'), 'stopped', {timeout: 3000});
    expect(last('stopped')).to.deep.equal({attempts: 2, retriesRanOut: true, unsent: ['a', 'b', 'c']});
    expect(types().filter((type) => type === 'reconnecting')).to.have.length(2);
    expect(socket.state).to.equal('closed');
  });

  it('with max-retries 0 gives up right after an abnormal end', async () => {
    const {make, types, last} = recorder();
    const socket = make('/ws/close?code=drop', {maxRetries: 0});
    socket.connect();
    await waitUntil(() => types().includes('stopped'), 'stopped');
    expect(types().slice(-2)).to.deep.equal(['closed', 'stopped']);
    expect(last('stopped')).to.include({attempts: 0, retriesRanOut: true});
  });

  it('stops when a reconnecting listener says no, handing back the queue', async () => {
    const {make, sender, types, last} = recorder({prevent: true});
    const socket = make('/ws/close?code=1012');
    socket.connect();
    socket.send('kept', sender);
    await waitUntil(() => types().includes('stopped'), 'stopped');
    // The queue went out at the open, before the server's close: nothing is left to hand back.
    expect(last('stopped')).to.deep.equal({attempts: 0, retriesRanOut: false, unsent: []});
    expect(socket.state).to.equal('closed');
  });

  it('hands back what waits when close() is called while waiting to reconnect', async () => {
    const server = await FaultServer.start();
    const {make, sender, types, last} = recorder();
    const socket = make(server.host, {reconnectDelay: 5000, reconnectMaxDelay: 5000});
    socket.connect();
    await waitUntil(() => types().includes('opened'), 'opened');
    await server.stop();
    await waitUntil(() => socket.state === 'waiting', 'waiting');
    socket.send('never sent', sender);
    socket.close(1000, '');
    expect(last('stopped')).to.deep.equal({attempts: 0, retriesRanOut: false, unsent: ['never sent']});
  });
});

describe('ReconnectingSocket: sending', () => {
  it('queues while connecting and while waiting, and sends each message once, in order, before it says opened', async () => {
    const server = await FaultServer.start();
    const {make, sender, types} = recorder();
    const socket = make(server.host);
    socket.connect();
    socket.send('while connecting', sender);
    expect(socket.queue.countOf(sender)).to.equal(1);
    await waitUntil(() => types().includes('opened'), 'opened');
    await server.stop();
    await waitUntil(() => socket.state === 'waiting', 'waiting');
    socket.send('while waiting 1', sender);
    socket.send('while waiting 2', sender);
    await server.act('start');
    await waitUntil(() => types().filter((type) => type === 'opened').length === 2, 'opened again', {timeout: 3000});
    socket.send('while open', sender);
    await waitUntil(async () => (await server.status()).received.length === 4, 'all four');
    expect((await server.status()).received).to.deep.equal(['while connecting', 'while waiting 1', 'while waiting 2', 'while open']);
    socket.stop();
    await server.stop();
  });

  it('queues, never drops, what is sent while the server is closing the socket', async () => {
    const server = await FaultServer.start();
    const {make, sender, types} = recorder();
    const socket = make(server.host);
    socket.connect();
    await waitUntil(() => types().includes('opened'), 'opened');
    // 1001 (going away): a code every engine reports as sent (WebKitGTK turns 1012 into 1006).
    await server.act('close', {code: '1001'});
    await waitUntil(() => socket.readyState === WebSocket.CLOSING || socket.state !== 'open', 'closing or closed', {interval: 1, timeout: 3000});
    socket.send('during the close', sender);
    await waitUntil(async () => (await server.status()).received.includes('during the close'), 'sent after the reconnect', {timeout: 3000});
    expect((await server.status()).received.filter((message) => message === 'during the close')).to.have.length(1);
    socket.stop();
    await server.stop();
  });

  it('throws QuotaExceededError at the limit, leaving the queue as it was', () => {
    const {make, sender} = recorder();
    const socket = make('/ws/echo');
    socket.send('a', sender, 1);
    expect(() => socket.send('b', sender, 1)).to.throw(DOMException).with.property('name', 'QuotaExceededError');
    expect(socket.queue.takeAll(sender) as SocketData[]).to.deep.equal(['a']);
  });
});

describe('ReconnectingSocket: heartbeat, offline, stop', () => {
  it('ends a silent socket at once with 1006 and a heartbeat timeout reason, and retries', async () => {
    const server = await FaultServer.start();
    const {make, types, last} = recorder();
    const socket = make(server.host, {heartbeat: 50, heartbeatTimeout: 100});
    socket.connect();
    await waitUntil(() => types().includes('opened'), 'opened');
    await server.setMode('silent');
    await waitUntil(() => types().includes('closed'), 'closed', {timeout: 2000});
    expect(last('closed')).to.include({code: 1006, wasClean: false, state: 'waiting'});
    expect(String(last('closed').reason)).to.match(/^heartbeat timeout/);
    socket.stop();
    await server.stop();
  });

  it('makes no attempt while offline, and one at once when back online, with the count reset', async () => {
    const server = await FaultServer.start();
    const {make, types, last} = recorder();
    const socket = make(server.host, {reconnectDelay: 20, reconnectMaxDelay: 20});
    socket.connect();
    await waitUntil(() => types().includes('opened'), 'opened');
    Object.defineProperty(navigator, 'onLine', {configurable: true, get: () => false});
    window.dispatchEvent(new Event('offline'));
    try {
      await server.act('close', {code: '1012'});
      await waitUntil(() => socket.state === 'waiting', 'waiting');
      await pause(200);
      expect((await server.status()).connections, 'no attempt while offline').to.equal(1);
    } finally {
      delete (navigator as {onLine?: boolean}).onLine;
      window.dispatchEvent(new Event('online'));
    }
    await waitUntil(() => types().filter((type) => type === 'opened').length === 2, 'opened again');
    expect(last('reconnecting')).to.include({attempt: 1});
    socket.stop();
    await server.stop();
  });

  it('stop() leaves no socket and says nothing more', async () => {
    const id = uniqueId();
    const {make, heard, types} = recorder();
    const socket = make(`/ws/echo?id=${id}`);
    socket.connect();
    await waitUntil(() => types().includes('opened'), 'opened');
    const count = heard.length;
    socket.stop();
    const log = await waitForServer(id, (log) => log.open === 0, 'closed on the server');
    expect(log.closes[0].code).to.equal(1000);
    await pause(100);
    expect(heard.length).to.equal(count);
    expect(socket.state).to.equal('closed');
  });
});
