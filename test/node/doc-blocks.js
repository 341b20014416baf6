// The fenced code blocks of README.md and docs/, each with the marker on the line before it
// that says how it runs: <!-- run: RUNNER [ARGUMENT] ["first"] ["second"] -->.
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {root} from './scratch-app.js';

const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
const marker = /<!-- run: ([\w-]+)(?: ([\w./-]+))?(?: "((?:[^"\\]|\\.)*)")?(?: "((?:[^"\\]|\\.)*)")? -->\n$/;
const unescape = (text) => text?.replace(/\\(.)/g, '$1');

/** README.md, then every page under docs/, as paths relative to the repository. */
export const docPages = () => [
  'README.md',
  ...readdirSync(join(root, 'docs'), {recursive: true})
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
];

/** Every block of `page`: {page, index, line, lang, code, runner, argument, click, expect}. */
export function blocksOf(page) {
  const text = readFileSync(join(root, page), 'utf8');
  return [...text.matchAll(fence)].map((match, index) => {
    const before = text.slice(0, match.index);
    const [, runner, argument, first, second] = marker.exec(before) ?? [];
    const line = before.split('\n').length;
    // One quoted argument: what must show; two: what to click, then what must show.
    const [click, expect] = second === undefined ? [undefined, unescape(first)] : [unescape(first), unescape(second)];
    return {page, index, line, lang: match[1], code: match[2], runner, argument, click, expect};
  });
}

/** The example server of the README (the block marked `server`). */
export const exampleServer = () => blocksOf('README.md').find((block) => block.runner === 'server').code;
