"""py_websocket: Brython's ``browser.websocket`` API on top of the <py-websocket> element.

The same code runs under Brython, Pyodide and PyScript (Pyodide or MicroPython)::

    import py_websocket as websocket

    ws = websocket.WebSocket("/ws/echo")      # or websocket.websocket(host)
    ws.bind("open", lambda evt: ws.send("hello"))
    ws.bind("message", lambda evt: print(evt.data))   # str for text, bytes for binary
    ws.bind("close", lambda evt: print("closed", evt.code))
    ws.close()

The page must load the element first (``dist/py-websocket.js`` or ``import 'py-websocket'``).
"""

__all__ = ["supported", "websocket", "WebSocket", "Event", "RUNTIME"]

try:
    from browser import window, document as _document  # Brython

    RUNTIME = "brython"
except ImportError:
    import sys  # (not imported under Brython, where `sys` needs its separate standard library)
    import js as window

    _document = window.document
    if sys.implementation.name == "micropython":
        RUNTIME = "micropython"
        from jsffi import create_proxy
    else:
        RUNTIME = "pyodide"
        from pyodide.ffi import create_proxy, create_once_callable

# Small JS helpers, made here so that every runtime reads their answers the same way.
_element_defined = window.Function.new("return Boolean(customElements.get('py-websocket'))")
_is_array_buffer = window.Function.new("value", "return value instanceof ArrayBuffer")

#: Whether this browser has WebSocket, read once when the module loads.
supported = bool(window.Function.new("return typeof WebSocket === 'function'")())

if RUNTIME == "brython":
    # Brython's own browser.websocket page checks this flag, which Brython 3.14 no longer has.
    window.__BRYTHON__.has_websocket = supported

CONNECTING, OPEN, CLOSING, CLOSED = 0, 1, 2, 3

# The fields each event type carries besides `type` and `data` (see the element's README).
_EVENT_FIELDS = {
    "message": ("origin",),
    "error": ("message",),
    "close": ("code", "reason", "wasClean"),
    "reconnecting": ("attempt", "delay", "code", "reason"),
    "giveup": ("attempts",),
}


if RUNTIME == "micropython":
    # MicroPython copies typed arrays byte by byte; a hex string crosses in one piece.
    _buffer_to_hex = window.Function.new(
        "buffer", "return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')"
    )
    _hex_to_array = window.Function.new(
        "hex",
        "const array = new Uint8Array(hex.length / 2);"
        "for (let i = 0; i < array.length; i++) array[i] = parseInt(hex.substr(2 * i, 2), 16);"
        "return array;",
    )


def _bytes_from(buffer):
    """A JS ArrayBuffer as Python bytes."""
    if RUNTIME == "pyodide":
        return buffer.to_bytes()
    if RUNTIME == "micropython":
        return bytes.fromhex(_buffer_to_hex(buffer))
    return bytes(window.Uint8Array.new(buffer))


def _uint8_array(data):
    """Python bytes, bytearray or memoryview as a JS Uint8Array."""
    data = bytes(data)
    if RUNTIME == "pyodide":
        array = window.Uint8Array.new(len(data))
        array.assign(data)
        return array
    if RUNTIME == "micropython":
        return _hex_to_array(data.hex())
    return window.Uint8Array.new(list(data))


def _from_js(value):
    """What a handler sees: str for text, bytes for binary, anything else as it is."""
    if isinstance(value, str):
        return value
    if _is_array_buffer(value):
        return _bytes_from(value)
    return value


class Event:
    """An event handed to a bound function: ``type``, ``data`` (str or bytes) and the
    fields of its kind (``code``, ``reason``, ``wasClean`` for close; ``message`` for
    error; …). The element's own event is ``js_event``."""

    def __init__(self, js_event):
        self.js_event = js_event
        self.type = str(js_event.type)
        self.data = None
        if self.type == "message":
            self.data = _from_js(js_event.data)
        for name in _EVENT_FIELDS.get(self.type, ()):
            setattr(self, name, getattr(js_event, name))
        if self.type == "giveup":
            unsent = js_event.unsent
            self.unsent = [_from_js(unsent[i]) for i in range(unsent.length)]

    def __repr__(self):
        return "<py_websocket.Event %s>" % self.type


if RUNTIME == "brython":

    def _listen(element, event_type, function):
        element.bind(event_type, function)
        return function

    def _stop_listening(element, event_type, listener):
        element.unbind(event_type, listener)

else:

    def _listen(element, event_type, function):
        # One proxy per bound event type: it lives exactly as long as the binding.
        listener = create_proxy(function)
        element.addEventListener(event_type, listener)
        return listener

    def _stop_listening(element, event_type, listener):
        element.removeEventListener(event_type, listener)
        # The listener may be the one running right now: destroy it on a later turn.
        if RUNTIME == "pyodide":
            window.setTimeout(create_once_callable(listener.destroy), 0)


class WebSocket:
    """A connection through a <py-websocket> element, created here or adopted by ``id``."""

    CONNECTING, OPEN, CLOSING, CLOSED = CONNECTING, OPEN, CLOSING, CLOSED

    def __init__(self, host, id=None):
        if not supported:
            raise NotImplementedError("WebSocket is not supported in this browser")
        if not _element_defined():
            raise RuntimeError("<py-websocket> is not defined: load py-websocket.js before using py_websocket")
        element = _document.getElementById(id) if id else None
        self._created = element is None
        if self._created:
            element = _document.createElement("py-websocket")
            if id:
                element.id = id
        # Binary arrives as ArrayBuffer, so that handlers can be given bytes at once.
        element.setAttribute("binary-type", "arraybuffer")
        if host:
            element.setAttribute("host", host)
        #: The <py-websocket> element behind this connection.
        self.element = element
        self._handlers = {}
        self._listeners = {}
        if self._created:
            _document.body.appendChild(element)
        elif element.manual:
            element.connect()

    @property
    def readyState(self):
        return int(self.element.readyState)

    @property
    def url(self):
        return str(self.element.url)

    def bind(self, event_type, function):
        """Calls ``function(event)`` for every ``event_type`` event ("open", "message", "error", "close", …)."""
        handlers = self._handlers.setdefault(event_type, [])
        handlers.append(function)
        if event_type not in self._listeners:
            self._listeners[event_type] = _listen(self.element, event_type, self._dispatcher(event_type))
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
                _stop_listening(self.element, event_type, listener)
        return self

    def send(self, data):
        """Sends ``str`` as text, ``bytes``, ``bytearray`` or ``memoryview`` as binary."""
        if isinstance(data, str):
            self.element.send(data)
        elif isinstance(data, (bytes, bytearray, memoryview)):
            self.element.send(_uint8_array(data))
        else:
            raise TypeError("send() takes str, bytes, bytearray or memoryview, not %s" % type(data).__name__)

    def close(self, code=1000, reason=""):
        """Closes the connection; it does not reconnect. Handlers still hear the close event."""
        self.element.close(code, reason)
        if self.readyState == CLOSED:
            self._release_later()
        elif "close" not in self._listeners:
            # Listen for the close event, after which everything is released.
            self.bind("close", _ignore)

    def _dispatcher(self, event_type):
        def dispatch(js_event):
            event = Event(js_event)
            for function in list(self._handlers.get(event_type, ())):
                function(event)
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

        if RUNTIME == "pyodide":
            window.setTimeout(create_once_callable(release), 0)
        elif RUNTIME == "micropython":
            window.setTimeout(create_proxy(release), 0)
        else:
            window.setTimeout(release, 0)


def _ignore(event):
    pass


def websocket(host, id=None):
    """Returns a :class:`WebSocket` to ``host``; raises ``NotImplementedError`` without WebSocket."""
    return WebSocket(host, id)
