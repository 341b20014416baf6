/**
 * Debian's Chromium, as the tests, the battery and the bench start it: headless, as
 * root (no sandbox), and without the background services that stall its start on a
 * machine with no outside network.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
