# The websockets documentation's client under Brython: its import changed, and
# browser.aio's run() in place of asyncio.run() (Brython has no asyncio event loop).

from browser import aio
from py_websocket import connect


async def hello():
    async with connect("ws://localhost:8765") as websocket:
        await websocket.send("Hello world!")
        message = await websocket.recv()
        print(message)


aio.run(hello())
