# The example of Brython's browser.websocket documentation, for runtimes without Brython's
# `browser` module: every websocket line is unchanged but for the import and the host;
# the page glue (doc[...], binding clicks, the support check) uses the page's `js` objects.
import js
import py_websocket as websocket

try:
    from pyodide.ffi import create_proxy
except ImportError:
    from pyscript.ffi import create_proxy

alert = js.alert

class _Document:
    def __getitem__(self, id):
        return js.document.getElementById(id)

doc = _Document()

def on_open(evt):
    doc['sendbtn'].disabled = False
    doc['closebtn'].disabled = False
    doc['openbtn'].disabled = True

def on_message(evt):
    # message reeived from server
    alert("Mensaje recibido : %s" %evt.data)

def on_close(evt):
    # websocket is closed
    alert("Se ha cerrado la conexión")
    doc['openbtn'].disabled = False
    doc['closebtn'].disabled = True
    doc['sendbtn'].disabled = True

ws = None
def _open(ev):
    if not websocket.supported:
        alert("Tu navegador no soporta WebSocket")
        return
    global ws
    # open a web socket
    ws = websocket.WebSocket("/ws/echo")
    # bind functions to web socket events
    ws.bind('open',on_open)
    ws.bind('message',on_message)
    ws.bind('close',on_close)

def send(ev):
    data = doc["data"].value
    if data:
        ws.send(data)

def close_connection(ev):
    ws.close()
    doc['openbtn'].disabled = False

doc['openbtn'].addEventListener('click', create_proxy(_open))
doc['sendbtn'].addEventListener('click', create_proxy(send))
doc['closebtn'].addEventListener('click', create_proxy(close_connection))

js.harness.report('ready', True)
