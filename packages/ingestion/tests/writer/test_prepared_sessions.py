"""Which span attribute names a run's session (``SESSION_KEYS``, first found wins)."""

from __future__ import annotations

from agenttrace_core.models import NormalizedBatch, Span
from agenttrace_ingestion.writer.prepared import prepare
from agenttrace_ingestion.writer.rows import SESSION_KEYS


def _span(n: int, attributes: dict[str, object]) -> Span:
    return Span(
        trace_id=f"{n:032x}",
        span_id=f"{n:016x}",
        name=f"span {n}",
        start_time=1_000 + n,
        end_time=2_000 + n,
        attributes=attributes,
    )


def test_session_keys_in_order_of_precedence() -> None:
    assert SESSION_KEYS == (
        "session.id",
        "gen_ai.conversation.id",
        "thread_id",
        "langsmith.metadata.thread_id",
        "langsmith.metadata.session_id",
    )
    spans = [
        _span(1, {"session.id": "oi", "thread_id": "lg", "gen_ai.conversation.id": "genai"}),
        _span(2, {"gen_ai.conversation.id": "genai", "thread_id": "lg"}),
        _span(3, {"thread_id": "lg", "langsmith.metadata.thread_id": "ls"}),
        _span(4, {"langsmith.metadata.thread_id": "ls-thread"}),
        _span(5, {"langsmith.metadata.session_id": "ls-session"}),
        _span(6, {"session.id": "", "thread_id": 42}),  # empty values are skipped; ids are text
        _span(7, {"user.id": "u-1", "metadata": '{"thread_id": "in-json"}'}),
    ]
    prepared = prepare(NormalizedBatch(spans=spans))
    assert prepared.sessions == {
        (f"{1:032x}", f"{1:016x}"): "oi",
        (f"{2:032x}", f"{2:016x}"): "genai",
        (f"{3:032x}", f"{3:016x}"): "lg",
        (f"{4:032x}", f"{4:016x}"): "ls-thread",
        (f"{5:032x}", f"{5:016x}"): "ls-session",
        (f"{6:032x}", f"{6:016x}"): "42",
    }
