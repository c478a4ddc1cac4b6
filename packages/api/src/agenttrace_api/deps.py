"""Dependencies of the routes: the shared engine and settings, and the API key check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from agenttrace_core.auth import KeyChecker, key_from_headers
from agenttrace_core.settings import Settings
from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass
class ApiState:
    """What every route of one app shares (stored on ``app.state.api``)."""

    settings: Settings
    engine: AsyncEngine
    keys: KeyChecker


@dataclass(frozen=True)
class Principal:
    """Who is asking: ``project`` is set when the API key belongs to one project."""

    project: str | None = None

    def scope(self, requested: str | None) -> str | None:
        """The project a list must be limited to; 403 when asking for another one."""
        if self.project is None:
            return requested
        if requested is not None and requested != self.project:
            raise HTTPException(403, "the API key does not give access to this project")
        return self.project

    def can_see(self, project: str) -> bool:
        """Whether a row of ``project`` is visible to this caller."""
        return self.project is None or self.project == project


def get_state(request: Request) -> ApiState:
    """The shared state of the app serving ``request``."""
    state: ApiState = request.app.state.api
    return state


State = Annotated[ApiState, Depends(get_state)]


_bearer = HTTPBearer(auto_error=False, description="An AgentTrace API key as a bearer token")
_header = APIKeyHeader(name="x-api-key", auto_error=False, description="An AgentTrace API key")


async def require_key(
    state: State,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    x_api_key: Annotated[str | None, Depends(_header)],
) -> Principal:
    """Check the request's API key (when keys are configured) and say whose it is."""
    authorization = f"Bearer {bearer.credentials}" if bearer else None
    result = await state.keys.check(key_from_headers(authorization, x_api_key))
    if not result.allowed:
        raise HTTPException(
            401, "a valid API key is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return Principal(project=result.project)


Caller = Annotated[Principal, Depends(require_key)]
