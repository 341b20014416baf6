# A request/response client: a receive task hands each reply to the request waiting for it,
# and is cancelled when the client leaves. The server closes right after its last reply, so
# the end and the cancellation race; as in CPython, the receive task ends cancelled every
# time, and nothing is printed. 50 runs.
import asyncio
import js
from py_websocket.asyncio.client import connect

RUNS = 50
REQUESTS = 3
report = js.harness.report

try:
    new_future = asyncio.get_event_loop().create_future
except AttributeError:
    # MicroPython has no futures: an Event and a value stand in for one.
    class new_future:
        def __init__(self):
            self._done = asyncio.Event()

        def set_result(self, result):
            self._result = result
            self._done.set()

        def __iter__(self):
            yield from self._done.wait()
            return self._result


class Client:
    def __init__(self, websocket):
        self.websocket = websocket
        self.waiting = {}
        self.last_id = 0

    async def receive(self):
        while True:
            request_id, reply = (await self.websocket.recv()).split(":", 1)
            self.waiting.pop(request_id).set_result(reply)

    async def request(self, text):
        self.last_id += 1
        request_id = str(self.last_id)
        self.waiting[request_id] = reply = new_future()
        await self.websocket.send("%s:%s" % (request_id, text))
        return await reply


async def run():
    async with connect("ws://localhost:8765/echo?close-after=%d" % REQUESTS) as websocket:
        client = Client(websocket)
        receiver = asyncio.create_task(client.receive())
        replies = []
        try:
            for i in range(REQUESTS):
                replies.append(await client.request("request %d" % i))
        finally:
            receiver.cancel()
    return replies, receiver


async def main():
    replies = 0
    cancelled = 0
    for _ in range(RUNS):
        answers, receiver = await run()
        replies += len(answers)
        while not receiver.done():
            await asyncio.sleep(0)
        if hasattr(receiver, "cancelled") and receiver.cancelled():  # (MicroPython cannot tell)
            cancelled += 1
    report("replies", replies)
    report("cancelled", cancelled)
    report("done", True)


asyncio.run(main())
