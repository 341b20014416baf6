# Binary round trip: bytes, bytearray and memoryview go out, and come back as bytes.
try:
    from browser import window
except ImportError:
    import js as window
import py_websocket as websocket

report = window.harness.report
payload = bytes([0, 1, 2, 127, 128, 254, 255])
sent = [payload, bytearray(b"ab"), memoryview(b"xyz"), "text"]
received = []

ws = websocket.WebSocket(str(window.harness.host))

def on_open(evt):
    for data in sent:
        ws.send(data)

def on_message(evt):
    received.append(evt.data)
    if len(received) == len(sent):
        report("types", ",".join(type(data).__name__ for data in received))
        report("roundtrip", received == [payload, b"ab", b"xyz", "text"])
        ws.close()

def on_close(evt):
    report("close", evt.code)
    report("done", True)

ws.bind("open", on_open)
ws.bind("message", on_message)
ws.bind("close", on_close)
