// Loads a Python runtime only when its section of the demo is opened: Pyodide is ~14 MB.
// Every file comes from this server's node_modules, never from a CDN.

const exampleFiles = {'/python/py_websocket.py': './py_websocket.py', '/demo/python/seed_example.py': './seed_example.py'};

async function startPyodide() {
  const {loadPyodide} = await import('/node_modules/pyodide/pyodide.mjs');
  const pyodide = await loadPyodide({indexURL: '/node_modules/pyodide/'});
  for (const [url, name] of Object.entries(exampleFiles)) {
    pyodide.FS.writeFile(`/home/pyodide/${name.slice(2)}`, await (await fetch(url)).text());
  }
  pyodide.runPython('import seed_example; seed_example.start("pyodide-")');
}

function startMicroPython() {
  const script = document.createElement('script');
  script.type = 'mpy';
  script.setAttribute(
    'config',
    JSON.stringify({
      interpreter: '/node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs',
      files: exampleFiles,
    })
  );
  script.textContent = 'import seed_example\nseed_example.start("micropython-")';
  document.body.append(script);
  const styles = Object.assign(document.createElement('link'), {rel: 'stylesheet', href: '/node_modules/@pyscript/core/dist/core.css'});
  document.head.append(styles);
  return import('/node_modules/@pyscript/core/dist/core.js');
}

const starters = {pyodide: startPyodide, micropython: startMicroPython};

for (const section of document.querySelectorAll('details[data-runtime]')) {
  section.addEventListener('toggle', async function load() {
    if (!section.open) return;
    section.removeEventListener('toggle', load);
    const log = section.querySelector('.log');
    const started = performance.now();
    log.textContent = `Loading ${section.dataset.runtime}…\n`;
    try {
      await starters[section.dataset.runtime]();
      log.textContent += `Loaded in ${Math.round(performance.now() - started)} ms\n`;
    } catch (error) {
      log.textContent += `Could not load: ${error.message}\n`;
    }
  });
}
