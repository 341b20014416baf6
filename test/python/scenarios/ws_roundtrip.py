# For the bench (npm run bench:python): 1,000 `await send(); await recv()` round trips.
try:
    from browser import window, aio as asyncio
except ImportError:
    import js as window
    import asyncio
from py_websocket import connect

ROUND_TRIPS = 1000


async def main():
    async with connect("ws://localhost:8765") as websocket:
        for _ in range(50):  # warm up
            await websocket.send("ping")
            await websocket.recv()
        started = window.performance.now()
        for _ in range(ROUND_TRIPS):
            await websocket.send("ping")
            await websocket.recv()
        elapsed = window.performance.now() - started
    window.harness.report("per_second", ROUND_TRIPS * 1000 / elapsed)
    window.harness.report("done", True)


asyncio.run(main())
