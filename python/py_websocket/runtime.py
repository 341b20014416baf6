"""What differs between the runtimes py_websocket runs in, in one place.

Brython, Pyodide and MicroPython (each on the page, the last two also in a PyScript worker)
reach the page, hand bytes to JavaScript, bind listeners, schedule work and spell ``await``
each their own way. The rest of the package asks this module and never tests the runtime.
"""

#: Whether this code runs in a PyScript worker, driving elements of the page.
IN_WORKER = False

try:
    from browser import window, document  # Brython

    RUNTIME = "brython"
except ImportError:
    import sys  # (not under Brython, where `sys` needs its separate standard library)
    import js as _own_global  # this thread's globals (a worker's own, not the page's)

    RUNTIME = "micropython" if sys.implementation.name == "micropython" else "pyodide"
    if RUNTIME == "micropython":
        from jsffi import create_proxy
    else:
        from pyodide.ffi import create_proxy, create_once_callable
    try:
        # Under PyScript, its window and document are the page's, from a worker too.
        from pyscript import RUNNING_IN_WORKER as IN_WORKER, document, window
    except ImportError:
        window = _own_global
        document = window.document

#: Whether this browser has WebSocket, read once when the package loads.
supported = bool(window.Function.new("return typeof WebSocket === 'function'")())

if RUNTIME == "brython":
    # Brython's own browser.websocket page checks this flag, which Brython 3.14 no longer has.
    window.__BRYTHON__.has_websocket = supported

# (JS helpers made here, so that every runtime reads their answers the same way.)
element_defined = window.Function.new("return Boolean(customElements.get('py-websocket'))")
_is_array_buffer = window.Function.new("value", "return value instanceof ArrayBuffer")


# Bytes crossing to and from JavaScript ------------------------------------------------

if RUNTIME == "micropython" or IN_WORKER:
    # MicroPython copies typed arrays byte by byte, and a worker's buffers are the page's:
    # a hex string crosses in one piece.
    _buffer_to_hex = window.Function.new(
        "buffer", "return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('')"
    )
    _hex_to_array = window.Function.new(
        "hex",
        "const array = new Uint8Array(hex.length / 2);"
        "for (let i = 0; i < array.length; i++) array[i] = parseInt(hex.substr(2 * i, 2), 16);"
        "return array;",
    )

    def bytes_from(buffer):
        """A JS ArrayBuffer as Python bytes."""
        return bytes.fromhex(str(_buffer_to_hex(buffer)))

    def uint8_array(data):
        """Python bytes, bytearray or memoryview as a JS Uint8Array."""
        return _hex_to_array(bytes(data).hex())

elif RUNTIME == "pyodide":

    def bytes_from(buffer):
        return buffer.to_bytes()

    def uint8_array(data):
        data = bytes(data)
        array = window.Uint8Array.new(len(data))
        array.assign(data)
        return array

else:

    def bytes_from(buffer):
        return bytes(window.Uint8Array.new(buffer))

    def uint8_array(data):
        return window.Uint8Array.new(list(bytes(data)))


def from_js(value):
    """What Python code sees of a message: str for text, bytes for binary."""
    if isinstance(value, str):
        return value
    if _is_array_buffer(value):
        return bytes_from(value)
    return value


# Listeners -----------------------------------------------------------------------------

if RUNTIME == "brython":

    def listen(element, event_type, function):
        """Calls ``function(js_event)`` for each ``event_type`` event; returns the listener."""
        element.bind(event_type, function)
        return function

    def stop_listening(element, event_type, listener):
        element.unbind(event_type, listener)

else:

    def listen(element, event_type, function):
        # One proxy per binding: it lives exactly as long as the binding.
        listener = create_proxy(function)
        element.addEventListener(event_type, listener)
        return listener

    def stop_listening(element, event_type, listener):
        element.removeEventListener(event_type, listener)
        # The listener may be the one running right now: destroy it on a later turn.
        if RUNTIME == "pyodide":
            later(listener.destroy)


# Scheduling ----------------------------------------------------------------------------


def later(function):
    """Runs ``function()`` on a later turn of this thread's event loop."""
    if RUNTIME == "pyodide":
        _own_global.setTimeout(create_once_callable(function), 0)
    elif RUNTIME == "micropython":
        _own_global.setTimeout(create_proxy(function), 0)
    else:
        window.setTimeout(function, 0)


def when_listeners_bound(function):
    """Runs ``function()`` once listeners bound just now are in place on the page: at once,
    or, from a worker, on a later turn (they reach the page after the worker's next calls)."""
    if IN_WORKER:
        later(function)
    else:
        function()


def report(error):
    """Makes an exception nobody can catch a page error, as an uncaught one would be."""
    window.reportError(window.Error.new("%s: %s" % (type(error).__name__, error)))


if RUNTIME == "brython":
    # Brython has no asyncio; its browser.aio runs coroutines on the page's event loop, and
    # its Future (a promise) is all a connection needs to wait on.
    from browser import aio as _aio

    class Event:
        """asyncio.Event's set / clear / is_set / wait, over browser.aio.Future."""

        def __init__(self):
            self._set = False
            self._future = None

        def is_set(self):
            return self._set

        def set(self):
            self._set = True
            if self._future is not None and not self._future.done():
                self._future.set_result(None)

        def clear(self):
            self._set = False
            self._future = None

        async def wait(self):
            if not self._set:
                if self._future is None:
                    self._future = _aio.Future()
                await self._future

    sleep = _aio.sleep
    _spawn = _aio.run
    TimeoutError = TimeoutError
else:
    import asyncio

    Event = asyncio.Event
    sleep = asyncio.sleep
    # Pyodide: ensure_future works from a JS event handler, where no loop is running.
    _spawn = asyncio.ensure_future if RUNTIME == "pyodide" else asyncio.create_task
    try:
        TimeoutError = TimeoutError
    except NameError:  # MicroPython has no builtin TimeoutError
        TimeoutError = asyncio.TimeoutError


def is_coroutine(value):
    # Pyodide has coroutine objects; MicroPython's are generators.
    return type(value).__name__ in ("coroutine", "generator")


async def reporting(coroutine):
    """Runs ``coroutine`` to its result; its failure is a page error (it would end the program
    in CPython)."""
    try:
        return await coroutine
    except Exception as error:  # noqa: BLE001 - reported, not lost
        report(error)


#: Tasks still running that nobody awaits: asyncio keeps only weak references to its tasks.
_running = set()


def start(coroutine):
    """Runs ``coroutine`` as a task of its own (an async handler); its failure is a page error."""
    task = None

    async def run():
        try:
            await reporting(coroutine)
        finally:
            _running.discard(task)

    task = _spawn(run())
    if task is not None:  # (Brython's aio.run gives none, and keeps its promise alive itself)
        _running.add(task)


def promise_of(coroutine):
    """A JS promise that runs ``coroutine`` as a task of its own and settles with it: fulfilled
    when it returns, rejected with an ``Error`` naming the exception when it raises (for a
    ``waitUntil()``: the element reports the rejection, so it is no page error here)."""

    def executor(resolve, reject):
        async def settle():
            try:
                await coroutine
            except Exception as error:  # noqa: BLE001 - handed to the promise
                reject(window.Error.new("%s: %s" % (type(error).__name__, error)))
            else:
                resolve(None)

        start(settle())

    if RUNTIME == "pyodide":
        # (The executor runs during Promise.new; resolve and reject are kept past it.)
        return window.Promise.new(create_once_callable(executor))
    return window.Promise.new(executor)


def awaitable(cls):
    """Lets ``await instance`` run ``instance.__await_impl__()``, as each runtime spells it."""
    if RUNTIME == "micropython":
        # MicroPython's `await x` runs what x.__iter__() gives.
        cls.__iter__ = lambda self: self.__await_impl__()
    elif RUNTIME == "brython":
        # Brython awaits what __await__ gives: here a JS promise.
        def await_promise(self):
            running = self.__await_impl__()

            def executor(resolve, reject):
                async def settle():
                    try:
                        resolve(await running)
                    except BaseException as error:
                        reject(error)

                _aio.run(settle())

            promise = window.Promise.new(executor)
            promise.__next__ = None  # all Brython asks of an awaitable
            return promise

        cls.__await__ = await_promise
    else:
        cls.__await__ = lambda self: self.__await_impl__().__await__()
    return cls


#: Whether an object is finalized as soon as its last reference goes (so that leaving an
#: ``async for`` loop early can close what it opened), as in CPython.
FINALIZES_AT_ONCE = RUNTIME == "pyodide"


# Constants -----------------------------------------------------------------------------

if RUNTIME == "pyodide":
    from enum import IntEnum
else:

    class IntEnum:
        """MicroPython and Brython (without its standard library) have no ``enum``: the
        members stay plain integers, with the same names and values."""
