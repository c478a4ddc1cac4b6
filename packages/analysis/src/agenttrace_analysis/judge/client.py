"""A small client for any OpenAI-compatible chat completions endpoint."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from agenttrace_core.settings import Settings

logger = logging.getLogger(__name__)


class JudgeError(RuntimeError):
    """The endpoint could not be reached or answered with something unusable."""


@dataclass
class JudgeClient:
    """Asks ``{base_url}/chat/completions`` and returns the reply text.

    >>> client = JudgeClient("http://127.0.0.1:8080/v1", "gpt-4o-mini")  # doctest: +SKIP
    >>> client.chat([{"role": "user", "content": "Say hi"}])  # doctest: +SKIP
    'hi'
    """

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    retries: int = 1

    def _post(self, client: httpx.Client, body: dict[str, Any]) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        url = self.base_url.rstrip("/") + "/chat/completions"
        return client.post(url, json=body, headers=headers)

    def chat(self, messages: list[dict[str, str]]) -> str:
        """The assistant's reply to ``messages`` (temperature 0).

        Raises:
            JudgeError: after the retries, on a transport error, a non-2xx status or a reply
                without a message.
        """
        body = {"model": self.model, "messages": messages, "temperature": 0}
        last: Exception | None = None
        with httpx.Client(timeout=self.timeout) as client:
            for attempt in range(self.retries + 1):
                try:
                    response = self._post(client, body)
                    if response.status_code >= 500 or response.status_code == 429:
                        raise JudgeError(f"judge endpoint answered {response.status_code}")
                    response.raise_for_status()
                    content = response.json()["choices"][0]["message"]["content"]
                    return str(content or "")
                except (
                    httpx.HTTPError,
                    JudgeError,
                    KeyError,
                    IndexError,
                    TypeError,
                    ValueError,
                ) as exc:
                    last = exc
                    logger.warning("judge request failed (attempt %d): %s", attempt + 1, exc)
        raise JudgeError(f"the judge endpoint gave no usable reply: {last}") from last


def from_settings(settings: Settings, *, timeout: float = 60.0) -> JudgeClient | None:
    """A client for the configured endpoint, or None when the judge is off (no base URL)."""
    if not settings.llm_base_url:
        return None
    return JudgeClient(settings.llm_base_url, settings.llm_model, settings.llm_api_key, timeout)
