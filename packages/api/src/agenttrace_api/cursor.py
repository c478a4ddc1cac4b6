"""Opaque keyset cursors: the last row's sort key, encoded as URL-safe base64 JSON."""

from __future__ import annotations

import base64
import binascii
import json
import math
from typing import Any

from agenttrace_api.errors import InvalidCursorError
from agenttrace_api.timeutil import clamp_int64


def encode_cursor(kind: str, *values: int | float | str) -> str:
    """An opaque cursor for a list of ``kind`` that continues after ``values``."""
    raw = json.dumps([kind, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, types: tuple[type, ...]) -> list[Any]:
    """The values of a cursor made by :func:`encode_cursor`; ``InvalidCursorError`` if bad.

    ``types`` gives the expected type of each value (``int`` values are clamped to 64 bits;
    a ``float`` may be given as an integer, never as NaN or infinity).
    """
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise InvalidCursorError("invalid cursor") from exc
    if not isinstance(data, list) or len(data) != len(types) + 1 or data[0] != kind:
        raise InvalidCursorError("cursor does not belong to this list or sort order")
    values = data[1:]
    out: list[Any] = []
    for value, expected in zip(values, types, strict=True):
        if expected is int:
            if not isinstance(value, int) or isinstance(value, bool):
                raise InvalidCursorError("invalid cursor")
            out.append(clamp_int64(value))
        elif expected is float:
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise InvalidCursorError("invalid cursor")
            if not math.isfinite(value):
                raise InvalidCursorError("invalid cursor")
            out.append(float(value))
        elif isinstance(value, str) and "\x00" not in value:
            out.append(value)
        else:
            raise InvalidCursorError("invalid cursor")
    return out
