// `npm test -- --engine firefox`: web-test-runner would take the engine's name for a
// test file pattern, so the flag is read here, passed on as ENGINE, and the rest of
// the arguments go to web-test-runner as they are.
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {selectedEngines} from './engines/index.js';

const args = process.argv.slice(2);
const engines = selectedEngines(args);
const rest = args.filter((arg, i) => !(arg === '--engine' || arg.startsWith('--engine=') || args[i - 1] === '--engine'));
const bin = fileURLToPath(new URL('../node_modules/.bin/web-test-runner', import.meta.url));
const runner = spawn(process.execPath, [bin, ...rest], {stdio: 'inherit', env: {...process.env, ENGINE: engines.join(',')}});
runner.on('exit', (code, signal) => process.exit(signal ? 1 : code));
