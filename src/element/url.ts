/**
 * Turns a `host` value into the URL a WebSocket can open, the way the
 * WebSocket constructor does (https://websockets.spec.whatwg.org/#dom-websocket-websocket):
 * relative URLs resolve against the document's base URL and http(s) maps to ws(s).
 * Unlike the constructor it never throws: a bad host comes back as a sentence
 * naming the problem, for the element to report in an `error` event.
 */
export type SocketUrl = {url: string; problem?: undefined} | {url?: undefined; problem: string};

const schemeMap: Record<string, string> = {'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:'};

/** Chromium's limit on a URL's length: its renderer dies on a longer WebSocket URL. */
export const longestHost = 2 * 1024 * 1024;

/** The host as error messages show it: short, and without a password. */
function quoted(host: string): string {
  const shown = host.replace(/\/\/[^/?#]*@/, '//…@');
  return `"${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}"`;
}

export function resolveSocketUrl(host: string, baseUrl: string): SocketUrl {
  if (host.length > longestHost) {
    return {problem: `The host is ${host.length} characters long; a URL may have at most ${longestHost}.`};
  }
  let parsed: URL;
  try {
    parsed = new URL(host, baseUrl);
  } catch {
    return {problem: `The host ${quoted(host)} is not a valid URL.`};
  }
  const scheme = schemeMap[parsed.protocol];
  if (!scheme) {
    return {problem: `The host ${quoted(host)} has the scheme "${parsed.protocol}"; only ws:, wss:, http: and https: are allowed.`};
  }
  if (parsed.hash || host.includes('#')) {
    return {problem: `The host ${quoted(host)} contains a fragment (#…), which a WebSocket URL must not have.`};
  }
  if (parsed.username || parsed.password) {
    // Browsers never send them, and they would show in `url`, in messages and in shared names.
    return {problem: `The host ${quoted(host)} contains credentials (user:password@), which browsers do not send: pass them another way.`};
  }
  parsed.protocol = scheme;
  return {url: parsed.href};
}
