"""The <py-websocket> elements behind both APIs: made, configured and put in the page here."""

from .runtime import document, element_defined, supported, when_listeners_bound, window

#: Sends ``data`` if the element's socket is open and gives its ``bufferedAmount``, else -1:
#: one call into JavaScript (a round trip to the page from a worker) instead of three.
send_if_open = window.Function.new(
    "element", "data", "if (element.readyState !== 1) return -1; element.send(data); return element.bufferedAmount;"
)


def check_usable():
    """Raises ``NotImplementedError`` without WebSocket, ``RuntimeError`` without the element."""
    if not supported:
        raise NotImplementedError("WebSocket is not supported in this browser")
    if not element_defined():
        raise RuntimeError("<py-websocket> is not defined: load py-websocket.js before using py_websocket")


def new_element(host=None, protocols=None, attributes=None, id=None):
    """A new <py-websocket>, not yet in the page. Binary arrives as ArrayBuffer, so that
    Python code can be given bytes at once."""
    element = document.createElement("py-websocket")
    if id:
        element.id = id
    configure(element, host, protocols, attributes)
    return element


def configure(element, host=None, protocols=None, attributes=None):
    element.setAttribute("binary-type", "arraybuffer")
    for name, value in (attributes or {}).items():
        element.setAttribute(name, value)
    if protocols:
        element.setAttribute("protocols", protocols if isinstance(protocols, str) else " ".join(protocols))
    if host:
        element.setAttribute("host", host)


def insert(element, unless=None):
    """Puts ``element`` in the page, where it connects, once the listeners bound to it are in
    place (else its open could go unheard), unless ``unless()`` then says it is no longer wanted."""
    when_listeners_bound(lambda: None if unless is not None and unless() else document.body.appendChild(element))
