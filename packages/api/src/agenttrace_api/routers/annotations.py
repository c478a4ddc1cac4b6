"""Human failure annotations and reviews (``/api/v1/…/annotations``)."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path

from agenttrace_api.deps import Caller, State, VisibleTrace
from agenttrace_api.errors import error_responses
from agenttrace_api.queries import annotations as q
from agenttrace_api.schemas.analysis import Annotation
from agenttrace_api.schemas.annotations import AnnotationCreate, AnnotationUpdate

logger = logging.getLogger(__name__)

router = APIRouter(tags=["annotations"])

AnnotationIdPath = Annotated[str, Path(max_length=64, pattern=r"^[^\x00/]+$")]


@router.post(
    "/traces/{trace_id}/annotations",
    response_model=Annotation,
    status_code=201,
    responses=error_responses(400, 401, 404, 422),
)
async def create_annotation(
    trace: VisibleTrace, body: AnnotationCreate, state: State
) -> Annotation:
    """Label a run (or one of its agents or spans) with a MAST failure mode, as a person."""
    trace_id = trace.trace_id
    async with state.engine.begin() as conn:
        created = await q.add_annotation(conn, trace, body, author=None)
    logger.info("human annotation %s (%s) on trace %s", created["id"], body.mode, trace_id)
    return Annotation.model_validate(created)


@router.patch(
    "/annotations/{annotation_id}",
    response_model=Annotation,
    responses=error_responses(400, 401, 404, 422),
)
async def review_annotation(
    annotation_id: AnnotationIdPath, body: AnnotationUpdate, state: State, caller: Caller
) -> Annotation:
    """Confirm or reject an annotation (machine or human).

    A machine annotation that is no longer ``proposed`` is kept as it is when the trace is
    analysed again.
    """
    async with state.engine.begin() as conn:
        updated = await q.review_annotation(conn, annotation_id, body, caller.project)
    logger.info("annotation %s reviewed: %s", annotation_id, body.status.value)
    return Annotation.model_validate(updated)
