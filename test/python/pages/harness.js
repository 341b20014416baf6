// Shared by the runtime test pages: what Python reports, and what the page's alert() shows.
window.harness = {
  scenario: new URLSearchParams(location.search).get('scenario'),
  /** What a scenario is told (the query's other parameters; Pyodide's test sets them per run). */
  params: Object.fromEntries(new URLSearchParams(location.search)),
  host: new URLSearchParams(location.search).get('host') ?? '/ws/echo',
  reports: {},
  alerts: [],
  errors: [],
  /** What Python printed (each runtime prints through console.log). */
  printed: [],
  report(name, value) {
    this.reports[name] = value;
  },
};
// The seed example talks through alert(): keep what it says instead of blocking the page.
window.alert = (message) => harness.alerts.push(String(message));
window.addEventListener('error', (event) => harness.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => harness.errors.push(`unhandled rejection: ${event.reason}`));
const consoleLog = console.log.bind(console);
console.log = (...args) => {
  // (Brython writes a line with its newline.)
  harness.printed.push(args.map(String).join(' ').replace(/\n$/, ''));
  consoleLog(...args);
};
if (new URLSearchParams(location.search).has('no-websocket')) delete window.WebSocket;
