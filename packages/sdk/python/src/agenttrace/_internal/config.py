"""What ``init()`` resolves from its arguments and the ``AGENTTRACE_*`` environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

DEFAULT_ENDPOINT = "http://localhost:4318"


@dataclass(frozen=True)
class Config:
    """Resolved SDK settings: argument, then environment variable, then default."""

    endpoint: str
    traces_url: str
    project: str | None
    api_key: str | None
    service_name: str | None
    timeout: float
    headers: dict[str, str] = field(default_factory=dict)


def resolve(
    *,
    endpoint: str | None,
    project: str | None,
    api_key: str | None,
    service_name: str | None,
    timeout: float,
) -> Config:
    """Arguments win over ``AGENTTRACE_ENDPOINT/PROJECT/API_KEY``, which win over defaults."""
    base = (endpoint or os.environ.get("AGENTTRACE_ENDPOINT") or DEFAULT_ENDPOINT).strip()
    base = base.rstrip("/")
    traces_url = base if base.endswith("/v1/traces") else f"{base}/v1/traces"
    key = api_key or os.environ.get("AGENTTRACE_API_KEY") or None
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Config(
        endpoint=base.removesuffix("/v1/traces"),
        traces_url=traces_url,
        project=project or os.environ.get("AGENTTRACE_PROJECT") or None,
        api_key=key,
        service_name=service_name,
        timeout=timeout,
        headers=headers,
    )
