// After `npm run build`: the size of every script the build wrote, and what an app pays for
// `import 'py-websocket'` bundled by esbuild and by rollup, minified and gzipped, into
// docs/size.md (the figures block "build").
import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {gzipSync} from 'node:zlib';
import {esbuildSize, rollupSize} from '../build/app-size.js';
import {writeFigures} from './write.js';

const dist = new URL('../../dist/', import.meta.url);
const number = (bytes) => `${bytes.toLocaleString('en-US')} B`;

const notes = {
  'py-websocket.js': ' (what every page loads)',
  'py-websocket-share.js': ' (loaded only when an element uses `share`)',
  'py-websocket-tabs.js': ' (loaded only when an element uses `share="tabs"`; it imports the `share` file)',
  'size/py-websocket-without-lit.js': ' (not shipped: the element without lit, to see what it weighs)',
  'size/py-websocket-without-lit-share.js': ' (not shipped: its `share` file)',
  'size/py-websocket-without-lit-tabs.js': ' (not shipped: its `share="tabs"` file)',
};
const files = readdirSync(dist, {recursive: true})
  .filter((file) => file.endsWith('.js'))
  .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
const rows = files.map((file) => {
  const code = readFileSync(new URL(file, dist));
  return `| \`dist/${file}\`${notes[file] ?? ''} | ${number(code.length)} | ${number(gzipSync(code, {level: 9}).length)} |`;
});

// An app whose one line is `import 'py-websocket'`, built from lib/ as a bundler builds the package.
const entry = fileURLToPath(new URL('size-app.js', dist));
writeFileSync(entry, "import '../lib/index.js';\n");
// What no element with this contract can do without: lit's base class and the socket core
// (reconnecting is what an element does by default), before any code of the element's own.
const floorEntry = fileURLToPath(new URL('size-floor.js', dist));
writeFileSync(floorEntry, "export {ReactiveElement} from '@lit/reactive-element';\nexport {ReconnectingSocket} from '../lib/socket/index.js';\n");
const apps = [];
let floor;
try {
  floor = (await esbuildSize(floorEntry)).atStart;
  console.log(`lit's base class and the socket core alone, bundled by esbuild: ${floor} B gzipped`);
  for (const [bundler, measure] of [['esbuild', esbuildSize], ['rollup', rollupSize]]) {
    const {atStart, sharePage, shareTabs, everything} = await measure(entry);
    console.log(`import 'py-websocket' bundled by ${bundler}: ${atStart} B gzipped without share, share="page" ${sharePage} B more, share="tabs" ${shareTabs} B more, ${everything} B in all`);
    apps.push(`| ${bundler} | ${number(atStart)} | ${number(sharePage)} | ${number(shareTabs)} | ${number(everything)} |`);
  }
} finally {
  rmSync(entry);
  rmSync(floorEntry);
}

const table = [
  '| file | minified | gzipped (level 9) |',
  '|---|---|---|',
  ...rows,
  '',
  "`import 'py-websocket'` in an app, bundled and minified, gzipped (level 9):",
  '',
  '| bundler | a page without `share` | what `share="page"` adds, loaded then | what `share="tabs"` adds, loaded then | everything |',
  '|---|---|---|---|---|',
  ...apps,
  '',
  `lit's \`ReactiveElement\` and the socket core (\`ReconnectingSocket\`) alone, bundled by esbuild: ${number(floor)} gzipped.`,
].join('\n');
if (writeFigures(new URL('../../docs/size.md', import.meta.url), 'build', 'npm run build', table)) {
  console.log('docs/size.md: new sizes written');
}
