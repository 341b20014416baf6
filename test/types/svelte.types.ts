// Svelte 5: what svelte-check checks `<py-websocket host={…} onmessage={…}>` against.
import type {} from 'py-websocket/svelte';
import type {SvelteHTMLElements} from 'svelte/elements';

type Props = SvelteHTMLElements['py-websocket'];

export const props: Props = {
  host: '/ws/echo',
  class: 'socket',
  heartbeat: 15000,
  onmessage: (event) => console.log(event.data),
  onerror: (event) => console.warn(event.message),
};
// @ts-expect-error host is a string
export const wrongHost: Props = {host: 42};
// @ts-expect-error a message event has no code
export const wrongEvent: Props = {onmessage: (event) => event.code};
