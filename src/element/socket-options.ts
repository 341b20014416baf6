import {listAttribute} from './attributes.js';
import type {PyWebSocketProperties} from './element-properties.js';
import type {SocketOptions} from '../socket/reconnecting-socket.js';
import {resolveSocketUrl} from './url.js';

/** The socket's options from the element's attributes, or a sentence saying why there can be no socket. */
export function socketOptions(element: PyWebSocketProperties, baseUrl: string): SocketOptions | string {
  if (!element.host.trim()) return 'No host is set: set the host attribute or property before connecting.';
  const resolved = resolveSocketUrl(element.host, baseUrl);
  if (resolved.problem !== undefined) return resolved.problem;
  // A framework may hand the property a string ("chat v2") instead of the attribute.
  const protocols: string[] | string = element.protocols;
  return {
    url: resolved.url,
    protocols: typeof protocols === 'string' ? listAttribute.fromAttribute(protocols) : protocols,
    binaryType: element.binaryType,
    connectTimeout: element.connectTimeout,
    heartbeat: element.heartbeat,
    heartbeatTimeout: element.heartbeatTimeout,
    heartbeatMessage: element.heartbeatMessage,
    reconnectDelay: element.reconnectDelay,
    reconnectMaxDelay: element.reconnectMaxDelay,
    maxRetries: element.maxRetries,
    minUptime: element.minUptime,
  };
}
