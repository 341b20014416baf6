# asyncio.wait as CPython has it (Pyodide runs CPython's own: the reference), and as
# py_websocket supplies it where the runtime has none (MicroPython): the same outcomes.
import asyncio
import js
import py_websocket  # noqa: F401 - supplies what the runtime lacks

report = js.harness.report


async def when(event, outcome):
    await event.wait()
    if outcome == "fail":
        raise ValueError("failed")
    return outcome


def names(tasks, named):
    return ",".join(sorted(named[task] for task in tasks))


async def main():
    go = {name: asyncio.Event() for name in "abc"}
    tasks = {name: asyncio.create_task(when(go[name], "fail" if name == "c" else name)) for name in "abc"}
    named = {task: name for name, task in tasks.items()}

    go["a"].set()
    done, pending = await asyncio.wait(tasks.values(), return_when=asyncio.FIRST_COMPLETED)
    report("first_completed", names(done, named) + "|" + names(pending, named))

    go["c"].set()
    done, pending = await asyncio.wait(tasks.values(), return_when=asyncio.FIRST_EXCEPTION)
    report("first_exception", names(done, named) + "|" + names(pending, named))

    done, pending = await asyncio.wait(tasks.values(), timeout=0.05)
    report("timeout", names(done, named) + "|" + names(pending, named))

    go["b"].set()
    done, pending = await asyncio.wait(set(tasks.values()))
    report("all_completed", names(done, named) + "|" + names(pending, named))
    report("result", await tasks["a"])
    try:
        await tasks["c"]
    except ValueError as error:
        report("exception", str(error))

    try:
        await asyncio.wait([])
    except ValueError:
        report("empty", "ValueError")
    coroutine = when(go["a"], "a")
    try:
        await asyncio.wait([coroutine])
    except TypeError:
        report("coroutine", "TypeError")
    coroutine.close()
    report("done", True)


asyncio.run(main())
