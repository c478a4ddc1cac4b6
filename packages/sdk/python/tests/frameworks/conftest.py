"""A scripted, OpenAI-compatible chat-completions server on 127.0.0.1 for the framework tests.

The frameworks' real OpenAI clients talk to it; only the model is fake. Each request pops the
next scripted reply: a string (an assistant message) or a ``ToolCall``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass(frozen=True)
class ToolCall:
    """A reply that calls one tool."""

    name: str
    arguments: dict[str, Any]


@dataclass
class FakeLLM:
    """The fake server: ``url`` is the OpenAI base URL (``…/v1``); ``requests`` what it got."""

    url: str
    replies: list[str | ToolCall] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def tool(name: str, **arguments: Any) -> ToolCall:
        """A reply that calls the tool ``name`` with ``arguments``."""
        return ToolCall(name, arguments)

    def script(self, *replies: str | ToolCall) -> None:
        """Queue the next replies, in order."""
        with self.lock:
            self.replies.extend(replies)

    def next_reply(self, request: dict[str, Any]) -> str | ToolCall:
        with self.lock:
            self.requests.append(request)
            return self.replies.pop(0) if self.replies else "Done."


def _completion(reply: str | ToolCall, model: str, n: int) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": None}
    finish = "stop"
    if isinstance(reply, ToolCall):
        message["tool_calls"] = [
            {
                "id": f"call_{n}",
                "type": "function",
                "function": {"name": reply.name, "arguments": json.dumps(reply.arguments)},
            }
        ]
        finish = "tool_calls"
    else:
        message["content"] = reply
    return {
        "id": f"chatcmpl-{n}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": 100 + n, "completion_tokens": 20, "total_tokens": 120 + n},
    }


def _chunks(body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The completion as stream chunks: one delta with everything, then the usage."""
    choice = body["choices"][0]
    delta = dict(choice["message"])
    if "tool_calls" in delta:
        delta["tool_calls"] = [{**c, "index": i} for i, c in enumerate(delta["tool_calls"])]
    base = {k: body[k] for k in ("id", "created", "model")} | {"object": "chat.completion.chunk"}
    yield base | {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
    yield base | {"choices": [{"index": 0, "delta": {}, "finish_reason": choice["finish_reason"]}]}
    yield base | {"choices": [], "usage": body["usage"]}


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    """A fake OpenAI chat-completions endpoint for this test."""
    counter = iter(range(1, 1_000_000))
    holder: dict[str, FakeLLM] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            request = json.loads(self.rfile.read(length) or b"{}")
            fake = holder["fake"]
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self.send_error(404, f"the fake serves /v1/chat/completions, not {self.path}")
                return
            body = _completion(
                fake.next_reply(request), request.get("model", "fake"), next(counter)
            )
            if request.get("stream"):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for chunk in _chunks(body):
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                return
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["fake"] = FakeLLM(url=f"http://127.0.0.1:{server.server_address[1]}/v1")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder["fake"]
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
