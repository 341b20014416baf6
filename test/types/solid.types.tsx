/** @jsxImportSource solid-js */
// Solid's JSX: events through `on:…`.
import type {} from 'py-websocket/solid';

export const feed = <py-websocket host="/ws/echo" max-retries="3" on:message={(event) => console.log(event.data)} />;
// @ts-expect-error host is a string
export const wrongHost = <py-websocket host={42} />;
// @ts-expect-error a message event has no code
export const wrongEvent = <py-websocket host="/ws/echo" on:message={(event) => event.code} />;
