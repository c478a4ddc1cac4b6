"""Made ``llama_index_agent_workflow_handoff.pb`` (llama-index-core + OpenInference).

An ``AgentWorkflow`` whose research agent calls a tool and hands off to the writer; the
OpenAI client talks to a scripted local chat-completions server. Run in a scratch virtualenv
with ``llama-index-core llama-index-llms-openai openinference-instrumentation-llama-index
opentelemetry-sdk opentelemetry-exporter-otlp-proto-common``; not part of the test suite.
"""

from __future__ import annotations

import asyncio
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from llama_index.core.agent.workflow import AgentWorkflow, FunctionAgent
from llama_index.llms.openai import OpenAI
from openinference.instrumentation.llama_index import LlamaIndexInstrumentor
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

SCRIPT: list[tuple[str, Any]] = [
    ("tool", ("search", {"q": "ev"})),
    ("tool", ("handoff", {"to_agent": "WriteAgent", "reason": "write it up"})),
    ("text", "Report: EV 21%"),
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


def search(q: str) -> str:
    """Search notes."""
    return "EV share 21%"


def main() -> None:
    """Run the workflow and write the OTLP body."""
    server = HTTPServer(("127.0.0.1", 18555), _Chat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "li-demo"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    LlamaIndexInstrumentor().instrument(tracer_provider=provider)

    def llm() -> OpenAI:
        return OpenAI(model="gpt-4o-mini", api_base="http://127.0.0.1:18555/v1", api_key="x")

    research = FunctionAgent(
        name="ResearchAgent",
        description="Researches",
        system_prompt="research",
        llm=llm(),
        tools=[search],
        can_handoff_to=["WriteAgent"],
        streaming=False,
    )
    write = FunctionAgent(
        name="WriteAgent",
        description="Writes",
        system_prompt="write",
        llm=llm(),
        tools=[],
        can_handoff_to=[],
        streaming=False,
    )
    workflow = AgentWorkflow(agents=[research, write], root_agent="ResearchAgent")

    async def run() -> None:
        await workflow.run(user_msg="Write about EV share")

    asyncio.run(run())
    body = encode_spans(exporter.get_finished_spans()).SerializeToString()
    (Path(__file__).parent / "llama_index_agent_workflow_handoff.pb").write_bytes(body)
    server.shutdown()


if __name__ == "__main__":
    main()
