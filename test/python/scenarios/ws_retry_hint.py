# The reconnecting loop honours a server's retry hint: the first connection is closed with
# 1011 "retry-after=1", and the next one opens no sooner than a second later.
import asyncio
import js
from py_websocket.asyncio.client import connect

report = js.harness.report


async def main():
    connections = 0
    async for websocket in connect(str(js.harness.params.host), reconnect_delay=0.01, reconnect_max_delay=0.05):
        connections += 1
        if connections == 2:
            await websocket.close()
            break
        try:
            await websocket.recv()
        except Exception:
            pass
    report("connections", connections)
    report("done", True)


asyncio.run(main())
