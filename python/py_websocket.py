"""py_websocket: a WebSocket for Python in the page, on top of the <py-websocket> element.

Two APIs, and the same code runs under Brython, Pyodide and PyScript (Pyodide or
MicroPython, on the page or in a worker):

- Brython's ``browser.websocket`` (callbacks; also the shape of PyScript's ``WebSocket``)::

    import py_websocket as websocket

    ws = websocket.WebSocket("/ws/echo")      # or websocket.websocket(host)
    ws.bind("open", lambda evt: ws.send("hello"))
    ws.bind("message", lambda evt: print(evt.data))   # str for text, bytes for binary
    ws.bind("close", lambda evt: print("closed", evt.code))

- the ``websockets`` library's asyncio client (``from py_websocket import connect``)::

    async with connect("/ws/echo") as websocket:
        await websocket.send("Hello world!")
        print(await websocket.recv())

The page must load the element first (``dist/py-websocket.js`` or ``import 'py-websocket'``).
"""

__all__ = [
    "supported",
    "websocket",
    "WebSocket",
    "Event",
    "RUNTIME",
    "IN_WORKER",
    "connect",
    "ClientConnection",
    "State",
    "ConnectionClosed",
    "ConnectionClosedOK",
    "ConnectionClosedError",
    "InvalidURI",
]

#: Whether this code runs in a PyScript worker, driving an element of the page.
IN_WORKER = False

try:
    from browser import window, document as _document  # Brython

    RUNTIME = "brython"
except ImportError:
    import sys  # (not imported under Brython, where `sys` needs its separate standard library)
    import js as _own_global  # this thread's globals (a worker's own, not the page's)

    RUNTIME = "micropython" if sys.implementation.name == "micropython" else "pyodide"
    if RUNTIME == "micropython":
        from jsffi import create_proxy
    else:
        from pyodide.ffi import create_proxy, create_once_callable
    try:
        # Under PyScript, its window and document are the page's, from a worker too.
        from pyscript import RUNNING_IN_WORKER as IN_WORKER, document as _document, window
    except ImportError:
        window = _own_global
        _document = window.document

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


if RUNTIME == "micropython" or IN_WORKER:
    # MicroPython copies typed arrays byte by byte, and a worker's buffers are the page's:
    # a hex string crosses in one piece.
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
    if RUNTIME == "micropython" or IN_WORKER:
        return bytes.fromhex(str(_buffer_to_hex(buffer)))
    if RUNTIME == "pyodide":
        return buffer.to_bytes()
    return bytes(window.Uint8Array.new(buffer))


def _uint8_array(data):
    """Python bytes, bytearray or memoryview as a JS Uint8Array."""
    data = bytes(data)
    if RUNTIME == "micropython" or IN_WORKER:
        return _hex_to_array(data.hex())
    if RUNTIME == "pyodide":
        array = window.Uint8Array.new(len(data))
        array.assign(data)
        return array
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
            _later(listener.destroy)


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
    may be an ``async def`` function: it runs, and an exception in it is a page error."""

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
        if protocols:
            element.setAttribute("protocols", protocols if isinstance(protocols, str) else " ".join(protocols))
        if host:
            element.setAttribute("host", host)
        #: The <py-websocket> element behind this connection.
        self.element = element
        self._handlers = {}
        self._listeners = {}
        self._on = {}
        for name, handler in handlers.items():
            setattr(self, name, handler)
        if self._created:
            if IN_WORKER:
                # From a worker, listeners bound right after this reach the page later: insert
                # (and so connect) once they are in place, or the element's open goes unheard.
                _later(lambda: _document.body.appendChild(element))
            else:
                _document.body.appendChild(element)
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
                if _is_coroutine(result):
                    # An async handler runs as a task of its own (JS never calls it directly:
                    # MicroPython cannot have two such calls pending); its failure is a page error.
                    _start(result)
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

        _later(release)


def _ignore(event):
    pass


def websocket(host, id=None):
    """Returns a :class:`WebSocket` to ``host``; raises ``NotImplementedError`` without WebSocket."""
    return WebSocket(host, id)


# ---------------------------------------------------------------------------------------
# The asyncio API of the ``websockets`` library (``websockets.asyncio.client``), so that a
# client written for CPython runs in the page with its import changed:
#
#     from py_websocket import connect          # was: from websockets.asyncio.client import connect
#     import py_websocket as websockets         # was: import websockets (for websockets.exceptions.…)
# ---------------------------------------------------------------------------------------

if RUNTIME == "brython":
    # Brython has no asyncio; its browser.aio runs coroutines on the page's event loop, and
    # its Future (a promise) is all a connection needs to wait on.
    from browser import aio as _aio

    class _Event:
        """asyncio.Event's set / clear / is_set / wait, over browser.aio.Future."""

        def __init__(self):
            self._set = False
            self._future = None

        def is_set(self):
            return self._set

        def set(self):
            self._set = True
            if self._future is not None and not self._future.done():
                self._future.set_result(None)

        def clear(self):
            self._set = False
            self._future = None

        async def wait(self):
            if not self._set:
                if self._future is None:
                    self._future = _aio.Future()
                await self._future

    _sleep = _aio.sleep
    _spawn = _aio.run
else:
    import asyncio

    _Event = asyncio.Event
    _sleep = asyncio.sleep
    # Pyodide: ensure_future works from a JS event handler, where no loop is running.
    _spawn = asyncio.ensure_future if RUNTIME == "pyodide" else asyncio.create_task
if RUNTIME == "pyodide":
    if not hasattr(_own_global.WebAssembly, "Suspending"):
        # Pyodide's asyncio.run() blocks through WebAssembly stack switching (JSPI); where the
        # browser has none (WebKit) it raises. There, start main() and return its task at once,
        # so that a client's `asyncio.run(main())` runs in every browser. A failure of main()
        # is reported as a page error, as it would end the program in CPython.
        def _run_without_blocking(main, *, debug=None, loop_factory=None):
            task = asyncio.ensure_future(main)
            task.add_done_callback(lambda done: done.cancelled() or done.exception() is None or _report(done.exception()))
            return task

        asyncio.run = _run_without_blocking

if RUNTIME == "micropython" and not hasattr(asyncio, "run"):
    # MicroPython's asyncio in the browser runs on the page's event loop and has no run(): a
    # client's `asyncio.run(main())` starts main() and returns its task at once; a failure of
    # main() is reported as a page error, as it would end the program in CPython.
    def _run_on_the_page_loop(main):
        return asyncio.create_task(_reporting(main))

    asyncio.run = _run_on_the_page_loop

try:
    _TimeoutError = TimeoutError
except NameError:  # MicroPython has no builtin TimeoutError
    _TimeoutError = asyncio.TimeoutError


if RUNTIME == "pyodide":
    from enum import IntEnum

    class State(IntEnum):
        """The connection's state: ``websockets.protocol.State``."""

        CONNECTING, OPEN, CLOSING, CLOSED = 0, 1, 2, 3

else:  # (MicroPython and Brython without its standard library have no enum: plain ints)

    class State:
        """The connection's state, with ``websockets.protocol.State``'s names and values."""

        CONNECTING, OPEN, CLOSING, CLOSED = 0, 1, 2, 3


# readyState → State
_STATES = (State.CONNECTING, State.OPEN, State.CLOSING, State.CLOSED)

# As websockets explains close codes in its messages.
_CLOSE_CODE_EXPLANATIONS = {
    1000: "OK",
    1001: "going away",
    1002: "protocol error",
    1003: "unsupported data",
    1005: "no status received [internal]",
    1006: "abnormal closure [internal]",
    1007: "invalid frame payload data",
    1008: "policy violation",
    1009: "message too big",
    1010: "mandatory extension",
    1011: "internal error",
    1012: "service restart",
    1013: "try again later",
    1014: "bad gateway",
    1015: "TLS handshake failure [internal]",
}

# Endings after which `async for message in connection` stops quietly (websockets' OK_CLOSE_CODES).
_OK_CLOSE_CODES = (1000, 1001, 1005)


class Close:
    """A close frame: ``code`` and ``reason``."""

    def __init__(self, code, reason):
        self.code = code
        self.reason = reason

    def __str__(self):
        if 3000 <= self.code < 4000:
            explanation = "registered"
        elif 4000 <= self.code < 5000:
            explanation = "private use"
        else:
            explanation = _CLOSE_CODE_EXPLANATIONS.get(self.code, "unknown")
        return "%d (%s)%s" % (self.code, explanation, " " + self.reason if self.reason else "")

    def __repr__(self):
        return "Close(code=%d, reason=%r)" % (self.code, self.reason)


class WebSocketException(Exception):
    """Base class of this module's exceptions, as in ``websockets.exceptions``."""


class ConnectionClosed(WebSocketException):
    """Raised when sending to or receiving from a closed connection. ``rcvd`` is the close
    frame received (``None`` when the connection was lost without one), ``sent`` the one sent."""

    def __init__(self, rcvd, sent, rcvd_then_sent=None):
        self.rcvd = rcvd
        self.sent = sent
        # The order of the two close frames, from this side; None unless both exist.
        self.rcvd_then_sent = rcvd_then_sent
        if rcvd is None:
            message = "no close frame received or sent" if sent is None else "sent %s; no close frame received" % sent
        elif sent is None:
            message = "received %s; no close frame sent" % rcvd
        elif rcvd_then_sent:
            message = "received %s; then sent %s" % (rcvd, sent)
        else:
            message = "sent %s; then received %s" % (sent, rcvd)
        super().__init__(message)

    @property
    def code(self):
        return self.rcvd.code if self.rcvd is not None else 1006

    @property
    def reason(self):
        return self.rcvd.reason if self.rcvd is not None else ""


class ConnectionClosedOK(ConnectionClosed):
    """The connection closed normally: 1000 (normal closure), 1001 (going away), or 1005
    (a close frame without a code)."""


class ConnectionClosedError(ConnectionClosed):
    """The connection closed with any other code, or was lost without a close frame."""


class InvalidURI(WebSocketException):
    """The URI is not one a WebSocket can open (its scheme, a fragment, …)."""

    def __init__(self, uri, msg):
        self.uri = uri
        self.msg = msg
        super().__init__("%s isn't a valid URI: %s" % (uri, msg))


# The handshake's failures websockets tells apart. A browser does not say why a handshake
# failed (refused port, HTTP status, bad header), so they are never raised here (``OSError``
# is); they exist so that the ``except`` clauses of a CPython client work unchanged.
class InvalidHandshake(WebSocketException):
    """The opening handshake failed (never raised in a browser, which does not say why)."""


class SecurityError(InvalidHandshake):
    pass


class InvalidMessage(InvalidHandshake):
    pass


class InvalidStatus(InvalidHandshake):
    def __init__(self, response):
        self.response = response
        super().__init__("server rejected WebSocket connection: HTTP %s" % getattr(response, "status_code", response))


class InvalidHeader(InvalidHandshake):
    pass


class ProtocolError(WebSocketException):
    pass


class PayloadTooBig(WebSocketException):
    pass


# websockets gives these two a built-in base as well; MicroPython cannot mix two built-in
# exception bases (a TypeError), so there they have the one.
try:

    class InvalidState(WebSocketException, AssertionError):
        """Raised when the connection's state forbids the operation."""

    class ConcurrencyError(WebSocketException, RuntimeError):
        """Raised when two coroutines receive at once."""

except TypeError:

    class InvalidState(WebSocketException):
        """Raised when the connection's state forbids the operation."""

    class ConcurrencyError(WebSocketException):
        """Raised when two coroutines receive at once."""


class exceptions:
    """``websockets.exceptions``: with ``import py_websocket as websockets``, the names
    ``websockets.exceptions.ConnectionClosed`` and the others work as in CPython."""

    WebSocketException = WebSocketException
    ConnectionClosed = ConnectionClosed
    ConnectionClosedOK = ConnectionClosedOK
    ConnectionClosedError = ConnectionClosedError
    InvalidURI = InvalidURI
    InvalidHandshake = InvalidHandshake
    SecurityError = SecurityError
    InvalidMessage = InvalidMessage
    InvalidStatus = InvalidStatus
    InvalidHeader = InvalidHeader
    ProtocolError = ProtocolError
    PayloadTooBig = PayloadTooBig
    InvalidState = InvalidState
    ConcurrencyError = ConcurrencyError


#: ``send()`` returns once the socket holds no more than this many bytes not yet sent.
HIGH_WATER = 64 * 1024

def _report(error):
    """Makes an exception of a task nobody awaits a page error, as an uncaught one would be."""
    window.reportError(window.Error.new("%s: %s" % (type(error).__name__, error)))


async def _reporting(coroutine):
    try:
        await coroutine
    except Exception as error:  # noqa: BLE001 - reported, not lost
        _report(error)


#: Tasks of async handlers still running: asyncio keeps only weak references to its tasks.
_running = set()


def _start(coroutine):
    """Runs ``coroutine`` as a task of its own; its failure is a page error."""
    task = None

    async def run():
        try:
            await _reporting(coroutine)
        finally:
            _running.discard(task)

    task = _spawn(run())
    if task is not None:  # (Brython's aio.run gives none, and keeps its promise alive itself)
        _running.add(task)


def _is_coroutine(value):
    # Pyodide has coroutine objects; MicroPython's are generators.
    return type(value).__name__ in ("coroutine", "generator")


_BYTES_LIKE = (bytes, bytearray, memoryview)


async def _fragments(message):
    """The fragments of a message given as an iterable or an async iterable, in a list."""
    if hasattr(message, "__aiter__"):
        fragments = []
        async for fragment in message:
            fragments.append(fragment)
        return fragments
    try:
        iterator = iter(message)
    except TypeError:
        raise TypeError("data must be str, bytes, iterable, or async iterable") from None
    return list(iterator)


def _joined(fragments):
    """One message of the fragments: all str, or all bytes-like, as websockets demands."""
    if isinstance(fragments[0], str):
        kind = str
    elif isinstance(fragments[0], _BYTES_LIKE):
        kind = _BYTES_LIKE
    else:
        raise TypeError("iterable must contain bytes or str")
    if not all(isinstance(fragment, kind) for fragment in fragments):
        raise TypeError("iterable must contain uniform types")
    return "".join(fragments) if kind is str else b"".join([bytes(fragment) for fragment in fragments])


class ClientConnection:
    """An open connection, as ``websockets.asyncio.client.ClientConnection``: ``send``,
    ``recv``, ``async for message in connection``, ``close``, and what is known of the end."""

    def __init__(self, element):
        self._element = element
        self._messages = []
        # Set whenever a message arrives or the connection ends: `recv()` waits on it.
        self._arrived = _Event()
        # Set once the opening handshake is over, either way.
        self._settled = _Event()
        self._ended = _Event()
        self._failure = None
        self._error = None
        self._end = None
        self._sent = None
        self._receiving = False
        self._listeners = [
            (event_type, _listen(element, event_type, handler))
            for event_type, handler in (
                ("open", self._on_open),
                ("message", self._on_message),
                ("error", self._on_error),
                ("close", self._on_close),
            )
        ]

    # What the element says. These run as JS event listeners: they only note and wake.

    def _on_open(self, js_event):
        self._settled.set()

    def _on_message(self, js_event):
        self._messages.append(_from_js(js_event.data))
        self._arrived.set()

    def _on_error(self, js_event):
        self._error = str(js_event.message)
        if int(self._element.readyState) == CLOSED and not self._settled.is_set():
            # Nothing was even tried: the URI is not usable (the element has no URL for it).
            uri = str(self._element.host)
            self._failure = InvalidURI(uri, self._error) if not str(self._element.url) else OSError(self._error)
            self._finish()

    def _on_close(self, js_event):
        code, reason = int(js_event.code), str(js_event.reason)
        if not self._settled.is_set():
            if reason.startswith("connect timeout"):
                self._failure = _TimeoutError("timed out during opening handshake")
            else:
                self._failure = OSError(self._error or "Could not connect to %s" % self._element.url)
        # No close frame (1006): nothing was received.
        rcvd = Close(code, reason) if code != 1006 else None
        if self._sent is not None:
            sent, rcvd_then_sent = self._sent, (False if rcvd is not None else None)
        else:
            # The browser answers a close frame with the same code.
            sent, rcvd_then_sent = rcvd, (True if rcvd is not None else None)
        kind = ConnectionClosedOK if code in _OK_CLOSE_CODES else ConnectionClosedError
        self._end = kind(rcvd, sent, rcvd_then_sent)
        self._finish()

    def _finish(self):
        self._settled.set()
        self._arrived.set()
        self._ended.set()
        # Listeners (and their proxies) go on a later turn: one of them is running now.
        _later(self._release)

    def _release(self):
        for event_type, listener in self._listeners:
            _stop_listening(self._element, event_type, listener)
        self._listeners = []
        self._element.remove()

    # The API.

    @property
    def state(self):
        return State.CLOSED if self._ended.is_set() else _STATES[int(self._element.readyState)]

    @property
    def subprotocol(self):
        return str(self._element.protocol) or None

    @property
    def close_code(self):
        """The close code received (1006 when the connection was lost); ``None`` while open."""
        return None if self._end is None else self._end.code

    @property
    def close_reason(self):
        return None if self._end is None else self._end.reason

    async def recv(self, decode=None):
        """The next message: ``str`` for text, ``bytes`` for binary. Raises
        ``ConnectionClosed`` once the connection has ended and every message was read.
        A ``recv()`` that is cancelled takes no message away. Two at once: ``ConcurrencyError``."""
        if self._receiving:
            raise ConcurrencyError("cannot call recv while another coroutine is already running recv")
        self._receiving = True
        try:
            while not self._messages:
                if self._end is not None:
                    raise self._end
                self._arrived.clear()
                await self._arrived.wait()
        finally:
            self._receiving = False
        message = self._messages.pop(0)
        if decode is False and isinstance(message, str):
            return message.encode()
        if decode is True and not isinstance(message, str):
            return bytes(message).decode()
        return message

    async def send(self, message):
        """Sends ``str`` as text, ``bytes``-like data as binary (an iterable of them as one
        message), then waits until the socket holds no more than ``HIGH_WATER`` bytes.
        Raises ``ConnectionClosed`` once the connection is closing or closed."""
        if self._sent is not None and self._end is None:
            await self._ended.wait()
        if self._end is not None:
            raise self._end
        if isinstance(message, str):
            self._element.send(message)
        elif isinstance(message, _BYTES_LIKE):
            self._element.send(_uint8_array(message))
        elif isinstance(message, dict):
            raise TypeError("data is a dict-like object")
        else:
            # Fragments: a browser sends whole messages only, so they go joined, as one.
            fragments = await _fragments(message)
            if fragments:
                return await self.send(_joined(fragments))
            return
        # Back-pressure: the browser buffers what the network has not taken yet.
        while int(self._element.bufferedAmount) > HIGH_WATER and self._end is None:
            await _sleep(0.005)

    async def close(self, code=1000, reason=""):
        """Closes the connection (with ``code`` and ``reason``) and waits until it has ended.
        A browser may close with 1000 or 3000–4999 and a reason of at most 123 UTF-8 bytes:
        anything else is a ``ValueError`` (checked here: MicroPython cannot catch the
        element's own exception). On a connection already closing or closed it only waits."""
        if self._end is not None or self._sent is not None:
            await self._ended.wait()
            return
        if code != 1000 and not 3000 <= code <= 4999:
            raise ValueError("a browser closes with 1000 or 3000-4999, not %d" % code)
        if len(reason.encode()) > 123:
            raise ValueError("the close reason is over 123 UTF-8 bytes")
        self._close_now(code, reason)
        await self._ended.wait()

    def _close_now(self, code=1000, reason=""):
        if self._end is None and self._sent is None:
            self._sent = Close(code, reason)
            self._element.close(code, reason)

    async def wait_closed(self):
        await self._ended.wait()

    def __aiter__(self):
        return self

    async def __anext__(self):
        try:
            return await self.recv()
        except ConnectionClosedOK:
            raise StopAsyncIteration

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_info):
        await self.close()


class connect:
    """Opens a connection, as ``websockets.asyncio.client.connect``:

    - ``connection = await connect(uri)``;
    - ``async with connect(uri) as connection:`` closes it (1000) on leaving, also on an
      exception or a cancellation;
    - ``async for connection in connect(uri):`` connects again and again, waiting with
      full-jitter backoff after each failed attempt.

    A connection opened this way never reconnects by itself: when it ends, it is over.
    Raises ``InvalidURI`` for a URI the element cannot use, ``OSError`` when the connection
    fails, and ``TimeoutError`` when the opening handshake takes over ``open_timeout`` seconds.
    Other keyword arguments of ``websockets`` are accepted and have no effect here."""

    def __init__(self, uri, subprotocols=None, open_timeout=10, **kwargs):
        _check_uri(uri)
        self.uri = uri
        # (One name given as a str is taken as one name, not as its letters.)
        self.subprotocols = [subprotocols] if isinstance(subprotocols, str) else subprotocols
        self.open_timeout = open_timeout
        self._connection = None
        self._attempts = 0
        self._iterating = False

    if RUNTIME == "micropython":

        def __iter__(self):  # MicroPython's `await x` runs what x.__iter__() gives
            return self._open()

    elif RUNTIME == "brython":

        def __await__(self):  # Brython awaits what __await__ gives: here a JS promise
            opening = self._open()

            def executor(resolve, reject):
                async def settle():
                    try:
                        resolve(await opening)
                    except BaseException as error:
                        reject(error)

                _aio.run(settle())

            promise = window.Promise.new(executor)
            promise.__next__ = None  # all Brython asks of an awaitable
            return promise

    else:

        def __await__(self):
            return self._open().__await__()

    async def __aenter__(self):
        self._connection = await self._open()
        return self._connection

    async def __aexit__(self, *exc_info):
        await self._connection.close()

    def __aiter__(self):
        self._iterating = True
        return self

    if RUNTIME == "pyodide":

        def __del__(self):
            # Left the `async for ws in connect(...)` loop (break, return, an exception): its
            # last connection closes, as websockets' does. (Only where objects are freed at
            # once: MicroPython and Brython free them some time later, or never.)
            if self._iterating and self._connection is not None:
                self._connection._close_now()

    async def __anext__(self):
        # The connection of the previous turn is closed before the next one opens.
        if self._connection is not None:
            await self._connection.close()
            self._connection = None
        while True:
            try:
                self._connection = await self._open()
            except (OSError, _TimeoutError):
                self._attempts += 1
                # Full jitter, as the element's own reconnecting: uniform in [0, min(30, 2^(n-1))] s.
                await _sleep(window.Math.random() * min(30, 2 ** (self._attempts - 1)))
                continue
            self._attempts = 0
            return self._connection

    async def _open(self):
        if not supported:
            raise NotImplementedError("WebSocket is not supported in this browser")
        if not _element_defined():
            raise RuntimeError("<py-websocket> is not defined: load py-websocket.js before using py_websocket")
        element = _document.createElement("py-websocket")
        element.setAttribute("binary-type", "arraybuffer")
        # A connection of the websockets API ends for good when it ends.
        element.setAttribute("max-retries", "0")
        element.setAttribute("connect-timeout", str(int((self.open_timeout or 0) * 1000)))
        if self.subprotocols:
            element.setAttribute("protocols", " ".join(self.subprotocols))
        element.setAttribute("host", self.uri)
        connection = ClientConnection(element)
        _document.body.appendChild(element)
        try:
            await connection._settled.wait()
        except BaseException:
            # Cancelled while opening: nothing is left behind.
            element.close()
            connection._finish()
            raise
        if connection._failure is not None:
            raise connection._failure
        return connection


def _check_uri(uri):
    """Raises ``InvalidURI`` at once for what the element would refuse at first sight: another
    scheme than ws, wss, http or https, or a fragment. (The element has the last word.)"""
    if not isinstance(uri, str):
        raise InvalidURI(str(uri), "not a string")
    if "#" in uri:
        raise InvalidURI(uri, "a WebSocket URI has no fragment")
    colon = uri.find(":")
    scheme = uri[:colon].lower() if colon > 0 else ""
    if scheme and scheme[0].isalpha() and all(c.isalpha() or c.isdigit() or c in "+-." for c in scheme):
        if scheme not in ("ws", "wss", "http", "https"):
            raise InvalidURI(uri, "scheme isn't ws or wss")


def _later(function):
    """Runs ``function()`` on a later turn of this thread's event loop."""
    if RUNTIME == "pyodide":
        _own_global.setTimeout(create_once_callable(function), 0)
    elif RUNTIME == "micropython":
        _own_global.setTimeout(create_proxy(function), 0)
    else:
        window.setTimeout(function, 0)
