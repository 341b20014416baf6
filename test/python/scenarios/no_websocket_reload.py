# Without window.WebSocket when py_websocket loads (here: loads again, afresh), it raises NotImplementedError.
import importlib
import sys
import js


def load_afresh():
    for name in [name for name in sys.modules if name == "py_websocket" or name.startswith("py_websocket.")]:
        del sys.modules[name]
    return importlib.import_module("py_websocket")


saved = js.WebSocket
js.Reflect.deleteProperty(js, "WebSocket")
try:
    py_websocket = load_afresh()
    js.harness.report("supported", py_websocket.supported)
    try:
        py_websocket.WebSocket("/ws/echo")
        js.harness.report("raised", "nothing")
    except NotImplementedError as error:
        js.harness.report("raised", "NotImplementedError: " + str(error))
finally:
    js.WebSocket = saved
    load_afresh()
js.harness.report("done", True)
