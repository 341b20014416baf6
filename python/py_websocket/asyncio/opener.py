"""Opens connections through one <py-websocket> element and hands each its events.

Its listeners are bound once, before the element connects (from a PyScript worker they reach
the page later, and an early event would go unheard), and every event goes to the connection
it concerns. The element decides when to try again: with ``reconnects``, it keeps connecting
after each end by its own policy (``reconnect-delay``, ``reconnect-max-delay``, ``max-retries``
and what else it knows), and each open gives a new connection; without, the first end is the
last.
"""

from ..element import insert
from ..exceptions import InvalidURI
from ..protocol import CLOSED
from ..runtime import TimeoutError, Event, from_js, later, listen, stop_listening


class Opener:
    """Opens connections of ``connection_class`` through ``element``, again and again if it
    ``reconnects``."""

    def __init__(self, element, connection_class, reconnects):
        self.element = element
        self._connection_class = connection_class
        self._reconnects = reconnects
        #: The connection whose socket is open now.
        self._current = None
        # Connections opened and not yet handed out.
        self._opened = []
        self._failure = None
        self._last_error = None
        self._changed = Event()
        self._released = False
        self._closing = False
        self._listeners = [
            (event_type, listen(element, event_type, handler))
            for event_type, handler in (
                ("open", self._on_open),
                ("message", self._on_message),
                ("error", self._on_error),
                ("close", self._on_close),
                ("giveup", self._on_giveup),
            )
        ]
        insert(element, unless=lambda: self._released)

    async def next_connection(self):
        """The next connection to open, or the failure that ends the trying. Cancelled, it
        closes the element: nothing is left behind."""
        try:
            while not self._opened:
                if self._failure is not None:
                    raise self._failure
                self._changed.clear()
                await self._changed.wait()
        except BaseException:
            self.close()
            raise
        return self._opened.pop(0)

    def connect_again(self):
        """After a final end (which the element does not retry), connects anew at once, as
        ``websockets``' reconnecting loop does; otherwise the element is already at it."""
        if not self._opened and self._failure is None and int(self.element.readyState) == CLOSED:
            self.element.connect()

    def close(self):
        """Stops the element (an open connection closes with 1000) and, once it has ended,
        releases it. Never raises: it also runs from a finalizer."""
        if self._closing or self._released:
            return
        self._closing = True
        if self._current is not None:
            self._current.close_now()
        else:
            self.element.close()
        if int(self.element.readyState) == CLOSED:
            # Nothing was open or opening: no close event will come.
            self._release_later()

    # What the element says. These run as JS event listeners: they only note and wake.

    def _on_open(self, js_event):
        connection = self._connection_class(self.element)
        connection.opened()
        self._current = connection
        # (One that opened and ended before anyone took it is no use to anyone.)
        self._opened = [opened for opened in self._opened if opened.state != CLOSED] + [connection]
        self._changed.set()

    def _on_message(self, js_event):
        if self._current is not None:
            self._current.message_received(from_js(js_event.data))

    def _on_error(self, js_event):
        self._last_error = str(js_event.message)
        if self._current is None and int(self.element.readyState) == CLOSED:
            if not str(self.element.url):
                # Nothing was even tried: the URI is not usable (the element made no URL of it).
                self._fail(InvalidURI(str(self.element.host), self._last_error))
            elif not self._reconnects:
                self._fail(OSError(self._last_error))

    def _on_close(self, js_event):
        code, reason = int(js_event.code), str(js_event.reason)
        if self._current is not None:
            self._current.connection_lost(code, reason)
            self._current = None
        elif not self._reconnects:
            if reason.startswith("connect timeout"):
                self._fail(TimeoutError("timed out during opening handshake"))
            else:
                self._fail(OSError(self._last_error or "Could not connect to %s" % self.element.url))
        if self._closing or not self._reconnects:
            self._release_later()

    def _on_giveup(self, js_event):
        # Retries ran out (nothing is ever queued in the element: a connection sends only while open).
        self._fail(OSError(self._last_error or "Could not connect to %s" % self.element.url))

    def _fail(self, failure):
        if self._failure is None:
            self._failure = failure
        self._changed.set()
        if not self._reconnects:
            self._release_later()

    def _release_later(self):
        # Listeners (and their proxies) go on a later turn: one of them may be running now.
        if not self._released:
            self._released = True
            later(self._release)

    def _release(self):
        for event_type, listener in self._listeners:
            stop_listening(self.element, event_type, listener)
        self._listeners = []
        self.element.remove()
