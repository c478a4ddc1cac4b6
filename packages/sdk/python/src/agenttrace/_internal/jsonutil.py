"""JSON encoding that never fails (pydantic models, dataclasses, sets, anything with a repr)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

MAX_TEXT = 32_000


def _default(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        try:
            return dump(mode="json")
        except Exception:
            return repr(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return repr(value)


def dumps(value: Any) -> str:
    """``value`` as JSON; whatever JSON cannot express becomes its ``repr``."""
    try:
        return json.dumps(value, default=_default, ensure_ascii=False)
    except (TypeError, ValueError):
        return json.dumps(repr(value))


def as_text(value: Any, limit: int = MAX_TEXT) -> str:
    """A string for an attribute: strings as they are, the rest as JSON; cut at ``limit``."""
    text = value if isinstance(value, str) else dumps(value)
    return text if len(text) <= limit else text[:limit] + "…"


def loads_or_none(text: object) -> Any:
    """Parse JSON, or ``None`` when ``text`` is not a JSON string."""
    if not isinstance(text, str) or not text or text[0] not in '[{"':
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None
