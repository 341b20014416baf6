# What websockets does besides the documentation's examples, done the same way here: what
# send() refuses and joins, a close frame without a code, the messages of ConnectionClosed,
# close() on a closed connection, two recv() at once, and InvalidURI as connect() is called.
try:
    from browser import window, aio as asyncio  # Brython has browser.aio, not asyncio
except ImportError:
    import js as window
    import asyncio
import py_websocket as websockets
from py_websocket import State, connect

report = window.harness.report


async def refused(sending):
    try:
        await sending
    except TypeError as error:
        return "TypeError: %s" % error
    return "sent"


async def main():
    try:
        connect("ftp://example.org/feed")
        report("uri_at_call", "accepted")
    except websockets.exceptions.InvalidURI:
        report("uri_at_call", "InvalidURI")

    async with connect("ws://localhost:8765") as websocket:
        report("state", websocket.state == State.OPEN)
        report("state_name", str(getattr(websocket.state, "name", None)))
        report("dict", await refused(websocket.send({"a": 1})))
        report("mixed", await refused(websocket.send(["a", 3])))
        report("number", await refused(websocket.send(3)))
        await websocket.send([])  # nothing
        await websocket.send(["fra", "gments"])
        await websocket.send([b"by", bytearray(b"t"), memoryview(b"es")])
        report("joined", "%s %s" % (await websocket.recv(), (await websocket.recv()).decode()))
        await websocket.send(b"utf-8 as text", text=True)
        await websocket.send("str as binary", text=False)
        report("text_argument", "%r %r" % (await websocket.recv(), await websocket.recv()))

        if hasattr(asyncio, "create_task"):  # (Brython's aio starts coroutines, no tasks)
            first = asyncio.create_task(websocket.recv())
            await asyncio.sleep(0)
            try:
                await websocket.recv()
                report("second_recv", "received")
            except websockets.exceptions.ConcurrencyError:
                report("second_recv", "ConcurrencyError")
            await websocket.send("for the first")
            report("first_recv", await first)

    report("closed_state", websocket.state == State.CLOSED)
    await websocket.close(1001)  # already closed: nothing to check, nothing to do
    try:
        await websocket.recv()
    except websockets.exceptions.ConnectionClosedOK as closed:
        report("we_closed", "%s | %s" % (closed, closed.rcvd_then_sent))

    async with connect("ws://localhost:8765/close?code=none") as websocket:
        async for message in websocket:
            report("unexpected", message)
        report("no_code", websocket.close_code)
        try:
            await websocket.recv()
        except websockets.exceptions.ConnectionClosedOK as closed:
            report("they_closed", "%s | %s" % (closed, closed.rcvd_then_sent))

    async with connect("ws://localhost:8765/protocols", ["chat", "superchat"], 5) as websocket:
        report("subprotocol", "%s %s" % (websocket.subprotocol, await websocket.recv()))

    report("handshake_errors", issubclass(websockets.exceptions.InvalidStatus, websockets.exceptions.InvalidHandshake))
    report("done", True)


asyncio.run(main())
