"""Pieces shared by several request and response models."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

CleanStr = Annotated[str, Field(pattern=r"^[^\x00]*$")]
"""A string without NUL characters (PostgreSQL cannot store them)."""


class ApiModel(BaseModel):
    """Base of response models: unknown fields are refused, enums serialize as values."""

    model_config = ConfigDict(extra="forbid")


class RequestModel(BaseModel):
    """Base of request bodies: unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")
