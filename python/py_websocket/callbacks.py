"""The callback API: Brython's ``browser.websocket`` (and the shape of PyScript's ``WebSocket``)::

    import py_websocket as websocket

    ws = websocket.WebSocket("/ws/echo")      # or websocket.websocket(host)
    ws.bind("open", lambda evt: ws.send("hello"))
    ws.bind("message", lambda evt: print(evt.data))   # str for text, bytes for binary
    ws.bind("close", lambda evt: print("closed", evt.code))
"""

from .element import check_usable, configure, insert, new_element
from .protocol import CLOSED, CLOSING, CONNECTING, OPEN
from .runtime import (
    document,
    from_js,
    is_coroutine,
    later,
    listen,
    promise_of,
    report,
    start,
    stop_listening,
    uint8_array,
    window,
)

__all__ = ["WebSocket", "websocket", "Event", "CONNECTING", "OPEN", "CLOSING", "CLOSED"]

# The fields each event type carries besides `type` and `data` (see docs/api.md, Events).
_EVENT_FIELDS = {
    "message": ("origin",),
    "error": ("message",),
    "close": ("code", "reason", "wasClean"),
    "reconnecting": ("attempt", "delay", "code", "reason"),
    "giveup": ("attempts",),
    "connecting": ("attempt", "url"),
}

# Whether an event can hold its default action (an attempt) for a promise: `connecting` can.
_can_wait = window.Function.new("evt", "return typeof evt.waitUntil === 'function'")


class Event:
    """An event handed to a bound function: ``type``, ``data`` (str or bytes) and the
    fields of its kind (``code``, ``reason``, ``wasClean`` for close; ``message`` for
    error; …). The element's own event is ``js_event``."""

    def __init__(self, js_event):
        self.js_event = js_event
        self.type = str(js_event.type)
        self.data = None
        if self.type == "message":
            self.data = from_js(js_event.data)
        for name in _EVENT_FIELDS.get(self.type, ()):
            setattr(self, name, getattr(js_event, name))
        if self.type == "giveup":
            unsent = js_event.unsent
            self.unsent = [from_js(unsent[i]) for i in range(unsent.length)]

    def waitUntil(self, awaitable):
        """On a ``connecting`` event, during its handler: the attempt waits until ``awaitable``
        (a coroutine, or a JS promise) is done, and fails if it fails."""
        self.js_event.waitUntil(promise_of(awaitable) if is_coroutine(awaitable) else awaitable)

    def __repr__(self):
        return "<py_websocket.Event %s>" % self.type


def _handler_property(event_type):
    """``ws.onmessage = f``, as on PyScript's WebSocket: one function, replacing the last."""

    def get(self):
        return self._on.get(event_type)

    def set(self, function):
        previous = self._on.pop(event_type, None)
        if previous is not None:
            self.unbind(event_type, previous)
        if function is not None:
            self._on[event_type] = function
            self.bind(event_type, function)

    return property(get, set)


class WebSocket:
    """A connection through a <py-websocket> element, created here or adopted by ``id``.

    Also takes the shape of PyScript's ``WebSocket``: ``WebSocket(url=…, protocols=…,
    onopen=…, onmessage=…, onerror=…, onclose=…)``, and ``ws.onmessage = f``. A handler
    may be an ``async def`` function: it runs, and an exception in it is a page error;
    bound to ``connecting``, it is awaited before the attempt (``evt.waitUntil``), so it can
    set ``ws.element.host`` with a fresh token, and an exception in it fails that attempt."""

    CONNECTING, OPEN, CLOSING, CLOSED = CONNECTING, OPEN, CLOSING, CLOSED

    onopen = _handler_property("open")
    onmessage = _handler_property("message")
    onerror = _handler_property("error")
    onclose = _handler_property("close")

    def __init__(self, url=None, id=None, protocols=None, host=None, **handlers):
        host = url if url is not None else host
        unknown = [name for name in handlers if name not in ("onopen", "onmessage", "onerror", "onclose")]
        if unknown:
            raise TypeError("WebSocket() got an unexpected keyword argument %r" % unknown[0])
        check_usable()
        element = document.getElementById(id) if id else None
        self._created = element is None
        if self._created:
            element = new_element(host, protocols, id=id)
        else:
            configure(element, host, protocols)
        #: The <py-websocket> element behind this connection.
        self.element = element
        self._handlers = {}
        self._listeners = {}
        self._on = {}
        for name, handler in handlers.items():
            setattr(self, name, handler)
        if self._created:
            insert(element)
        elif element.manual:
            element.connect()

    @property
    def readyState(self):
        return int(self.element.readyState)

    @property
    def url(self):
        return str(self.element.url)

    @property
    def protocol(self):
        return str(self.element.protocol)

    @property
    def extensions(self):
        return str(self.element.extensions)

    @property
    def bufferedAmount(self):
        return int(self.element.bufferedAmount)

    def bind(self, event_type, function):
        """Calls ``function(event)`` for every ``event_type`` event ("open", "message", "error", "close", …)."""
        handlers = self._handlers.setdefault(event_type, [])
        handlers.append(function)
        if event_type not in self._listeners:
            self._listeners[event_type] = listen(self.element, event_type, self._dispatcher(event_type))
        return self

    def unbind(self, event_type, function=None):
        """Stops calling ``function`` (or every function bound) for ``event_type``."""
        handlers = self._handlers.get(event_type, [])
        if function is None:
            handlers.clear()
        elif function in handlers:
            handlers.remove(function)
        if not handlers:
            self._handlers.pop(event_type, None)
            listener = self._listeners.pop(event_type, None)
            if listener is not None:
                stop_listening(self.element, event_type, listener)
        return self

    def send(self, data):
        """Sends ``str`` as text, ``bytes``, ``bytearray`` or ``memoryview`` as binary."""
        if isinstance(data, str):
            self.element.send(data)
        elif isinstance(data, (bytes, bytearray, memoryview)):
            self.element.send(uint8_array(data))
        else:
            raise TypeError("send() takes str, bytes, bytearray or memoryview, not %s" % type(data).__name__)

    def close(self, code=1000, reason=""):
        """Closes the connection; it does not reconnect. Handlers still hear the close event."""
        already_closed = self.readyState == CLOSED
        if not already_closed and "close" not in self._listeners:
            # Listen for the close event, after which everything is released. (Bound first: from
            # a worker, the close may be over on the page before close() below returns here.)
            self.bind("close", _ignore)
        self.element.close(1000 if code is None else code, reason or "")
        if already_closed:
            # No close event will come.
            self._release_later()

    def _dispatcher(self, event_type):
        def dispatch(js_event):
            event = Event(js_event)
            for function in list(self._handlers.get(event_type, ())):
                result = function(event)
                if not is_coroutine(result):
                    continue
                if _can_wait(js_event):
                    # `connecting`: the attempt waits for the handler (say, for a fresh token), and
                    # its failure is a failed attempt (an error event), as with a JS promise.
                    _wait_for(js_event, result)
                else:
                    # An async handler runs as a task of its own (JS never calls it directly:
                    # MicroPython cannot have two such calls pending); its failure is a page error.
                    start(result)
            if event_type in ("close", "giveup") and self.readyState == CLOSED:
                self._release_later()

        return dispatch

    def _release_later(self):
        """Once the connection is over for good, unbinds everything (freeing proxies) and
        removes an element this module created, after the events of this turn have run."""

        def release(*_):
            if self.readyState != CLOSED:
                return
            for event_type in list(self._handlers):
                self.unbind(event_type)
            if self._created:
                self.element.remove()

        later(release)


def _ignore(event):
    pass


def _wait_for(js_event, coroutine):
    promise = promise_of(coroutine)
    try:
        js_event.waitUntil(promise)
    except Exception as error:  # noqa: BLE001 - reported, not lost
        # Too late to hold the attempt (from a PyScript worker the event reaches Python after its
        # dispatch is over): the handler still runs, and both failures are page errors.
        report(error)
        promise.then(None, window.reportError)


def websocket(host, id=None):
    """Returns a :class:`WebSocket` to ``host``; raises ``NotImplementedError`` without WebSocket."""
    return WebSocket(host, id)
