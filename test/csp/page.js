// The element driven through listeners and properties, which a strict CSP allows.
const element = document.getElementById('listeners');
window.received = [];
element.addEventListener('open', () => element.send('through a listener'));
element.onmessage = (event) => window.received.push(`property: ${event.data}`);
element.addEventListener('message', (event) => window.received.push(`listener: ${event.data}`));
