import {isBinary, type SocketData} from '../socket/data.js';
import {socketData} from './send-argument.js';

/** `format="json"`: what goes out as JSON text, and what comes in parsed. */

/**
 * The JSON text of `value`; binary data goes as it is. Throws the TypeError JSON.stringify
 * throws (a cycle, a BigInt), or one of its own for a value it turns into nothing (undefined, a function).
 */
export function encodeJson(value: unknown): SocketData {
  // Binary data of any realm goes as it is, checked as send() checks it.
  if (isBinary(value)) return socketData([value]);
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new TypeError(`Failed to execute 'send' on 'PyWebSocket': ${typeof value} cannot be sent as JSON.`);
  }
  return text;
}

/** The value of a JSON text, or a sentence naming why it is not JSON. */
export function decodeJson(text: string): {json: unknown; problem?: undefined} | {problem: string; error: SyntaxError} {
  try {
    return {json: JSON.parse(text)};
  } catch (error) {
    return {problem: `A message is not valid JSON: ${(error as SyntaxError).message}`, error: error as SyntaxError};
  }
}

/**
 * A message's detail under format="json": text parsed into `json`; text that is not JSON is
 * `report`ed first and then delivered as it came (`json` undefined), so nothing is lost.
 */
export function parsedMessage(data: string | Blob | ArrayBuffer, origin: string, report: (message: string, error: Error) => void) {
  if (typeof data !== 'string') return {data, origin};
  const decoded = decodeJson(data);
  if (decoded.problem !== undefined) report(decoded.problem, decoded.error);
  return {data, origin, json: decoded.problem === undefined ? decoded.json : undefined};
}
