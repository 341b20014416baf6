// Vue: what vue-tsc checks a template's `<py-websocket :host="…" @message="…">` against.
import type {} from 'py-websocket/vue';
import type {GlobalComponents} from 'vue';

type Props = InstanceType<GlobalComponents['py-websocket']>['$props'];

export const props: Props = {
  host: '/ws/echo',
  protocols: 'chat v2',
  'reconnect-delay': 500,
  onMessage: (event) => console.log(event.data),
  onClose: (event) => console.log(event.code),
  onGiveup: (event) => console.log(event.unsent),
};
// @ts-expect-error host is a string
export const wrongHost: Props = {host: 42};
// @ts-expect-error a message event has no code
export const wrongEvent: Props = {onMessage: (event) => event.code};
