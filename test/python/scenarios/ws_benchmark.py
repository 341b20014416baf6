#!/usr/bin/env python
# The websockets deployment benchmark (example/deployment/kubernetes/benchmark.py), with its
# import changed, its command line (clients, messages) written in, and a line printed at the
# end: ten clients at once, waited for with asyncio.wait.

import asyncio
import sys

from py_websocket.asyncio.client import connect


URI = "ws://localhost:8765"


async def run(client_id, messages):
    async with connect(URI) as websocket:
        for message_id in range(messages):
            await websocket.send(f"{client_id}:{message_id}")
            await websocket.recv()


async def benchmark(clients, messages):
    await asyncio.wait([
        asyncio.create_task(run(client_id, messages))
        for client_id in range(clients)
    ])
    print("benchmark done:", clients, "clients")


if __name__ == "__main__":
    clients, messages = 10, 10  # was: int(sys.argv[1]), int(sys.argv[2])
    asyncio.run(benchmark(clients, messages))
