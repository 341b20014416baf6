import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {reconnectDelay} from '../src/socket/backoff.js';

/** A small seeded generator (mulberry32), so the schedule below is the same on every run. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('reconnectDelay (full-jitter exponential backoff)', () => {
  it('waits between 0 and base·2^(n−1), capped at the maximum', () => {
    expect(reconnectDelay(1, 1000, 30000, () => 0.999999)).to.equal(1000);
    expect(reconnectDelay(2, 1000, 30000, () => 0.999999)).to.equal(2000);
    expect(reconnectDelay(5, 1000, 30000, () => 0.999999)).to.equal(16000);
    expect(reconnectDelay(6, 1000, 30000, () => 0.999999)).to.equal(30000);
    expect(reconnectDelay(60, 1000, 30000, () => 0.999999)).to.equal(30000);
    expect(reconnectDelay(3, 1000, 30000, () => 0)).to.equal(0);
    expect(reconnectDelay(3, 1000, 30000, () => 0.5)).to.equal(2000);
  });

  it('gives a reproducible schedule for a seeded random source', () => {
    const schedule = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({length: 8}, (_, n) => reconnectDelay(n + 1, 1000, 30000, random));
    };
    expect(schedule(42)).to.deep.equal(schedule(42));
    expect(schedule(42)).not.to.deep.equal(schedule(43));
    schedule(42).forEach((delay, n) => expect(delay).to.be.within(0, Math.min(30000, 1000 * 2 ** n)));
  });

  it('spreads waits over the whole range (full jitter), not around the ceiling', () => {
    const random = seededRandom(7);
    const delays = Array.from({length: 2000}, () => reconnectDelay(4, 1000, 30000, random));
    const ceiling = 8000;
    expect(Math.min(...delays)).to.be.below(ceiling * 0.02);
    expect(Math.max(...delays)).to.be.above(ceiling * 0.98);
    const mean = delays.reduce((sum, delay) => sum + delay, 0) / delays.length;
    expect(mean).to.be.within(ceiling * 0.45, ceiling * 0.55);
    // Each tenth of the range gets about a tenth of the waits.
    const tenths = Array.from({length: 10}, (_, k) => delays.filter((d) => Math.min(9, Math.floor((d / ceiling) * 10)) === k).length);
    tenths.forEach((count) => expect(count).to.be.within(140, 260));
  });

  it('never waits beyond the cap, however many attempts', () => {
    const random = seededRandom(1);
    for (let attempt = 1; attempt <= 200; attempt++) {
      expect(reconnectDelay(attempt, 500, 4000, random)).to.be.within(0, 4000);
    }
  });
});
