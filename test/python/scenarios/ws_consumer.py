# The websockets documentation's consumer pattern ("async for message in websocket"), with
# only its import changed. The server sends "1", "2", "3" and closes with 1000: the loop
# ends quietly.

import asyncio
from py_websocket import connect


async def consumer(message):
    print("consumed", message)


async def consumer_handler(websocket):
    async for message in websocket:
        await consumer(message)


async def main():
    async with connect("ws://localhost:8765/count?n=3") as websocket:
        await consumer_handler(websocket)
    print("consumer done")


if __name__ == "__main__":
    asyncio.run(main())
