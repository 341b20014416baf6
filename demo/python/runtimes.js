// Loads a Python runtime only when its section of the demo is opened: Pyodide is ~14 MB.
// Every file comes from this server's node_modules, never from a CDN.

const examples = {
  '/demo/python/seed_example.py': './seed_example.py',
  '/demo/python/asyncio_example.py': './asyncio_example.py',
};
// The py_websocket package beside them (npm run build makes both forms): Pyodide unpacks the
// zip; PyScript puts in place the package's __init__.py that writes its other modules.
const packageArchive = '/python/py_websocket.zip';
const exampleFiles = {'/python/py_websocket.self-unpacking.py': './py_websocket/__init__.py', ...examples};
let pyodide;

async function startPyodide() {
  const {loadPyodide} = await import('/node_modules/pyodide/pyodide.mjs');
  pyodide = await loadPyodide({indexURL: '/node_modules/pyodide/'});
  pyodide.unpackArchive(await (await fetch(packageArchive)).arrayBuffer(), 'zip');
  for (const [url, name] of Object.entries(examples)) {
    pyodide.FS.writeFile(`/home/pyodide/${name.slice(2)}`, await (await fetch(url)).text());
  }
  pyodide.runPython('import seed_example; seed_example.start("pyodide-")');
  enableAsyncio('pyodide', (show) => pyodide.runPythonAsync('import asyncio_example\nawait asyncio_example.run(show)', {globals: pyodide.toPy({show})}));
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
  script.textContent = [
    'import seed_example, asyncio, js',
    'seed_example.start("micropython-")',
    '# The asyncio example runs when its button asks, through a function the page can call.',
    'from pyscript.ffi import create_proxy',
    'import asyncio_example',
    'js.demoEnableMicroPythonAsyncio(create_proxy(lambda show: asyncio.create_task(asyncio_example.run(show))))',
  ].join('\n');
  // Python hands over the function that runs the example once it has it.
  window.demoEnableMicroPythonAsyncio = (run) => enableAsyncio('micropython', (show) => run(show));
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

/** The asyncio example's button of a runtime, once that runtime is loaded. */
function enableAsyncio(runtime, run) {
  const button = document.getElementById(`${runtime}-asyncio`);
  const log = document.getElementById(`${runtime}-asyncio-log`);
  button.disabled = false;
  button.addEventListener('click', () => {
    log.textContent = '';
    run((line) => (log.textContent += `${line}\n`));
  });
}

// The worker example: a PyScript worker drives an element of this page through py_websocket.
document.getElementById('worker-run')?.addEventListener('click', (event) => {
  event.target.disabled = true;
  const log = document.getElementById('worker-log');
  log.textContent = 'Starting a MicroPython worker…\n';
  window.demoWorkerShow = (line) => (log.textContent += `${line}\n`);
  const script = document.createElement('script');
  script.type = 'mpy';
  script.setAttribute('worker', '');
  script.setAttribute('config', JSON.stringify({interpreter: '/node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs', files: exampleFiles}));
  script.textContent = [
    'import asyncio',
    'from pyscript import window',
    'import asyncio_example',
    'window.demoWorkerShow("Running in a worker: the element it uses is in this page")',
    'asyncio.create_task(asyncio_example.run(window.demoWorkerShow))',
  ].join('\n');
  document.body.append(script);
  import('/node_modules/@pyscript/core/dist/core.js');
});
