import {expect, waitUntil} from '@open-wc/testing';
import {mulberry32} from '../../simulate/prng.js';
import {lockName} from '../../src/sharing/tab-lock.js';
import {pause, serverLog, uniqueId} from '../helpers.js';
import {openTab, type Tab, type TabSocketElement} from '../share/tabs.js';

/**
 * Random sequences over share="tabs" elements in three frames: numbered sends, close(), host
 * changes, removal, new elements and the holder's loss (its frame removed, or its elements
 * gone), at random moments. Then every message must have reached the server once or sit in
 * exactly one giveup: never both, never neither (a frame that was removed takes what it
 * still held with it: its messages must not arrive twice, that is all).
 * The seed and the number of sequences come from /__ws/seed (RELAY_SEED, RELAY_SEQUENCES).
 */
const {seed: baseSeed, sequences} = (await (await fetch('/__ws/seed')).json()) as {seed: number; sequences: number};
const TABS = 3;
const STEPS = 20;

interface Sent {
  text: string;
  element: TabSocketElement;
  tab: Tab;
}

/** The frame whose document holds the lock of the socket to `host`, found through the lock manager's client ids. */
async function holderTab(tabs: Tab[], host: string): Promise<Tab | undefined> {
  const url = new URL(host, location.href);
  url.protocol = 'ws:';
  const name = await lockName(JSON.stringify([url.href, []]));
  const {held = []} = await navigator.locks.query();
  const holder = held.find((lock) => lock.name === name);
  if (!holder) return undefined;
  for (const tab of tabs) {
    const name = `probe ${uniqueId()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await new Promise<void>((granted) => tab.window.navigator.locks.request(name, () => (granted(), held)));
    const {held: now = []} = await navigator.locks.query();
    release();
    if (now.find((lock) => lock.name === name)?.clientId === holder.clientId) return tab;
  }
  return undefined;
}

describe(`share="tabs": ${sequences} random sequences of sends, closes, host changes, removals and holder loss (RELAY_SEED=${baseSeed})`, () => {
  let tabs: Tab[] = [];
  before(async () => {
    for (let i = 0; i < TABS; i++) tabs.push(await openTab());
  });
  // A sequence may have removed frames: the next one starts with three again.
  afterEach(async () => {
    for (let i = 0; i < TABS; i++) if (!tabs[i].frame.isConnected) tabs[i] = await openTab();
  });
  after(() => tabs.forEach((tab) => tab.frame.remove()));

  for (let run = 0; run < sequences; run++) {
    const seed = baseSeed + run;
    it(`sequence ${run} (seed ${seed}): each message once at the server or in one giveup`, async function () {
      this.timeout(30000);
        const random = mulberry32(seed);
      const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
      const id = uniqueId();
      const hosts = [`/ws/sink?id=${id}`, `/ws/sink?id=${id}-moved`];
      const attributes = {'reconnect-delay': '20', 'reconnect-max-delay': '80', 'queue-limit': '100000'};
      const elements: {element: TabSocketElement; tab: Tab}[] = [];
      const destroyed = new Set<Tab>();
      const sent: Sent[] = [];
      const add = (tab: Tab) => elements.push({element: tab.window.addSocket({...attributes, host: hosts[0]}), tab});
      const live = () => elements.filter(({element, tab}) => element.isConnected && !destroyed.has(tab));
      tabs.forEach(add);
      const steps: string[] = [];

      for (let step = 0; step < STEPS; step++) {
        const roll = random();
        const target = pick(live());
        if (roll < 0.5 && target) {
          const text = `${seed}:${sent.length}`;
          try {
            target.element.send(text);
            sent.push({text, ...target});
            steps.push(`send ${text}`);
          } catch (error) {
            steps.push(`send refused (${(error as DOMException).name})`);
          }
        } else if (roll < 0.62) {
          const ms = pick([0, 0, 1, 5, 20]);
          steps.push(`wait ${ms}`);
          await pause(ms);
        } else if (roll < 0.7 && target) {
          steps.push('close');
          target.element.close();
        } else if (roll < 0.76 && target) {
          steps.push('host change');
          target.element.host = hosts[1];
        } else if (roll < 0.83 && target) {
          steps.push('remove element');
          target.element.remove();
        } else if (roll < 0.88) {
          const tab = pick(tabs.filter((tab) => !destroyed.has(tab)));
          if (!tab) continue;
          steps.push('add element');
          add(tab);
        } else {
          const holder = await holderTab(tabs.filter((tab) => !destroyed.has(tab)), hosts[0]);
          if (!holder) continue;
          if (random() < 0.5) {
            steps.push('holder frame removed');
            destroyed.add(holder);
            holder.frame.remove();
          } else {
            steps.push("holder's elements removed");
            elements.filter(({tab}) => tab === holder).forEach(({element}) => element.remove());
          }
        }
      }

      // The end: every element still there closes, handing back what it still holds.
      for (const {element} of live()) element.close();
      const handedBack = () => elements.flatMap(({element}) => element.heard.filter(({type}) => type === 'giveup').flatMap(({unsent}) => unsent ?? []));
      const arrived = async () => [...(await serverLog(id)).messages, ...(await serverLog(`${id}-moved`)).messages];
      const describe = () => `seed ${seed}; steps: ${steps.join(', ')}; elements: ${elements.map(({element}) => element.readyState).join('')}`;
      const mustArrive = sent.filter(({tab}) => !destroyed.has(tab));
      const logs = async () => `server: ${JSON.stringify(await serverLog(id))} moved: ${JSON.stringify(await serverLog(`${id}-moved`))}`;
      const until = async (condition: () => Promise<boolean>, what: string) => {
        try {
          await waitUntil(condition, what, {timeout: 15000, interval: 50});
        } catch {
          throw new Error(`${what}: timed out (${describe()}; ${await logs()}; handed back: ${handedBack().join(' ')})`);
        }
      };
      await until(async () => {
        const seen = new Set([...(await arrived()), ...handedBack()]);
        return mustArrive.every(({text}) => seen.has(text));
      }, 'every message at the server or handed back');
      // Nothing more can arrive once every connection of the sequence has closed.
      await until(async () => (await serverLog(id)).open === 0 && (await serverLog(`${id}-moved`)).open === 0, 'every connection closed');
      const counts = new Map<string, number>();
      for (const text of [...(await arrived()), ...handedBack()]) counts.set(text, (counts.get(text) ?? 0) + 1);
      for (const {text} of sent) expect(counts.get(text) ?? 0, `${text} more than once: ${describe()}`).to.be.at.most(1);
      for (const {text} of mustArrive) expect(counts.get(text), `${text} neither sent nor handed back: ${describe()}`).to.equal(1);

      elements.forEach(({element}) => element.remove());
    });
  }
});
