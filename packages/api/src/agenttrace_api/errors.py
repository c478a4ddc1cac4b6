"""Error responses: every error is JSON ``{"detail": …}`` with the right status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class ValidationIssue(BaseModel):
    """One problem with a request's values (FastAPI's validation error entry)."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorResponse(BaseModel):
    """The body of every error response: a message, or the list of invalid values (422)."""

    detail: str | list[ValidationIssue]


class NotFoundError(LookupError):
    """A resource the request names does not exist (404)."""


class InvalidCursorError(ValueError):
    """A pagination cursor that this list did not produce (422)."""


class InvalidRequestError(ValueError):
    """A well-formed request whose values do not make sense together (422)."""


class ConflictError(ValueError):
    """A request the current state of the resource does not allow (409)."""


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given error statuses."""
    descriptions = {
        400: "The body cannot be read as JSON",
        401: "A valid API key is required",
        403: "The API key does not give access to this project",
        404: "Not found",
        409: "Conflicts with the current state",
        422: "Invalid request",
    }
    return {
        status: {"model": ErrorResponse, "description": descriptions.get(status, "Error")}
        for status in statuses
    }


def install_error_handlers(app: FastAPI) -> None:
    """Map our exceptions to JSON error responses."""

    async def not_found(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc) or "Not found"}, status_code=404)

    async def invalid(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc) or "Invalid request"}, status_code=422)

    async def conflict(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc) or "Conflict"}, status_code=409)

    app.add_exception_handler(NotFoundError, not_found)
    app.add_exception_handler(ConflictError, conflict)
    app.add_exception_handler(InvalidCursorError, invalid)
    app.add_exception_handler(InvalidRequestError, invalid)
