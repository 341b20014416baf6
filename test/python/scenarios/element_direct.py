# The element without py_websocket: document['id'].bind(...) in Brython,
# addEventListener with create_proxy elsewhere.
try:
    from browser import document, window

    def lookup(id):
        return document[id]

    def listen(element, event_type, function):
        element.bind(event_type, function)
except ImportError:
    import js as window
    document = window.document
    try:
        from pyodide.ffi import create_proxy
    except ImportError:
        from pyscript.ffi import create_proxy

    def lookup(id):
        return document.getElementById(id)

    def listen(element, event_type, function):
        element.addEventListener(event_type, create_proxy(function))

report = window.harness.report
element = document.createElement("py-websocket")
element.id = "direct"
element.setAttribute("host", str(window.harness.host))
document.body.appendChild(element)
ws = lookup("direct")

def on_open(evt):
    ws.send("straight to the element")

def on_message(evt):
    report("message", evt.data)
    ws.close()

def on_close(evt):
    report("close", evt.code)
    report("done", True)

listen(ws, "open", on_open)
listen(ws, "message", on_message)
listen(ws, "close", on_close)
