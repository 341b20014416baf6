# 200 connect/close cycles through the asyncio API (the test counts Pyodide's proxies left).
import asyncio
import js
from py_websocket import connect


async def main():
    for i in range(200):
        async with connect("ws://localhost:8765") as websocket:
            await websocket.send(str(i))
            await websocket.recv()
    # Listeners (and their proxies) are released on a turn after each close.
    await asyncio.sleep(0.1)
    js.harness.report("done", True)


asyncio.run(main())
