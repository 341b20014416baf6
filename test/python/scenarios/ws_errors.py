# What connect() raises when it cannot open, and how connections end: 1000 quietly, 1011 not.
try:
    from browser import window, aio as asyncio  # Brython has browser.aio, not asyncio
except ImportError:
    import js as window
    import asyncio
import py_websocket as websockets
from py_websocket import connect

report = window.harness.report
params = window.harness.params


async def failure(opening):
    try:
        connection = await opening()
    except Exception as error:
        return type(error).__name__
    await connection.close()
    return "opened"


async def main():
    report("closed_port", await failure(lambda: connect(str(params.closed))))
    report("hanging", await failure(lambda: connect(str(params.hanging), open_timeout=0.3)))
    report("bad_scheme", await failure(lambda: connect("ftp://example.org/feed")))

    async with connect("ws://localhost:8765/count?n=2&code=1000") as websocket:
        received = []
        async for message in websocket:
            received.append(message)
        report("ok_messages", ",".join(received))
        report("ok_close_code", websocket.close_code)
        try:
            await websocket.recv()
        except websockets.exceptions.ConnectionClosedOK as closed:
            report("ok_recv", "%s %d" % (type(closed).__name__, closed.rcvd.code))

    async with connect("ws://localhost:8765/count?n=1&code=1011") as websocket:
        try:
            async for message in websocket:
                report("error_message", message)
        except websockets.exceptions.ConnectionClosedError as closed:
            report("error_close", "%s %d" % (type(closed).__name__, closed.rcvd.code))

    try:
        async with connect("ws://localhost:8765?id=" + str(params.id)) as websocket:
            await websocket.send("then fail")
            raise ValueError("inside async with")
    except ValueError:
        report("raised", True)
    report("done", True)


asyncio.run(main())
