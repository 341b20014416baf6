/**
 * Fails the running test on any uncaught exception or unhandled rejection in its page, or
 * in a frame or window it opens, unless the test catches it with `catchPageErrors(pattern)`.
 *
 * Mocha fails the running test on the page's own uncaught errors (through window.onerror);
 * what it does not hear of (unhandled rejections, errors in frames) is handed to it the
 * same way. Pages from test/ that a test opens in a frame load /test/setup/report-errors.js
 * first, which reports theirs here; a frame a test makes itself is watched with `watchFrame`.
 * Imported by every browser test file (most through helpers.ts).
 */
interface Catcher {
  pattern: RegExp;
  /** What it caught, as "where: Name: message". */
  errors: string[];
}
let catchers: Catcher[] = [];

function describe(value: unknown): string {
  // Errors from other realms are not `instanceof Error` here.
  if (typeof value === 'object' && value !== null && 'message' in value) {
    const {name, message} = value as Error;
    return `${name}: ${message}`;
  }
  return String(value);
}

/** Takes an escaped error: a catcher's if one matches, else the running test fails. */
function escaped(where: string, value: unknown, event?: Event, mochaHearsIt = false): void {
  const text = `${where}: ${describe(value)}`;
  const catcher = catchers.find(({pattern}) => pattern.test(text));
  if (catcher) {
    catcher.errors.push(text);
    event?.preventDefault();
    event?.stopImmediatePropagation();
  } else if (!mochaHearsIt) {
    // Mocha's handler fails the running test (or, between tests, the run).
    (window.onerror as ((message: string, source: string, line: number) => unknown) | null)?.(text, where, 0);
  }
}

export function recordPageError(where: string, value: unknown): void {
  escaped(where, value);
}

/** Listens for what `target` lets escape; `top` for the test page itself, whose errors Mocha hears. */
export function watchWindow(target: Window, where: string, top = false): void {
  // Capture, so that at the window this runs before Mocha's onerror and can keep an expected error from it.
  target.addEventListener('error', (event) => escaped(where, event.error ?? event.message, event, top), true);
  target.addEventListener('unhandledrejection', (event) => escaped(`${where} (unhandled rejection)`, event.reason, event), true);
}

/** Watches a frame the test made itself (about:blank or srcdoc), where report-errors.js cannot run first. */
export function watchFrame(frame: HTMLIFrameElement): void {
  if (frame.contentWindow) watchWindow(frame.contentWindow, `frame ${frame.src || 'about:blank'}`);
}

/**
 * The test expects uncaught errors matching `pattern` (tested against "where: Name: message"):
 * they do not fail it, and land in the returned `errors` for the test to check. Ends with the test.
 */
export function catchPageErrors(pattern: RegExp): {readonly errors: string[]} {
  const catcher = {pattern, errors: []};
  catchers.push(catcher);
  return catcher;
}

watchWindow(window, 'page', true);
// Frames and popups from test/ find this through `top` or `opener`.
Object.assign(window, {recordPageError});

afterEach(() => {
  catchers = [];
});
