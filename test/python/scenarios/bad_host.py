# A bad host reaches the Python error handler, bound right after the WebSocket is made.
try:
    from browser import window
except ImportError:
    import js as window
import py_websocket as websocket

report = window.harness.report
ws = websocket.WebSocket("ftp://example.org/feed")

def on_error(evt):
    report("error", evt.message)
    report("readyState", ws.readyState)
    report("done", True)

ws.bind("error", on_error)
