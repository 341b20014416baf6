import {spawn} from 'node:child_process';
import {freePort} from '../free-port.js';

/**
 * WebKitGTK's MiniBrowser, driven by WebKitWebDriver (Debian's webkit2gtk-driver)
 * over classic WebDriver, in an Xvfb display of its own: MiniBrowser has no headless mode.
 */
export const miniBrowserPath =
  process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The webdriverio capabilities that start MiniBrowser under automation. */
export const webkitCapabilities = {
  browserName: 'MiniBrowser',
  // webdriverio 9 would otherwise ask for WebDriver BiDi, which WebKitWebDriver does not speak.
  'wdio:enforceWebDriverClassic': true,
  'webkitgtk:browserOptions': {binary: miniBrowserPath, args: ['--automation']},
};

/**
 * Starts Xvfb on a free display and WebKitWebDriver on a free port in it.
 * `stop()` ends both; they are also ended when this process exits.
 */
export async function startWebKitDriver() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const display = await new Promise((resolve, reject) => {
    let text = '';
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb.on('error', reject);
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display; is the xvfb package installed?`)));
  });
  const port = await freePort();
  // MiniBrowser's navigator.language comes from LANG: under C.UTF-8 it is "C", a tag Intl
  // refuses (Brython fails to start on it). en_US need not be installed for that; the
  // character type comes from C.UTF-8, which every Debian has.
  // Safari gives cross-origin-isolated pages SharedArrayBuffer (PyScript's workers need it);
  // WebKitGTK's JavaScriptCore keeps it off unless this option turns it on.
  const env = {...process.env, DISPLAY: display, LANG: 'en_US.UTF-8', LC_CTYPE: 'C.UTF-8', LC_ALL: '', JSC_useSharedArrayBuffer: 'true'};
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {env, stdio: 'ignore'});
  const stop = () => {
    driver.kill();
    xvfb.kill();
  };
  process.once('exit', stop);
  await new Promise((resolve, reject) => {
    driver.on('error', (error) => reject(new Error(`WebKitWebDriver did not start (${error.message}); is webkit2gtk-driver installed?`)));
    waitForStatus(port).then(resolve, reject);
  });
  return {port, display, stop};
}

/** Resolves once the driver answers its status endpoint. */
async function waitForStatus(port, limitMs = 10000) {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not answer on port ${port} within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
