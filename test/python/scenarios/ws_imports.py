# The package is laid out as websockets is, so a client's imports change only in their first
# word: py_websocket.exceptions is a real module, py_websocket.asyncio.client has connect and
# ClientConnection, and every name of py_websocket.__all__ is there.
try:
    from browser import window, aio as asyncio  # Brython has browser.aio, not asyncio
except ImportError:
    import js as window
    import asyncio
import py_websocket
import py_websocket as websockets
from py_websocket.asyncio.client import ClientConnection, connect
from py_websocket.exceptions import ConnectionClosed, ConnectionClosedOK, InvalidURI, WebSocketException
from py_websocket.frames import Close, CloseCode
from py_websocket.protocol import State

report = window.harness.report


async def main():
    report("exceptions_module", type(py_websocket.exceptions).__name__)
    report("all_present", [name for name in py_websocket.__all__ if not hasattr(py_websocket, name)] == [])
    # (Brython adds its own $names.)
    public = [name for name in dir(py_websocket) if name[0] not in "_$" and type(getattr(py_websocket, name)).__name__ != "module"]
    report("not_in_all", ",".join(sorted(name for name in public if name not in py_websocket.__all__)))
    doc = getattr(py_websocket.exceptions, "__doc__", None)  # (MicroPython keeps no docstrings)
    if doc:
        report("hierarchy_documented", all(name in doc for name in py_websocket.exceptions.__all__))
    report("same_names", websockets.exceptions.ConnectionClosed is ConnectionClosed and websockets.connect is connect)
    report("hierarchy", issubclass(ConnectionClosedOK, ConnectionClosed) and issubclass(InvalidURI, WebSocketException))
    try:
        connect("ftp://example.org/feed")
    except InvalidURI:
        report("invalid_uri", True)

    async with connect("ws://localhost:8765") as websocket:
        report("client_connection", isinstance(websocket, ClientConnection) and websocket.state == State.OPEN)
        await websocket.send("imported")
        report("echo", await websocket.recv())
    try:
        await websocket.recv()
    except ConnectionClosedOK as closed:
        report("closed", "%s %s" % (isinstance(closed.rcvd, Close), closed.rcvd.code == CloseCode.NORMAL_CLOSURE))
    report("done", True)


asyncio.run(main())
