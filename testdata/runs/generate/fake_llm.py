"""A scripted OpenAI-compatible chat-completions server for recording corpus runs.

The frameworks' real OpenAI clients (LangChain's ChatOpenAI, AutoGen's OpenAIChatCompletionClient,
CrewAI and Google ADK through LiteLLM, the OpenAI Agents SDK, Pydantic AI, smolagents, Strands)
talk to it as to the real service. Each run sets a :class:`Script`: the replies every agent
gives, in order. An agent is recognised by a marker in the request (usually its name, found in
its system prompt); the first marker found in the system messages wins, then the first found
anywhere in the request.

    from fake_llm import FakeLLM, Script, say, call

    llm = FakeLLM().start()                      # http://127.0.0.1:<port>/v1
    llm.script = Script({
        "researcher": [call("web_search", query="EU GDP 2024"), say("GDP grew 0.9%.")],
        "writer": [say("Final report: ...")],
    })

Replies that run out repeat the agent's last reply (a loop keeps looping). Every response
carries token usage, so instrumentations have figures to record. Streaming is supported.
Standard library only: it runs in every framework's environment.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MODEL = "gpt-4o-mini-2024-07-18"


@dataclass
class Reply:
    """One assistant message: text, tool calls, or both."""

    content: str | None = None
    tool_calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def say(text: str) -> Reply:
    """A reply in plain text."""
    return Reply(content=text)


def call(name: str, _content: str | None = None, **arguments: Any) -> Reply:
    """A reply that calls one tool with keyword arguments."""
    return Reply(content=_content, tool_calls=[(name, arguments)])


def calls(*tool_calls: tuple[str, dict[str, Any]], content: str | None = None) -> Reply:
    """A reply that calls several tools at once: ``calls(("a", {...}), ("b", {...}))``."""
    return Reply(content=content, tool_calls=list(tool_calls))


class Script:
    """The replies of one run, per agent marker, consumed in order."""

    def __init__(self, replies: dict[str, list[Reply]], default: list[Reply] | None = None):
        self.replies = {k: list(v) for k, v in replies.items()}
        self.default = list(default or [])
        self.used: dict[str, int] = {}
        self.lock = threading.Lock()
        self.log: list[dict[str, Any]] = []

    def _marker(self, request: dict[str, Any]) -> str | None:
        messages = request.get("messages") or []
        system = " ".join(
            _text(m.get("content")) for m in messages if m.get("role") in ("system", "developer")
        )
        system += " " + _text(request.get("instructions"))
        for marker in self.replies:
            if marker in system:
                return marker
        whole = json.dumps(request)
        for marker in self.replies:
            if marker in whole:
                return marker
        return None

    def next(self, request: dict[str, Any]) -> Reply:
        """The reply to ``request``."""
        with self.lock:
            marker = self._marker(request)
            queue = self.replies.get(marker, self.default) if marker else self.default
            if not queue:
                raise LookupError(f"no scripted reply for request (marker {marker!r})")
            key = marker or ""
            i = self.used.get(key, 0)
            self.used[key] = i + 1
            reply = queue[min(i, len(queue) - 1)]
            self.log.append({"marker": marker, "turn": i})
            return reply


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(_text(p.get("text") if isinstance(p, dict) else p) for p in content)
    return "" if content is None else str(content)


def _tokens(obj: Any) -> int:
    return max(1, len(json.dumps(obj)) // 4)


class FakeLLM:
    """The server; ``start()`` runs it on a free port in a daemon thread."""

    def __init__(self) -> None:
        self.script: Script | None = None
        self.server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> FakeLLM:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, code: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802
                models = {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"}]}
                self._send(200, json.dumps(models).encode())

            def do_POST(self) -> None:  # noqa: N802
                size = int(self.headers.get("Content-Length") or 0)
                request = json.loads(self.rfile.read(size) or b"{}")
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, b'{"error":{"message":"only chat/completions is served"}}')
                    return
                if owner.script is None:
                    self._send(500, b'{"error":{"message":"no script set"}}')
                    return
                try:
                    reply = owner.script.next(request)
                except LookupError as exc:
                    self._send(500, json.dumps({"error": {"message": str(exc)}}).encode())
                    return
                self._answer(request, reply)

            def _answer(self, request: dict[str, Any], reply: Reply) -> None:
                message: dict[str, Any] = {"role": "assistant", "content": reply.content}
                tool_calls = [
                    {
                        "id": "call_" + uuid.uuid4().hex[:24],
                        "type": "function",
                        "function": {"name": name, "arguments": json.dumps(args)},
                    }
                    for name, args in reply.tool_calls
                ]
                if tool_calls:
                    message["tool_calls"] = tool_calls
                finish = "tool_calls" if tool_calls else "stop"
                prompt, completion = _tokens(request.get("messages")), _tokens(message)
                usage = {
                    "prompt_tokens": prompt,
                    "completion_tokens": completion,
                    "total_tokens": prompt + completion,
                }
                cid = "chatcmpl-" + uuid.uuid4().hex[:24]
                created = int(time.time())
                if not request.get("stream"):
                    body = {
                        "id": cid,
                        "object": "chat.completion",
                        "created": created,
                        "model": MODEL,
                        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                        "usage": usage,
                    }
                    self._send(200, json.dumps(body).encode())
                    return
                base = {"id": cid, "object": "chat.completion.chunk", "created": created,
                        "model": MODEL}
                chunks = [dict(base, choices=[{"index": 0, "delta": {"role": "assistant",
                                                                      "content": ""},
                                               "finish_reason": None}])]
                if reply.content:
                    chunks.append(dict(base, choices=[{"index": 0,
                                                       "delta": {"content": reply.content},
                                                       "finish_reason": None}]))
                for i, tc in enumerate(tool_calls):
                    chunks.append(dict(base, choices=[{"index": 0,
                                                       "delta": {"tool_calls": [dict(tc, index=i)]},
                                                       "finish_reason": None}]))
                chunks.append(dict(base, choices=[{"index": 0, "delta": {},
                                                   "finish_reason": finish}]))
                chunks.append(dict(base, choices=[], usage=usage))
                data = b"".join(b"data: " + json.dumps(c).encode() + b"\n\n" for c in chunks)
                self._send(200, data + b"data: [DONE]\n\n", "text/event-stream")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self
