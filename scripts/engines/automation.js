import puppeteer from 'puppeteer-core';
import {remote} from 'webdriverio';
import {chromiumArgs, chromiumPath} from './chromium.js';
import {firefoxPath, firefoxPrefs} from './firefox.js';
import {startWebKitDriver, webkitCapabilities} from './webkit.js';

export const engineLabels = {chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit'};

/**
 * One page of `engine` at `url`, for scripts that drive a page from Node (the battery):
 * `evaluate(fn, ...args)` runs `fn` in the page and resolves with what it returns
 * (awaited if it is a promise); `navigate(url)` and `back()` move the page through its
 * history as the user would; `version` names the browser; `close()` ends it all.
 */
export async function openEnginePage(engine, url) {
  return engine === 'webkit' ? openWebKitPage(url) : openPuppeteerPage(engine, url);
}

async function openPuppeteerPage(engine, url) {
  const browser = await puppeteer.launch(
    engine === 'firefox'
      ? {browser: 'firefox', executablePath: firefoxPath, headless: true, extraPrefsFirefox: firefoxPrefs}
      : {executablePath: chromiumPath, headless: true, args: chromiumArgs}
  );
  try {
    const [page = await browser.newPage()] = await browser.pages();
    page.setDefaultTimeout(120000);
    await page.goto(url);
    return {
      version: await browser.version(),
      evaluate: (fn, ...args) => page.evaluate(fn, ...args),
      navigate: (to) => page.goto(to),
      back: () => page.goBack(),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

async function openWebKitPage(url) {
  const server = await startWebKitDriver();
  let driver;
  try {
    // No retries: a retried Execute Script runs the page's function again, side effects and all.
    driver = await remote({hostname: '127.0.0.1', port: server.port, logLevel: 'error', connectionRetryCount: 0, capabilities: webkitCapabilities});
    await driver.setTimeout({script: 120000});
    await driver.navigateTo(url);
    return {
      version: `MiniBrowser ${driver.capabilities.browserVersion ?? ''}`.trim(),
      // WebDriver's Execute Script waits for a returned promise.
      evaluate: (fn, ...args) => driver.execute(fn, ...args),
      navigate: (to) => driver.navigateTo(to),
      back: () => driver.back(),
      async close() {
        await driver.deleteSession().catch(() => {});
        server.stop();
      },
    };
  } catch (error) {
    await driver?.deleteSession().catch(() => {});
    server.stop();
    throw error;
  }
}
