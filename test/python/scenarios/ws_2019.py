# The websockets README's client of 2019 (websockets 8), with only its import changed
# (`import websockets` is `import py_websocket as websockets`): it starts the loop with
# get_event_loop().run_until_complete(). It printed nothing; here it prints the reply.

import asyncio
import py_websocket as websockets

async def hello(uri):
    async with websockets.connect(uri) as websocket:
        await websocket.send("Hello world!")
        print(await websocket.recv())

asyncio.get_event_loop().run_until_complete(
    hello('ws://localhost:8765'))
