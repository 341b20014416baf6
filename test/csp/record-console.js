// Keeps what the page logs as errors, and its uncaught errors, for the test to read.
window.consoleErrors = [];
window.pageErrors = [];
const consoleError = console.error.bind(console);
console.error = (...args) => {
  window.consoleErrors.push(args.map(String).join(' '));
  consoleError(...args);
};
addEventListener('error', (event) => window.pageErrors.push(String(event.message)));
// And what the policy refused.
window.violations = [];
addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
