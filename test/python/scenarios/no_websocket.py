# The page removed window.WebSocket before this module loaded.
try:
    from browser import window
except ImportError:
    import js as window
import py_websocket as websocket

report = window.harness.report
report("supported", websocket.supported)
try:
    websocket.WebSocket("/ws/echo")
    report("raised", "nothing")
except NotImplementedError as error:
    report("raised", "NotImplementedError: " + str(error))
report("done", True)
