import '../setup/page-errors.js';
import {describeScenarioPages} from './python-page.js';

describeScenarioPages('py_websocket under Brython', 'brython', {
  seed: 'seed',
  withoutModule: 'document[id].bind(...)',
});
