import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {hintedDelay, maxHintMs, parseRetryHint} from '../src/socket/retry-hint.js';

describe('parseRetryHint (retry-after in a close reason)', () => {
  it('reads a single wait and a window, in seconds, decimals allowed', () => {
    expect(parseRetryHint('retry-after=5')).to.deep.equal({minMs: 5000, maxMs: 5000});
    expect(parseRetryHint('retry-after=5-20')).to.deep.equal({minMs: 5000, maxMs: 20000});
    expect(parseRetryHint('retry-after=0.25-1.5')).to.deep.equal({minMs: 250, maxMs: 1500});
    expect(parseRetryHint('retry-after=0')).to.deep.equal({minMs: 0, maxMs: 0});
    expect(parseRetryHint('retry-after=3-3')).to.deep.equal({minMs: 3000, maxMs: 3000});
  });

  it('finds the hint anywhere in the reason, name in any case', () => {
    expect(parseRetryHint('deploy; retry-after=5-20')).to.deep.equal({minMs: 5000, maxMs: 20000});
    expect(parseRetryHint('retry-after=7 (deploy)')).to.deep.equal({minMs: 7000, maxMs: 7000});
    expect(parseRetryHint('overloaded,retry-after=2;region=eu')).to.deep.equal({minMs: 2000, maxMs: 2000});
    expect(parseRetryHint('Retry-After=4')).to.deep.equal({minMs: 4000, maxMs: 4000});
  });

  it('caps each bound at 10 minutes, digits that overflow a double included', () => {
    expect(maxHintMs).to.equal(600_000);
    expect(parseRetryHint('retry-after=601')).to.deep.equal({minMs: 600_000, maxMs: 600_000});
    expect(parseRetryHint('retry-after=30-86400')).to.deep.equal({minMs: 30_000, maxMs: 600_000});
    expect(parseRetryHint(`retry-after=${'9'.repeat(400)}`)).to.deep.equal({minMs: 600_000, maxMs: 600_000});
  });

  it('takes the first hint only, and none when that one is malformed', () => {
    expect(parseRetryHint('retry-after=1 retry-after=9')).to.deep.equal({minMs: 1000, maxMs: 1000});
    expect(parseRetryHint('retry-after=x retry-after=9')).to.equal(undefined);
  });

  it('ignores what it could misread: no hint, so the backoff decides', () => {
    const malformed = [
      '',
      'going away',
      'retry-after=',
      'retry-after= 5',
      'retry-after =5',
      'retry-after=-5',
      'retry-after=+5',
      'retry-after=20-5',
      'retry-after=900-700',
      'retry-after=5-',
      'retry-after=5--9',
      'retry-after=5s',
      'retry-after=5.',
      'retry-after=.5',
      'retry-after=1e3',
      'retry-after=NaN',
      'retry-after=Infinity',
      'retry-after=0x10',
      'retry-after=５',
      'retry-after=٥',
      'retry-after=5-٢٠',
      'x-retry-after=5',
      'noretry-after=5',
      'retry_after=5',
    ];
    for (const reason of malformed) expect(parseRetryHint(reason), reason).to.equal(undefined);
  });

  it('never throws and never returns a window that is not finite and ordered', () => {
    // Seeded, so a failure names the reason that broke it.
    let seed = 20;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const alphabet = ['retry-after=', '0', '5', '9', '.', '-', ' ', ';', 'e', '٥', 'R', '='];
    for (let n = 0; n < 5000; n++) {
      let reason = '';
      const parts = 1 + Math.floor(random() * 8);
      for (let p = 0; p < parts; p++) reason += alphabet[Math.floor(random() * alphabet.length)];
      const window = parseRetryHint(reason);
      if (window === undefined) continue;
      expect(Number.isFinite(window.minMs) && Number.isFinite(window.maxMs), reason).to.equal(true);
      expect(0 <= window.minMs && window.minMs <= window.maxMs && window.maxMs <= maxHintMs, reason).to.equal(true);
    }
  });
});

describe('hintedDelay (the wait a hint asks for)', () => {
  it('waits exactly S for retry-after=S, whatever the random source', () => {
    const window = parseRetryHint('retry-after=2.5')!;
    expect(hintedDelay(window, () => 0)).to.equal(2500);
    expect(hintedDelay(window, () => 0.999999)).to.equal(2500);
  });

  it('spreads waits uniformly over [S1, S2], in whole milliseconds', () => {
    const window = parseRetryHint('retry-after=5-20')!;
    expect(hintedDelay(window, () => 0)).to.equal(5000);
    expect(hintedDelay(window, () => 0.5)).to.equal(12500);
    expect(hintedDelay(window, () => 0.999999)).to.equal(20000);
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const waits = Array.from({length: 3000}, () => hintedDelay(window, random));
    waits.forEach((wait) => expect(Number.isInteger(wait) && wait >= 5000 && wait <= 20000).to.equal(true));
    const thirds = [0, 1, 2].map((k) => waits.filter((w) => Math.min(2, Math.floor((w - 5000) / 5000)) === k).length);
    thirds.forEach((count) => expect(count).to.be.within(850, 1150));
  });
});
