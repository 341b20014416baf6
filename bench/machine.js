import {readFileSync} from 'node:fs';
import os from 'node:os';
import {chromiumPath} from './browser.js';

/** What the figures were measured on. */
export function describeMachine(browserVersion) {
  const osRelease = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1] ?? os.type();
  const versions = {};
  for (const name of ['puppeteer-core', 'ws', 'esbuild', 'partysocket', 'reconnecting-websocket', 'lit']) {
    // Read the file: some packages do not export their package.json.
    versions[name] = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  }
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.availableParallelism(),
    os: osRelease,
    kernel: os.release(),
    node: process.version,
    browser: `Chromium ${browserVersion.replace(/^[^/]*\//, '')} (headless, ${chromiumPath})`,
    versions,
  };
}
