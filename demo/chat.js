// Shows what arrives in the chat (the elements' forms and buttons do the sending). Text only:
// a message is shown with textContent, never as HTML.
for (const socket of document.querySelectorAll('py-websocket.chatter')) {
  const log = socket.querySelector('.chat-log');
  socket.addEventListener('message', (event) => {
    let line;
    try {
      const {from, text} = JSON.parse(event.data);
      line = `${from}: ${text}`;
    } catch {
      line = String(event.data);
    }
    const entry = log.appendChild(document.createElement('li'));
    entry.textContent = line;
    entry.scrollIntoView({block: 'nearest'});
  });
  // After a send, the field is cleared for the next line.
  socket.addEventListener('submit', (event) => queueMicrotask(() => event.target.reset()));
}
// Say so where the browser has no invoker commands.
document.getElementById('no-commands').hidden = 'commandForElement' in HTMLButtonElement.prototype;
