# Leaving `async for websocket in connect(...)` with break: its connection closes (1000), as
# in websockets, where objects are freed at once (Pyodide); elsewhere the program closes it.
import asyncio
import js as window
from py_websocket import connect

report = window.harness.report
params = window.harness.params


async def main():
    async for websocket in connect("ws://localhost:8765?id=" + str(params.id)):
        await websocket.send("one turn")
        await websocket.recv()
        break
    report("state_after_break", int(websocket.state))
    await websocket.close()
    report("done", True)


asyncio.run(main())
