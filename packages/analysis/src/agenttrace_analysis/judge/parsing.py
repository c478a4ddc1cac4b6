"""Reading JSON out of what a model replied, which is not always clean JSON."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

logger = logging.getLogger(__name__)

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", text))
    except ValueError:
        return None


def extract_json(reply: str) -> dict[str, Any] | None:
    """The first JSON object in ``reply``: bare, in a code fence, or amid prose; else None."""
    candidates = [reply.strip(), *(m.strip() for m in _FENCE.findall(reply))]
    start, end = reply.find("{"), reply.rfind("}")
    if 0 <= start < end:
        candidates.append(reply[start : end + 1])
    for text in candidates:
        value = _loads(text)
        if isinstance(value, dict):
            return value
    logger.info("no JSON object in the judge's reply (%d characters)", len(reply))
    return None


def as_bool(value: Any) -> bool:
    """A model's yes: true, 1, "yes", "true", "present" (anything else is no)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value >= 1
    if isinstance(value, str):
        return value.strip().lower() in {"yes", "true", "1", "present", "y"}
    if isinstance(value, dict):
        return as_bool(value.get("present", value.get("value", False)))
    return False


def as_int(value: Any) -> int | None:
    """An integer from an int or a string holding one; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        match = re.search(r"-?\d+", value)
        return int(match.group(0)) if match else None
    return None
