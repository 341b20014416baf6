// Shared by the runtime test pages: what Python reports, and what the page's alert() shows.
window.harness = {
  scenario: new URLSearchParams(location.search).get('scenario'),
  /** What a scenario is told (the query's other parameters; Pyodide's test sets them per run). */
  params: Object.fromEntries(new URLSearchParams(location.search)),
  host: new URLSearchParams(location.search).get('host') ?? '/ws/echo',
  reports: {},
  alerts: [],
  errors: [],
  /** What Python printed. */
  printed: [],
  report(name, value) {
    this.reports[name] = value;
  },
};
// The seed example talks through alert(): keep what it says instead of blocking the page.
window.alert = (message) => harness.alerts.push(String(message));
window.addEventListener('error', (event) => harness.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => harness.errors.push(`unhandled rejection: ${event.reason}`));
// Everything written to the console, at any level (Pyodide writes stderr as warnings), and
// apart what was printed (each runtime prints through console.log).
harness.output = [];
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const write = console[level].bind(console);
  console[level] = (...args) => {
    // (Brython writes a line with its newline.)
    const line = args.map(String).join(' ').replace(/\n$/, '');
    harness.output.push(line);
    if (level === 'log') harness.printed.push(line);
    write(...args);
  };
}
// The <py-websocket> elements the page gets (their host), and the waits each announces
// before reconnecting: what Python's reconnecting loop made of the element's policy.
harness.elements = [];
new MutationObserver((changes) => {
  for (const node of changes.flatMap((change) => [...change.addedNodes])) {
    if (node.localName !== 'py-websocket' || node.reconnectDelays) continue;
    node.reconnectDelays = [];
    harness.elements.push({host: node.getAttribute('host'), reconnectDelays: node.reconnectDelays});
    node.addEventListener('reconnecting', (event) => node.reconnectDelays.push(event.delay));
  }
}).observe(document, {childList: true, subtree: true});
if (new URLSearchParams(location.search).has('no-websocket')) delete window.WebSocket;
