// Loaded first by every page a test opens in a frame or window: hands the page's uncaught
// errors and unhandled rejections to the test page (see page-errors.ts), which fails the
// test unless it expected them.
const where = location.pathname + location.search;
function report(kind, value) {
  for (const target of [window.top, window.opener]) {
    try {
      if (target && target !== window && typeof target.recordPageError === 'function') {
        target.recordPageError(`${kind} ${where}`, value);
        return;
      }
    } catch {
      // a cross-origin opener: nothing to tell
    }
  }
}
addEventListener('error', (event) => report('frame', event.error ?? event.message));
addEventListener('unhandledrejection', (event) => report('frame (unhandled rejection)', event.reason));
