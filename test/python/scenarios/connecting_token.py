# An `async def` handler bound to `connecting` is awaited before each attempt: the fresh token
# it sets is the one that attempt uses; when it raises, the attempt fails (an error event) and
# the next one goes on.
try:
    from browser import window, aio as asyncio
except ImportError:
    import js as window
    import asyncio
import py_websocket as websocket

report = window.harness.report
base = str(window.harness.params.host)
ws = websocket.WebSocket(base + "&token=stale")
issued = [0]
errors = []
opens = [0]


async def on_connecting(evt):
    await asyncio.sleep(0.01)
    issued[0] += 1
    if issued[0] == 2:
        raise ValueError("token service down")
    ws.element.host = base + "&token=t" + str(issued[0])


def on_error(evt):
    errors.append(str(evt.message))


def on_open(evt):
    opens[0] += 1
    if opens[0] == 2:
        report("errors", len(errors))
        report("error", errors[0] if errors else "")
        report("done", True)


ws.bind("connecting", on_connecting)
ws.bind("error", on_error)
ws.bind("open", on_open)
