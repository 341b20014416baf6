"""The connection's state, as ``websockets.protocol``: ``State``."""

from .runtime import IntEnum

__all__ = ["State", "CONNECTING", "OPEN", "CLOSING", "CLOSED"]


class State(IntEnum):
    """A WebSocket connection's state (an ``IntEnum`` where the runtime has ``enum``, plain
    integers elsewhere), with ``readyState``'s values."""

    CONNECTING, OPEN, CLOSING, CLOSED = 0, 1, 2, 3


CONNECTING = State.CONNECTING
OPEN = State.OPEN
CLOSING = State.CLOSING
CLOSED = State.CLOSED
