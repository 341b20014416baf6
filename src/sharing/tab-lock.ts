/**
 * The Web Lock a shared socket is held under, and how a tab checks that a message claiming
 * to come from the holder does. Same-origin code reads every lock's name through
 * `navigator.locks.query()`, so the name is a hash of the URL and protocols: a token in
 * `?token=` does not show.
 */
export async function lockName(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  return `py-websocket ${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The lock each tab holds for as long as it takes part, named after its id: whoever holds `name` and this lock sent as `id`. */
export const identityLock = (name: string, id: string) => `${name} ${id}`;

/**
 * Whether `id` is the holder's: the client (document) that holds the socket's lock also
 * holds the identity lock of `id`. A message only carries an id; the lock manager knows
 * which document holds which lock, and no other document can hold the holder's locks.
 */
export async function isHolder(name: string, id: string): Promise<boolean> {
  const {held = []} = await navigator.locks.query();
  const holder = held.find((lock) => lock.name === name);
  return holder !== undefined && held.some((lock) => lock.name === identityLock(name, id) && lock.clientId === holder.clientId);
}
