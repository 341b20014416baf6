# The websockets documentation's consumer and producer patterns (docs/howto/patterns.rst), run
# together with asyncio.gather as it shows, with only the imports changed. The server echoes
# three messages and closes (1000): the consumer's loop ends, and the producer's next send
# raises ConnectionClosed.

import asyncio
from py_websocket.asyncio.client import connect
from py_websocket.exceptions import ConnectionClosed

produced = 0


async def consume(message):
    print("consumed", message)


async def produce():
    global produced
    await asyncio.sleep(0.01)
    produced += 1
    return "message %d" % produced


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
    await asyncio.gather(
        consumer_handler(websocket),
        producer_handler(websocket),
    )


async def main():
    async with connect("ws://localhost:8765/echo?close-after=3") as websocket:
        await handler(websocket)
    print("gather returned")


if __name__ == "__main__":
    asyncio.run(main())
