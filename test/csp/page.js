// The element driven through listeners and properties, which a strict CSP allows.
const element = document.getElementById('listeners');
window.received = [];
element.addEventListener('open', () => element.send('through a listener'));
element.onmessage = (event) => window.received.push(`property: ${event.data}`);
element.addEventListener('message', (event) => window.received.push(`listener: ${event.data}`));

// An element with share: it works once sharing has loaded from beside the bundle.
const shared = document.getElementById('shared');
window.sharedReceived = [];
shared.addEventListener('open', () => shared.send('through a shared socket'));
shared.addEventListener('message', (event) => window.sharedReceived.push(event.data));
const sharedTabs = document.getElementById('shared-tabs');
window.tabsReceived = [];
sharedTabs.addEventListener('open', () => sharedTabs.send('through a socket shared across tabs'));
sharedTabs.addEventListener('message', (event) => window.tabsReceived.push(event.data));
