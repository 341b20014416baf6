import base from './web-test-runner.config.js';
export default {...base, groups: undefined, files: ['test/python/dbg.test.ts'], testFramework: {config: {timeout: 60000}}};
