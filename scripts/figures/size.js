// After `npm run build`: the size of every script the build wrote, minified and gzipped,
// into docs/size.md (the figures block "build").
import {readdirSync, readFileSync} from 'node:fs';
import {gzipSync} from 'node:zlib';
import {writeFigures} from './write.js';

const dist = new URL('../../dist/', import.meta.url);
const files = readdirSync(dist, {recursive: true})
  .filter((file) => file.endsWith('.js'))
  .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
const number = (bytes) => `${bytes.toLocaleString('en-US')} B`;
const rows = files.map((file) => {
  const code = readFileSync(new URL(file, dist));
  const shipped = file.startsWith('size/') ? ' (not shipped: the element without lit, to see what it weighs)' : '';
  return `| \`dist/${file}\`${shipped} | ${number(code.length)} | ${number(gzipSync(code, {level: 9}).length)} |`;
});
const table = ['| file | minified | gzipped (level 9) |', '|---|---|---|', ...rows].join('\n');
if (writeFigures(new URL('../../docs/size.md', import.meta.url), 'build', 'npm run build', table)) {
  console.log('docs/size.md: new sizes written');
}
