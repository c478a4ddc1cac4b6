"""Pieces shared by several request and response models."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict


def _no_nul(value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


CleanStr = Annotated[str, AfterValidator(_no_nul)]
"""A string without NUL characters (PostgreSQL cannot store them)."""


class ApiModel(BaseModel):
    """Base of response models: unknown fields are refused, enums serialize as values."""

    model_config = ConfigDict(extra="forbid")


class RequestModel(BaseModel):
    """Base of request bodies: unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")
