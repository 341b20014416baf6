"""
:mod:`py_websocket.exceptions` defines the following hierarchy of exceptions: the names of
``websockets.exceptions`` that a client catches.

* :exc:`WebSocketException`
    * :exc:`ConnectionClosed`
        * :exc:`ConnectionClosedOK`
        * :exc:`ConnectionClosedError`
    * :exc:`InvalidURI`
    * :exc:`InvalidHandshake`
        * :exc:`SecurityError`
        * :exc:`InvalidMessage`
        * :exc:`InvalidStatus`
        * :exc:`InvalidStatusCode` (legacy)
        * :exc:`InvalidHeader`
    * :exc:`ProtocolError`
    * :exc:`PayloadTooBig`
    * :exc:`InvalidState`
    * :exc:`ConcurrencyError`

A browser does not say why an opening handshake failed (a refused port, an HTTP status, a
bad header): ``connect()`` raises ``OSError`` then, and the :exc:`InvalidHandshake` family,
:exc:`ProtocolError`, :exc:`PayloadTooBig` and :exc:`InvalidState` are never raised. They
exist so that the ``except`` clauses of a CPython client work unchanged.
"""

__all__ = [
    "WebSocketException",
    "ConnectionClosed",
    "ConnectionClosedOK",
    "ConnectionClosedError",
    "InvalidURI",
    "InvalidHandshake",
    "SecurityError",
    "InvalidMessage",
    "InvalidStatus",
    "InvalidStatusCode",
    "InvalidHeader",
    "ProtocolError",
    "PayloadTooBig",
    "InvalidState",
    "ConcurrencyError",
]


class WebSocketException(Exception):
    """Base class of every exception defined here."""


class ConnectionClosed(WebSocketException):
    """Raised when sending to or receiving from a closed connection. ``rcvd`` is the close
    frame received (``None`` when the connection was lost without one), ``sent`` the one
    sent, and ``rcvd_then_sent`` their order from this side (``None`` unless both exist)."""

    def __init__(self, rcvd, sent, rcvd_then_sent=None):
        self.rcvd = rcvd
        self.sent = sent
        self.rcvd_then_sent = rcvd_then_sent
        if rcvd is None:
            message = "no close frame received or sent" if sent is None else "sent %s; no close frame received" % sent
        elif sent is None:
            message = "received %s; no close frame sent" % rcvd
        elif rcvd_then_sent:
            message = "received %s; then sent %s" % (rcvd, sent)
        else:
            message = "sent %s; then received %s" % (sent, rcvd)
        # (The message is the exception's argument: MicroPython prints that, not __str__.)
        super().__init__(message)

    @property
    def code(self):
        """Deprecated in websockets: ``rcvd.code`` (1006 when no close frame was received)."""
        return self.rcvd.code if self.rcvd is not None else 1006

    @property
    def reason(self):
        """Deprecated in websockets: ``rcvd.reason``."""
        return self.rcvd.reason if self.rcvd is not None else ""


class ConnectionClosedOK(ConnectionClosed):
    """The connection ended properly: a close frame with 1000 (OK), 1001 (going away) or no
    code was received and sent."""


class ConnectionClosedError(ConnectionClosed):
    """The connection ended with another code, or was lost without a closing handshake."""


class InvalidURI(WebSocketException):
    """The URI is not one a WebSocket can open (its scheme, a fragment, …)."""

    def __init__(self, uri, msg):
        self.uri = uri
        self.msg = msg
        super().__init__("%s isn't a valid URI: %s" % (uri, msg))


class InvalidHandshake(WebSocketException):
    """The opening handshake failed (never raised in a browser, which does not say why)."""


class SecurityError(InvalidHandshake):
    """A limit of the handshake was exceeded (never raised here)."""


class InvalidMessage(InvalidHandshake):
    """The handshake's HTTP message was malformed (never raised here)."""


class InvalidStatus(InvalidHandshake):
    """The server refused the handshake with an HTTP status (never raised here)."""

    def __init__(self, response):
        self.response = response
        super().__init__("server rejected WebSocket connection: HTTP %s" % getattr(response, "status_code", response))


class InvalidStatusCode(InvalidHandshake):
    """The legacy API's :exc:`InvalidStatus`, with ``status_code`` and ``headers`` (never raised here)."""

    def __init__(self, status_code, headers=None):
        self.status_code = status_code
        self.headers = headers
        super().__init__("server rejected WebSocket connection: HTTP %s" % status_code)


class InvalidHeader(InvalidHandshake):
    """A handshake header was missing or wrong (never raised here)."""


class ProtocolError(WebSocketException):
    """The other side broke the WebSocket protocol (the browser handles that itself)."""


class PayloadTooBig(WebSocketException):
    """A message exceeded a size limit (the browser handles that itself)."""


# websockets gives these two a built-in base as well; MicroPython cannot mix two built-in
# exception bases (a TypeError), so there they have the one.
try:

    class InvalidState(WebSocketException, AssertionError):
        """The connection's state forbids the operation."""

    class ConcurrencyError(WebSocketException, RuntimeError):
        """Two coroutines receive at once."""

except TypeError:

    class InvalidState(WebSocketException):
        """The connection's state forbids the operation."""

    class ConcurrencyError(WebSocketException):
        """Two coroutines receive at once."""
