"""Request bodies of human annotations."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from agenttrace_core.enums import AnnotationStatus, MastCategory
from pydantic import AfterValidator, Field

from agenttrace_api.schemas.common import CleanStr, RequestModel

MAST_MODES: dict[str, MastCategory] = {
    **{f"FM-1.{i}": MastCategory.SPECIFICATION for i in range(1, 6)},
    **{f"FM-2.{i}": MastCategory.INTER_AGENT for i in range(1, 7)},
    **{f"FM-3.{i}": MastCategory.VERIFICATION for i in range(1, 4)},
}
"""The 14 MAST failure modes and their categories."""

MastMode = Literal[
    "FM-1.1", "FM-1.2", "FM-1.3", "FM-1.4", "FM-1.5",
    "FM-2.1", "FM-2.2", "FM-2.3", "FM-2.4", "FM-2.5", "FM-2.6",
    "FM-3.1", "FM-3.2", "FM-3.3",
]  # fmt: skip
"""A MAST failure mode code (an enum in the OpenAPI schema)."""
assert set(get_args(MastMode)) == set(MAST_MODES)


class AnnotationCreate(RequestModel):
    """A person's failure label on a trace, or on one agent or span of it."""

    mode: MastMode
    agent: CleanStr | None = Field(default=None, max_length=255)
    span_id: (
        Annotated[str, Field(pattern=r"^[0-9a-fA-F]{16}$"), AfterValidator(str.lower)] | None
    ) = None
    """The span the failure shows in (16 hex characters)."""
    explanation: CleanStr | None = Field(default=None, max_length=20_000)
    status: AnnotationStatus = AnnotationStatus.CONFIRMED


class AnnotationUpdate(RequestModel):
    """Confirm or reject a (machine or human) annotation, optionally saying why."""

    status: AnnotationStatus
    explanation: CleanStr | None = Field(default=None, max_length=20_000)
