# Many bind/unbind cycles, a handler that unbinds itself, then close(): every proxy
# py_websocket made must be gone afterwards (the test counts them from JavaScript).
import asyncio
import js
import py_websocket as websocket

received = []

def on_message(evt):
    received.append(evt.data)

def ignore(evt):
    pass

ws = websocket.WebSocket(str(js.harness.host))
for _ in range(200):
    ws.bind("open", ignore).bind("message", on_message).bind("error", ignore).bind("close", ignore)
    ws.unbind("open", ignore)
    ws.unbind("message", on_message)
    ws.unbind("error")
    ws.unbind("close", ignore)

def once(evt):
    received.append(evt.data)
    ws.unbind("message", once)

ws.bind("message", once)
ws.bind("open", lambda evt: ws.send("hello"))
for _ in range(100):
    if received:
        break
    await asyncio.sleep(0.02)
ws.close()
for _ in range(100):
    if ws.readyState == websocket.CLOSED:
        break
    await asyncio.sleep(0.02)
# Proxies are released on a turn after the close event.
await asyncio.sleep(0.1)
js.harness.report("received", ",".join(received))
js.harness.report("element_removed", not ws.element.isConnected)
js.harness.report("done", True)
