"""Just enough of Pyodide's ``js`` and ``pyodide.ffi`` for py_websocket to import and run under
CPython, with a fake <py-websocket> element: the callback API's logic, tested without a browser.

A JS snippet that py_websocket builds with ``Function.new`` must be known here; an unknown
one fails loudly, so a new snippet is never faked by accident.
"""

import asyncio
import sys
import types


class JsError(Exception):
    """A JS exception, as Pyodide raises it into Python."""

    def __init__(self, name, message):
        super().__init__("%s: %s" % (name, message))
        self.name = name
        self.message = message


class FakeError:
    def __init__(self, message):
        self.message = message


class FakePromise:
    """A promise whose executor runs at once, as JS's does; ``then`` only records callbacks."""

    def __init__(self, executor):
        self.state = "pending"
        self.value = None
        self._callbacks = []
        executor(self._resolve, self._reject)

    def _settle(self, state, value):
        if self.state == "pending":
            self.state, self.value = state, value
            for on_fulfilled, on_rejected in self._callbacks:
                callback = on_fulfilled if state == "fulfilled" else on_rejected
                if callback is not None:
                    callback(value)

    def _resolve(self, value):
        self._settle("fulfilled", value)

    def _reject(self, reason):
        self._settle("rejected", reason)

    def then(self, on_fulfilled=None, on_rejected=None):
        self._callbacks.append((on_fulfilled, on_rejected))
        if self.state != "pending":
            self._settle(self.state, self.value)


class FakeEvent:
    """A CustomEvent of the element; a ``connecting`` one also has ``waitUntil``, which, as an
    ExtendableEvent's, throws once dispatch is over."""

    def __init__(self, type, **fields):
        self.type = type
        self.dispatching = False
        self.promises = []
        for name, value in fields.items():
            setattr(self, name, value)
        if type == "connecting":
            self.waitUntil = self._wait_until

    def _wait_until(self, promise):
        if not self.dispatching:
            raise JsError("InvalidStateError", "waitUntil() called after the event was dispatched")
        self.promises.append(promise)


class FakeElement:
    def __init__(self, id=None):
        self.id = id
        self.attributes = {}
        self.listeners = {}
        self.readyState = 0
        self.host = ""
        self.manual = False
        self.url = ""

    def setAttribute(self, name, value):
        self.attributes[name] = value
        if name == "host":
            self.host = value

    def addEventListener(self, type, listener):
        self.listeners.setdefault(type, []).append(listener)

    def removeEventListener(self, type, listener):
        if listener in self.listeners.get(type, []):
            self.listeners[type].remove(listener)

    def dispatch(self, event):
        event.dispatching = True
        try:
            for listener in list(self.listeners.get(event.type, [])):
                listener(event)
        finally:
            event.dispatching = False
        return event

    def connect(self):
        pass

    def remove(self):
        pass


class FakeDocument:
    def __init__(self):
        self.elements = {}
        self.body = types.SimpleNamespace(appendChild=lambda element: None)

    def getElementById(self, id):
        return self.elements.get(id)

    def createElement(self, tag):
        return FakeElement()


_snippets = {
    "return typeof WebSocket === 'function'": lambda: True,
    "return Boolean(customElements.get('py-websocket'))": lambda: True,
    "return value instanceof ArrayBuffer": lambda value: False,
    "return typeof evt.waitUntil === 'function'": lambda evt: callable(getattr(evt, "waitUntil", None)),
}


def _function_new(*params_and_body):
    body = params_and_body[-1]
    if body.startswith("if (element.readyState !== 1) return -1;"):
        return lambda element, data: -1
    if body not in _snippets:
        raise NotImplementedError("fake_pyodide does not know this JS snippet: %r" % body)
    return _snippets[body]


def install():
    """Puts the fakes in ``sys.modules``; returns the fake ``js`` (the page's window)."""
    js = types.ModuleType("js")
    js.document = FakeDocument()
    js.Function = types.SimpleNamespace(new=_function_new)
    js.Promise = types.SimpleNamespace(new=FakePromise)
    js.Error = types.SimpleNamespace(new=FakeError)
    js.reported = []
    js.reportError = js.reported.append
    js.WebAssembly = types.SimpleNamespace(Suspending=object())
    js.setTimeout = lambda function, ms=0: asyncio.get_running_loop().call_soon(function)
    ffi = types.ModuleType("pyodide.ffi")
    ffi.create_proxy = lambda function: function
    ffi.create_once_callable = lambda function: function
    pyodide = types.ModuleType("pyodide")
    pyodide.ffi = ffi
    sys.modules.update({"js": js, "pyodide": pyodide, "pyodide.ffi": ffi})
    return js
