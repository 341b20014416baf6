# Without window.WebSocket when py_websocket loads (here: loads again), it raises NotImplementedError.
import importlib
import js
import py_websocket

saved = js.WebSocket
js.Reflect.deleteProperty(js, "WebSocket")
try:
    importlib.reload(py_websocket)
    js.harness.report("supported", py_websocket.supported)
    try:
        py_websocket.WebSocket("/ws/echo")
        js.harness.report("raised", "nothing")
    except NotImplementedError as error:
        js.harness.report("raised", "NotImplementedError: " + str(error))
finally:
    js.WebSocket = saved
    importlib.reload(py_websocket)
js.harness.report("done", True)
