// The plain-JavaScript console: every event goes to the log as text (never as HTML).
const socket = document.getElementById('console-socket');
const log = document.getElementById('console-log');
const state = document.getElementById('console-state');
const stateNames = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];

function show(kind, text) {
  const entry = document.createElement('li');
  entry.className = kind;
  entry.textContent = `${new Date().toLocaleTimeString()} ${kind}: ${text}`;
  log.prepend(entry);
  state.value = stateNames[socket.readyState];
}

socket.addEventListener('open', () => show('open', socket.url));
socket.addEventListener('message', (event) => show('message', event.data));
socket.addEventListener('error', (event) => show('error', event.message));
socket.addEventListener('close', (event) => show('close', `code ${event.code}${event.reason ? `, ${event.reason}` : ''}`));

document.getElementById('console-connect').addEventListener('submit', (event) => {
  event.preventDefault();
  socket.host = document.getElementById('console-host').value;
  socket.connect();
  state.value = stateNames[socket.readyState];
});

document.getElementById('console-close-button').addEventListener('click', () => {
  socket.close();
  state.value = stateNames[socket.readyState];
});

document.getElementById('console-send').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = document.getElementById('console-message').value;
  try {
    socket.send(text);
    show('sent', text);
  } catch (error) {
    show('error', `${error.name}: ${error.message}`);
  }
});
