"""Request bodies of human annotations."""

from __future__ import annotations

import re
from typing import Annotated

from agenttrace_core.enums import AnnotationStatus, MastCategory
from pydantic import AfterValidator, Field

from agenttrace_api.schemas.common import CleanStr, RequestModel

MAST_MODES: dict[str, MastCategory] = {
    **{f"FM-1.{i}": MastCategory.SPECIFICATION for i in range(1, 6)},
    **{f"FM-2.{i}": MastCategory.INTER_AGENT for i in range(1, 7)},
    **{f"FM-3.{i}": MastCategory.VERIFICATION for i in range(1, 4)},
}
"""The 14 MAST failure modes and their categories."""

_SPAN_RE = re.compile(r"^[0-9a-f]{16}$")


def _mode(value: str) -> str:
    if value not in MAST_MODES:
        raise ValueError(f"unknown MAST mode; one of {', '.join(MAST_MODES)}")
    return value


def _span_id(value: str | None) -> str | None:
    if value is not None and not _SPAN_RE.match(value.lower()):
        raise ValueError("a span id is 16 hex characters")
    return value.lower() if value else value


MastMode = Annotated[str, AfterValidator(_mode), Field(examples=["FM-2.3"])]


class AnnotationCreate(RequestModel):
    """A person's failure label on a trace, or on one agent or span of it."""

    mode: MastMode
    agent: CleanStr | None = Field(default=None, max_length=255)
    span_id: Annotated[str | None, AfterValidator(_span_id)] = None
    explanation: CleanStr | None = Field(default=None, max_length=20_000)
    status: AnnotationStatus = AnnotationStatus.CONFIRMED


class AnnotationUpdate(RequestModel):
    """Confirm or reject a (machine or human) annotation, optionally saying why."""

    status: AnnotationStatus
    explanation: CleanStr | None = Field(default=None, max_length=20_000)
