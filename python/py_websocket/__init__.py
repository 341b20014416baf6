"""py_websocket: a WebSocket for Python in the page, on top of the <py-websocket> element.

Two APIs, and the same code runs under Brython, Pyodide and PyScript (Pyodide or
MicroPython, on the page or in a worker):

- the ``websockets`` library's asyncio client, laid out as that library is::

    from py_websocket.asyncio.client import connect   # or: from py_websocket import connect
    from py_websocket.exceptions import ConnectionClosed

    async with connect("/ws/echo") as websocket:
        await websocket.send("Hello world!")
        print(await websocket.recv())

- Brython's ``browser.websocket`` (callbacks; also the shape of PyScript's ``WebSocket``)::

    import py_websocket as websocket

    ws = websocket.WebSocket("/ws/echo")      # or websocket.websocket(host)
    ws.bind("message", lambda evt: print(evt.data))   # str for text, bytes for binary

The page must load the element first (``dist/py-websocket.js`` or ``import 'py-websocket'``).
Importing this package also supplies what a runtime's asyncio lacks for a CPython client to
start and wait (see ``asyncio_gaps``), and changes nothing else.
"""

from . import asyncio_gaps  # noqa: F401 - what it does is importing it
from . import exceptions
from .asyncio.client import ClientConnection, connect
from .asyncio.connection import HIGH_WATER
from .callbacks import CLOSED, CLOSING, CONNECTING, OPEN, Event, WebSocket, websocket
from .exceptions import *  # noqa: F403 - every exception, at the top as in websockets
from .frames import Close, CloseCode
from .protocol import State
from .runtime import IN_WORKER, RUNTIME, supported

__all__ = [
    # the callback API (.callbacks)
    "supported",
    "websocket",
    "WebSocket",
    "Event",
    "CONNECTING",
    "OPEN",
    "CLOSING",
    "CLOSED",
    # where it runs (.runtime)
    "RUNTIME",
    "IN_WORKER",
    # the asyncio client (.asyncio.client, .asyncio.connection)
    "connect",
    "ClientConnection",
    "HIGH_WATER",
    # .protocol, .frames
    "State",
    "Close",
    "CloseCode",
]
# .exceptions: every one of them, at the top as in websockets
__all__ += exceptions.__all__
