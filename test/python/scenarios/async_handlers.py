# The callback API takes async handlers: each call runs as a task, and its exception is a page error.
try:
    from browser import window, aio as asyncio
except ImportError:
    import js as window
    import asyncio
import py_websocket as websocket

report = window.harness.report
ws = websocket.WebSocket(str(window.harness.host))


async def on_open(evt):
    await asyncio.sleep(0.01)
    ws.send("from an async handler")


async def on_message(evt):
    await asyncio.sleep(0.01)
    report("message", evt.data)
    report("done", True)
    raise ValueError("raised in an async handler")


ws.bind("open", on_open)
ws.bind("message", on_message)
