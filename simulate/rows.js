/**
 * The rows of the storm tables: each a client library's policy in a setup. Both the main
 * thread (for the tables) and the storm workers (to run them) make them from here.
 */
import {pyWebSocketCore as pyWebSocket} from './core-clients.js';
import {partysocket, reconnectingWebSocket} from './policies.js';

export function stormRows(tabs) {
  return [
    {setup: '1 tab', policy: pyWebSocket(), socketsPerUser: 1},
    {setup: '1 tab', policy: reconnectingWebSocket(), socketsPerUser: 1},
    {setup: '1 tab', policy: partysocket(), socketsPerUser: 1},
    {setup: `${tabs} tabs, a socket per tab`, policy: pyWebSocket(), socketsPerUser: tabs},
    {setup: `${tabs} tabs, a socket per tab`, policy: reconnectingWebSocket(), socketsPerUser: tabs},
    {setup: `${tabs} tabs, a socket per tab`, policy: partysocket(), socketsPerUser: tabs},
    // share="tabs": one tab holds the user's only socket and the others use it,
    // so the server sees one socket per user, reconnecting as a single tab would.
    {setup: `${tabs} tabs, share="tabs"`, policy: pyWebSocket(), socketsPerUser: 1},
    // A server that says in its 1012 close when to come back (retry-after, worked out from
    // its capacity and its client count); the other libraries read no hint, so only the element's rows.
    {setup: '1 tab, hint', policy: pyWebSocket(), socketsPerUser: 1, hint: true},
    {setup: `${tabs} tabs, a socket per tab, hint`, policy: pyWebSocket(), socketsPerUser: tabs, hint: true},
    {setup: `${tabs} tabs, share="tabs", hint`, policy: pyWebSocket(), socketsPerUser: 1, hint: true},
  ];
}
