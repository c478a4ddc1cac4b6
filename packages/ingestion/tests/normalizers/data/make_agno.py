"""Made ``agno_team_delegation.pb`` (agno 2.x + openinference-instrumentation-agno).

A team leader delegates to a member; the OpenAI client talks to a scripted local
chat-completions server. Run in a scratch virtualenv with ``agno openai
openinference-instrumentation-agno opentelemetry-sdk opentelemetry-exporter-otlp-proto-common``;
not part of the test suite.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from agno.agent import Agent
from agno.models.openai import OpenAIChat
from agno.team import Team
from openinference.instrumentation.agno import AgnoInstrumentor
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

SCRIPT: list[tuple[str, Any]] = [
    ("tool", ("delegate_task_to_member", {"member_id": "web-searcher", "task": "find EV share"})),
    ("text", "EV share is 21%"),
    ("text", "Final: 21%"),
]


def _completion(kind: str, value: Any) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": None}
    if kind == "tool":
        call = {"name": value[0], "arguments": json.dumps(value[1])}
        message["tool_calls"] = [{"id": "call_1", "type": "function", "function": call}]
    else:
        message["content"] = value
    finish = "tool_calls" if kind == "tool" else "stop"
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 4, "total_tokens": 14},
    }


class _Chat(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        data = json.dumps(_completion(*SCRIPT.pop(0))).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main() -> None:
    """Run the team and write the OTLP body."""
    server = HTTPServer(("127.0.0.1", 18555), _Chat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "agno-demo"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    AgnoInstrumentor().instrument(tracer_provider=provider)

    def model() -> OpenAIChat:
        return OpenAIChat(id="gpt-4o-mini", base_url="http://127.0.0.1:18555/v1", api_key="x")

    searcher = Agent(name="Web Searcher", role="Searches the web", model=model())
    Team(name="Research Team", members=[searcher], model=model()).run("What is the EV share?")
    body = encode_spans(exporter.get_finished_spans()).SerializeToString()
    (Path(__file__).parent / "agno_team_delegation.pb").write_bytes(body)
    server.shutdown()


if __name__ == "__main__":
    main()
