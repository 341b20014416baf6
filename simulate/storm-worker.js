/**
 * Runs storms for simulate/run.js on a thread of its own, one at a time: it is sent
 * {row, k, users, tabs, seed, outageMs, horizonMs} and answers the storm's result.
 * Storms are independent, so two cores run the tables in about half the time.
 */
import {parentPort} from 'node:worker_threads';
import {stormRows} from './rows.js';
import {retryHintReason} from './server.js';
import {simulateStorm} from './storm.js';

parentPort.on('message', ({job, row: index, k, users, tabs, seed, outageMs, horizonMs}) => {
  const row = stormRows(tabs)[index];
  const sockets = users * row.socketsPerUser;
  const result = simulateStorm({
    policy: row.policy,
    users,
    socketsPerUser: row.socketsPerUser,
    seed,
    handshakesPerSecond: k,
    outageMs,
    horizonMs,
    closeReason: row.hint ? retryHintReason({outageMs, handshakesPerSecond: k, sockets}) : '',
  });
  parentPort.postMessage({job, result});
});
