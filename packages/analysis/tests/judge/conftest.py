"""A tiny OpenAI-compatible chat server on 127.0.0.1 that answers what a test tells it."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Reply = str | tuple[int, str] | Callable[[dict[str, Any]], str]


@dataclass
class FakeOpenAI:
    """Replies are taken in order (the last one repeats); requests are recorded."""

    replies: list[Reply] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    delay: float = 0.0
    base_url: str = ""

    def next_reply(self, body: dict[str, Any]) -> tuple[int, str]:
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if callable(reply):
            return 200, reply(body)
        if isinstance(reply, tuple):
            return reply
        return 200, reply


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.requests.append(body)
            fake.headers.append(dict(self.headers))
            if fake.delay:
                time.sleep(fake.delay)
            status, content = fake.next_reply(body)
            payload = (
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
                if status == 200 and self.path.endswith("/chat/completions")
                else {"error": {"message": content}}
            )
            data = json.dumps(payload).encode()
            self.send_response(status if self.path.endswith("/chat/completions") else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A running fake endpoint; set ``.replies`` before calling it."""
    fake = FakeOpenAI()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield fake
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
