"""One connection's life, as ``websockets.asyncio.connection.Connection``: ``send``, ``recv``,
``async for message in connection``, ``close``, and what is known of its end.

Its state is derived the way ``websockets`` derives it: ``state`` plus the close frames
received and sent. The <py-websocket> element does the I/O; whoever listens to it (see
``opener``) tells the connection that it opened, that a message arrived, that it ended.
"""

from ..element import send_if_open
from ..exceptions import ConcurrencyError, ConnectionClosedError, ConnectionClosedOK
from ..frames import OK_CLOSE_CODES, Close
from ..protocol import CLOSED, CLOSING, CONNECTING, OPEN
from ..runtime import Event, sleep, uint8_array

__all__ = ["Connection", "HIGH_WATER"]

#: ``send()`` returns once the socket holds no more than this many bytes not yet sent.
HIGH_WATER = 64 * 1024

_BYTES_LIKE = (bytes, bytearray, memoryview)
_SENDABLE = (str, bytes, bytearray, memoryview)


class Connection:
    """A WebSocket connection through a <py-websocket> element."""

    #: As in websockets, 0 until a ping measures it; a page cannot send pings, so it stays 0.
    latency = 0

    def __init__(self, element):
        self.element = element
        self._state = CONNECTING
        #: The close frame received (``None`` until then, and when the connection was lost).
        self.close_rcvd = None
        #: The close frame sent (the browser answers one received with the same code).
        self.close_sent = None
        #: Whether the close frame was received before one was sent; ``None`` unless both were.
        self.close_rcvd_then_sent = None
        self.subprotocol = None
        self._messages = []
        # Set whenever a message arrives or the connection ends: recv() waits on it.
        self._changed = Event()
        self._closed = Event()
        self._receiving = False

    # What the element says. These run as JS event listeners: they only note and wake.

    def opened(self):
        self._state = OPEN
        # (Read now: the element's next socket has its own.)
        self.subprotocol = str(self.element.protocol) or None

    def message_received(self, message):
        self._messages.append(message)
        self._changed.set()

    def connection_lost(self, code, reason):
        """The socket closed: with a close frame of ``code`` and ``reason``, or without one (1006)."""
        if code != 1006:
            self.close_rcvd = Close(code, reason)
            if self.close_sent is None:
                # The browser answers a close frame with the same code.
                self.close_sent = self.close_rcvd
                self.close_rcvd_then_sent = True
            else:
                self.close_rcvd_then_sent = False
        self._state = CLOSED
        self._changed.set()
        self._closed.set()

    # What is known of it.

    @property
    def state(self):
        """``State.OPEN`` until a close frame is sent or received, then ``CLOSING``, then ``CLOSED``."""
        if self._state == OPEN and int(self.element.readyState) != OPEN:
            return CLOSING  # the other side's close frame arrived
        return self._state

    @property
    def close_code(self):
        """The close code received (1006 when the connection was lost); ``None`` until closed."""
        if self._state != CLOSED:
            return None
        return 1006 if self.close_rcvd is None else self.close_rcvd.code

    @property
    def close_reason(self):
        if self._state != CLOSED:
            return None
        return "" if self.close_rcvd is None else self.close_rcvd.reason

    def _close_exc(self):
        """The exception that tells how the connection ended (only once it has)."""
        rcvd, sent = self.close_rcvd, self.close_sent
        normal = rcvd is not None and sent is not None and rcvd.code in OK_CLOSE_CODES and sent.code in OK_CLOSE_CODES
        kind = ConnectionClosedOK if normal else ConnectionClosedError
        return kind(rcvd, sent, self.close_rcvd_then_sent)

    # The API.

    async def recv(self, decode=None):
        """The next message: ``str`` for text, ``bytes`` for binary. Raises
        ``ConnectionClosed`` once the connection has ended and every message was read.
        A ``recv()`` that is cancelled takes no message away. Two at once: ``ConcurrencyError``."""
        if self._receiving:
            raise ConcurrencyError("cannot call recv while another coroutine is already running recv")
        self._receiving = True
        try:
            while not self._messages:
                if self._state == CLOSED:
                    # The end is noticed on a turn of its own, as in CPython, where it comes
                    # from the network after the last message: a task that took that message
                    # and is cancelled right after ends cancelled, not with this exception.
                    await sleep(0)
                    raise self._close_exc()
                self._changed.clear()
                await self._changed.wait()
        finally:
            self._receiving = False
        message = self._messages.pop(0)
        if decode is False and isinstance(message, str):
            return message.encode()
        if decode is True and not isinstance(message, str):
            return bytes(message).decode()
        return message

    async def send(self, message, *, text=None):
        """Sends ``str`` as text, ``bytes``-like data as binary (an iterable of them as one
        message), then waits until the socket holds no more than ``HIGH_WATER`` bytes.
        ``text=True`` sends UTF-8 bytes as text, ``text=False`` a str as binary.
        Raises ``ConnectionClosed`` once the connection is closing or closed."""
        if not isinstance(message, _SENDABLE):
            if isinstance(message, dict):
                raise TypeError("data is a dict-like object")
            # Fragments: a browser sends whole messages only, so they go joined, as one.
            fragments = await _fragments(message)
            if fragments:
                await self.send(_joined(fragments), text=text)
            return
        if text is True and not isinstance(message, str):
            message = bytes(message).decode()
        elif text is False and isinstance(message, str):
            message = message.encode()
        buffered = -1
        if self._state == OPEN:
            buffered = int(send_if_open(self.element, message if isinstance(message, str) else uint8_array(message)))
        if buffered < 0:  # closing: by close(), or the other side's close frame came first
            await self._closed.wait()
            raise self._close_exc()
        # Back-pressure: the browser buffers what the network has not taken yet.
        while buffered > HIGH_WATER and self._state == OPEN:
            await sleep(0.005)
            buffered = int(self.element.bufferedAmount)

    async def close(self, code=1000, reason=""):
        """Closes the connection (with ``code`` and ``reason``) and waits until it has ended.
        A browser may close with 1000 or 3000–4999 and a reason of at most 123 UTF-8 bytes:
        anything else is a ``ValueError`` (checked here: MicroPython cannot catch the
        element's own exception). On a connection already closing or closed it only waits."""
        if self._state == OPEN and self.close_sent is None:
            if code != 1000 and not 3000 <= code <= 4999:
                raise ValueError("a browser closes with 1000 or 3000-4999, not %d" % code)
            if len(reason.encode()) > 123:
                raise ValueError("the close reason is over 123 UTF-8 bytes")
            self.close_now(code, reason)
        await self._closed.wait()

    def close_now(self, code=1000, reason=""):
        """Starts the closing handshake without waiting for its end."""
        if self._state == OPEN and self.close_sent is None:
            if self.state == OPEN:  # (else the other side's close frame came first: it is answered)
                self.close_sent = Close(code, reason)
            self._state = CLOSING
            self.element.close(code, reason)

    async def wait_closed(self):
        await self._closed.wait()

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
        # (websockets sends 1011 after an exception: a browser cannot, so it is 1000.)
        await self.close()


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
