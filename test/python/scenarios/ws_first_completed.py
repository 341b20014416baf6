# The websockets documentation's consumer and producer (docs/howto/patterns.rst), run the way it
# shows to stop as soon as one ends: asyncio.wait(FIRST_COMPLETED), then cancel the other. Only
# the imports changed. The producer has three messages to say, then waits; the server echoes
# three and closes (1000): the consumer ends first, and the waiting producer is cancelled.

import asyncio
from py_websocket.asyncio.client import connect
from py_websocket.exceptions import ConnectionClosed

to_send = ["message 1", "message 2", "message 3"]


async def consume(message):
    print("consumed", message)


async def produce():
    if not to_send:
        await asyncio.Event().wait()  # nothing more to say, ever
    return to_send.pop(0)


async def consumer_handler(websocket):
    async for message in websocket:
        await consume(message)


async def producer_handler(websocket):
    while True:
        try:
            message = await produce()
            await websocket.send(message)
        except ConnectionClosed:
            break


async def handler(websocket):
    consumer_task = asyncio.create_task(consumer_handler(websocket))
    producer_task = asyncio.create_task(producer_handler(websocket))
    done, pending = await asyncio.wait(
        [consumer_task, producer_task],
        return_when=asyncio.FIRST_COMPLETED,
    )
    for task in pending:
        task.cancel()
    print("consumer done:", consumer_task in done)


async def main():
    async with connect("ws://localhost:8765/echo?close-after=3") as websocket:
        await handler(websocket)


if __name__ == "__main__":
    asyncio.run(main())
