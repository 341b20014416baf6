// The package stays publishable: `npm publish --dry-run` takes it as the registry would (the
// build already ran in `npm test`, so its prepack script is skipped).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {root} from './scratch-app.js';

describe('npm publish --dry-run', () => {
  it('publishes the package with the README and every docs page it links to', () => {
    const output = execFileSync('npm', ['publish', '--dry-run', '--ignore-scripts', '--json'], {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
    const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const published = JSON.parse(output)['py-websocket'] ?? JSON.parse(output);
    assert.equal(published.id, `py-websocket@${version}`);
    const files = published.files.map((file) => file.path);
    const linked = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\((docs\/[^)#\s]+)/g)].map(([, path]) => path);
    assert.ok(linked.length > 5);
    assert.deepEqual([...new Set(['README.md', ...linked])].filter((file) => !files.includes(file)), []);
  });
});
