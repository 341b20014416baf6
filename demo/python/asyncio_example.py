"""The websockets library's client API in the page: the same code as in CPython, with
`from py_websocket import connect` for `from websockets.asyncio.client import connect`.

`run(show)` talks to the demo's echo server, then reads five ticks of its JSON feed, and
hands each line to `show`. It runs on the page (Pyodide, MicroPython) or in a PyScript worker.
"""
from py_websocket import connect


async def run(show):
    async with connect("/ws/echo") as websocket:
        for word in ("Hello", "from", "asyncio"):
            await websocket.send(word)
            show("echo: " + await websocket.recv())
    show("closed with %s" % websocket.close_code)

    async with connect("/demo/ticks") as ticks:
        received = 0
        async for message in ticks:
            show("tick: " + message)
            received += 1
            if received == 5:
                break
    show("done")
