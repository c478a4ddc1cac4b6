"""The MCP tools' way to the AgentTrace API: one httpx client, errors as plain sentences.

Both transports read through the HTTP API, so an MCP caller sees exactly what its API key
lets it see: ``agenttrace mcp`` (stdio) talks to a running API over the network, and ``/mcp``
on the API port calls the same app in process with the caller's own key.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

API_PREFIX = "/api/v1"
TIMEOUT = httpx.Timeout(30.0, connect=5.0)

_TRACE_ID = re.compile(r"^[0-9a-f]{32}$")
_SPAN_ID = re.compile(r"^[0-9a-f]{16}$")
_OTHER_ID = re.compile(r"^[^\x00/?#]{1,64}$")


class ToolInputError(ValueError):
    """A tool argument, or what the API said about it, in a sentence for the model."""


def trace_id_arg(value: str, name: str = "trace_id") -> str:
    """A trace id (32 hex digits), lower-cased; else a :class:`ToolInputError`."""
    tid = value.strip().lower()
    if not _TRACE_ID.match(tid):
        raise ToolInputError(
            f"{name} must be a trace id of 32 hex digits (got {value!r}); list_runs shows them"
        )
    return tid


def span_id_arg(value: str) -> str:
    """A span id (16 hex digits), lower-cased; else a :class:`ToolInputError`."""
    sid = value.strip().lower()
    if not _SPAN_ID.match(sid):
        raise ToolInputError(
            f"span_id must be 16 hex digits (got {value!r}); get_run and explain_failure show them"
        )
    return sid


def checkpoint_id_arg(value: str) -> str:
    """A checkpoint id as list_checkpoints prints it; else a :class:`ToolInputError`."""
    cid = value.strip()
    if not _OTHER_ID.match(cid):
        raise ToolInputError(f"not a checkpoint id: {value!r}; list_checkpoints shows them")
    return cid


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return response.text[:300] or response.reason_phrase
    if isinstance(detail, list):  # FastAPI's validation errors
        return "; ".join(
            f"{'.'.join(str(p) for p in d.get('loc', [])[1:])}: {d.get('msg')}" for d in detail
        )
    return str(detail)


class ApiClient:
    """Reads the AgentTrace API (``/api/v1``); every failure is a :class:`ToolInputError`.

    Args:
        client: An ``httpx.AsyncClient`` whose ``base_url`` is the API's root and whose
            headers carry the API key, if any.
    """

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def get(self, path: str, **params: Any) -> Any:
        """``GET /api/v1{path}`` with the non-None ``params``; the decoded JSON."""
        query = {k: v for k, v in params.items() if v is not None}
        try:
            response = await self._client.get(API_PREFIX + path, params=query)
        except httpx.HTTPError as exc:
            raise ToolInputError(
                f"the AgentTrace API at {self._client.base_url} cannot be reached ({exc}); "
                "is `agenttrace serve` running?"
            ) from exc
        if response.status_code == 401:
            raise ToolInputError("the AgentTrace API wants an API key (--api-key or x-api-key)")
        if response.status_code == 403:
            raise ToolInputError(f"the API key may not see this: {_detail(response)}")
        if response.status_code in (400, 404, 422):
            raise ToolInputError(_detail(response))
        if response.status_code >= 400:
            raise ToolInputError(
                f"the AgentTrace API answered {response.status_code}: {_detail(response)}"
            )
        return response.json()
