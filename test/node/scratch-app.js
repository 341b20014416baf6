import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A new app folder with nothing installed yet, laid out as the docs have it: beside a
 * `py-websocket/` folder that holds the package packed (as `npm publish` would: the build
 * already ran). Returns the app's folder, the tarball and the files it holds.
 */
export function scratchApp() {
  const world = mkdtempSync(join(tmpdir(), 'py-websocket-apps-'));
  const app = join(world, 'app');
  const clone = join(world, 'py-websocket');
  mkdirSync(app);
  mkdirSync(clone);
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', clone], {cwd: root, encoding: 'utf8'})
  );
  writeFileSync(join(app, 'package.json'), JSON.stringify({name: 'scratch-app', private: true, type: 'module'}));
  return {app, tarball: join(clone, packed.filename), files: packed.files.map((file) => file.path)};
}

/** `npm install` in `app`, from npm's cache where it can. */
export function npmInstall(app, specs) {
  execFileSync('npm', ['install', ...specs, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {cwd: app, stdio: 'ignore'});
}

/** `name@range` for a package this project has, so that the app gets the version the tests know. */
export function sameVersionAs(name) {
  const {dependencies = {}, devDependencies = {}} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const range = dependencies[name] ?? devDependencies[name];
  if (!range) throw new Error(`${name} is not a dependency of this project`);
  return `${name}@${range}`;
}
