// Shared by the runtime test pages: what Python reports, and what the page's alert() shows.
window.harness = {
  scenario: new URLSearchParams(location.search).get('scenario'),
  host: new URLSearchParams(location.search).get('host') ?? '/ws/echo',
  reports: {},
  alerts: [],
  errors: [],
  report(name, value) {
    this.reports[name] = value;
  },
};
// The seed example talks through alert(): keep what it says instead of blocking the page.
window.alert = (message) => harness.alerts.push(String(message));
window.addEventListener('error', (event) => harness.errors.push(String(event.message)));
if (new URLSearchParams(location.search).has('no-websocket')) delete window.WebSocket;
