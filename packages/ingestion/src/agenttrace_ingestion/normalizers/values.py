"""OTLP AnyValue decoding and small value helpers shared by every normalizer."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue


def decode_value(value: AnyValue) -> Any:
    """Turn an OTLP ``AnyValue`` into a plain JSON-compatible Python value.

    Bytes become lower-case hex, arrays lists and kvlists dicts.

    >>> decode_value(AnyValue(int_value=3))
    3
    """
    kind = value.WhichOneof("value")
    if kind == "string_value":
        return value.string_value
    if kind == "int_value":
        return value.int_value
    if kind == "bool_value":
        return value.bool_value
    if kind == "double_value":
        return value.double_value
    if kind == "array_value":
        return [decode_value(v) for v in value.array_value.values]
    if kind == "kvlist_value":
        return {kv.key: decode_value(kv.value) for kv in value.kvlist_value.values}
    if kind == "bytes_value":
        return value.bytes_value.hex()
    return None


def decode_attributes(pairs: Iterable[KeyValue]) -> dict[str, Any]:
    """Decode a repeated ``KeyValue`` field into a flat dict (last key wins).

    The hot loop of ingestion (every attribute of every span): non-empty strings (most
    values) and integers are read inline, the rest through :func:`decode_value`.
    """
    out: dict[str, Any] = {}
    for kv in pairs:
        value = kv.value
        text = value.string_value  # "" unless a non-empty string: then no WhichOneof
        if text:
            out[kv.key] = text
            continue
        kind = value.WhichOneof("value")
        if kind == "int_value":
            out[kv.key] = value.int_value
        elif kind == "string_value":
            out[kv.key] = text
        else:
            out[kv.key] = decode_value(value)
    return out


def as_str(value: Any) -> str | None:
    """Return ``value`` as a non-empty string, JSON-encoding lists and dicts."""
    if value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def as_int(value: Any) -> int | None:
    """Return ``value`` as an int when it is one (or a numeric string), else None."""
    if type(value) is int or value is None:
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def loads_or_none(text: Any) -> Any:
    """Parse a JSON string; return None when it is not a string or not JSON."""
    if not isinstance(text, str) or not text or text[0] not in '[{"':
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def clip(name: str | None, limit: int = 255) -> str | None:
    """Trim a name to what the database column holds; empty names become None."""
    if not name:
        return None
    name = name.strip()
    return name[:limit] or None
