# Brython has no asyncio: a CPython client's `import asyncio` says what to write instead,
# not "No module named 'undefined'".
from browser import window

try:
    import asyncio  # noqa: F401
except ImportError as error:
    window.harness.report("asyncio_error", str(error))
window.harness.report("done", True)
