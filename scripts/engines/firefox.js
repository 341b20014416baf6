/** Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi. */
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export const firefoxPrefs = {
  // Firefox holds back a new connection to a host whose last connection failed, by a
  // delay that grows with each failure (network.websocket.delay-failed-reconnects). The
  // tests measure the element's own backoff and cleanup, so that delay is turned off
  // here; docs/browser-support.md tells Firefox users what it does to their reconnect times.
  'network.websocket.delay-failed-reconnects': false,
};
