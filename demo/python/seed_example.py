"""The open / send / close example of Brython's browser.websocket page, through py_websocket.

The same file runs under Pyodide and MicroPython (PyScript): `start(prefix)` wires the
buttons whose ids start with `prefix` (prefix + "open", "data", "send", "close", "log").
"""
import js
import py_websocket as websocket

try:
    from pyodide.ffi import create_proxy
except ImportError:
    from pyscript.ffi import create_proxy


def start(prefix):
    def doc(name):
        return js.document.getElementById(prefix + name)

    def show(line):
        # text, never HTML: a server's message is shown as it is
        doc("log").textContent += line + "\n"

    state = {"ws": None}

    def on_open(evt):
        show("Connection open")
        for name in ("send", "send-bytes", "close"):
            doc(name).disabled = False
        doc("open").disabled = True

    def on_message(evt):
        show("Message received: %s" % (evt.data,))

    def on_error(evt):
        show("Error: %s" % evt.message)

    def on_close(evt):
        show("Connection closed (code %s)" % evt.code)
        doc("open").disabled = False
        for name in ("send", "send-bytes", "close"):
            doc(name).disabled = True

    def open_connection(ev):
        if not websocket.supported:
            show("Your browser does not support WebSocket")
            return
        ws = websocket.WebSocket("/ws/echo")
        ws.bind("open", on_open)
        ws.bind("message", on_message)
        ws.bind("error", on_error)
        ws.bind("close", on_close)
        state["ws"] = ws

    def send(ev):
        data = doc("data").value
        if data:
            state["ws"].send(data)

    def send_bytes(ev):
        state["ws"].send(doc("data").value.encode())

    def close_connection(ev):
        state["ws"].close()

    doc("open").addEventListener("click", create_proxy(open_connection))
    doc("send").addEventListener("click", create_proxy(send))
    doc("send-bytes").addEventListener("click", create_proxy(send_bytes))
    doc("close").addEventListener("click", create_proxy(close_connection))
    doc("open").disabled = False
    show("Python is ready (%s)" % websocket.RUNTIME)
