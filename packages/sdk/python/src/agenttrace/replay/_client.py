"""A small HTTP client for the AgentTrace API (standard library only)."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

DEFAULT_API_URL = "http://localhost:8000"


class ApiError(RuntimeError):
    """The API answered with an error (``status`` and the server's ``detail``)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail


class ApiClient:
    """Calls ``/api/v1`` of an AgentTrace server.

    Args:
        api_url: Base URL of the API; default ``$AGENTTRACE_API_URL``, else
            ``http://localhost:8000``.
        api_key: Sent as a bearer token; default ``$AGENTTRACE_API_KEY``.
        timeout: Seconds per request.
    """

    def __init__(
        self, api_url: str | None = None, *, api_key: str | None = None, timeout: float = 30.0
    ) -> None:
        base = api_url or os.environ.get("AGENTTRACE_API_URL") or DEFAULT_API_URL
        self.base = base.rstrip("/").removesuffix("/api/v1") + "/api/v1"
        self.api_key = api_key or os.environ.get("AGENTTRACE_API_KEY") or None
        self.timeout = timeout

    def request(
        self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None
    ) -> Any:
        """Send one request; the decoded JSON answer (None for 204)."""
        url = self.base + path
        if params:
            url += "?" + urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.api_key:
            req.add_header("Authorization", f"Bearer {self.api_key}")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
                return json.loads(raw) if resp.status != 204 and raw else None
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                detail = json.loads(raw).get("detail", raw.decode(errors="replace"))
            except ValueError:
                detail = raw.decode(errors="replace")
            raise ApiError(exc.code, str(detail)) from None

    def get(self, path: str, **params: Any) -> Any:
        """GET ``path``."""
        return self.request("GET", path, params=params or None)

    def post(self, path: str, body: Any) -> Any:
        """POST ``body`` as JSON to ``path``."""
        return self.request("POST", path, body=body)

    def spans(self, trace_id: str) -> list[dict[str, Any]]:
        """Every span of a trace with its attributes, following the pages."""
        items: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            page = self.get(f"/traces/{trace_id}/spans", cursor=cursor)
            items.extend(page.get("items", []))
            cursor = page.get("next_cursor")
            if not cursor:
                return items
