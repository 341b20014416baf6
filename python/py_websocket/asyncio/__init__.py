"""The asyncio client, as ``websockets.asyncio``: see ``py_websocket.asyncio.client``."""
