// The docs hold together: every relative link of README.md and docs/ reaches a file and a
// heading that exist, and docs/api.md names everything the element offers.
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join, normalize} from 'node:path';
import {describe, it} from 'node:test';
import {docPages} from './doc-blocks.js';
import {root} from './scratch-app.js';

const text = (page) => readFileSync(join(root, page), 'utf8');
/** What outside fenced code blocks. */
const prose = (page) => text(page).replace(/^```[\s\S]*?^```$/gm, '');

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchors(page) {
  const seen = new Map();
  return prose(page)
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => {
      const slug = line
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      return count ? `${slug}-${count}` : slug;
    });
}

describe('the docs', () => {
  it('link only to files and headings that exist', () => {
    const broken = [];
    for (const page of docPages()) {
      for (const [, target] of prose(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        const [file, anchor] = target.split('#');
        const path = file ? normalize(join(dirname(page), file)) : page;
        if (!existsSync(join(root, path))) broken.push(`${page}: ${target} (no ${path})`);
        else if (anchor && path.endsWith('.md') && !anchors(path).includes(anchor)) broken.push(`${page}: ${target} (no heading #${anchor})`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('name, in docs/api.md, every attribute, property, method and event of the element', () => {
    const api = text('docs/api.md');
    const manifest = JSON.parse(text('custom-elements.json'));
    const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((declaration) => declaration.customElement);
    const names = [
      ...(element.attributes ?? []).map((attribute) => attribute.name),
      // (connectedMoveCallback is the browser's lifecycle callback, not the element's API)
      ...(element.members ?? []).filter((member) => member.privacy !== 'private' && member.name !== 'connectedMoveCallback').map((member) => member.name),
      ...(element.events ?? []).map((event) => event.name),
    ];
    assert.ok(names.length > 30, 'the manifest lists the element');
    const missing = names.filter((name) => !api.includes(`\`${name}\``) && !api.includes(`\`${name}(`));
    assert.deepEqual(missing, []);
  });
});
