"""Brython has no asyncio: py_websocket.brython.js installs this module in its place (unless
Brython's standard library is loaded), so that ``import asyncio`` says what to do instead of
"No module named 'undefined'"."""

from browser import window

error = ImportError(
    "Brython has no asyncio. py_websocket's asyncio client runs on Brython's own event loop, "
    "browser.aio: write 'from browser import aio' and 'aio.run(main())' in place of "
    "'import asyncio' and 'asyncio.run(main())'; connect(), send(), recv() and close() work as "
    "written (see docs/python/brython.md in py-websocket)",
    name="asyncio",
)
# Without it, Brython (3.14) ends the message with "Did you mean: 'undefined'?".
window.Reflect.set(error, "$suggestion", None)
raise error
