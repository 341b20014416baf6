import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {checkCloseArguments} from '../src/element/close-arguments.js';

/** What the browser's own WebSocket.close() throws for the same arguments (nothing is ever opened). */
function nativeCloseError(...args: unknown[]): string | undefined {
  const socket = new WebSocket('ws://127.0.0.1:9/');
  try {
    (socket.close as (...a: unknown[]) => void)(...args);
    return undefined;
  } catch (error) {
    return (error as DOMException).name;
  } finally {
    socket.close();
  }
}

function ourCloseError(...args: unknown[]): string | undefined {
  try {
    checkCloseArguments(...args);
    return undefined;
  } catch (error) {
    return (error as DOMException).name;
  }
}

describe('checkCloseArguments', () => {
  it('defaults to code 1000 and an empty reason', () => {
    expect(checkCloseArguments()).to.deep.equal({code: 1000, reason: ''});
  });

  it('accepts 1000 and 3000–4999 and rejects the rest with InvalidAccessError', () => {
    for (const code of [1000, 3000, 4999, 3999.5]) expect(() => checkCloseArguments(code)).not.to.throw();
    for (const code of [0, 42, 999, 1001, 1005, 2999, 5000, 65535, 70000, -1, 'abc', NaN]) {
      expect(() => checkCloseArguments(code), String(code)).to.throw(DOMException).with.property('name', 'InvalidAccessError');
    }
  });

  it('rejects a reason over 123 UTF-8 bytes with SyntaxError', () => {
    expect(() => checkCloseArguments(1000, 'a'.repeat(123))).not.to.throw();
    expect(() => checkCloseArguments(1000, '€'.repeat(41))).not.to.throw(); // 123 bytes
    expect(() => checkCloseArguments(1000, '€'.repeat(42)))
      .to.throw(DOMException)
      .with.property('name', 'SyntaxError');
  });

  it('converts the code as WebIDL [Clamp] unsigned short: clamped, then rounded to the nearest, ties to even', () => {
    const allowed: [unknown, number][] = [
      [1000.4, 1000],
      [999.9, 1000],
      [999.5, 1000],
      [1000.5, 1000],
      [2999.5, 3000],
      [2999.6, 3000],
      [4999.4, 4999],
      ['3000', 3000],
    ];
    for (const [code, expected] of allowed) {
      expect(checkCloseArguments(code).code, String(code)).to.equal(expected);
    }
    for (const code of [4999.5, 2998.5, 65536, -Infinity, Infinity, null, 'x']) {
      expect(() => checkCloseArguments(code), String(code)).to.throw(DOMException).with.property('name', 'InvalidAccessError');
    }
  });

  it('treats an undefined code as not given: 1000, with the reason', () => {
    expect(checkCloseArguments(undefined)).to.deep.equal({code: 1000, reason: ''});
    expect(checkCloseArguments(undefined, undefined)).to.deep.equal({code: 1000, reason: ''});
    expect(checkCloseArguments(undefined, 'why')).to.deep.equal({code: 1000, reason: 'why'});
  });

  it('throws the TypeError WebIDL throws for a BigInt or Symbol code', () => {
    expect(() => checkCloseArguments(3000n)).to.throw(TypeError);
    expect(() => checkCloseArguments(Symbol('x'))).to.throw(TypeError);
  });

  it('agrees with the native close() wherever every engine follows the standard, checks in the same order included', () => {
    // Left out: fractional codes and an undefined code with a reason, where Chromium departs from the standard.
    const cases: unknown[][] = [
      [],
      [1000],
      [42],
      [65536],
      [-Infinity],
      ['3000'],
      ['x'],
      [null],
      [1000, 'b'.repeat(124)],
      [42, 'b'.repeat(124)],
      [3000, '\uD800'.repeat(41)],
      [3000, '\uD800'.repeat(42)],
      [undefined],
      [undefined, undefined],
    ];
    for (const args of cases) {
      expect(ourCloseError(...args), JSON.stringify(args)).to.equal(nativeCloseError(...args));
    }
  });
});
