"""The client, as ``websockets.asyncio.client``: ``connect`` and ``ClientConnection``.

    from py_websocket.asyncio.client import connect   # was: from websockets.asyncio.client import connect

    async with connect("wss://example.org/feed") as websocket:
        await websocket.send("Hello world!")
        print(await websocket.recv())
"""

from ..element import check_usable, new_element
from ..exceptions import InvalidURI
from ..runtime import FINALIZES_AT_ONCE, awaitable
from .connection import Connection
from .opener import Opener

__all__ = ["connect", "ClientConnection"]


class ClientConnection(Connection):
    """A client connection, as ``websockets.asyncio.client.ClientConnection``: ``send``,
    ``recv``, ``async for message in connection``, ``close``, and what is known of the end.
    It never reconnects by itself: when it ends, it is over."""


@awaitable
class connect:
    """Opens a connection, as ``websockets.asyncio.client.connect``:

    - ``connection = await connect(uri)``;
    - ``async with connect(uri) as connection:`` closes it (1000) on leaving, also on an
      exception or a cancellation;
    - ``async for connection in connect(uri):`` yields a new connection each time the one
      element behind the loop opens. That element reconnects by its own policy (full-jitter
      backoff from ``reconnect_delay`` up to ``reconnect_max_delay`` seconds, giving up after
      ``max_retries`` attempts, by default never); a connection the loop body ends or that the
      server closes for good is followed by a new one at once, as in ``websockets``.

    Raises ``InvalidURI`` for a URI the element cannot use, ``OSError`` when the connection
    fails, and ``TimeoutError`` when the opening handshake takes over ``open_timeout`` seconds.
    Other keyword arguments of ``websockets`` are accepted and have no effect here."""

    def __init__(
        self,
        uri,
        subprotocols=None,
        open_timeout=10,
        *,
        reconnect_delay=None,
        reconnect_max_delay=None,
        max_retries=None,
        **kwargs
    ):
        self._loop_opener = None
        self._connection = None
        _check_uri(uri)
        self.uri = uri
        # (One name given as a str is taken as one name, not as its letters.)
        self.subprotocols = [subprotocols] if isinstance(subprotocols, str) else subprotocols
        self.open_timeout = open_timeout
        # The reconnecting loop's policy, as its element's attributes (in milliseconds).
        self._policy = {}
        for attribute, seconds in (("reconnect-delay", reconnect_delay), ("reconnect-max-delay", reconnect_max_delay)):
            if seconds is not None:
                self._policy[attribute] = str(int(seconds * 1000))
        if max_retries is not None:
            self._policy["max-retries"] = str(max_retries)

    def _opener(self, reconnects):
        check_usable()
        attributes = {"connect-timeout": str(int((self.open_timeout or 0) * 1000))}
        # A connection of the websockets API ends for good when it ends; only the loop's
        # element reconnects.
        attributes.update(self._policy if reconnects else {"max-retries": "0"})
        element = new_element(self.uri, self.subprotocols, attributes)
        return Opener(element, ClientConnection, reconnects)

    # connection = await connect(uri)

    async def __await_impl__(self):
        return await self._opener(reconnects=False).next_connection()

    # async with connect(uri) as connection:

    async def __aenter__(self):
        self._connection = await self.__await_impl__()
        return self._connection

    async def __aexit__(self, *exc_info):
        await self._connection.close()

    # async for connection in connect(uri):

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self._loop_opener is None:
            self._loop_opener = self._opener(reconnects=True)
        elif self._connection is not None:
            # The connection of the previous turn is closed before the next one is given.
            await self._connection.close()
            self._loop_opener.connect_again()
        self._connection = None  # (until the next one opens, if it does)
        self._connection = await self._loop_opener.next_connection()
        return self._connection

    if FINALIZES_AT_ONCE:

        def __del__(self):
            # Left `async for ws in connect(...)` (break, return, an exception): its element
            # closes, and with it the last connection, as in websockets. A finalizer never raises.
            try:
                if self._loop_opener is not None:
                    self._loop_opener.close()
            except Exception:  # noqa: BLE001 - nothing can be done about it here
                pass


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
