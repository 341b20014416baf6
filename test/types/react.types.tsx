// React 19 JSX: the element's props and lowercase event props are typed.
import type {} from 'py-websocket/react';
import type {PyWebSocketCloseEvent, PyWebSocketElement} from 'py-websocket';
import {useRef} from 'react';

export function Feed({url}: {url: string}) {
  const ref = useRef<PyWebSocketElement>(null);
  return (
    <>
      <py-websocket
        ref={ref}
        id="feed"
        className="socket"
        host={url}
        protocols={['chat', 'v2']}
        binary-type="arraybuffer"
        reconnect-delay="500"
        maxRetries={5}
        manual
        onopen={(event) => event.type}
        onmessage={(event) => console.log(event.data, event.origin)}
        onclose={(event) => console.log(event.code, event.wasClean)}
        onerror={(event) => console.warn(event.message)}
        ongiveup={(event) => event.unsent}
        onreconnecting={(event) => event.attempt}
      />
      {/* @ts-expect-error React would listen for an event named "Message": refused */}
      <py-websocket host={url} onMessage={() => {}} />
      {/* @ts-expect-error host is a string */}
      <py-websocket host={42} />
      {/* @ts-expect-error a message handler does not take a close event */}
      <py-websocket host={url} onmessage={(event: PyWebSocketCloseEvent) => event.code} />
      {/* @ts-expect-error binary-type is "blob" or "arraybuffer" */}
      <py-websocket host={url} binary-type="text" />
      {/* @ts-expect-error no such attribute */}
      <py-websocket host={url} hots="/typo" />
    </>
  );
}
