/** The three browser engines every test runs in, and how a command picks some of them. */
export const engineNames = ['chromium', 'firefox', 'webkit'];

/**
 * The engines named by `--engine <name>` (repeatable, or comma-separated) in `argv`,
 * or by the ENGINE environment variable; all three when none is named.
 * (npm test passes the flag on as ENGINE: see scripts/web-test-runner.js.)
 */
export function selectedEngines(argv = process.argv, env = process.env) {
  const named = [];
  argv.forEach((arg, i) => {
    if (arg === '--engine') named.push(argv[i + 1] ?? '');
    else if (arg.startsWith('--engine=')) named.push(arg.slice('--engine='.length));
  });
  if (named.length === 0 && env.ENGINE) named.push(env.ENGINE);
  const engines = named.flatMap((value) => value.split(',')).map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = engines.filter((name) => !engineNames.includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown engine ${unknown.join(', ')}: choose from ${engineNames.join(', ')}.`);
  }
  return engines.length > 0 ? [...new Set(engines)] : engineNames;
}
