import {chromeLauncher} from '@web/test-runner-chrome';
import {WebdriverLauncher} from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';
import {chromiumArgs, chromiumPath} from './chromium.js';
import {firefoxPath, firefoxPrefs} from './firefox.js';
import {startWebKitDriver, webkitCapabilities} from './webkit.js';

/**
 * WebKit through WebKitWebDriver, which this launcher starts (with its Xvfb) and stops.
 * One test file at a time, each in the top-level page: WebKitWebDriver drives one
 * window, and running files in iframes would hide what a page sees at top level.
 */
class WebKitLauncher extends WebdriverLauncher {
  concurrency = 1;
  #driver;

  constructor() {
    super({hostname: '127.0.0.1', port: 0, logLevel: 'error', capabilities: webkitCapabilities});
  }

  async initialize(config, testFiles) {
    this.#driver = await startWebKitDriver();
    this.options.port = this.#driver.port;
    await super.initialize({...config, concurrency: 1}, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop();
    this.#driver?.stop();
  }
}

const launchers = {
  chromium: () => chromeLauncher({launchOptions: {executablePath: chromiumPath, headless: true, args: chromiumArgs}}),
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {browser: 'firefox', executablePath: firefoxPath, headless: true, extraPrefsFirefox: firefoxPrefs},
    }),
  webkit: () => new WebKitLauncher(),
};

/** A @web/test-runner browser launcher for each engine named. */
export function testRunnerBrowsers(engines) {
  return engines.map((engine) => launchers[engine]());
}
