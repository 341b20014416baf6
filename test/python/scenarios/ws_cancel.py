# A recv() that is cancelled takes no message away: what arrived is still there for the next.
import asyncio
import js as window
from py_websocket import connect

report = window.harness.report


async def main():
    async with connect("ws://localhost:8765") as websocket:
        pending = asyncio.create_task(websocket.recv())
        await asyncio.sleep(0.05)
        pending.cancel()
        try:
            await pending
        except asyncio.CancelledError:
            report("cancelled", True)
        await websocket.send("after the cancel")
        report("next", await websocket.recv())

        # The echo may come while a recv() waits and is cancelled: it is never lost.
        pending = asyncio.create_task(websocket.recv())
        await asyncio.sleep(0)
        await websocket.send("kept")
        await asyncio.sleep(0.02)
        pending.cancel()
        try:
            got = await pending
        except asyncio.CancelledError:
            got = await websocket.recv()
        report("kept", got)
    report("done", True)


asyncio.run(main())
