/**
 * Turns a `host` value into the URL a WebSocket can open, the way the
 * WebSocket constructor does (https://websockets.spec.whatwg.org/#dom-websocket-websocket):
 * relative URLs resolve against the document's base URL and http(s) maps to ws(s).
 * Unlike the constructor it never throws: a bad host comes back as a sentence
 * naming the problem, for the element to report in an `error` event.
 */
export type SocketUrl = {url: string; problem?: undefined} | {url?: undefined; problem: string};

const schemeMap: Record<string, string> = {'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:'};

export function resolveSocketUrl(host: string, baseUrl: string): SocketUrl {
  let parsed: URL;
  try {
    parsed = new URL(host, baseUrl);
  } catch {
    return {problem: `The host "${host}" is not a valid URL.`};
  }
  const scheme = schemeMap[parsed.protocol];
  if (!scheme) {
    return {problem: `The host "${host}" has the scheme "${parsed.protocol}"; only ws:, wss:, http: and https: are allowed.`};
  }
  if (parsed.hash || host.includes('#')) {
    return {problem: `The host "${host}" contains a fragment (#…), which a WebSocket URL must not have.`};
  }
  parsed.protocol = scheme;
  return {url: parsed.href};
}
