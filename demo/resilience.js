// The resilience panel: fault buttons, a stream of numbered messages, and a timeline of what
// the element reports. All text, never HTML.
const socket = document.getElementById('faulty');
const timeline = document.getElementById('timeline');
const stateNames = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
const started = performance.now();

function note(kind, text) {
  const entry = document.createElement('li');
  entry.className = kind;
  entry.textContent = `${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${kind.padEnd(12)} ${text}`;
  timeline.prepend(entry);
  while (timeline.children.length > 200) timeline.lastElementChild.remove();
}

socket.addEventListener('open', () => note('open', socket.url));
socket.addEventListener('close', (event) =>
  note('close', `code ${event.code}${event.reason ? ` "${event.reason}"` : ''}, ${event.wasClean ? 'clean' : 'not clean'}`)
);
socket.addEventListener('reconnecting', (event) => note('reconnecting', `attempt ${event.attempt} in ${event.delay} ms`));
socket.addEventListener('error', (event) => note('error', event.message));
socket.addEventListener('giveup', (event) => note('giveup', `after ${event.attempts} attempts; ${event.unsent.length} unsent handed back`));

// Echoes of the stream: each should come back once, in order. A gap is a message sent while the
// socket still looked open to a server that had already gone silent: lost in flight, as with any
// WebSocket (only acknowledgements could tell). Anything earlier than due would be a real fault.
let nextExpected = 0;
let echoed = 0;
let lost = 0;
socket.addEventListener('message', (event) => {
  const match = /^n:(\d+)$/.exec(event.data);
  if (!match) return;
  const n = Number(match[1]);
  if (n < nextExpected) note('error', `n:${n} came back again or out of order`);
  if (n > nextExpected) {
    lost += n - nextExpected;
    note('lost', `n:${nextExpected}…n:${n - 1} never came back: sent while the socket still looked open, to a server gone silent`);
  }
  nextExpected = Math.max(nextExpected, n + 1);
  echoed++;
  document.getElementById('faulty-echoed').value = String(echoed);
  document.getElementById('faulty-lost').value = String(lost);
});

for (const button of document.querySelectorAll('[data-fault]')) {
  button.addEventListener('click', async () => {
    note('fault', button.textContent);
    await fetch(`/demo/faulty/${button.dataset.fault}`);
  });
}

let sent = 0;
let stream;
document.getElementById('stream').addEventListener('change', (event) => {
  clearInterval(stream);
  if (!event.target.checked) return;
  stream = setInterval(() => {
    try {
      socket.send(`n:${sent}`);
      sent++;
      document.getElementById('faulty-sent').value = String(sent);
    } catch (error) {
      note('error', `${error.name}: ${error.message}`);
    }
  }, 250);
});

setInterval(() => {
  document.getElementById('faulty-state').value = stateNames[socket.readyState];
  document.getElementById('faulty-queued').value = String(socket.queued);
}, 100);
