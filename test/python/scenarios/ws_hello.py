#!/usr/bin/env python
# The websockets documentation's client (https://websockets.readthedocs.io/, "hello"),
# with only its import changed: from websockets.asyncio.client import connect.

import asyncio
from py_websocket import connect


async def hello():
    async with connect("ws://localhost:8765") as websocket:
        await websocket.send("Hello world!")
        message = await websocket.recv()
        print(message)


if __name__ == "__main__":
    asyncio.run(hello())
