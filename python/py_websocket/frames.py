"""Close frames, as ``websockets.frames``: ``Close``, ``CloseCode`` and ``OK_CLOSE_CODES``."""

from .runtime import IntEnum

__all__ = ["Close", "CloseCode", "OK_CLOSE_CODES"]


class CloseCode(IntEnum):
    """Close code values for WebSocket close frames."""

    NORMAL_CLOSURE = 1000
    GOING_AWAY = 1001
    PROTOCOL_ERROR = 1002
    UNSUPPORTED_DATA = 1003
    # 1004 is reserved
    NO_STATUS_RCVD = 1005
    ABNORMAL_CLOSURE = 1006
    INVALID_DATA = 1007
    POLICY_VIOLATION = 1008
    MESSAGE_TOO_BIG = 1009
    MANDATORY_EXTENSION = 1010
    INTERNAL_ERROR = 1011
    SERVICE_RESTART = 1012
    TRY_AGAIN_LATER = 1013
    BAD_GATEWAY = 1014
    TLS_HANDSHAKE = 1015


# As websockets explains close codes in its messages.
_EXPLANATIONS = {
    1000: "OK",
    1001: "going away",
    1002: "protocol error",
    1003: "unsupported data",
    1005: "no status received [internal]",
    1006: "abnormal closure [internal]",
    1007: "invalid frame payload data",
    1008: "policy violation",
    1009: "message too big",
    1010: "mandatory extension",
    1011: "internal error",
    1012: "service restart",
    1013: "try again later",
    1014: "bad gateway",
    1015: "TLS handshake failure [internal]",
}

#: Endings that are normal: ``ConnectionClosedOK``, and ``async for message in ws`` stops quietly.
OK_CLOSE_CODES = (1000, 1001, 1005)


class Close:
    """A close frame: ``code`` and ``reason``."""

    def __init__(self, code, reason):
        self.code = code
        self.reason = reason

    def __str__(self):
        if 3000 <= self.code < 4000:
            explanation = "registered"
        elif 4000 <= self.code < 5000:
            explanation = "private use"
        else:
            explanation = _EXPLANATIONS.get(self.code, "unknown")
        return "%d (%s)%s" % (self.code, explanation, " " + self.reason if self.reason else "")

    def __repr__(self):
        return "Close(code=%d, reason=%r)" % (self.code, self.reason)
