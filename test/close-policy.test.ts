import './setup/page-errors.js';
import {expect} from '@open-wc/testing';
import {isRetriedClose} from '../src/socket/close-policy.js';

describe('isRetriedClose', () => {
  it('retries the ends that a server restart, a broken network or a passing fault cause', () => {
    for (const code of [1001, 1005, 1006, 1011, 1012, 1013, 1014]) expect(isRetriedClose(code), String(code)).to.equal(true);
  });

  it('treats every other code as final, the application’s 4000–4999 included', () => {
    for (const code of [1000, 1002, 1003, 1004, 1007, 1008, 1009, 1010, 1015, 3000, 3999, 4000, 4500, 4999]) {
      expect(isRetriedClose(code), String(code)).to.equal(false);
    }
  });
});
