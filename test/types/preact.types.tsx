/** @jsxImportSource preact */
// Preact's JSX.
import type {} from 'py-websocket/preact';

export const feed = (
  <py-websocket host="/ws/echo" reconnect-delay={500} onmessage={(event) => console.log(event.data)} onclose={(event) => event.code} />
);
// @ts-expect-error host is a string
export const wrongHost = <py-websocket host={42} />;
// @ts-expect-error a message event has no code
export const wrongEvent = <py-websocket host="/ws/echo" onmessage={(event) => event.code} />;
