# The websockets documentation's reconnecting loop, with only its imports changed: every
# connection ends with 1011, the loop goes on to the next, and stops after the third.

import asyncio
import py_websocket as websockets
from py_websocket import connect


async def main():
    connections = 0
    async for websocket in connect("ws://localhost:8765/count?n=1&code=1011"):
        connections += 1
        try:
            async for message in websocket:
                print("message", message, "on connection", connections)
        except websockets.exceptions.ConnectionClosed:
            if connections == 3:
                break
            continue
    print("reconnected", connections, "times")


if __name__ == "__main__":
    asyncio.run(main())
