import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {resolveSocketUrl} from '../src/element/url.js';

const base = 'http://localhost:8000/app/page.html';

describe('resolveSocketUrl', () => {
  it('keeps ws: and wss: URLs', () => {
    expect(resolveSocketUrl('ws://example.org/feed', base)).to.deep.equal({url: 'ws://example.org/feed'});
    expect(resolveSocketUrl('wss://example.org:9000/a?b=c', base)).to.deep.equal({url: 'wss://example.org:9000/a?b=c'});
  });

  it('maps http: to ws: and https: to wss:', () => {
    expect(resolveSocketUrl('http://example.org/feed', base).url).to.equal('ws://example.org/feed');
    expect(resolveSocketUrl('https://example.org/feed', base).url).to.equal('wss://example.org/feed');
  });

  it('resolves paths against the base URL', () => {
    expect(resolveSocketUrl('/echo', 'http://localhost:8000/').url).to.equal('ws://localhost:8000/echo');
    expect(resolveSocketUrl('echo', base).url).to.equal('ws://localhost:8000/app/echo');
    expect(resolveSocketUrl('/echo', 'https://example.org/x/').url).to.equal('wss://example.org/echo');
  });

  it('names a scheme that cannot carry a WebSocket', () => {
    const {problem} = resolveSocketUrl('ftp://example.org/', base);
    expect(problem).to.contain('"ftp:"');
  });

  it('names a fragment, even an empty one', () => {
    expect(resolveSocketUrl('ws://example.org/#part', base).problem).to.contain('fragment');
    expect(resolveSocketUrl('ws://example.org/#', base).problem).to.contain('fragment');
  });

  it('names a host that is not a URL at all', () => {
    expect(resolveSocketUrl('ws://[::1', base).problem).to.contain('not a valid URL');
  });
});
