/**
 * A SocketEnvironment on a virtual clock (see src/socket/environment.ts): timers fire only
 * when the test advances the clock, sockets are fakes the test (its `server`) opens, fails
 * and closes, and the device goes offline and online when told. No server, no real time.
 */
export function virtualEnvironment({random = () => 0.5, server = (socket) => socket.acceptAfter(10)} = {}) {
  let now = 0;
  let nextId = 1;
  let online = true;
  const timers = new Map();
  const watchers = new Set();
  const sockets = [];

  const clock = {
    get now() {
      return now;
    },
    /** Runs every timer due within `ms`, in order, advancing the clock to each. */
    advance(ms) {
      const until = now + ms;
      for (;;) {
        let next;
        for (const timer of timers.values()) if (timer.at <= until && (!next || timer.at < next.at || (timer.at === next.at && timer.id < next.id))) next = timer;
        if (!next) break;
        timers.delete(next.id);
        now = next.at;
        next.callback();
      }
      now = until;
    },
    /** Advances until `done()` holds (checked after each timer); throws past `limit` ms. */
    advanceUntil(done, limit = 3_600_000) {
      const end = now + limit;
      while (!done()) {
        let next;
        for (const timer of timers.values()) if (!next || timer.at < next.at || (timer.at === next.at && timer.id < next.id)) next = timer;
        if (!next || next.at > end) throw new Error(`not reached within ${limit} virtual ms (now ${now})`);
        timers.delete(next.id);
        now = next.at;
        next.callback();
      }
    },
    after(ms, callback) {
      const id = nextId++;
      timers.set(id, {id, at: now + ms, callback});
      return id;
    },
    get timers() {
      return timers.size;
    },
  };

  class FakeSocket {
    readyState = 0;
    protocol = '';
    extensions = '';
    bufferedAmount = 0;
    binaryType = 'blob';
    onopen = null;
    onmessage = null;
    onerror = null;
    onclose = null;
    sent = [];
    closedWith;
    constructor(url, protocols) {
      this.url = url;
      this.protocols = protocols;
      this.createdAt = now;
    }
    send(data) {
      if (this.readyState !== 1) throw new Error(`send() on a socket in readyState ${this.readyState}`);
      this.sent.push(data);
    }
    close(code, reason) {
      if (this.readyState >= 2) return;
      this.closedWith = {code, reason};
      const wasOpen = this.readyState === 1;
      this.readyState = 2;
      // As in a browser: the close event comes on a later task.
      clock.after(1, () => this.#end(wasOpen ? (code ?? 1005) : 1006, wasOpen ? (reason ?? '') : '', wasOpen));
    }
    // What the server (the test) does to it:
    acceptAfter(ms) {
      clock.after(ms, () => this.accept());
    }
    accept() {
      if (this.readyState !== 0) return;
      this.readyState = 1;
      this.onopen?.({});
    }
    refuseAfter(ms) {
      clock.after(ms, () => this.refuse());
    }
    refuse() {
      if (this.readyState >= 2) return;
      this.readyState = 3;
      this.onerror?.({});
      this.onclose?.({code: 1006, reason: '', wasClean: false});
    }
    receive(data) {
      if (this.readyState === 1) this.onmessage?.({data});
    }
    serverClose(code, reason = '') {
      if (this.readyState !== 1) return;
      this.readyState = 3;
      this.onclose?.({code, reason, wasClean: true});
    }
    #end(code, reason, wasClean) {
      this.readyState = 3;
      this.onclose?.({code, reason, wasClean});
    }
  }

  const environment = {
    createSocket(url, protocols) {
      if (!/^wss?:/.test(url)) throw new SyntaxError(`The URL's scheme must be either 'ws' or 'wss'.`);
      const socket = new FakeSocket(url, protocols);
      sockets.push(socket);
      server(socket);
      return socket;
    },
    now: () => now,
    setTimeout: (callback, ms) => clock.after(ms, callback),
    clearTimeout: (id) => void timers.delete(id),
    random: () => random(),
    isOnline: () => online,
    watchOnline(changed) {
      watchers.add(changed);
      return () => watchers.delete(changed);
    },
  };

  const device = {
    goOffline() {
      online = false;
      for (const changed of [...watchers]) changed(false);
    },
    goOnline() {
      online = true;
      for (const changed of [...watchers]) changed(true);
    },
    get watchers() {
      return watchers.size;
    },
  };

  return {environment, clock, sockets, device};
}

/** A listener that notes every event (a copy, with the socket's state at the time). */
export function recorder(options = {}) {
  const events = [];
  let socket;
  const listener = (event) => {
    events.push({...event, state: socket?.state});
    if (event.type === 'reconnecting' && options.prevent) event.prevented = true;
    options.on?.(event);
  };
  return {
    events,
    listener,
    attach(s) {
      socket = s;
    },
    /** The events' types, without `connecting` (which comes before every attempt; its own tests look at it). */
    types: () => events.filter((event) => event.type !== 'connecting').map((event) => event.type),
    all: (type) => events.filter((event) => event.type === type),
    last: (type) => events.filter((event) => event.type === type).at(-1),
  };
}

/** A seeded PRNG (mulberry32), so that a failing sequence can be replayed from its seed. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
