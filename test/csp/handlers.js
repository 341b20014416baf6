// Compares the element's onopen attribute with the browser's own inline handlers under this
// page's policy: a parsed onclick, and one set from a script (which Trusted Types refuses).
// All three run the same code (so a policy's hash allows all or none): each is run in turn.
const element = document.getElementById('element');
const scripted = document.createElement('button');
try {
  scripted.setAttribute('onclick', 'window.attributeRan = true');
} catch {
  // Trusted Types: a plain string is refused.
}
document.body.append(scripted);

/** Whether `run` ran the handler code. */
function ran(run) {
  window.attributeRan = undefined;
  run();
  return window.attributeRan === true;
}

function report() {
  const attributeRan = window.attributeRan === true;
  window.result = {
    attributeRan,
    parsedRan: ran(() => document.getElementById('parsed').click()),
    scriptedRan: ran(() => scripted.click()),
    consoleErrors: window.consoleErrors.filter((text) => text.includes('<py-websocket>')),
  };
}
// The element may have opened before this module ran (its onopen attribute had its say then).
if (element.readyState === element.OPEN) report();
else element.addEventListener('open', report, {once: true});
