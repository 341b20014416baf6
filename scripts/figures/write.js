// Writes measured figures into a docs page between <!-- figures: NAME --> and
// <!-- /figures: NAME -->, with the date and the machine, so no page shows figures a
// command did not print. A run that measures the same figures leaves the page as it was.
import {readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';

/** One line naming this machine: CPU, cores, OS, Node. */
export function machine() {
  let system = os.type();
  try {
    system = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1] ?? system;
  } catch {}
  const cpu = os.cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpu}, ${os.availableParallelism()} cores, ${system}, Node ${process.version}`;
}

/**
 * Replaces the block NAME of `page` (a path or file URL) with `markdown`, headed by
 * "Written by `command` on DATE (MACHINE)" (`date` and `on` default to now and this machine).
 * Returns whether the page changed.
 */
export function writeFigures(page, name, command, markdown, {date = new Date(), on = machine()} = {}) {
  const text = readFileSync(page, 'utf8');
  const start = `<!-- figures: ${name} -->`;
  const end = `<!-- /figures: ${name} -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${page} has no ${start} … ${end} block`);
  const old = text.slice(from + start.length, to);
  const body = markdown.trim();
  // Same figures: keep the date of the run that first printed them.
  if (old.trim().split('\n').slice(2).join('\n').trim() === body) return false;
  const day = new Date(date).toISOString().slice(0, 10);
  const block = `\nWritten by \`${command}\` on ${day} (${on}):\n\n${body}\n`;
  writeFileSync(page, text.slice(0, from + start.length) + block + text.slice(to));
  return true;
}
