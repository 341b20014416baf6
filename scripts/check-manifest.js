// Fails when custom-elements.json no longer matches what the analyzer makes from src/.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';

const outdir = mkdtempSync(join(tmpdir(), 'manifest-'));
try {
  // The analyzer takes --outdir relative to the working directory.
  const args = ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(process.cwd(), outdir)];
  execFileSync('npx', args, {stdio: 'ignore'});
  const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run manifest` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is up to date.');
} finally {
  rmSync(outdir, {recursive: true, force: true});
}
