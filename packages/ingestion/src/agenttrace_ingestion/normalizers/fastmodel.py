"""Build trusted pydantic models without per-field work (the hot path of ingestion).

``model_construct`` walks every field's aliases and defaults on each call, which costs more
than the rest of a span's normalization. Here the caller passes every field, already
valid, and the instance is set up the way ``model_construct`` leaves it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_set = object.__setattr__


def trusted(cls: type[M], values: dict[str, Any]) -> M:
    """An instance of ``cls`` holding ``values`` (all fields, valid, nothing extra)."""
    obj = cls.__new__(cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj
