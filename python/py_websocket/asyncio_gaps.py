"""What importing py_websocket adds to a runtime's asyncio, only where it is missing or
unusable, so that a CPython client starts and waits as it was written:

- ``asyncio.run(main())``: MicroPython has none, and Pyodide's blocks through WebAssembly
  stack switching (JSPI), which WebKit lacks;
- ``asyncio.get_event_loop().run_until_complete(main())``: likewise;
- ``asyncio.wait(tasks, timeout=None, return_when=…)`` with ``FIRST_COMPLETED``,
  ``FIRST_EXCEPTION``, ``ALL_COMPLETED``: MicroPython has none.

A page cannot block, so the supplied ``run()`` and ``run_until_complete()`` start ``main()``
and return its task at once; a failure of ``main()`` is a page error, as it would end the
program in CPython. Nothing else is changed.
"""

from .runtime import RUNTIME, reporting

if RUNTIME != "brython":  # (Brython has no asyncio to complete: browser.aio is its own)
    import asyncio

    if RUNTIME == "pyodide":
        import js

        _blocking_unusable = not hasattr(js.WebAssembly, "Suspending")
    else:
        _blocking_unusable = True

    def _start(main):
        """Starts ``main()`` (a coroutine or a task) and returns its task."""
        return asyncio.ensure_future(reporting(main)) if RUNTIME == "pyodide" else asyncio.create_task(reporting(main))

    if _blocking_unusable:
        # (Pyodide has both, unusable without JSPI; MicroPython has neither.)
        if RUNTIME == "pyodide" or not hasattr(asyncio, "run"):

            def run(main, *, debug=None, loop_factory=None):
                return _start(main)

            asyncio.run = run

        _loop = asyncio.get_event_loop()
        if RUNTIME == "micropython":
            # MicroPython's get_event_loop() gives the Loop class itself, of static methods.
            if not hasattr(_loop, "run_until_complete"):
                _loop.run_until_complete = _start
        else:
            type(_loop).run_until_complete = lambda loop, main: _start(main)

    if not hasattr(asyncio, "wait"):
        FIRST_COMPLETED = "FIRST_COMPLETED"
        FIRST_EXCEPTION = "FIRST_EXCEPTION"
        ALL_COMPLETED = "ALL_COMPLETED"

        async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
            """Waits for the tasks ``fs`` until ``return_when`` or ``timeout`` seconds; returns
            ``(done, pending)``, two sets of tasks. Cancels none of them."""
            if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
                raise ValueError("Invalid return_when value: %s" % return_when)
            tasks = set(fs)
            if not tasks:
                raise ValueError("Set of Tasks/Futures is empty.")
            if any(type(task).__name__ == "generator" for task in tasks):
                raise TypeError("Passing coroutines is forbidden, use tasks explicitly.")
            changed = asyncio.Event()
            failed = []
            timed_out = []

            async def watch(task):
                # MicroPython has no done callbacks: a task of its own awaits each one. It is
                # never cancelled: MicroPython would pass that on to the task it awaits.
                try:
                    await task
                except asyncio.CancelledError:
                    pass  # the task was cancelled: done, without an exception
                except BaseException:  # noqa: BLE001 - the task's own failure, still its to report
                    failed.append(task)
                changed.set()

            async def time_out():
                await asyncio.sleep(timeout)
                timed_out.append(True)
                changed.set()

            for task in tasks:
                asyncio.create_task(watch(task))
            timer = asyncio.create_task(time_out()) if timeout is not None else None
            try:
                while True:
                    done = set(task for task in tasks if task.done())
                    if (
                        len(done) == len(tasks)
                        or timed_out
                        or (return_when == FIRST_COMPLETED and done)
                        or (return_when == FIRST_EXCEPTION and failed)
                    ):
                        return done, tasks - done
                    changed.clear()
                    await changed.wait()
            finally:
                if timer is not None:
                    timer.cancel()

        asyncio.wait = wait
        asyncio.FIRST_COMPLETED = FIRST_COMPLETED
        asyncio.FIRST_EXCEPTION = FIRST_EXCEPTION
        asyncio.ALL_COMPLETED = ALL_COMPLETED
