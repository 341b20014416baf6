"""The callback API and the element's `connecting` event: an `async def` handler is awaited
through the event's waitUntil(), so an attempt can wait for fresh credentials.

    python3 -m unittest discover -s python/tests    (CPython, with a fake Pyodide and element)
"""

import asyncio
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import fake_pyodide  # noqa: E402

js = fake_pyodide.install()
import py_websocket  # noqa: E402
from fake_pyodide import FakeElement, FakeEvent  # noqa: E402


async def turns(count=5):
    """Lets the event loop run the tasks started so far."""
    for _ in range(count):
        await asyncio.sleep(0)


class ConnectingTest(unittest.IsolatedAsyncioTestCase):
    def setUp(self):
        js.reported.clear()
        self.element = FakeElement("feed")
        js.document.elements["feed"] = self.element
        self.ws = py_websocket.WebSocket(id="feed")

    def connecting(self, attempt=1):
        return self.element.dispatch(FakeEvent("connecting", attempt=attempt, url="ws://example.test/feed"))

    async def test_an_async_handler_holds_the_attempt_until_it_returns(self):
        token_ready = asyncio.Event()

        async def fresh_token(evt):
            await token_ready.wait()
            self.ws.element.host = "/feed?token=%d" % evt.attempt

        self.ws.bind("connecting", fresh_token)
        event = self.connecting(attempt=3)
        self.assertEqual(len(event.promises), 1, "waitUntil() was called during dispatch")
        await turns()
        self.assertEqual(event.promises[0].state, "pending", "the attempt still waits")
        self.assertEqual(self.element.host, "")
        token_ready.set()
        await turns()
        self.assertEqual(event.promises[0].state, "fulfilled")
        self.assertEqual(self.element.host, "/feed?token=3")
        self.assertEqual(js.reported, [])

    async def test_a_failing_async_handler_fails_the_attempt_and_is_no_page_error(self):
        async def expired(evt):
            raise ValueError("the token service said no")

        self.ws.bind("connecting", expired)
        event = self.connecting()
        await turns()
        promise = event.promises[0]
        self.assertEqual(promise.state, "rejected")
        self.assertEqual(promise.value.message, "ValueError: the token service said no")
        self.assertEqual(js.reported, [], "the element reports it, as an error event")

    async def test_every_async_handler_is_awaited(self):
        done = []

        async def first(evt):
            await asyncio.sleep(0)
            done.append("first")

        async def second(evt):
            done.append("second")

        self.ws.bind("connecting", first)
        self.ws.bind("connecting", second)
        event = self.connecting()
        self.assertEqual(len(event.promises), 2)
        await turns()
        self.assertEqual([p.state for p in event.promises], ["fulfilled", "fulfilled"])
        self.assertEqual(sorted(done), ["first", "second"])

    async def test_a_plain_handler_sees_attempt_and_url_and_holds_nothing(self):
        seen = []
        self.ws.bind("connecting", lambda evt: seen.append((evt.attempt, evt.url)))
        event = self.connecting(attempt=0)
        self.assertEqual(seen, [(0, "ws://example.test/feed")])
        self.assertEqual(event.promises, [])

    async def test_a_plain_handler_may_hand_waitUntil_a_coroutine(self):
        ready = asyncio.Event()

        async def later_token():
            await ready.wait()

        self.ws.bind("connecting", lambda evt: evt.waitUntil(later_token()))
        event = self.connecting()
        self.assertEqual(len(event.promises), 1)
        await turns()
        self.assertEqual(event.promises[0].state, "pending")
        ready.set()
        await turns()
        self.assertEqual(event.promises[0].state, "fulfilled")

    async def test_async_handlers_of_other_events_run_as_tasks(self):
        ran = []

        async def on_open(evt):
            ran.append(evt.type)

        self.ws.bind("open", on_open)
        self.element.dispatch(FakeEvent("open"))
        await turns()
        self.assertEqual(ran, ["open"])

    async def test_too_late_to_hold_the_attempt_the_handler_still_runs_and_says_so(self):
        # From a PyScript worker the event reaches Python after its dispatch is over.
        ran = []

        async def fresh_token(evt):
            ran.append(evt.attempt)

        self.ws.bind("connecting", fresh_token)
        event = FakeEvent("connecting", attempt=2, url="ws://example.test/feed")
        for listener in self.element.listeners["connecting"]:
            listener(event)  # (not dispatching: waitUntil throws)
        await turns()
        self.assertEqual(ran, [2])
        self.assertEqual(len(js.reported), 1)
        self.assertIn("InvalidStateError", js.reported[0].message)


if __name__ == "__main__":
    unittest.main()
