# The reconnecting loop follows the element's own policy: one element for the whole loop, whose
# reconnect-delay and reconnect-max-delay (given to connect() in seconds) set every wait, and
# whose max-retries, once spent, ends the loop with the failure.
import asyncio
import js
from py_websocket.asyncio.client import connect
from py_websocket.exceptions import ConnectionClosed

report = js.harness.report
params = js.harness.params


async def main():
    connections = 0
    async for websocket in connect("ws://localhost:8765/count?n=1&code=1011", reconnect_delay=0.02, reconnect_max_delay=0.05):
        connections += 1
        try:
            async for message in websocket:
                pass
        except ConnectionClosed:
            if connections == 3:
                break
    report("connections", connections)

    try:
        async for websocket in connect(str(params.closed), reconnect_delay=0.01, max_retries=2):
            report("unexpected", "opened")
    except OSError:
        report("gave_up", "OSError")
    report("done", True)


asyncio.run(main())
