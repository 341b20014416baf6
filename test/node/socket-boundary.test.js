// The core (src/socket/) stands alone: it imports nothing outside its folder, and only
// browser.ts, the browser's environment, touches a global of the browser or the host.
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {it} from 'node:test';

const folder = new URL('../../src/socket/', import.meta.url);
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
const environmentFile = 'browser.ts';

/** Globals the core takes from its environment instead (and the DOM's, which it has no use for). */
const forbidden = [
  'window', 'self', 'globalThis', 'document', 'navigator', 'location', 'WebSocket', 'addEventListener', 'removeEventListener',
  'dispatchEvent', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'requestAnimationFrame',
  'performance', 'Date', 'Math\\.random', 'crypto', 'BroadcastChannel', 'localStorage', 'sessionStorage', 'customElements',
  'HTMLElement', 'Element', 'Node', 'Event', 'CustomEvent', 'EventTarget', 'MessageEvent', 'CloseEvent', 'process', 'require',
];

/** The code without comments and string contents, so that words in them do not count. */
function code(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1/g, (text, quote) => (/^(['"])\.\.?\//.test(text) ? text : quote + quote));
}

it('finds the core files', () => {
  assert.ok(files.includes('reconnecting-socket.ts') && files.includes(environmentFile), files.join(' '));
});

for (const name of files) {
  const source = readFileSync(new URL(name, folder), 'utf8');
  it(`${name} imports only from src/socket/`, () => {
    for (const [, specifier] of source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)) {
      assert.match(specifier, /^\.\/[^/]+$/, `${name} imports ${specifier}`);
    }
    assert.doesNotMatch(source, /import\s*\(/, `${name} imports dynamically`);
  });
  if (name === environmentFile) continue;
  it(`${name} touches no global of the browser or the host`, () => {
    const text = code(source);
    for (const global of forbidden) {
      // A use, not a member (`environment.setTimeout`), a property key or a type position (`: Event`).
      const use = new RegExp(`(?<![.\\w$#'"])${global}(?![\\w$])(?!\\s*:)`, 'g');
      const found = [...text.matchAll(use)].filter((match) => {
        const before = text.slice(text.lastIndexOf('\n', match.index) + 1, match.index);
        // A member of that name declared (`setTimeout(callback, ms): TimerHandle;`), or a type.
        return !/^\s*(readonly\s+)?$/.test(before) && !/\b(type|interface)\b[^;{]*$/.test(before);
      });
      assert.equal(found.length, 0, `${name} uses ${global}`);
    }
  });
}
