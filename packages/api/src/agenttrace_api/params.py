"""Path and query parameters shared by several routes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import Path, Query
from fastapi.responses import Response
from pydantic import BaseModel
from pydantic_core import to_json

from agenttrace_api.timeutil import datetime_to_ns

TraceIdPath = Annotated[
    str,
    Path(
        pattern=r"^[0-9a-fA-F]{32}$",
        description="The 32-character hex trace id",
        examples=["0af7651916cd43dd8448eb211c80319c"],
    ),
]
TraceIdQuery = Annotated[
    str,
    Query(
        pattern=r"^[0-9a-fA-F]{32}$",
        description="A 32-character hex trace id",
        examples=["0af7651916cd43dd8448eb211c80319c"],
    ),
]
SpanIdPath = Annotated[
    str, Path(pattern=r"^[0-9a-fA-F]{16}$", description="The 16-character hex span id")
]
ProjectQuery = Annotated[
    str | None, Query(max_length=255, pattern=r"^[^\x00]*$", description="Only this project")
]
SinceQuery = Annotated[
    datetime | None, Query(description="ISO-8601; only runs that started at or after this")
]
UntilQuery = Annotated[
    datetime | None, Query(description="ISO-8601; only runs that started at or before this")
]
CursorQuery = Annotated[
    str | None,
    Query(
        max_length=2048,
        pattern=r"^[A-Za-z0-9_-]*$",
        description="The `next_cursor` of the previous page (422 when it is not one)",
    ),
]


def window_ns(since: datetime | None, until: datetime | None) -> tuple[int | None, int | None]:
    """The time window in nanoseconds (a window that ends before it starts selects nothing)."""
    since_ns = datetime_to_ns(since) if since is not None else None
    until_ns = datetime_to_ns(until) if until is not None else None
    return since_ns, until_ns


def raw_json_response(content: Any) -> Response:
    """JSON of plain data that already has the response model's shape (the big lists).

    Skips pydantic on purpose: a 10,000-span page costs several times more through model
    validation; the schemathesis test checks these answers against the schema.
    """
    return Response(to_json(content), media_type="application/json")


def json_response(model: BaseModel) -> Response:
    """Serialize a validated response model once (large lists skip FastAPI's re-validation)."""
    return Response(model.model_dump_json(), media_type="application/json")
