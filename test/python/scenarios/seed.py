# The example of Brython's browser.websocket documentation, unchanged but for two lines:
# the import of the websocket module and the host.
from browser import alert, document as doc
import py_websocket as websocket

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
    if not __BRYTHON__.has_websocket:
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

doc['openbtn'].bind('click', _open)
doc['sendbtn'].bind('click', send)
doc['closebtn'].bind('click', close_connection)

from browser import window
window.harness.report('ready', True)
